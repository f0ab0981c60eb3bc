package io.zreplcamel.platformtest.replication;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * Where a {@link DaemonProcess} JVM's run events go ({@code eventsUri} = {@link #URI}, created by Camel's
 * {@code class:} endpoint): one line of JSON per event appended to the file named by the system property
 * {@link DaemonProcess#EVENTS_PROPERTY}.
 */
public final class DaemonFileEvents {

    static final String URI = "class:" + DaemonFileEvents.class.getName() + "?method=add";

    public synchronized void add(String event) throws IOException {
        Files.writeString(Path.of(System.getProperty(DaemonProcess.EVENTS_PROPERTY)), event.replace('\n', ' ') + "\n",
                StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
    }
}
