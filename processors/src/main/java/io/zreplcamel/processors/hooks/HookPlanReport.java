package io.zreplcamel.processors.hooks;

import java.util.List;

/** The steps of a hook plan, in execution order. */
public record HookPlanReport(List<HookStepReport> steps) {

    public HookPlanReport {
        steps = List.copyOf(steps);
    }

    /** Any step failed (hook or snapshot); marks the filesystem's snapshot run as failed, as in zrepl. */
    public boolean hadError() {
        return steps.stream().anyMatch(s -> s.status() == HookStepStatus.ERR);
    }

    /** A fatal pre-edge failure stopped the snapshot. */
    public boolean hadFatalError() {
        return steps.stream().anyMatch(s -> s.edge() == HookEdge.PRE && s.errIsFatal()
                && s.status() == HookStepStatus.ERR);
    }

    /** The snapshot step. */
    public HookStepReport snapshotStep() {
        return steps.stream().filter(s -> s.edge() == HookEdge.CALLBACK).findFirst().orElseThrow();
    }

    /** zrepl-style numbered lines, one per step. */
    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < steps.size(); i++) {
            sb.append(String.format("%02d %s%n", i + 1, steps.get(i)));
        }
        return sb.toString();
    }
}
