package io.zreplcamel.zfs.component;

import io.zreplcamel.zfs.Zfs;
import org.apache.camel.Category;
import org.apache.camel.Consumer;
import org.apache.camel.Processor;
import org.apache.camel.Producer;
import org.apache.camel.spi.Metadata;
import org.apache.camel.spi.UriEndpoint;
import org.apache.camel.spi.UriParam;
import org.apache.camel.spi.UriPath;
import org.apache.camel.support.ScheduledPollEndpoint;

/**
 * Runs ZFS operations: snapshots, bookmarks, holds, properties, destroy, and send/receive streams that flow as
 * {@code InputStream} bodies straight between processes, never buffered whole in memory.
 */
@UriEndpoint(firstVersion = "0.1.0", scheme = "zfs", title = "ZFS", syntax = "zfs:operation",
        category = {Category.FILE, Category.MANAGEMENT}, headersClass = ZfsConstants.class)
public class ZfsEndpoint extends ScheduledPollEndpoint {

    @UriPath(enums = ZfsOperation.URI_NAMES, description = "The ZFS operation to run.")
    @Metadata(required = true)
    private ZfsOperation operation;

    @UriParam
    private ZfsConfiguration configuration;

    public ZfsEndpoint(String uri, ZfsComponent component, ZfsOperation operation, ZfsConfiguration configuration) {
        super(uri, component);
        this.operation = operation;
        this.configuration = configuration;
    }

    @Override
    public Producer createProducer() {
        return new ZfsProducer(this);
    }

    @Override
    public Consumer createConsumer(Processor processor) throws Exception {
        if (operation != ZfsOperation.SNAPSHOTS) {
            throw new UnsupportedOperationException("zfs:" + operation.uriName()
                    + " cannot consume; only zfs:snapshots polls (it emits new snapshots)");
        }
        if (configuration.getDataset() == null && configuration.getDatasets() == null) {
            throw new IllegalArgumentException("zfs:snapshots consumer needs dataset or datasets");
        }
        ZfsConsumer consumer = new ZfsConsumer(this, processor);
        configureConsumer(consumer);
        return consumer;
    }

    @Override
    public ZfsComponent getComponent() {
        return (ZfsComponent) super.getComponent();
    }

    /**
     * The layer instance for this endpoint's binary and timeout settings. Shared with other endpoints of the same
     * settings, so nothing of this endpoint's own is written into it: per-endpoint settings such as
     * {@link #maxDestroyBatch()} are passed with each call.
     */
    public Zfs zfs() {
        return getComponent().zfsFor(configuration);
    }

    /**
     * Snapshots per batched {@code zfs destroy} call: the {@code maxDestroyBatch} option, else
     * {@code ZREPL_DESTROY_MAX_BATCH_SIZE}, else 0 (no limit beyond the argument length). Resolved when the
     * endpoint is created, so an invalid environment value fails the route's start, not its first destroy.
     */
    public int maxDestroyBatch() {
        return configuration.getMaxDestroyBatch();
    }

    public ZfsOperation getOperation() {
        return operation;
    }

    public void setOperation(ZfsOperation operation) {
        this.operation = operation;
    }

    public ZfsConfiguration getConfiguration() {
        return configuration;
    }

    public void setConfiguration(ZfsConfiguration configuration) {
        this.configuration = configuration;
    }
}
