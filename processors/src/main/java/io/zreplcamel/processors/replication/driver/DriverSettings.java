package io.zreplcamel.processors.replication.driver;

import io.zreplcamel.config.model.ActiveJob;
import io.zreplcamel.config.model.sendrecv.InitialReplication;
import io.zreplcamel.config.values.GoDuration;
import io.zreplcamel.processors.endpoint.Protection;
import java.time.Clock;
import java.time.Duration;
import java.util.Objects;
import java.util.function.UnaryOperator;

/**
 * What the driver needs from the job's config and the daemon's environment.
 *
 * @param maxAttempts             attempts per run ({@code ZREPL_REPLICATION_MAX_ATTEMPTS}, default 3)
 * @param reconnectWait           wait before an attempt after a temporary connectivity error
 *                                ({@code ZREPL_REPLICATION_RECONNECT_INTERVAL}, Go duration, default 10s)
 * @param concurrentSteps         {@code replication.concurrency.steps}
 * @param concurrentSizeEstimates {@code replication.concurrency.size_estimates}
 * @param policy                  {@code conflict_resolution.initial_replication}
 * @param protection              {@code replication.protection}
 * @param mergeIncrementals       plan consecutive incrementals as one {@code -I} step (docs/replication.md §8)
 * @param abortStaleResumeToken   {@code replication.resume.abort_stale_token}: a stale receiver resume token is
 *                                dropped ({@code zfs recv -A} before the first step) and the filesystem planned
 *                                without it, instead of failing with the stale-resume-token conflict
 */
public record DriverSettings(int maxAttempts, Duration reconnectWait, int concurrentSteps,
        int concurrentSizeEstimates, InitialReplication policy, Protection protection, boolean mergeIncrementals,
        Clock clock, boolean abortStaleResumeToken) {

    public static final String MAX_ATTEMPTS_ENV = "ZREPL_REPLICATION_MAX_ATTEMPTS";
    public static final String RECONNECT_INTERVAL_ENV = "ZREPL_REPLICATION_RECONNECT_INTERVAL";
    public static final int DEFAULT_MAX_ATTEMPTS = 3;
    public static final Duration DEFAULT_RECONNECT_WAIT = Duration.ofSeconds(10);

    public DriverSettings {
        Objects.requireNonNull(reconnectWait, "reconnectWait");
        Objects.requireNonNull(policy, "policy");
        Objects.requireNonNull(protection, "protection");
        Objects.requireNonNull(clock, "clock");
        if (maxAttempts < 1) {
            throw new IllegalArgumentException("maxAttempts must be at least 1, got " + maxAttempts);
        }
        if (concurrentSteps < 1 || concurrentSizeEstimates < 1) {
            throw new IllegalArgumentException("concurrency must be at least 1 (steps " + concurrentSteps
                    + ", size estimates " + concurrentSizeEstimates + ")");
        }
        if (reconnectWait.isNegative()) {
            throw new IllegalArgumentException("reconnectWait must not be negative");
        }
    }

    /** With {@code abortStaleResumeToken} off (zrepl's behaviour). */
    public DriverSettings(int maxAttempts, Duration reconnectWait, int concurrentSteps, int concurrentSizeEstimates,
            InitialReplication policy, Protection protection, boolean mergeIncrementals, Clock clock) {
        this(maxAttempts, reconnectWait, concurrentSteps, concurrentSizeEstimates, policy, protection,
                mergeIncrementals, clock, false);
    }

    /** The job's settings, tunables from the process environment. */
    public static DriverSettings of(ActiveJob job, Clock clock) {
        return of(job, clock, System::getenv);
    }

    /** The job's settings, tunables from {@code env} (returns null for unset variables). */
    public static DriverSettings of(ActiveJob job, Clock clock, UnaryOperator<String> env) {
        int attempts = DEFAULT_MAX_ATTEMPTS;
        String a = env.apply(MAX_ATTEMPTS_ENV);
        if (a != null && !a.isBlank()) {
            try {
                attempts = Integer.parseInt(a.trim());
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException(MAX_ATTEMPTS_ENV + " must be an integer, got \"" + a + "\"", e);
            }
        }
        Duration wait = DEFAULT_RECONNECT_WAIT;
        String w = env.apply(RECONNECT_INTERVAL_ENV);
        if (w != null && !w.isBlank()) {
            try {
                wait = GoDuration.parseZeroOrPositive(w.trim());
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(RECONNECT_INTERVAL_ENV + " must be a duration such as 10s, got \""
                        + w + "\": " + e.getMessage(), e);
            }
        }
        return new DriverSettings(attempts, wait, job.replication().concurrentSteps(),
                job.replication().concurrentSizeEstimates(), job.initialReplication(),
                Protection.of(job.replication()), true, clock, job.replication().abortStaleResumeToken());
    }
}
