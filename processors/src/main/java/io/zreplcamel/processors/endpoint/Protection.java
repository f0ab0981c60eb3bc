package io.zreplcamel.processors.endpoint;

import io.zreplcamel.config.model.sendrecv.GuaranteeKind;
import io.zreplcamel.config.model.sendrecv.Replication;
import java.util.Objects;

/**
 * The job's {@code replication.protection}, carried in every step request (zrepl's {@code ReplicationConfig}) so
 * that both sides apply the same guarantee: {@link #initial()} for a step without {@code from} (on the receiver: when
 * the target filesystem did not exist before the receive), {@link #incremental()} otherwise.
 */
public record Protection(GuaranteeKind initial, GuaranteeKind incremental) {

    public Protection {
        Objects.requireNonNull(initial, "initial");
        Objects.requireNonNull(incremental, "incremental");
    }

    public static Protection of(Replication replication) {
        return new Protection(replication.initialProtection(), replication.incrementalProtection());
    }

    public GuaranteeKind forStep(boolean initialStep) {
        return initialStep ? initial : incremental;
    }
}
