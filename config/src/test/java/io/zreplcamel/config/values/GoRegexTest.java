package io.zreplcamel.config.values;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class GoRegexTest {

    @ParameterizedTest(name = "{0} ~ {1} = {2}")
    @CsvSource({
            "zrepl_, zrepl_20200101, true",
            "zrepl_, manual_zrepl_x, true",
            "^zrepl_, manual_zrepl_x, false",
            "'', anything, true",
            ".*, '', true",
            "^keep$, keep, true",
            "^keep$, keeper, false",
            "(?i)ZREPL, zrepl_1, true",
            "\\d{4}, snap_2020, true",
    })
    void unanchoredFind(String regex, String name, boolean matches) {
        assertThat(GoRegex.compile(regex).find(name)).isEqualTo(matches);
    }

    @ParameterizedTest
    @CsvSource({"(", "(?=x)", "a)", "\\1", "[z-a]"})
    void rejectsWhatRe2Rejects(String regex) {
        assertThatThrownBy(() -> GoRegex.compile(regex)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("invalid regular expression \"" + regex + "\"");
    }
}
