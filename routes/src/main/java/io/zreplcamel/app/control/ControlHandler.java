package io.zreplcamel.app.control;

/**
 * Answers one control request. Called on the request's connection thread; it may block (a waited wakeup blocks until
 * its run ended). Never throws for a refused request: that is an error response.
 */
@FunctionalInterface
public interface ControlHandler {

    ControlResponse handle(ControlRequest request);
}
