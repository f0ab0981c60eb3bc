package io.zreplcamel.zfs.component;

import io.zreplcamel.zfs.DestroyBatchSize;
import io.zreplcamel.zfs.Zfs;
import io.zreplcamel.zfs.cmd.RunnerSettings;
import io.zreplcamel.zfs.stream.ZfsSendStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import org.apache.camel.Endpoint;
import org.apache.camel.spi.Metadata;
import org.apache.camel.spi.StreamCachingStrategy;
import org.apache.camel.spi.annotations.Component;
import org.apache.camel.support.DefaultComponent;

/**
 * The {@code zfs:} component: creates endpoints ({@code zfs:<operation>?options}) and owns the ZFS layer instances
 * they share, one per distinct binary/timeout setting, so spawned processes are counted and killed in one place when
 * the component stops.
 */
@Component("zfs")
public class ZfsComponent extends DefaultComponent {

    @Metadata(description = "Default options for every endpoint; URI options override them.")
    private ZfsConfiguration configuration = new ZfsConfiguration();

    private final Map<RunnerSettings, Zfs> instances = new ConcurrentHashMap<>();
    private final Function<String, String> environment;

    public ZfsComponent() {
        this(System::getenv);
    }

    /** With another process environment (tests of {@code ZREPL_DESTROY_MAX_BATCH_SIZE}). */
    ZfsComponent(Function<String, String> environment) {
        this.environment = environment;
    }

    @Override
    protected Endpoint createEndpoint(String uri, String remaining, Map<String, Object> parameters) throws Exception {
        ZfsOperation operation = ZfsOperation.fromUri(remaining);
        ZfsConfiguration config = configuration.copy();
        // No generated configurers: bind the options onto the configuration by reflection first, then whatever is
        // left (consumer scheduling options such as delay) onto the endpoint; unknown options still fail.
        setProperties(config, parameters);
        if (config.getMaxDestroyBatch() == null) {
            config.setMaxDestroyBatch(DestroyBatchSize.fromEnvironment(environment));
        } else if (config.getMaxDestroyBatch() < 0) {
            throw new IllegalArgumentException("maxDestroyBatch must be 0 (no limit) or positive, not "
                    + config.getMaxDestroyBatch());
        }
        ZfsEndpoint endpoint = new ZfsEndpoint(uri, this, operation, config);
        setProperties(endpoint, parameters);
        return endpoint;
    }

    /** The shared layer instance for the settings of an endpoint. */
    Zfs zfsFor(ZfsConfiguration c) {
        RunnerSettings settings = RunnerSettings.defaults().withZfsBinary(c.getZfsCommand())
                .withZpoolBinary(c.getZpoolCommand()).withDefaultTimeout(Duration.ofMillis(c.getTimeout()))
                .withStderrCaptureBytes(c.getStderrCaptureBytes());
        return instances.computeIfAbsent(settings, Zfs::new);
    }

    /** The layer instance for the component's own (default) options, shared with endpoints that use them. */
    public Zfs defaultZfs() {
        return zfsFor(configuration);
    }

    /**
     * The layer instance that runs zfs on another host through {@code remoteShell} (e.g. {@code ssh ... user@host}),
     * with the component's options otherwise; shared per shell and closed with the component.
     */
    public Zfs remoteZfs(List<String> remoteShell) {
        RunnerSettings settings = RunnerSettings.defaults().withZfsBinary(configuration.getZfsCommand())
                .withZpoolBinary(configuration.getZpoolCommand())
                .withDefaultTimeout(Duration.ofMillis(configuration.getTimeout()))
                .withStderrCaptureBytes(configuration.getStderrCaptureBytes()).withRemoteShell(remoteShell);
        return instances.computeIfAbsent(settings, Zfs::new);
    }

    /** Every layer instance this component created (e.g. to read their process counters). */
    public List<Zfs> instances() {
        return new ArrayList<>(instances.values());
    }

    @Override
    protected void doStart() throws Exception {
        super.doStart();
        // A send stream must never be read into memory or spooled to disk by stream caching: it is one pass over a
        // process pipe, possibly terabytes long.
        StreamCachingStrategy strategy = getCamelContext().getStreamCachingStrategy();
        if (strategy != null) {
            List<Class<?>> deny = new ArrayList<>();
            if (strategy.getDenyClasses() != null) {
                deny.addAll(strategy.getDenyClasses());
            }
            if (!deny.contains(ZfsSendStream.class)) {
                deny.add(ZfsSendStream.class);
                strategy.setDenyClasses(deny.toArray(new Class<?>[0]));
            }
        }
    }

    @Override
    protected void doStop() throws Exception {
        for (Zfs z : instances.values()) {
            z.close();
        }
        instances.clear();
        super.doStop();
    }

    public ZfsConfiguration getConfiguration() {
        return configuration;
    }

    public void setConfiguration(ZfsConfiguration configuration) {
        this.configuration = configuration;
    }
}
