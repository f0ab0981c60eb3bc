package io.zreplcamel.config.values;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class RetentionGridTest {

    static Stream<Arguments> validSpecs() {
        return Stream.of(
                Arguments.of("1x1h", List.of(iv(3600, 1))),
                Arguments.of("1x1h(keep=all) | 24x1h | 14x1d", concat(
                        List.of(iv(3600, -1)), repeat(iv(3600, 1), 24), repeat(iv(86400, 1), 14))),
                Arguments.of(" 2 x 10m ( keep=3)", List.of(iv(600, 3), iv(600, 3))),
                Arguments.of("1x10m(keep=-1)", List.of(iv(600, -1))),
                Arguments.of("1x1w", List.of(iv(7 * 86400, 1))),
                Arguments.of("3x30s(keep=2)|1x1m", List.of(iv(30, 2), iv(30, 2), iv(30, 2), iv(60, 1))),
                Arguments.of("1x+5m", List.of(iv(300, 1))),
                // shorter after longer is fine while everything before keeps all
                Arguments.of("1x1d(keep=all)|2x1h", List.of(iv(86400, -1), iv(3600, 1), iv(3600, 1))),
                Arguments.of("1x1d(keep=all)|1x1h(keep=all)|1x30m",
                        List.of(iv(86400, -1), iv(3600, -1), iv(1800, 1))));
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @MethodSource("validSpecs")
    void parsesValidSpecs(String spec, List<RetentionGrid.Interval> expected) {
        RetentionGrid grid = RetentionGrid.parse(spec);
        assertThat(grid.intervals()).containsExactlyElementsOf(expected);
        assertThat(grid.intervalCount()).isEqualTo(expected.size());
    }

    static Stream<Arguments> invalidSpecs() {
        return Stream.of(
                Arguments.of("", "cannot parse interval 1 of 1: retention string does not match expected format: "),
                Arguments.of("1x1h|", "cannot parse interval 2 of 2: retention string does not match expected format: "),
                Arguments.of("1h", "cannot parse interval 1 of 1: retention string does not match expected format: 1h"),
                Arguments.of("1x1h | 0x1h", "cannot parse interval 2 of 2: contains factor <= 0: 0x1h"),
                Arguments.of("1x1y", "cannot parse interval 1 of 1: invalid duration"),
                Arguments.of("1x0s", "cannot parse interval 1 of 1: duration \"0s\" must be positive: 1x0s"),
                Arguments.of("1x1h30m", "cannot parse interval 1 of 1: invalid duration"),
                Arguments.of("1x1h(foo=1)",
                        "cannot parse interval 1 of 1: interval parameter contains unknown parameters: 1x1h(foo=1)"),
                Arguments.of("1x1h(keep=all )",
                        "cannot parse interval 1 of 1: cannot parse keep_count value: 1x1h(keep=all )"),
                Arguments.of("1x1h(keep=many)", "cannot parse keep_count value"),
                Arguments.of("1x1h( keep=3 )", "cannot parse keep_count value"),
                Arguments.of("1x1h(keep=0)",
                        "cannot parse interval 1 of 1: keep_count must be a positive integer or \"all\" (or -1), got 0"),
                Arguments.of("1x1h(keep=-2)", "keep_count must be a positive integer or \"all\" (or -1), got -2"),
                Arguments.of("1x1h(keep=99999999999)", "cannot parse keep_count value"),
                Arguments.of("99999999999999999999x1h", "out of range"),
                Arguments.of("1x1d | 1x1h", "retention grid interval length must be monotonically increasing"),
                Arguments.of("1x1d(keep=all) | 1x2d | 1x1h",
                        "retention grid interval length must be monotonically increasing"));
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @MethodSource("invalidSpecs")
    void rejectsInvalidSpecs(String spec, String messagePart) {
        assertThatThrownBy(() -> RetentionGrid.parse(spec))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(messagePart);
    }

    @Test
    void largeRepeatIsCompact() {
        RetentionGrid grid = RetentionGrid.parse("1000000000x1h");
        assertThat(grid.intervalCount()).isEqualTo(1_000_000_000L);
        assertThat(grid.items()).hasSize(1);
        assertThat(grid.intervals().get(999_999_999)).isEqualTo(iv(3600, 1));
        assertThat(grid.totalLength()).isEqualTo(Duration.ofHours(1_000_000_000L));
    }

    @Test
    void expandedViewIndexesAcrossItems() {
        RetentionGrid grid = RetentionGrid.parse("2x1m(keep=all)|3x1h(keep=2)|1x1d");
        List<RetentionGrid.Interval> intervals = grid.intervals();
        assertThat(intervals).hasSize(6);
        assertThat(intervals.get(1)).isEqualTo(iv(60, -1));
        assertThat(intervals.get(2)).isEqualTo(iv(3600, 2));
        assertThat(intervals.get(4)).isEqualTo(iv(3600, 2));
        assertThat(intervals.get(5)).isEqualTo(iv(86400, 1));
        assertThatThrownBy(() -> intervals.get(6)).isInstanceOf(IndexOutOfBoundsException.class);
    }

    @Test
    void toStringIsNormalized() {
        assertThat(RetentionGrid.parse(" 1x60m(keep=all)|24x1h| 14 x 1d |2x2w(keep=3)").toString())
                .isEqualTo("1x1h(keep=all) | 24x1h | 14x1d | 2x2w(keep=3)");
    }

    @Property(tries = 10_000)
    void toStringParsesBackToTheSameGrid(@ForAll("grids") RetentionGrid grid) {
        assertThat(RetentionGrid.parse(grid.toString())).isEqualTo(grid);
    }

    @Provide
    Arbitrary<RetentionGrid> grids() {
        Arbitrary<RetentionGrid.Item> item = Combinators.combine(
                Arbitraries.longs().between(1, 50),
                Arbitraries.longs().between(1, 10_000),
                Arbitraries.of(1L, 60L, 3600L, 86400L),
                Arbitraries.integers().between(-1, 5).filter(k -> k != 0))
                .as((n, amount, unit, keep) ->
                        new RetentionGrid.Item(n, new RetentionGrid.Interval(Duration.ofSeconds(amount * unit), keep)));
        return item.list().ofMinSize(1).ofMaxSize(6).map(items -> {
            // make lengths non-decreasing so the grid is valid
            List<RetentionGrid.Item> sorted = new ArrayList<>(items);
            sorted.sort((a, b) -> a.interval().length().compareTo(b.interval().length()));
            return RetentionGrid.of(sorted);
        });
    }

    private static RetentionGrid.Interval iv(long seconds, int keep) {
        return new RetentionGrid.Interval(Duration.ofSeconds(seconds), keep);
    }

    private static List<RetentionGrid.Interval> repeat(RetentionGrid.Interval i, int n) {
        List<RetentionGrid.Interval> out = new ArrayList<>();
        for (int k = 0; k < n; k++) {
            out.add(i);
        }
        return out;
    }

    @SafeVarargs
    private static List<RetentionGrid.Interval> concat(List<RetentionGrid.Interval>... lists) {
        List<RetentionGrid.Interval> out = new ArrayList<>();
        for (List<RetentionGrid.Interval> l : lists) {
            out.addAll(l);
        }
        return out;
    }
}
