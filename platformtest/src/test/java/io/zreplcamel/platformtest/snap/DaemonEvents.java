package io.zreplcamel.platformtest.snap;

import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;

/**
 * Where the daemon under test sends its run events ({@code eventsUri} = {@link #URI}): a JVM-wide queue, so the
 * events of a run that finishes while the daemon stops are still there after its CamelContext is gone. Camel's
 * {@code class:} endpoint creates the instance; the queue is static because the test never sees that instance.
 */
public final class DaemonEvents {

    static final String URI = "class:" + DaemonEvents.class.getName() + "?method=add";

    static final BlockingQueue<String> QUEUE = new LinkedBlockingQueue<>();

    public void add(String event) {
        QUEUE.add(event);
    }
}
