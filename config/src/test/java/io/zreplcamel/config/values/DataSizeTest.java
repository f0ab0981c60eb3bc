package io.zreplcamel.config.values;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.LongRange;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class DataSizeTest {

    @ParameterizedTest(name = "{0} = {1} bits")
    @CsvSource({
            "12345 B, 98760",
            "1 b, 1",
            "8 bit, 8",
            "-1 B, -8",
            "1 KiB, 8192",
            "1 KB, 8000",
            "1 Kb, 1000",
            "23.5 MiB, 197132288",
            "1 GB, 8000000000",
            "1 Gi" + "B, 8589934592",
            "1 TiB, 8796093022208",
            "1 Tb, 1000000000000",
            "1B, 8",
            ".5 B, 4",
            "128 KiB, 1048576",
    })
    void parses(String text, double bits) {
        assertThat(DataSize.parse(text).bits()).isEqualTo(bits);
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @CsvSource(delimiter = '|', value = {"10|expected a number and a unit", "10 KB/s|expected a number",
            "1.5 bit|unit bit needs an integer", "ten B|expected a number", "1-2 B|is not a number",
            "' B'|is not a number", "1 kB|expected a number", "1 bits|expected a number", "' 1 B'|expected a number"})
    void rejects(String text, String reason) {
        assertThatThrownBy(() -> DataSize.parse(text)).hasMessageContaining("invalid data size")
                .hasMessageContaining(reason);
    }

    @ParameterizedTest
    @CsvSource({"12345 B, 12345", "-1 B, -1", "0.5 B, 0", "9 b, 1", "-9 b, -1"})
    void wholeBytesTruncateTowardZero(String text, long bytes) {
        assertThat(DataSize.parse(text).wholeBytes()).isEqualTo(bytes);
    }

    @Property
    void formatThenParseIsIdentityForBytes(@ForAll @LongRange(min = -(1L << 50), max = 1L << 50) long bytes) {
        DataSize size = DataSize.ofBytes(bytes);
        assertThat(DataSize.parse(size.format())).isEqualTo(size);
        assertThat(DataSize.parse(size.format()).wholeBytes()).isEqualTo(bytes);
    }

    @Property
    void formatThenParseIsIdentityForBits(@ForAll @LongRange(min = -(1L << 50), max = 1L << 50) long bits) {
        DataSize size = new DataSize(bits);
        assertThat(DataSize.parse(size.format())).isEqualTo(size);
    }
}
