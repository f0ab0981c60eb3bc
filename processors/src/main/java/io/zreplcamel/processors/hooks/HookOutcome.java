package io.zreplcamel.processors.hooks;

import java.util.Map;
import java.util.Optional;

/**
 * What one hook invocation produced.
 *
 * @param error  why it failed ({@code exit status 1}, {@code timed out after 30s: signal: killed}), empty on success
 * @param output stdout and stderr as they interleaved, at most the last {@link CommandHookRunner#MAX_OUTPUT_BYTES}
 * @param env    the {@code ZREPL_*} variables it was given
 */
public record HookOutcome(Optional<String> error, String output, Map<String, String> env) {

    public HookOutcome {
        env = Map.copyOf(env);
    }

    public static HookOutcome ok(String output, Map<String, String> env) {
        return new HookOutcome(Optional.empty(), output, env);
    }

    public static HookOutcome failed(String error, String output, Map<String, String> env) {
        return new HookOutcome(Optional.of(error), output, env);
    }

    public boolean failed() {
        return error.isPresent();
    }
}
