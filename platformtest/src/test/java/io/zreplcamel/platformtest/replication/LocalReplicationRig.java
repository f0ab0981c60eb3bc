package io.zreplcamel.platformtest.replication;

import io.zreplcamel.config.ConfigLoader;
import io.zreplcamel.config.ZreplConfig;
import io.zreplcamel.config.model.Job;
import io.zreplcamel.config.model.PushJob;
import io.zreplcamel.config.model.SinkJob;
import io.zreplcamel.platformtest.Sh;
import io.zreplcamel.platformtest.TestPool;
import io.zreplcamel.platformtest.TestPools;
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
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.function.UnaryOperator;

/**
 * A push job and a sink job from one zrepl.yml (parsed by the real config loader, as an admin writes it), run
 * in-process over the engine's local endpoints on two real pools: {@code src} sends {@code <src>/...}, the sink
 * receives below {@code <dst>/sink/client1}. Each side has its own {@link Zfs}, so the zfs processes of each side
 * are counted separately.
 */
public final class LocalReplicationRig implements AutoCloseable {

    public static final String PUSH = "push1";
    static final String SINK = "sink1";
    public static final String CLIENT = "client1";

    final TestPool src;
    final TestPool dst;
    final PushJob push;
    final SinkJob sink;
    final Zfs senderZfs = Zfs.withDefaults();
    final Zfs receiverZfs = Zfs.withDefaults();
    private final ActiveJobRunner runner;

    /**
     * @param filesystems the push job's {@code filesystems:} body, e.g. {@code "\"<src>/data<\": true"} with
     *                    {@code <src>} replaced by the source pool's name
     * @param pushExtra   extra YAML lines of the push job (indented by 4), e.g. {@code send:} or
     *                    {@code conflict_resolution:}; may be empty
     * @param sinkExtra   extra YAML lines of the sink job (indented by 4), e.g. {@code recv:}
     */
    LocalReplicationRig(TestPool src, TestPool dst, Path dir, String filesystems, String pushExtra,
            String sinkExtra) {
        this(src, dst, dir, filesystems, pushExtra, sinkExtra, KEEP_ALMOST_EVERYTHING);
    }

    /** Pruning that keeps what these tests make (100 per side), except what was not replicated yet. */
    static final String KEEP_ALMOST_EVERYTHING = """
                pruning:
                  keep_sender:
                    - type: not_replicated
                    - type: last_n
                      count: 100
                  keep_receiver:
                    - type: last_n
                      count: 100
            """;

    /** Pruning that keeps every snapshot (the benchmark compares transfers, not retention; it still runs). */
    static final String KEEP_ALL = """
                pruning:
                  keep_sender:
                    - type: regex
                      regex: ".*"
                  keep_receiver:
                    - type: regex
                      regex: ".*"
            """;

    /**
     * The replication benchmark's rig: pruning keeps everything, placeholders unencrypted, and the zfs feature
     * detection of both sides done here, outside any measurement.
     */
    public static LocalReplicationRig forBenchmark(TestPool src, TestPool dst, String filesystems) {
        Path dir;
        try {
            dir = Files.createTempDirectory(Files.createDirectories(TestPools.scratch()), "replication-bench-");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        LocalReplicationRig rig = new LocalReplicationRig(src, dst, dir, filesystems, "", """
                    recv:
                      placeholder:
                        encryption: off
                """, KEEP_ALL);
        rig.senderZfs.features();
        rig.receiverZfs.features();
        return rig;
    }

    /** As above, with the push job's {@code pruning:} section (indented by 4) given. */
    LocalReplicationRig(TestPool src, TestPool dst, Path dir, String filesystems, String pushExtra,
            String sinkExtra, String pruning) {
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
                %s%s
                  - name: %s
                    type: sink
                    serve:
                      type: local
                      listener_name: %s
                    root_fs: %s
                %s
                """.formatted(PUSH, SINK, CLIENT, filesystems.replace("<src>", src.name()), pruning, pushExtra, SINK, SINK,
                dst.ds("sink"), sinkExtra);
        try {
            Path file = dir.resolve("zrepl.yml");
            Files.writeString(file, yaml, StandardCharsets.UTF_8);
            ZreplConfig config = ConfigLoader.load(file);
            this.push = (PushJob) job(config, PUSH);
            this.sink = (SinkJob) job(config, SINK);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (Exception e) {
            throw new IllegalStateException("config:\n" + yaml, e);
        }
        this.runner = new ActiveJobRunner(push, Clock.systemUTC());
    }

    private static Job job(ZreplConfig config, String name) {
        return config.jobs().stream().filter(j -> j.name().equals(name)).findFirst().orElseThrow();
    }

    LocalSender sender() {
        return new LocalSender(() -> senderZfs, push.name(), push.filesystems(), push.send(),
                BandwidthLimiter.of(push.send().bandwidthLimit()));
    }

    LocalReceiver receiver() {
        return receiver(UnaryOperator.identity());
    }

    LocalReceiver receiver(UnaryOperator<java.io.InputStream> limiter) {
        return new LocalReceiver(() -> receiverZfs, sink.name(), sink.rootFs(), Optional.of(CLIENT), sink.recv(),
                limiter);
    }

    /** The push job's runner, for invocations with other endpoints (e.g. a probing receiver). */
    ActiveJobRunner runner() {
        return runner;
    }

    private LocalSender jobSender;
    private LocalReceiver jobReceiver;

    /**
     * One invocation of the push job: replicate, prune the sender, prune the receiver. Like the daemon, every
     * invocation uses the same sender and receiver (their snapshots_changed caches live across invocations).
     */
    InvocationReport invoke() {
        if (jobSender == null) {
            jobSender = sender();
            jobReceiver = receiver();
        }
        InvocationReport report = runner.invoke(jobSender, jobReceiver);
        System.out.println("invocation: " + report);
        return report;
    }

    /** {@link #invoke}, failing unless replication and both prunings succeeded. */
    public InvocationReport invokeSuccessfully() {
        InvocationReport report = invoke();
        if (!report.replication().successful() || !report.senderPruning().successful()
                || !report.receiverPruning().successful()) {
            throw new AssertionError("invocation failed: " + report);
        }
        return report;
    }

    public long senderProcesses() {
        return senderZfs.runner().counter().total();
    }

    public long receiverProcesses() {
        return receiverZfs.runner().counter().total();
    }

    /** Where the sink puts the sender's {@code <src>/relative}. */
    public String received(String relative) {
        return dst.ds("sink/" + CLIENT + "/" + src.ds(relative));
    }

    /** Snapshot and bookmark names (short, with @ or #) of a dataset, oldest first. */
    static List<String> versions(String dataset) {
        Sh.Result r = Sh.exec("zfs", "list", "-H", "-p", "-o", "name", "-s", "createtxg", "-t", "snapshot,bookmark",
                "-d", "1", dataset);
        if (!r.ok()) {
            return List.of();
        }
        return r.lines().stream().filter(l -> !l.isBlank()).map(l -> l.substring(dataset.length())).toList();
    }

    static List<String> snapshots(String dataset) {
        return versions(dataset).stream().filter(v -> v.startsWith("@")).toList();
    }

    static List<String> bookmarks(String dataset) {
        return versions(dataset).stream().filter(v -> v.startsWith("#")).toList();
    }

    static String get(String dataset, String property) {
        return Sh.run("zfs", "get", "-H", "-p", "-o", "value", property, dataset).stdout().trim();
    }

    static String guid(String version) {
        return get(version, "guid");
    }

    /** Hold tags on one snapshot. */
    static List<String> holds(String snapshot) {
        return Sh.run("zfs", "holds", "-H", snapshot).lines().stream().filter(l -> !l.isBlank())
                .map(l -> l.split("\t")[1]).toList();
    }

    /** zrepl's cursor bookmark name for a snapshot's guid and this rig's push job. */
    static String cursorName(String snapshot) {
        return "#zrepl_CURSOR_G_" + String.format("%016x", Long.parseUnsignedLong(guid(snapshot))) + "_J_" + PUSH;
    }

    static List<String> args(String... a) {
        return Arrays.asList(a);
    }

    @Override
    public void close() {
        senderZfs.close();
        receiverZfs.close();
    }
}
