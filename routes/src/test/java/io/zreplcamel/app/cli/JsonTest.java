package io.zreplcamel.app.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The CLI's three JSON layouts, byte for byte as the CLI printed them before it wrote JSON with Jackson. */
class JsonTest {

    @Test
    void writesScalarsEscapingStrings() {
        assertThat(Json.compact(null)).isEqualTo("null");
        assertThat(Json.compact(true)).isEqualTo("true");
        assertThat(Json.compact(42L)).isEqualTo("42");
        assertThat(Json.compact(new BigInteger("17835627815740247930"))).isEqualTo("17835627815740247930");
        assertThat(Json.compact("a\"b\\c\n\t\u0001é")).isEqualTo("\"a\\\"b\\\\c\\n\\t\\u0001é\"");
    }

    @Test
    void writesBigDecimalsPlain() {
        assertThat(Json.compact(new BigDecimal("1.50"))).isEqualTo("1.50");
        // durations in seconds are stripped of trailing zeros: 900 s is 9E+2, still written 900
        assertThat(Json.compact(new BigDecimal("900").stripTrailingZeros())).isEqualTo("900");
        assertThat(Json.compact(new BigDecimal("0.000000001"))).isEqualTo("0.000000001");
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
        assertThat(Json.oneLine(m)).isEqualTo("{\"z\": [1, 2], \"a\": {}, \"n\": [null], \"e\": []}");
    }

    @Test
    void writesOneElementPerLine() {
        Map<String, Object> first = new LinkedHashMap<>();
        first.put("snapshot", "tank@a");
        first.put("keptBy", List.of("regex(\"^manual_\")", "last_n"));
        Map<String, Object> second = new LinkedHashMap<>();
        second.put("snapshot", "tank@b");
        second.put("keptBy", List.of());

        assertThat(Json.linePerElement(List.of(first, second))).isEqualTo("""
                [
                  {"snapshot": "tank@a", "keptBy": ["regex(\\"^manual_\\")", "last_n"]},
                  {"snapshot": "tank@b", "keptBy": []}
                ]""");
        assertThat(Json.linePerElement(List.of())).isEqualTo("[]");
    }

    @Test
    void rejectsWhatJsonCannotHold() {
        assertThatThrownBy(() -> Json.compact(new Object())).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("cannot write as JSON");
    }
}
