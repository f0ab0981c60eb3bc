package io.zreplcamel.processors.hooks;

import io.zreplcamel.config.model.snapshotting.Hook;
import java.util.Map;

/** Runs one edge of one hook. {@link CommandHookRunner} is the real one; tests may stub it. */
@FunctionalInterface
public interface HookInvoker {

    /**
     * @param hook the configured hook
     * @param env  the {@code ZREPL_*} variables for this invocation (added to the daemon's environment)
     */
    HookOutcome invoke(Hook hook, Map<String, String> env);
}
