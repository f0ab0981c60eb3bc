package io.zreplcamel.processors.hooks;

import io.zreplcamel.config.model.snapshotting.Hook;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The hooks around the snapshot of one filesystem, run as zrepl runs them:
 * <ol>
 *   <li>pre-edges in config order; a failing pre-edge of a hook with {@code err_is_fatal} stops here: no snapshot,
 *       that hook's post-edge and all later edges become {@link HookStepStatus#SKIPPED_DUE_TO_FATAL_ERR};</li>
 *   <li>the callback (the snapshot), unless stopped;</li>
 *   <li>post-edges in reverse config order, only for hooks whose pre-edge succeeded (a failed non-fatal pre-edge
 *       makes its post-edge {@link HookStepStatus#SKIPPED_DUE_TO_PRE_ERR}); a failing post-edge never stops the
 *       others.</li>
 * </ol>
 * <b>Difference from zrepl</b>: after a fatal pre-edge failure zrepl returns at once and the post-edges of the
 * earlier, successful pre-edges stay Pending forever, although its docs say they run (a lock taken by an earlier
 * pre-hook would never be released). Here they run, in reverse order, as documented.
 *
 * <p>The phases are public so that a group of filesystems snapshotted with one {@code zfs snapshot} (the
 * {@code atomic} extension) can run all pre-edges, one command, then all post-edges: see {@link #runPreEdges()},
 * {@link #recordCallback}, {@link #runPostEdges()}. {@link #run} does all three for one filesystem.
 * Not thread-safe: one thread drives a plan; {@link #report()} may be called from any thread.
 */
public final class HookPlan {

    /** What the snapshot step reports back. */
    @FunctionalInterface
    public interface Callback {
        /** Takes the snapshot; returns normally on success, throws with the reason on failure. */
        void run() throws Exception;
    }

    private static final Logger LOG = LoggerFactory.getLogger(HookPlan.class);

    private final List<Hook> hooks;
    private final Map<String, String> baseEnv;
    private final HookInvoker invoker;
    private final Clock clock;
    private final Step[] pre;
    private final Step callback;
    private final Step[] post;
    private boolean fatal;
    private int preRun;

    private static final class Step {
        final HookEdge edge;
        final String hook;
        final boolean errIsFatal;
        volatile HookStepStatus status = HookStepStatus.PENDING;
        volatile Instant begin;
        volatile Instant end;
        volatile String error;
        volatile String output = "";

        Step(HookEdge edge, String hook, boolean errIsFatal) {
            this.edge = edge;
            this.hook = hook;
            this.errIsFatal = errIsFatal;
        }

        HookStepReport report() {
            return new HookStepReport(edge, hook, errIsFatal, status, Optional.ofNullable(begin),
                    Optional.ofNullable(end), Optional.ofNullable(error), output);
        }
    }

    private HookPlan(List<Hook> hooks, Map<String, String> baseEnv, HookInvoker invoker, Clock clock) {
        this.hooks = List.copyOf(hooks);
        this.baseEnv = Map.copyOf(baseEnv);
        this.invoker = Objects.requireNonNull(invoker, "invoker");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.pre = new Step[this.hooks.size()];
        this.post = new Step[this.hooks.size()];
        for (int i = 0; i < this.hooks.size(); i++) {
            Hook h = this.hooks.get(i);
            pre[i] = new Step(HookEdge.PRE, describe(h), h.errIsFatal());
            post[i] = new Step(HookEdge.POST, describe(h), h.errIsFatal());
        }
        this.callback = new Step(HookEdge.CALLBACK, "snapshot", false);
    }

    /**
     * The plan for snapshotting {@code filesystem} as {@code snapshotName}: the hooks whose filter takes the
     * filesystem, in config order.
     */
    public static HookPlan forSnapshot(List<Hook> configuredHooks, String filesystem, String snapshotName,
                                       boolean dryRun, HookInvoker invoker, Clock clock) {
        List<Hook> applicable = new ArrayList<>();
        for (Hook h : configuredHooks) {
            if (h.filesystems().accepts(filesystem)) {
                applicable.add(h);
            }
        }
        Map<String, String> env = new LinkedHashMap<>();
        env.put("ZREPL_FS", filesystem);
        env.put("ZREPL_SNAPNAME", snapshotName);
        env.put("ZREPL_DRYRUN", dryRun ? "true" : "");
        return new HookPlan(applicable, env, invoker, clock);
    }

    /** zrepl's description of a hook in reports. */
    public static String describe(Hook hook) {
        if (hook instanceof Hook.Command c) {
            return "command \"" + c.path() + "\"";
        }
        return hook.type();
    }

    public List<Hook> hooks() {
        return hooks;
    }

    /** Runs pre-edges, the callback and post-edges. */
    public HookPlanReport run(Callback snapshot) {
        if (runPreEdges()) {
            recordCallback(snapshot);
        }
        runPostEdges();
        return report();
    }

    /**
     * Runs the pre-edges in config order.
     *
     * @return whether the snapshot may be taken (false after a fatal pre-edge failure)
     */
    public boolean runPreEdges() {
        for (int i = 0; i < pre.length; i++) {
            preRun = i + 1;
            HookOutcome outcome = invoke(pre[i], hooks.get(i), HookEdge.PRE);
            if (outcome.failed() && hooks.get(i).errIsFatal()) {
                LOG.error("fatal error in pre-snapshot hook {}: {}; no snapshot will be taken, running post-edges "
                        + "of the successful pre-edges", pre[i].hook, outcome.error().orElse(""));
                fatal = true;
                post[i].status = HookStepStatus.SKIPPED_DUE_TO_FATAL_ERR;
                for (int j = i + 1; j < pre.length; j++) {
                    pre[j].status = HookStepStatus.SKIPPED_DUE_TO_FATAL_ERR;
                    post[j].status = HookStepStatus.SKIPPED_DUE_TO_FATAL_ERR;
                }
                callback.status = HookStepStatus.SKIPPED_DUE_TO_FATAL_ERR;
                return false;
            }
            if (outcome.failed()) {
                LOG.error("pre-snapshot hook {} failed: {}", pre[i].hook, outcome.error().orElse(""));
            }
        }
        return true;
    }

    /** Runs the snapshot step and records its result (skipped after a fatal pre-edge failure). */
    public void recordCallback(Callback snapshot) {
        if (fatal) {
            return;
        }
        callback.status = HookStepStatus.EXEC;
        callback.begin = clock.instant();
        try {
            snapshot.run();
            callback.status = HookStepStatus.OK;
        } catch (Exception e) {
            callback.error = e.getMessage() == null ? e.toString() : e.getMessage();
            callback.status = HookStepStatus.ERR;
        } finally {
            callback.end = clock.instant();
        }
    }

    /** Records a snapshot step that happened elsewhere (one {@code zfs snapshot} for a whole atomic group). */
    public void recordCallbackResult(Instant begin, Instant end, Optional<String> error) {
        if (fatal) {
            return;
        }
        callback.begin = begin;
        callback.end = end;
        callback.error = error.orElse(null);
        callback.status = error.isPresent() ? HookStepStatus.ERR : HookStepStatus.OK;
    }

    /** Runs the post-edges of successful pre-edges in reverse config order. */
    public void runPostEdges() {
        for (int i = preRun - 1; i >= 0; i--) {
            if (post[i].status != HookStepStatus.PENDING) {
                continue; // skipped because of this hook's fatal failure
            }
            if (pre[i].status != HookStepStatus.OK) {
                post[i].status = HookStepStatus.SKIPPED_DUE_TO_PRE_ERR;
                continue;
            }
            HookOutcome outcome = invoke(post[i], hooks.get(i), HookEdge.POST);
            if (outcome.failed()) {
                LOG.error("post-snapshot hook {} failed (other post-edges still run): {}", post[i].hook,
                        outcome.error().orElse(""));
            }
        }
    }

    private HookOutcome invoke(Step step, Hook hook, HookEdge edge) {
        Map<String, String> env = new LinkedHashMap<>(baseEnv);
        env.put("ZREPL_HOOKTYPE", edge.hookType());
        env.put("ZREPL_TIMEOUT", Long.toString(hook.timeout().getSeconds()));
        step.status = HookStepStatus.EXEC;
        step.begin = clock.instant();
        HookOutcome outcome;
        try {
            outcome = invoker.invoke(hook, env);
        } catch (RuntimeException e) {
            outcome = HookOutcome.failed(String.valueOf(e.getMessage()), "", env);
        }
        step.end = clock.instant();
        step.output = outcome.output();
        step.error = outcome.error().orElse(null);
        step.status = outcome.failed() ? HookStepStatus.ERR : HookStepStatus.OK;
        return outcome;
    }

    /** The steps in execution order: pre-edges, the snapshot, post-edges in reverse. */
    public HookPlanReport report() {
        List<HookStepReport> steps = new ArrayList<>(pre.length * 2 + 1);
        for (Step s : pre) {
            steps.add(s.report());
        }
        steps.add(callback.report());
        for (int i = post.length - 1; i >= 0; i--) {
            steps.add(post[i].report());
        }
        return new HookPlanReport(steps);
    }
}
