package io.zreplcamel.app.jobs;

import java.time.Instant;

/**
 * When a job's run in progress started and what it is doing, for status. Written by the job's route thread, read by
 * the control socket's threads.
 */
final class RunProgress {

    private volatile Instant started;
    private volatile String phase;

    void started(Instant at) {
        started = at;
        phase = null;
    }

    void phase(String what) {
        phase = what;
    }

    void finished() {
        started = null;
        phase = null;
    }

    /** ISO-8601, or null between runs. */
    String startedText() {
        Instant s = started;
        return s == null ? null : s.toString();
    }

    String phase() {
        return phase;
    }
}
