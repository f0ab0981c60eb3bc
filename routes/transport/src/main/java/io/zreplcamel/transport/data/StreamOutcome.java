package io.zreplcamel.transport.data;

import java.util.Objects;

/**
 * How one stream ended, as seen by one side (docs/protocol.md §4). A receiver that reports anything but
 * {@link Status#COMPLETE} has not seen the whole stream, and its sink must not be trusted as complete.
 *
 * @param status what happened
 * @param bytes  stream bytes this side handled: sent (sender) or handed to the sink (receiver)
 * @param detail what and where, for the log and the job's report
 */
public record StreamOutcome(Status status, long bytes, String detail) {

    public enum Status {
        /** Every byte arrived and the receiver confirmed it (sender) / closed its sink without error (receiver). */
        COMPLETE("complete"),
        /** The peer sent an error trailer: its source (or sink) failed. */
        PEER_FAILED("failed"),
        /** This side's source (sender) or sink (receiver) failed; the peer was told with an error trailer. */
        LOCAL_FAILED("failed"),
        /** The connection ended without end-of-stream (or acknowledgement). */
        TRUNCATED("truncated"),
        /** The peer sent nothing, not even a heartbeat, for the idle timeout. */
        IDLE_TIMEOUT("idle timeout"),
        /** The peer broke the protocol (garbage, a frame not allowed here, a wrong length). */
        PROTOCOL_ERROR("protocol error");

        private final String label;

        Status(String label) {
            this.label = label;
        }
    }

    public StreamOutcome {
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(detail, "detail");
    }

    public boolean isComplete() {
        return status == Status.COMPLETE;
    }

    /** E.g. {@code failed: source failed after 1048576 bytes: read error}, {@code truncated: …}. */
    @Override
    public String toString() {
        return status.label + ": " + detail;
    }
}
