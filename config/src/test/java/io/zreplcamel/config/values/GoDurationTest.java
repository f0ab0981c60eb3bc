package io.zreplcamel.config.values;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.LongRange;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class GoDurationTest {

    @ParameterizedTest(name = "{0} = {1}ns")
    @CsvSource({
            "0, 0",
            "+0, 0",
            "-0, 0",
            "10s, 10000000000",
            "1m30s, 90000000000",
            "1.5h, 5400000000000",
            "250ms, 250000000",
            "1us, 1000",
            "1µs, 1000",
            "1μs, 1000",
            "3ns, 3",
            "-1s, -1000000000",
            ".5s, 500000000",
            "1.s, 1000000000",
            "1h1m1s1ms1us1ns, 3661001001001",
            "1.0000000001s, 1000000000",
            "2562047h, 9223369200000000000",
    })
    void parsesGoSyntax(String text, long nanos) {
        assertThat(GoDuration.parse(text)).isEqualTo(Duration.ofNanos(nanos));
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @CsvSource(delimiter = '|', value = {
            "''|empty",
            "10|missing unit after 10",
            "1d|unknown unit \"d\"",
            "1w|unknown unit \"w\"",
            "s|expected a number",
            ".s|expected a number",
            "1 s|unknown unit \" s\"",
            "-|no number",
            "3000000h|out of range",
            "1h-1m|unknown unit \"h-\"",
    })
    void rejectsWithAReason(String text, String reason) {
        assertThatThrownBy(() -> GoDuration.parse(text))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("invalid duration \"" + text + "\"")
                .hasMessageContaining(reason);
    }

    @ParameterizedTest
    @CsvSource({"0, 0s", "1000000000, 1s", "5400000000000, 1h30m0s", "1500000000, 1.5s", "250000000, 250ms",
            "1000, 1µs", "1500, 1.5µs", "7, 7ns", "-60000000000, -1m0s", "86400000000000, 24h0m0s"})
    void formatsLikeGo(long nanos, String expected) {
        assertThat(GoDuration.format(Duration.ofNanos(nanos))).isEqualTo(expected);
    }

    @Property
    void formatThenParseIsIdentity(@ForAll @LongRange(min = -Long.MAX_VALUE) long nanos) {
        Duration d = Duration.ofNanos(nanos);
        assertThat(GoDuration.parse(GoDuration.format(d))).isEqualTo(d);
    }

    @Property
    void signsAndPositivity(@ForAll @LongRange(min = 1, max = 1_000_000_000_000L) long nanos) {
        String text = GoDuration.format(Duration.ofNanos(nanos));
        assertThat(GoDuration.parsePositive(text)).isPositive();
        assertThatThrownBy(() -> GoDuration.parseZeroOrPositive("-" + text)).hasMessageContaining("negative");
    }
}
