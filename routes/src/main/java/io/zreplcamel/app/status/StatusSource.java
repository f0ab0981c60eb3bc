package io.zreplcamel.app.status;

/** A job that can say how it is doing, for {@code status}; called from the control socket's threads. */
@FunctionalInterface
public interface StatusSource {

    JobStatus status();
}
