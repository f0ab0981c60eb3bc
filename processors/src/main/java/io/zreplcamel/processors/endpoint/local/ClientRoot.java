package io.zreplcamel.processors.endpoint.local;

import io.zreplcamel.config.names.NameKind;
import io.zreplcamel.config.names.ZfsNames;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Where a receiver keeps what it receives (spec §7.7): {@code root_fs/<client identity>} for a sink,
 * {@code root_fs} for a pull job. Every path a sender names is mapped below it and may never leave it: the rules
 * here are the receiver's whole confinement, pure and checked before any {@code zfs} runs.
 */
public final class ClientRoot {

    private final String rootFs;
    private final Optional<String> identity;
    private final String clientRoot;

    public ClientRoot(String rootFs, Optional<String> identity) {
        Objects.requireNonNull(rootFs, "rootFs");
        Objects.requireNonNull(identity, "identity");
        ZfsNames.check(rootFs, NameKind.DATASET).ifPresent(p -> {
            throw new IllegalArgumentException("root_fs '" + rootFs + "' is not a valid dataset name: " + p);
        });
        identity.ifPresent(id -> ZfsNames.componentProblem(id).ifPresent(p -> {
            throw new IllegalArgumentException("client identity '" + id + "' is not a valid dataset name component: "
                    + p);
        }));
        this.rootFs = rootFs;
        this.identity = identity;
        this.clientRoot = identity.map(id -> rootFs + "/" + id).orElse(rootFs);
        ZfsNames.check(clientRoot, NameKind.DATASET).ifPresent(p -> {
            throw new IllegalArgumentException("client root '" + clientRoot + "' is not a valid dataset name: " + p);
        });
    }

    /** The configured {@code root_fs}: must exist, the receiver never creates it. */
    public String rootFs() {
        return rootFs;
    }

    /** {@code root_fs/<identity>} or {@code root_fs}. */
    public String dataset() {
        return clientRoot;
    }

    /** Whether the client root is a per-client dataset the receiver creates itself (sink). */
    public boolean hasIdentity() {
        return identity.isPresent();
    }

    /**
     * The dataset a sender path names: {@code <client root>/<path>}. Refuses (without running anything) a path that
     * is empty, absolute, has an empty, {@code .} or {@code ..} component, contains {@code @}, {@code #} or any
     * character ZFS does not allow in a name, or would make the dataset name too long or too deep.
     */
    public String resolve(String path) {
        Objects.requireNonNull(path, "path");
        if (path.isEmpty()) {
            throw refused(path, "the path is empty (the client root itself is not a replicated filesystem)");
        }
        if (path.startsWith("/")) {
            throw refused(path, "the path is absolute");
        }
        if (path.indexOf('@') >= 0 || path.indexOf('#') >= 0) {
            throw refused(path, "a filesystem path has no '@' or '#' (those name snapshots and bookmarks)");
        }
        for (String component : path.split("/", -1)) {
            if (component.isEmpty()) {
                throw refused(path, "the path has an empty component");
            }
            Optional<String> problem = ZfsNames.componentProblem(component);
            if (problem.isPresent()) {
                throw refused(path, "component \"" + component + "\" " + problem.get());
            }
        }
        String dataset = clientRoot + "/" + path;
        if (dataset.getBytes(StandardCharsets.UTF_8).length > ZfsNames.MAX_NAME_LENGTH) {
            throw refused(path, "below the client root the name would be longer than " + ZfsNames.MAX_NAME_LENGTH
                    + " bytes");
        }
        Optional<String> problem = ZfsNames.check(dataset, NameKind.DATASET);
        if (problem.isPresent()) {
            throw refused(path, "below the client root it is no valid dataset name: " + problem.get());
        }
        return dataset;
    }

    /** The sender path of a dataset strictly below the client root; empty for the root itself and anything else. */
    public Optional<String> relativize(String dataset) {
        String prefix = clientRoot + "/";
        if (!dataset.startsWith(prefix) || dataset.length() == prefix.length()) {
            return Optional.empty();
        }
        return Optional.of(dataset.substring(prefix.length()));
    }

    /**
     * The ancestors of {@code dataset} (a result of {@link #resolve}) strictly below {@code root_fs}, top-down: the
     * datasets that must exist before it can be received, and which the receiver may create as placeholders.
     */
    public List<String> ancestorsBelowRootFs(String dataset) {
        List<String> out = new ArrayList<>();
        String prefix = rootFs + "/";
        if (!dataset.startsWith(prefix)) {
            throw new IllegalArgumentException(dataset + " is not below root_fs " + rootFs);
        }
        int i = prefix.length();
        while ((i = dataset.indexOf('/', i)) >= 0) {
            out.add(dataset.substring(0, i));
            i++;
        }
        return out;
    }

    /** Whether {@code dataset} is the per-client dataset (sink), which is created with inherited encryption. */
    public boolean isIdentityDataset(String dataset) {
        return identity.isPresent() && dataset.equals(clientRoot);
    }

    private ReceiverConfinementException refused(String path, String reason) {
        return new ReceiverConfinementException(path, clientRoot, reason);
    }

    @Override
    public String toString() {
        return clientRoot;
    }
}
