package io.zreplcamel.zfs;

import java.util.function.Function;

/**
 * The default number of snapshots per batched {@code zfs destroy} call: zrepl's
 * {@code ZREPL_DESTROY_MAX_BATCH_SIZE} environment variable, 0 (the default) for no limit beyond the argument
 * length. An endpoint's {@code maxDestroyBatch} option overrides it.
 */
public final class DestroyBatchSize {

    public static final String ENVIRONMENT_VARIABLE = "ZREPL_DESTROY_MAX_BATCH_SIZE";

    private DestroyBatchSize() {
    }

    /** From the process environment; an invalid value is an {@link IllegalArgumentException} naming the variable. */
    public static int fromEnvironment() {
        return fromEnvironment(System::getenv);
    }

    public static int fromEnvironment(Function<String, String> environment) {
        return parse(environment.apply(ENVIRONMENT_VARIABLE));
    }

    /** Unset or blank: 0. Otherwise a non-negative decimal integer (as zrepl's {@code envconst.Int}). */
    static int parse(String value) {
        if (value == null || value.isBlank()) {
            return 0;
        }
        try {
            int n = Integer.parseInt(value.strip());
            if (n >= 0) {
                return n;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new IllegalArgumentException("invalid value '" + value + "' of environment variable "
                + ENVIRONMENT_VARIABLE + ": expected a whole number of snapshots per zfs destroy call, 0 for "
                + "no limit");
    }
}
