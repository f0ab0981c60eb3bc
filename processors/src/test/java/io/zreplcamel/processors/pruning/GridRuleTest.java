package io.zreplcamel.processors.pruning;

import static io.zreplcamel.processors.pruning.Snaps.at;
import static io.zreplcamel.processors.pruning.Snaps.grid;
import static io.zreplcamel.processors.pruning.Snaps.minutes;
import static io.zreplcamel.processors.pruning.Snaps.names;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.zreplcamel.config.values.GoRegex;
import io.zreplcamel.config.values.RetentionGrid;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Grid semantics, case by case; several cases are zrepl's own retentiongrid tests restated. */
class GridRuleTest {

    static Stream<Arguments> cases() {
        return Stream.of(
                Arguments.of("boundaries: each interval includes its younger edge, excludes its older edge",
                        "1x10m|1x10m|1x10m",
                        List.of(minutes("now", 0), minutes("m10", -10), minutes("m20", -20),
                                minutes("m30", -30), minutes("m40", -40)),
                        Set.of("now", "m10", "m20")),
                Arguments.of("one second inside the first interval shares it with now",
                        "1x10m|1x10m",
                        List.of(minutes("now", 0), at("m9s59", Duration.ofSeconds(-599)), minutes("m10", -10)),
                        Set.of("m9s59", "m10")),
                Arguments.of("keeps the oldest K in an interval (zrepl TestKeepsOldestSnapsInABucket)",
                        "1x1m(keep=2)",
                        List.of(at("1", Duration.ofSeconds(1)), at("2", Duration.ofSeconds(2)),
                                at("3", Duration.ofSeconds(3)), at("4", Duration.ofSeconds(4)),
                                at("5", Duration.ofSeconds(5))),
                        Set.of("1", "2")),
                Arguments.of("the newest is not kept when an older one shares interval 1 (keep=1)",
                        "1x1h|24x1h",
                        List.of(minutes("newest", 0), minutes("m15", -15), minutes("m45", -45),
                                minutes("m70", -70)),
                        Set.of("m45", "m70")),
                Arguments.of("keep=all keeps the whole interval (zrepl TestRespectsKeepCountAll)",
                        "1x1m(keep=all)|1x1m",
                        List.of(at("a", Duration.ZERO), at("b", Duration.ofSeconds(-1)),
                                at("c", Duration.ofSeconds(-2)), at("d", Duration.ofSeconds(-60)),
                                at("e", Duration.ofSeconds(-61))),
                        Set.of("a", "b", "c", "e")),
                Arguments.of("zrepl TestComplex, shifted so that the newest snapshot is now",
                        "1x10m(keep=all)|1x10m|1x10m(keep=2)|1x1h",
                        List.of(minutes("now", 0), minutes("b1", -6), minutes("b3", -8), minutes("b2", -9),
                                minutes("a", -11), minutes("c", -19), minutes("foo", -25), minutes("bar", -26),
                                minutes("border", -30), minutes("d", -75), minutes("q", -90), minutes("e", -91),
                                minutes("f", -120)),
                        Set.of("now", "b1", "b3", "b2", "c", "foo", "bar", "d")),
                Arguments.of("an empty interval keeps nothing and does not shift the others",
                        "1x1h|1x1h|1x1h",
                        List.of(minutes("now", 0), minutes("m150", -150)),
                        Set.of("now", "m150")),
                Arguments.of("older than the whole grid is not kept",
                        "2x1d",
                        List.of(minutes("now", 0), at("d2", Duration.ofDays(-2)), at("d1", Duration.ofHours(-47))),
                        Set.of("now", "d1")),
                Arguments.of("repeat expands into separate intervals",
                        "3x1h",
                        List.of(minutes("now", 0), minutes("a", -30), minutes("b", -61), minutes("c", -119),
                                minutes("d", -121), minutes("e", -179), minutes("f", -180)),
                        Set.of("a", "c", "e")),
                Arguments.of("single snapshot is now and kept",
                        "1x1h", List.of(minutes("only", 0)), Set.of("only")),
                Arguments.of("no snapshots", "1x1h", List.of(), Set.of()));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void fitsLikeZrepl(String title, String spec, List<PruneSnapshot> snaps, Set<String> kept) {
        assertThat(names(grid(spec).keep(snaps))).containsExactlyInAnyOrderElementsOf(kept);
    }

    @Test
    void nowIsTheNewestMatchingSnapshotNotTheNewestOverall() {
        // "manual" is newest but does not match: now is z1's creation, so z2 (61 min older) is in interval 2.
        List<PruneSnapshot> snaps = List.of(minutes("manual", 500), minutes("zrepl_1", 0), minutes("zrepl_2", -61));
        GridRule rule = grid("1x1h|1x1h", "^zrepl_");
        assertThat(names(rule.keep(snaps))).containsExactlyInAnyOrder("zrepl_1", "zrepl_2");
        GridRule.Fit fit = rule.fit(snaps);
        assertThat(fit.now()).isEqualTo(Snaps.BASE);
        assertThat(fit.intervals()).containsEntry(snaps.get(2), 1L).doesNotContainKey(snaps.get(0));
    }

    @Test
    void unanchoredRegexMatchesAnywhere() {
        List<PruneSnapshot> snaps = List.of(minutes("my_zrepl_1", 0), minutes("other", -1));
        assertThat(names(grid("1x1h(keep=all)", "zrepl_").keep(snaps))).containsExactly("my_zrepl_1");
    }

    @Test
    void equalCreationTimesOrderByCreateTxg() {
        PruneSnapshot a = PruneSnapshot.of("a", Snaps.BASE, 10);
        PruneSnapshot b = PruneSnapshot.of("b", Snaps.BASE, 11);
        PruneSnapshot c = PruneSnapshot.of("c", Snaps.BASE, 12);
        assertThat(names(grid("1x1h").keep(List.of(c, a, b)))).containsExactly("a");
    }

    @Test
    void hugeRepeatCountsStayCheap() {
        GridRule rule = grid("1000000000x1h");
        List<PruneSnapshot> snaps = List.of(minutes("now", 0), at("old", Duration.ofDays(-365 * 100)));
        assertThat(names(rule.keep(snaps))).containsExactlyInAnyOrder("now", "old");
        assertThat(rule.intervalIndex(Duration.ofDays(365 * 100))).isEqualTo(876_000L);
    }

    @Test
    void emptyRegexIsRejectedLikeZrepl() {
        assertThatThrownBy(() -> new GridRule(RetentionGrid.parse("1x1h"), GoRegex.compile("")))
                .hasMessage("Regex must not be empty");
    }

    @Test
    void description() {
        assertThat(grid("1x1h(keep=all)|24x1h", "^zrepl_").description())
                .isEqualTo("grid(1x1h(keep=all) | 24x1h, regex=\"^zrepl_\")");
    }
}
