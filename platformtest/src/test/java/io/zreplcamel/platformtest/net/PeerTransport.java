package io.zreplcamel.platformtest.net;

import java.nio.file.Path;
import java.util.Map;

/**
 * A network transport as the multi-host tests configure it: the {@code connect:} of an active job and the
 * {@code serve:} of the passive job it talks to, as YAML flow mappings. The tests are written against this, so a
 * tls or ssh variant is one more implementation (its {@link #prepare} makes the certificates or keys).
 */
public interface PeerTransport {

    /** Short name, shown in the parameterised tests' names. */
    String name();

    /** Called once per test before any config is written; {@code dir} is the test's own scratch directory. */
    default void prepare(TwoHosts hosts, Path dir) {
    }

    /** The {@code connect:} of a job on {@code client} that talks to the passive job on {@code server}:port. */
    String connect(Host client, Host server, int port);

    /**
     * The {@code serve:} of a passive job on {@code server} listening on {@code port}, accepting exactly the given
     * clients, each with its identity (the push side's directory below a sink's {@code root_fs}).
     */
    String serve(Host server, int port, Map<Host, String> clients);
}
