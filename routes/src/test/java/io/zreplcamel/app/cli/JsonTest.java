package io.zreplcamel.app.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class JsonTest {

    @Test
    void writesScalarsEscapingStrings() {
        assertThat(Json.compact(null)).isEqualTo("null");
        assertThat(Json.compact(true)).isEqualTo("true");
        assertThat(Json.compact(42L)).isEqualTo("42");
        assertThat(Json.compact(new BigDecimal("1.50"))).isEqualTo("1.50");
        assertThat(Json.compact("a\"b\\c\n\t\u0001é")).isEqualTo("\"a\\\"b\\\\c\\n\\t\\u0001é\"");
    }

    @Test
    void writesNestedContainersInOrder() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("z", List.of(1, 2));
        m.put("a", new LinkedHashMap<>());
        m.put("n", Arrays.asList((Object) null));
        m.put("e", new ArrayList<>());

        assertThat(Json.compact(m)).isEqualTo("{\"z\":[1,2],\"a\":{},\"n\":[null],\"e\":[]}");
        assertThat(Json.pretty(m)).isEqualTo("{\n  \"z\": [\n    1,\n    2\n  ],\n  \"a\": {},\n  \"n\": [\n"
                + "    null\n  ],\n  \"e\": []\n}");
    }

    @Test
    void rejectsWhatJsonCannotHold() {
        assertThatThrownBy(() -> Json.compact(Double.NaN)).hasMessageContaining("NaN");
        assertThatThrownBy(() -> Json.compact(new Object())).hasMessageContaining("cannot write");
    }
}
