package io.zreplcamel.processors.pruning;

import io.zreplcamel.processors.model.FilesystemVersion;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * What the edges learned about one filesystem to prune: its versions, whether it is a receive-side placeholder,
 * and the sender's replication cursor for it (empty when the cursor bookmark does not exist). Errors from listing
 * or from asking for the cursor are carried as text, so the plan can report them per filesystem.
 */
public record PruneTarget(String filesystem, boolean placeholder, List<FilesystemVersion> versions,
                          OptionalLong cursorGuid, Optional<String> listError, Optional<String> cursorError) {

    public PruneTarget {
        Objects.requireNonNull(filesystem, "filesystem");
        versions = List.copyOf(versions);
        Objects.requireNonNull(cursorGuid, "cursorGuid");
        Objects.requireNonNull(listError, "listError");
        Objects.requireNonNull(cursorError, "cursorError");
    }

    /** A filesystem of a snap job (no cursor needed). */
    public static PruneTarget local(String filesystem, List<FilesystemVersion> versions) {
        return new PruneTarget(filesystem, false, versions, OptionalLong.empty(), Optional.empty(), Optional.empty());
    }

    /** A filesystem on either side of a replication, with the cursor guid the sender reported (if any). */
    public static PruneTarget replicated(String filesystem, boolean placeholder, List<FilesystemVersion> versions,
                                         OptionalLong cursorGuid) {
        return new PruneTarget(filesystem, placeholder, versions, cursorGuid, Optional.empty(), Optional.empty());
    }
}
