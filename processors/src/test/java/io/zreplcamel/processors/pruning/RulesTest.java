package io.zreplcamel.processors.pruning;

import static io.zreplcamel.processors.pruning.Snaps.minutes;
import static io.zreplcamel.processors.pruning.Snaps.names;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.zreplcamel.config.model.pruning.KeepRule;
import io.zreplcamel.config.values.GoRegex;
import io.zreplcamel.config.values.RetentionGrid;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class RulesTest {

    static final List<PruneSnapshot> SNAPS = List.of(
            minutes("zrepl_1", -40), minutes("zrepl_2", -30), minutes("manual_a", -25),
            minutes("zrepl_3", -20), minutes("zrepl_4", -10), minutes("manual_b", -5));

    static Stream<Arguments> lastN() {
        return Stream.of(
                Arguments.of(2, "", Set.of("zrepl_4", "manual_b")),
                Arguments.of(2, "^zrepl_", Set.of("zrepl_3", "zrepl_4")),
                Arguments.of(10, "^zrepl_", Set.of("zrepl_1", "zrepl_2", "zrepl_3", "zrepl_4")),
                Arguments.of(1, "manual", Set.of("manual_b")),
                Arguments.of(3, "^nomatch$", Set.of()));
    }

    @ParameterizedTest(name = "last_n {0} {1}")
    @MethodSource("lastN")
    void lastNKeepsTheNewestMatching(int count, String regex, Set<String> kept) {
        LastNRule rule = new LastNRule(count, Optional.of(GoRegex.compile(regex)));
        assertThat(names(rule.keep(SNAPS))).containsExactlyInAnyOrderElementsOf(kept);
    }

    @Test
    void lastNBreaksTiesByNameDescending() {
        List<PruneSnapshot> tied = List.of(minutes("a", 0), minutes("c", 0), minutes("b", 0));
        assertThat(names(LastNRule.of(2).keep(tied))).containsExactlyInAnyOrder("c", "b");
    }

    @Test
    void lastNRejectsNonPositiveCounts() {
        assertThatThrownBy(() -> LastNRule.of(0))
                .hasMessage("must specify positive number as 'keep last count', got 0");
    }

    static Stream<Arguments> regex() {
        return Stream.of(
                Arguments.of("^manual_", false, Set.of("manual_a", "manual_b")),
                Arguments.of("^manual_", true, Set.of("zrepl_1", "zrepl_2", "zrepl_3", "zrepl_4")),
                Arguments.of("_[34]$", false, Set.of("zrepl_3", "zrepl_4")),
                Arguments.of("", false, Set.of("zrepl_1", "zrepl_2", "manual_a", "zrepl_3", "zrepl_4", "manual_b")),
                Arguments.of("", true, Set.of()));
    }

    @ParameterizedTest(name = "regex {0} negate={1}")
    @MethodSource("regex")
    void regexKeepsMatchesOrNonMatches(String regex, boolean negate, Set<String> kept) {
        assertThat(names(RetentionRules.regex(regex, negate).keep(SNAPS))).containsExactlyInAnyOrderElementsOf(kept);
    }

    @Test
    void notReplicatedKeepsWhatIsNotMarkedReplicated() {
        List<PruneSnapshot> marked = List.of(minutes("a", -3).withReplicated(true), minutes("b", -2),
                minutes("c", -1));
        assertThat(names(new NotReplicatedRule(true).keep(marked))).containsExactlyInAnyOrder("b", "c");
    }

    @Test
    void adaptsConfigRules() {
        assertThat(RetentionRules.from(new KeepRule.NotReplicated(false)))
                .isEqualTo(new NotReplicatedRule(false));
        assertThat(RetentionRules.from(new KeepRule.LastN(5, GoRegex.compile("^z")))).isEqualTo(
                new LastNRule(5, Optional.of(GoRegex.compile("^z"))));
        assertThat(RetentionRules.from(new KeepRule.LastN(5, GoRegex.compile(""))).description())
                .isEqualTo("last_n(count=5)");
        assertThat(RetentionRules.from(new KeepRule.Regex(GoRegex.compile("x"), true)).description())
                .isEqualTo("regex(\"x\", negate)");
        assertThat(RetentionRules.from(new KeepRule.Grid(RetentionGrid.parse("1x1h"), GoRegex.compile("^z"))))
                .isEqualTo(Snaps.grid("1x1h", "^z"));
    }

    @Test
    void snapJobsCannotUseNotReplicated() {
        assertThatThrownBy(() -> RetentionRules.forSide(
                List.of(new KeepRule.LastN(1, GoRegex.compile("")), new KeepRule.NotReplicated(true)),
                PruneSide.LOCAL))
                .hasMessage("single-site pruner cannot support `not_replicated` keep rule");
        assertThat(RetentionRules.forSide(List.of(new KeepRule.NotReplicated(true)), PruneSide.SENDER)).hasSize(1);
    }

    @Test
    void cursorSnapshotCountsAsReplicatedOnlyOnTheSenderAndOnlyWhenARuleSaysSo() {
        List<RetentionRule> keepAtCursorFalse = List.of(new NotReplicatedRule(false), LastNRule.of(1));
        List<RetentionRule> keepAtCursorTrue = List.of(new NotReplicatedRule(true));
        assertThat(RetentionRules.snapshotAtCursorCountsAsReplicated(keepAtCursorFalse, PruneSide.SENDER)).isTrue();
        assertThat(RetentionRules.snapshotAtCursorCountsAsReplicated(keepAtCursorFalse, PruneSide.RECEIVER)).isFalse();
        assertThat(RetentionRules.snapshotAtCursorCountsAsReplicated(keepAtCursorTrue, PruneSide.SENDER)).isFalse();
    }
}
