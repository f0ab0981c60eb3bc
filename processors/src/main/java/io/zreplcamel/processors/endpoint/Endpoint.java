package io.zreplcamel.processors.endpoint;

import io.zreplcamel.processors.model.FilesystemVersion;
import java.util.Collection;
import java.util.List;
import java.util.Map;

/**
 * What both sides of a replication offer the active job (zrepl's {@code endpoint.Endpoint}). Implemented locally over
 * the zfs layer and, for network transports, by a client that forwards each call; the replication engine sees only
 * these interfaces. Every call is confined to what the endpoint allows (a sender's filesystem filter, a receiver's
 * client root) and fails with a message naming the filesystem otherwise.
 *
 * <p>Listing is bulk on purpose: a run over N filesystems costs a constant number of {@code zfs} processes per side.
 */
public interface Endpoint {

    /** The filesystems this endpoint replicates (sender: filter-accepted; receiver: strictly below the client root). */
    List<EndpointFilesystem> listFilesystems();

    /**
     * Snapshots and bookmarks of each filesystem, oldest first (by createtxg, bookmark before snapshot on equal
     * txg). Every requested filesystem has an entry; a filesystem that does not exist has an empty one.
     */
    Map<String, List<FilesystemVersion>> listVersions(Collection<String> filesystems);

    /** Destroys snapshots (never bookmarks or filesystems) of one filesystem in batched calls. */
    DestroyOutcome destroySnapshots(String filesystem, List<FilesystemVersion> snapshots);
}
