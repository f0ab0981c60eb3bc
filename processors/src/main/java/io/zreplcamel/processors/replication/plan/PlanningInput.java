package io.zreplcamel.processors.replication.plan;

import io.zreplcamel.config.model.sendrecv.InitialReplication;
import io.zreplcamel.processors.endpoint.EndpointFilesystem;
import io.zreplcamel.processors.model.FilesystemVersion;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Everything planning one filesystem needs, already listed: pure data, so planning is a function.
 *
 * @param sender            the sender's filesystem entry
 * @param senderVersions    its snapshots and bookmarks (any order)
 * @param receiver          the receiver's entry for the same path, empty when it does not exist there
 * @param receiverVersions  the receiver's versions (ignored when the receiver is a placeholder)
 * @param policy            {@code conflict_resolution.initial_replication}
 * @param mergeIncrementals plan consecutive incrementals as one {@code -I} step (no snapshot filter excludes any)
 */
public record PlanningInput(EndpointFilesystem sender, List<FilesystemVersion> senderVersions,
        Optional<EndpointFilesystem> receiver, List<FilesystemVersion> receiverVersions, InitialReplication policy,
        boolean mergeIncrementals) {

    public PlanningInput {
        Objects.requireNonNull(sender, "sender");
        senderVersions = List.copyOf(senderVersions);
        Objects.requireNonNull(receiver, "receiver");
        receiverVersions = List.copyOf(receiverVersions);
        Objects.requireNonNull(policy, "policy");
    }
}
