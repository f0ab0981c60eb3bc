package io.zreplcamel.config;

import static org.assertj.core.api.Assertions.assertThat;

import io.zreplcamel.config.filter.FilesystemFilter;
import io.zreplcamel.config.model.PushJob;
import io.zreplcamel.config.model.sendrecv.GuaranteeKind;
import io.zreplcamel.config.model.snapshotting.Snapshotting;
import io.zreplcamel.config.values.DataSize;
import io.zreplcamel.config.values.GoDuration;
import io.zreplcamel.config.values.ZreplDuration;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * Generated push jobs where each optional field is given or left out: the loaded model holds exactly the given
 * value, or zrepl's default when absent; filters written to YAML evaluate like the same map built directly.
 */
class ConfigPropertiesTest {

    /** The optional parts of a push job; empty = not written. */
    record PushSpec(Map<String, Boolean> filter, Duration interval, Optional<Duration> dialTimeout,
                    Optional<Long> maxBytes, Optional<Integer> steps, Optional<GuaranteeKind> incremental,
                    Optional<Boolean> compressed, Optional<Boolean> atomic) {
    }

    @Provide
    Arbitrary<PushSpec> pushSpecs() {
        Arbitrary<String> path = Arbitraries.of("tank", "tank/a", "tank/a b", "pool/x/y", "z").flatMap(
                p -> Arbitraries.of(p, p + "<"));
        Arbitrary<Map<String, Boolean>> filter = Arbitraries.maps(path, Arbitraries.of(true, false))
                .ofMinSize(1).ofMaxSize(5).map(LinkedHashMap::new);
        Arbitrary<Duration> interval = Arbitraries.longs().between(1, 10_000_000).map(Duration::ofSeconds);
        Arbitrary<Duration> dial = Arbitraries.longs().between(0, 86_400_000_000_000L).map(Duration::ofNanos);
        Arbitrary<Long> bytes = Arbitraries.longs().between(1, 1L << 40);
        return Combinators.combine(filter, interval, dial.optional(), bytes.optional(),
                        Arbitraries.integers().between(1, 64).optional(),
                        Arbitraries.of(GuaranteeKind.values()).optional(), Arbitraries.of(true, false).optional(),
                        Arbitraries.of(true, false).optional())
                .as(PushSpec::new);
    }

    private static String yaml(PushSpec s) {
        StringBuilder y = new StringBuilder("jobs:\n- name: push\n  type: push\n");
        y.append("  connect:\n    type: tcp\n    address: \"backup:8888\"\n");
        s.dialTimeout().ifPresent(d -> y.append("    dial_timeout: ").append(GoDuration.format(d)).append('\n'));
        y.append("  filesystems:\n");
        s.filter().forEach((k, v) -> y.append("    \"").append(k).append("\": ").append(v).append('\n'));
        y.append("  snapshotting:\n    type: periodic\n    prefix: zrepl_\n    interval: ")
                .append(ZreplDuration.format(s.interval())).append('\n');
        s.atomic().ifPresent(a -> y.append("    atomic: ").append(a).append('\n'));
        if (s.maxBytes().isPresent() || s.compressed().isPresent()) {
            y.append("  send:\n");
            s.compressed().ifPresent(c -> y.append("    compressed: ").append(c).append('\n'));
            s.maxBytes().ifPresent(b -> y.append("    bandwidth_limit:\n      max: ")
                    .append(DataSize.ofBytes(b).format()).append('\n'));
        }
        if (s.steps().isPresent() || s.incremental().isPresent()) {
            y.append("  replication:\n");
            s.incremental().ifPresent(k -> y.append("    protection:\n      incremental: ").append(k.configName())
                    .append('\n'));
            s.steps().ifPresent(n -> y.append("    concurrency:\n      steps: ").append(n).append('\n'));
        }
        y.append("  pruning:\n    keep_sender:\n    - type: not_replicated\n    keep_receiver:\n")
                .append("    - type: last_n\n      count: 1\n");
        return y.toString();
    }

    @Property(tries = 150)
    void givenValuesOrDefaultsEndUpInTheModel(@ForAll("pushSpecs") PushSpec spec) throws Exception {
        Path file = Files.createTempFile("zrepl", ".yml");
        try {
            Files.writeString(file, yaml(spec));

            PushJob job = (PushJob) ConfigLoader.load(file).jobs().get(0);

            assertThat(job.filesystems()).isEqualTo(FilesystemFilter.of(spec.filter()));
            Snapshotting.Periodic p = (Snapshotting.Periodic) job.snapshotting();
            assertThat(p.interval()).isEqualTo(spec.interval());
            assertThat(p.atomic()).isEqualTo(spec.atomic().orElse(false));
            assertThat(job.connect().dialTimeout()).isEqualTo(spec.dialTimeout().orElse(Duration.ofSeconds(10)));
            assertThat(job.send().bandwidthLimit().maxBytesPerSecond()).isEqualTo(spec.maxBytes().orElse(-1L));
            assertThat(job.send().bandwidthLimit().bucketCapacityBytes()).isEqualTo(128 * 1024);
            assertThat(job.send().compressed()).isEqualTo(spec.compressed().orElse(false));
            assertThat(job.replication().concurrentSteps()).isEqualTo(spec.steps().orElse(1));
            assertThat(job.replication().concurrentSizeEstimates()).isEqualTo(4);
            assertThat(job.replication().incrementalProtection())
                    .isEqualTo(spec.incremental().orElse(GuaranteeKind.GUARANTEE_RESUMABILITY));
            assertThat(job.replication().initialProtection()).isEqualTo(GuaranteeKind.GUARANTEE_RESUMABILITY);
            for (String dataset : new String[] {"tank", "tank/a", "tank/a b/c", "pool/x/y/z", "z", "other"}) {
                assertThat(job.filesystems().evaluate(dataset))
                        .isEqualTo(FilesystemFilter.of(spec.filter()).evaluate(dataset));
            }
        } finally {
            Files.delete(file);
        }
    }
}
