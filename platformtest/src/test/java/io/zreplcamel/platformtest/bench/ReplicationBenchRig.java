package io.zreplcamel.platformtest.bench;

import io.zreplcamel.config.ConfigLoader;
import io.zreplcamel.config.ZreplConfig;
import io.zreplcamel.config.model.Job;
import io.zreplcamel.config.model.PushJob;
import io.zreplcamel.config.model.SinkJob;
import io.zreplcamel.platformtest.Sh;
import io.zreplcamel.platformtest.TestPool;
import io.zreplcamel.processors.endpoint.bandwidth.BandwidthLimiter;
import io.zreplcamel.processors.endpoint.local.LocalReceiver;
import io.zreplcamel.processors.endpoint.local.LocalSender;
import io.zreplcamel.processors.job.ActiveJobRunner;
import io.zreplcamel.processors.job.InvocationReport;
import io.zreplcamel.zfs.Zfs;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Optional;
import java.util.function.UnaryOperator;

/**
 * The benchmark's copy of {@code replication.LocalReplicationRig} (which is package-private there): a push job and
 * a sink job from one zrepl.yml, parsed by the real config loader, run in-process over the engine's local endpoints
 * on two real pools, each side with its own {@link Zfs} so each side's zfs processes are counted separately. The
 * sink receives {@code <src>/x} as {@code <dst>/sink/client1/<src>/x}. Pruning keeps every snapshot on both sides
 * (the benchmark compares transfers, not retention), but still runs: an invocation is replicate + prune both sides,
 * as in the daemon.
 */
final class ReplicationBenchRig implements AutoCloseable {

    static final String PUSH = "push1";
    static final String SINK = "sink1";
    static final String CLIENT = "client1";

    private static final String KEEP_ALL = """
                pruning:
                  keep_sender:
                    - type: regex
                      regex: ".*"
                  keep_receiver:
                    - type: regex
                      regex: ".*"
            """;

    final TestPool src;
    final TestPool dst;
    final Zfs senderZfs = Zfs.withDefaults();
    final Zfs receiverZfs = Zfs.withDefaults();
    private final PushJob push;
    private final SinkJob sink;
    private final ActiveJobRunner runner;
    private LocalSender sender;
    private LocalReceiver receiver;

    /** @param filesystems the push job's {@code filesystems:} body; {@code <src>} stands for the source pool */
    ReplicationBenchRig(TestPool src, TestPool dst, String filesystems) {
        this.src = src;
        this.dst = dst;
        if (!Sh.exec("zfs", "list", "-H", dst.ds("sink")).ok()) {
            dst.zfs("create", dst.ds("sink"));
        }
        String yaml = """
                jobs:
                  - name: %s
                    type: push
                    connect:
                      type: local
                      listener_name: %s
                      client_identity: %s
                    filesystems: {%s}
                    snapshotting:
                      type: manual
                %s
                  - name: %s
                    type: sink
                    serve:
                      type: local
                      listener_name: %s
                    root_fs: %s
                    recv:
                      placeholder:
                        encryption: off
                """.formatted(PUSH, SINK, CLIENT, filesystems.replace("<src>", src.name()), KEEP_ALL, SINK, SINK,
                dst.ds("sink"));
        try {
            Path file = Files.createTempFile(Files.createDirectories(io.zreplcamel.platformtest.TestPools.scratch()),
                    "replication-bench-", ".yml");
            Files.writeString(file, yaml, StandardCharsets.UTF_8);
            ZreplConfig config = ConfigLoader.load(file);
            Files.delete(file);
            this.push = (PushJob) job(config, PUSH);
            this.sink = (SinkJob) job(config, SINK);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (Exception e) {
            throw new IllegalStateException("config:\n" + yaml, e);
        }
        this.runner = new ActiveJobRunner(push, Clock.systemUTC());
        // feature detection (zfs version) happens once per Zfs; not part of any measurement
        senderZfs.features();
        receiverZfs.features();
    }

    private static Job job(ZreplConfig config, String name) {
        return config.jobs().stream().filter(j -> j.name().equals(name)).findFirst().orElseThrow();
    }

    /**
     * One invocation of the push job (replicate, prune sender, prune receiver), with the same sender and receiver
     * every time, as the daemon does (their snapshots_changed caches live across invocations). Fails unless
     * replication and both prunings succeeded.
     */
    InvocationReport invoke() {
        if (sender == null) {
            sender = new LocalSender(() -> senderZfs, push.name(), push.filesystems(), push.send(),
                    BandwidthLimiter.of(push.send().bandwidthLimit()));
            receiver = new LocalReceiver(() -> receiverZfs, sink.name(), sink.rootFs(), Optional.of(CLIENT),
                    sink.recv(), UnaryOperator.identity());
        }
        InvocationReport report = runner.invoke(sender, receiver);
        if (!report.replication().successful() || !report.senderPruning().successful()
                || !report.receiverPruning().successful()) {
            throw new AssertionError("invocation failed: " + report);
        }
        return report;
    }

    /** Where the sink puts the sender's {@code <src>/relative}. */
    String received(String relative) {
        return dst.ds("sink/" + CLIENT + "/" + src.ds(relative));
    }

    long senderProcesses() {
        return senderZfs.runner().counter().total();
    }

    long receiverProcesses() {
        return receiverZfs.runner().counter().total();
    }

    @Override
    public void close() {
        senderZfs.close();
        receiverZfs.close();
    }
}
