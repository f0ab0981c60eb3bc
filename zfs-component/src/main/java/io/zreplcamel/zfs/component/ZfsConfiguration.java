package io.zreplcamel.zfs.component;

import org.apache.camel.RuntimeCamelException;
import org.apache.camel.spi.UriParam;
import org.apache.camel.spi.UriParams;

/**
 * Every URI option of a {@code zfs:} endpoint. The component holds defaults; each endpoint gets a copy with its URI
 * options applied. Headers ({@link ZfsConstants}) override the names per exchange.
 */
@UriParams
public class ZfsConfiguration implements Cloneable {

    // ---- common

    @UriParam(label = "common", defaultValue = "zfs",
            description = "Path of the zfs binary, or a name looked up on PATH.")
    private String zfsCommand = "zfs";

    @UriParam(label = "common", defaultValue = "zpool",
            description = "Path of the zpool binary, or a name looked up on PATH (used for pool feature checks).")
    private String zpoolCommand = "zpool";

    @UriParam(label = "common", defaultValue = "1800000", javaType = "long",
            description = "Timeout in milliseconds for ordinary zfs commands (list, get, destroy, ...); the process "
                    + "is killed when it runs longer. 0 disables it.")
    private long timeout = 1_800_000;

    @UriParam(label = "common", defaultValue = "0", javaType = "long",
            description = "Timeout in milliseconds for zfs send and zfs receive processes; 0 (the default) lets a "
                    + "stream run as long as it transfers.")
    private long streamTimeout;

    @UriParam(label = "common", defaultValue = "32768",
            description = "How many bytes of a process's stderr are kept for error messages (first and last half).")
    private int stderrCaptureBytes = 32 * 1024;

    @UriParam(label = "common",
            description = "The dataset (filesystem or volume) to act on; for recv the receive target; for the "
                    + "snapshots consumer the dataset to watch.")
    private String dataset;

    @UriParam(label = "common",
            description = "Comma-separated datasets: roots for list, targets for get, or datasets of one pool to "
                    + "snapshot atomically with one zfs snapshot call.")
    private String datasets;

    @UriParam(label = "common",
            description = "Snapshot: full name (pool/fs@snap) or the short name after @ (combined with dataset or "
                    + "datasets). For destroy, a short name a%b destroys that range.")
    private String snapshot;

    @UriParam(label = "common", defaultValue = "false",
            description = "Recursive: -r for list, get, snapshot, destroy, hold, release and holds; for rollback it "
                    + "destroys later snapshots (zfs rollback -r); the snapshots consumer also watches children.")
    private boolean recursive;

    @UriParam(label = "common", defaultValue = "-1",
            description = "Depth limit for list and get (-d); -1 for none.")
    private int depth = -1;

    @UriParam(label = "common", defaultValue = "filesystem,volume",
            description = "Types for list: a comma-separated subset of filesystem, volume, snapshot, bookmark.")
    private String types = "filesystem,volume";

    @UriParam(label = "common",
            description = "Properties: for get and inherit comma-separated names, for set comma-separated "
                    + "name=value pairs, for list extra columns to fetch in the same call.")
    private String properties;

    // ---- send

    @UriParam(label = "producer,send",
            description = "Incremental source of a send: snapshot or bookmark, full (fs@a, fs#b) or short (@a, #b). "
                    + "Without it the send is a full stream.")
    private String from;

    @UriParam(label = "producer,send", defaultValue = "false", description = "zfs send -w: raw stream (encrypted "
            + "datasets are sent without their key).")
    private boolean raw;

    @UriParam(label = "producer,send", defaultValue = "false", description = "zfs send -p: include properties.")
    private boolean sendProperties;

    @UriParam(label = "producer,send", defaultValue = "false",
            description = "zfs send -b: send only received property values.")
    private boolean backupProperties;

    @UriParam(label = "producer,send", defaultValue = "false", description = "zfs send -L: allow large blocks.")
    private boolean largeBlocks;

    @UriParam(label = "producer,send", defaultValue = "false",
            description = "zfs send -c: send compressed blocks as they are on disk.")
    private boolean compressed;

    @UriParam(label = "producer,send", defaultValue = "false",
            description = "zfs send -e: use embedded-data records.")
    private boolean embedded;

    @UriParam(label = "producer,send", defaultValue = "false",
            description = "zfs send -S: send the saved partial receive state of the dataset.")
    private boolean saved;

    @UriParam(label = "producer,send",
            description = "zfs send -t: resume an interrupted stream with this token (it carries all other send "
                    + "options). Also the input of decodeToken.")
    private String resumeToken;

    @UriParam(label = "producer,send", defaultValue = "false",
            description = "Send only estimates (zfs send -n -P): the body becomes a SendEstimate.")
    private boolean dryRun;

    @UriParam(label = "producer,send", defaultValue = "true",
            description = "Close (and so kill) an unread send stream when the exchange completes, so an unconsumed "
                    + "body never leaves a zfs send process behind. Disable only when the stream is handed to "
                    + "another thread that closes it.")
    private boolean closeStreamOnCompletion = true;

    // ---- recv

    @UriParam(label = "producer,recv", defaultValue = "true",
            description = "zfs receive -s: keep partial state on interruption so the stream can be resumed.")
    private boolean resumable = true;

    @UriParam(label = "producer,recv", defaultValue = "true",
            description = "When the body is an untouched send stream of this JVM (zfs:send earlier in the route), "
                    + "let zfs receive read the zfs send pipe itself, like zfs send | zfs recv: no byte passes "
                    + "through the JVM, and CamelZfsReceivedBytes is -1 (unknown). Otherwise the body is copied.")
    private boolean directPipe = true;

    @UriParam(label = "producer,recv", defaultValue = "false", description = "zfs receive -u: do not mount.")
    private boolean noMount;

    @UriParam(label = "producer,recv", defaultValue = "false",
            description = "zfs receive -F: roll back / destroy on the receiver as needed. Only when explicitly "
                    + "asked: it can destroy data. For rollback: -f (force-unmount clones).")
    private boolean force;

    @UriParam(label = "producer,recv",
            description = "zfs receive -o: comma-separated name=value pairs to set on the received dataset.")
    private String overrideProperties;

    @UriParam(label = "producer,recv",
            description = "zfs receive -x: comma-separated property names to exclude (inherit instead).")
    private String excludeProperties;

    // ---- bookmark, holds, destroy

    @UriParam(label = "producer", description = "Bookmark to create: full (fs#b) or short name.")
    private String bookmark;

    @UriParam(label = "producer", description = "Hold tag for hold and release.")
    private String tag;

    @UriParam(label = "producer", defaultValue = "true",
            description = "Fail the exchange when a batched destroy could not destroy every snapshot (the body "
                    + "holds the per-snapshot result either way).")
    private boolean failOnDestroyError = true;

    @UriParam(label = "producer", javaType = "java.lang.Integer",
            description = "At most this many snapshots per zfs destroy call of a batch; 0 for no limit beyond "
                    + "the argument length. Unset: the environment variable ZREPL_DESTROY_MAX_BATCH_SIZE, or 0.")
    private Integer maxDestroyBatch;

    @UriParam(label = "producer", defaultValue = "false",
            description = "Let destroy destroy a filesystem or volume (with recursive, also all its descendants) "
                    + "when it is given only a dataset, no snapshot or bookmark. Without it that is an error and "
                    + "nothing is destroyed. Only a URI option: no header can set it.")
    private boolean allowFilesystemDestroy;

    // ---- consumer

    @UriParam(label = "consumer", defaultValue = "false",
            description = "Snapshots consumer: also emit the snapshots that exist at the first poll (otherwise "
                    + "only snapshots created later are emitted).")
    private boolean emitExisting;

    public ZfsConfiguration copy() {
        try {
            return (ZfsConfiguration) clone();
        } catch (CloneNotSupportedException e) {
            throw new RuntimeCamelException(e);
        }
    }

    public String getZfsCommand() {
        return zfsCommand;
    }

    public void setZfsCommand(String zfsCommand) {
        this.zfsCommand = zfsCommand;
    }

    public String getZpoolCommand() {
        return zpoolCommand;
    }

    public void setZpoolCommand(String zpoolCommand) {
        this.zpoolCommand = zpoolCommand;
    }

    public long getTimeout() {
        return timeout;
    }

    public void setTimeout(long timeout) {
        this.timeout = timeout;
    }

    public long getStreamTimeout() {
        return streamTimeout;
    }

    public void setStreamTimeout(long streamTimeout) {
        this.streamTimeout = streamTimeout;
    }

    public int getStderrCaptureBytes() {
        return stderrCaptureBytes;
    }

    public void setStderrCaptureBytes(int stderrCaptureBytes) {
        this.stderrCaptureBytes = stderrCaptureBytes;
    }

    public String getDataset() {
        return dataset;
    }

    public void setDataset(String dataset) {
        this.dataset = dataset;
    }

    public String getDatasets() {
        return datasets;
    }

    public void setDatasets(String datasets) {
        this.datasets = datasets;
    }

    public String getSnapshot() {
        return snapshot;
    }

    public void setSnapshot(String snapshot) {
        this.snapshot = snapshot;
    }

    public boolean isRecursive() {
        return recursive;
    }

    public void setRecursive(boolean recursive) {
        this.recursive = recursive;
    }

    public int getDepth() {
        return depth;
    }

    public void setDepth(int depth) {
        this.depth = depth;
    }

    public String getTypes() {
        return types;
    }

    public void setTypes(String types) {
        this.types = types;
    }

    public String getProperties() {
        return properties;
    }

    public void setProperties(String properties) {
        this.properties = properties;
    }

    public String getFrom() {
        return from;
    }

    public void setFrom(String from) {
        this.from = from;
    }

    public boolean isRaw() {
        return raw;
    }

    public void setRaw(boolean raw) {
        this.raw = raw;
    }

    public boolean isSendProperties() {
        return sendProperties;
    }

    public void setSendProperties(boolean sendProperties) {
        this.sendProperties = sendProperties;
    }

    public boolean isBackupProperties() {
        return backupProperties;
    }

    public void setBackupProperties(boolean backupProperties) {
        this.backupProperties = backupProperties;
    }

    public boolean isLargeBlocks() {
        return largeBlocks;
    }

    public void setLargeBlocks(boolean largeBlocks) {
        this.largeBlocks = largeBlocks;
    }

    public boolean isCompressed() {
        return compressed;
    }

    public void setCompressed(boolean compressed) {
        this.compressed = compressed;
    }

    public boolean isEmbedded() {
        return embedded;
    }

    public void setEmbedded(boolean embedded) {
        this.embedded = embedded;
    }

    public boolean isSaved() {
        return saved;
    }

    public void setSaved(boolean saved) {
        this.saved = saved;
    }

    public String getResumeToken() {
        return resumeToken;
    }

    public void setResumeToken(String resumeToken) {
        this.resumeToken = resumeToken;
    }

    public boolean isDryRun() {
        return dryRun;
    }

    public void setDryRun(boolean dryRun) {
        this.dryRun = dryRun;
    }

    public boolean isCloseStreamOnCompletion() {
        return closeStreamOnCompletion;
    }

    public void setCloseStreamOnCompletion(boolean closeStreamOnCompletion) {
        this.closeStreamOnCompletion = closeStreamOnCompletion;
    }

    public boolean isResumable() {
        return resumable;
    }

    public void setResumable(boolean resumable) {
        this.resumable = resumable;
    }

    public boolean isDirectPipe() {
        return directPipe;
    }

    public void setDirectPipe(boolean directPipe) {
        this.directPipe = directPipe;
    }

    public boolean isNoMount() {
        return noMount;
    }

    public void setNoMount(boolean noMount) {
        this.noMount = noMount;
    }

    public boolean isForce() {
        return force;
    }

    public void setForce(boolean force) {
        this.force = force;
    }

    public String getOverrideProperties() {
        return overrideProperties;
    }

    public void setOverrideProperties(String overrideProperties) {
        this.overrideProperties = overrideProperties;
    }

    public String getExcludeProperties() {
        return excludeProperties;
    }

    public void setExcludeProperties(String excludeProperties) {
        this.excludeProperties = excludeProperties;
    }

    public String getBookmark() {
        return bookmark;
    }

    public void setBookmark(String bookmark) {
        this.bookmark = bookmark;
    }

    public String getTag() {
        return tag;
    }

    public void setTag(String tag) {
        this.tag = tag;
    }

    public boolean isFailOnDestroyError() {
        return failOnDestroyError;
    }

    public void setFailOnDestroyError(boolean failOnDestroyError) {
        this.failOnDestroyError = failOnDestroyError;
    }

    /** Null until the endpoint resolves it (option, environment, 0). */
    public Integer getMaxDestroyBatch() {
        return maxDestroyBatch;
    }

    public void setMaxDestroyBatch(Integer maxDestroyBatch) {
        this.maxDestroyBatch = maxDestroyBatch;
    }

    public boolean isAllowFilesystemDestroy() {
        return allowFilesystemDestroy;
    }

    public void setAllowFilesystemDestroy(boolean allowFilesystemDestroy) {
        this.allowFilesystemDestroy = allowFilesystemDestroy;
    }

    public boolean isEmitExisting() {
        return emitExisting;
    }

    public void setEmitExisting(boolean emitExisting) {
        this.emitExisting = emitExisting;
    }
}
