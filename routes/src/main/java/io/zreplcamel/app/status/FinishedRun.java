package io.zreplcamel.app.status;

/** A job's finished run as status shows it: the event (serialized as published), its summary and outcome. */
public interface FinishedRun {

    /** The one-line summary the daemon logs. */
    String summary();

    boolean hadError();
}
