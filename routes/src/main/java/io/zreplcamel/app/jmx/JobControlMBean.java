package io.zreplcamel.app.jmx;

/**
 * One job over JMX ({@code io.zreplcamel:type=Job,name="<job>"}, docs/jmx.md): what {@code status} says of it, and
 * zrepl's signals as operations. Attributes are read fresh on every call.
 */
public interface JobControlMBean {

    String getName();

    /** {@code push}, {@code pull}, {@code sink}, {@code source}, {@code snap}. */
    String getType();

    /** {@code waiting}, {@code woken}, {@code running}; {@code serving} for sink and source jobs. */
    String getState();

    /** While running: {@code snapshotting}, {@code replicating}, {@code pruning sender}, …; empty otherwise. */
    String getPhase();

    /** ISO-8601, {@code manual}, or empty before the job's first tick. */
    String getNextRun();

    /** The last run's summary line; empty before the first run ended. */
    String getLastRunSummary();

    /** When the last run ended (ISO-8601); empty before the first. */
    String getLastRunFinished();

    /** Whether the last run had errors (false before the first run). */
    boolean isLastRunFailed();

    /** {@code signal wakeup}: returns what the daemon answered, "refused: …" when it was refused. */
    String wakeup();

    /** {@code signal reset}: returns what the daemon answered, "refused: …" when it was refused. */
    String reset();
}
