package io.zreplcamel.zfs.component;

import org.apache.camel.spi.Metadata;

/**
 * Exchange headers of the {@code zfs:} component. Input headers override the endpoint's URI options for one
 * exchange; output headers are set by the producer or consumer.
 */
public final class ZfsConstants {

    @Metadata(description = "Overrides the endpoint's operation for this exchange (send, recv, snapshot, ...).",
            javaType = "String")
    public static final String OPERATION = "CamelZfsOperation";

    @Metadata(description = "The dataset (filesystem or volume) to act on (not the receive target: see "
            + "CamelZfsReceiveTarget).", javaType = "String")
    public static final String DATASET = "CamelZfsDataset";

    @Metadata(description = "The target of recv (filesystem, or fs@snap), overriding the dataset option. recv reads "
            + "no other name header, because in a send-to-recv route those describe the sending side.",
            javaType = "String")
    public static final String RECEIVE_TARGET = "CamelZfsReceiveTarget";

    @Metadata(description = "Several datasets: roots for list, targets for get, and datasets of one pool to "
            + "snapshot atomically in one zfs snapshot call.", javaType = "java.util.Collection<String>")
    public static final String DATASETS = "CamelZfsDatasets";

    @Metadata(description = "A snapshot: full name (pool/fs@snap) or the short name after @, combined with the "
            + "dataset(s).", javaType = "String")
    public static final String SNAPSHOT = "CamelZfsSnapshot";

    @Metadata(description = "Several full snapshot names: batch for destroy, targets for hold, release and holds.",
            javaType = "java.util.Collection<String>")
    public static final String SNAPSHOTS = "CamelZfsSnapshots";

    @Metadata(description = "Incremental source of a send: snapshot or bookmark, full (fs@a, fs#b) or short (@a, "
            + "#b).", javaType = "String")
    public static final String FROM = "CamelZfsFrom";

    @Metadata(description = "Bookmark to create: full (fs#b) or short name.", javaType = "String")
    public static final String BOOKMARK = "CamelZfsBookmark";

    @Metadata(description = "Hold tag for hold and release.", javaType = "String")
    public static final String TAG = "CamelZfsTag";

    @Metadata(description = "Properties: for set a Map of name to value; for get and inherit a Collection of names "
            + "(or a comma-separated String).", javaType = "Object")
    public static final String PROPERTIES = "CamelZfsProperties";

    @Metadata(description = "Resume token: input of send (zfs send -t) and decodeToken; output of resumeToken.",
            javaType = "String")
    public static final String RESUME_TOKEN = "CamelZfsResumeToken";

    @Metadata(label = "producer", description = "Output of send with dryRun: the estimated stream size in bytes.",
            javaType = "Long")
    public static final String SEND_SIZE = "CamelZfsSendSize";

    @Metadata(label = "producer", description = "Output of recv: the number of stream bytes received; -1 when zfs "
            + "receive read the send pipe directly (directPipe).", javaType = "Long")
    public static final String RECEIVED_BYTES = "CamelZfsReceivedBytes";

    @Metadata(label = "producer", description = "Output of a batched destroy: the number of snapshots that could "
            + "not be destroyed.", javaType = "Integer")
    public static final String DESTROY_FAILED = "CamelZfsDestroyFailed";

    @Metadata(label = "consumer", description = "Output of the snapshots consumer: the snapshot's guid (unsigned "
            + "decimal).", javaType = "String")
    public static final String GUID = "CamelZfsGuid";

    @Metadata(label = "consumer", description = "Output of the snapshots consumer: the snapshot's createtxg.",
            javaType = "Long")
    public static final String CREATE_TXG = "CamelZfsCreateTxg";

    private ZfsConstants() {
    }
}
