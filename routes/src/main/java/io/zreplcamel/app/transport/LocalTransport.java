package io.zreplcamel.app.transport;

import java.util.List;
import java.util.Objects;

/**
 * The local transport's wire format inside one daemon: every call of an active job on its peer is one exchange
 * sent to the passive job's {@code direct:} endpoint, with the operation and the client identity in headers and the
 * call's arguments as the body; the serving route answers with a {@link Reply} body.
 *
 * <p>Arguments and results are passed by reference (direct: runs the passive route on the caller's thread): a
 * receive's send stream is the sender's {@code zfs send} pipe object itself, so {@code zfs recv} can read it with no
 * byte passing through the JVM. The body is a {@link Call} record, never a bare stream, so that Camel's stream
 * caching (on by default in camel-main) has nothing to convert and never reads the pipe.
 */
public final class LocalTransport {

    /** {@link LocalOperation} name of the call. */
    public static final String OPERATION = "ZreplLocalOperation";
    /** The connecting job's {@code client_identity} (a sink receives below {@code root_fs/<identity>}). */
    public static final String CLIENT_IDENTITY = "ZreplClientIdentity";
    /** The connecting job's name, for the passive job's logs. */
    public static final String CLIENT_JOB = "ZreplClientJob";

    private LocalTransport() {
    }

    /** A call's arguments, in the order of the interface method's parameters. */
    public record Call(List<Object> arguments) {

        public Call {
            arguments = List.copyOf(arguments);
        }

        public static Call of(Object... arguments) {
            return new Call(List.of(arguments));
        }

        public <T> T argument(int index, Class<T> type) {
            return type.cast(arguments.get(index));
        }
    }

    /**
     * A call's outcome: its value ({@code null} for void calls) or the exception the passive job's endpoint threw,
     * which the client rethrows as it is (the engine tells temporary connectivity errors from others by type).
     * Carried in the body rather than as the exchange's exception so Camel's error handler does not log every
     * per-filesystem failure as a route failure; the serving bean logs it.
     */
    public record Reply(Object value, RuntimeException failure) {

        public static Reply of(Object value) {
            return new Reply(value, null);
        }

        public static Reply failed(RuntimeException failure) {
            return new Reply(null, Objects.requireNonNull(failure, "failure"));
        }
    }
}
