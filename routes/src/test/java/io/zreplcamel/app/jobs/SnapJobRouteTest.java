package io.zreplcamel.app.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import io.zreplcamel.config.ConfigLoader;
import io.zreplcamel.config.ZreplConfig;
import io.zreplcamel.zfs.component.ZfsComponent;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.apache.camel.Exchange;
import org.apache.camel.component.mock.MockEndpoint;
import org.apache.camel.support.PluginHelper;
import org.apache.camel.test.junit5.CamelTestSupport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.snakeyaml.engine.v2.api.Load;
import org.snakeyaml.engine.v2.api.LoadSettings;

/**
 * The bundled {@code zrepl-snap-job} route template, run as the daemon runs it (template loaded from the jar's
 * YAML, one route per snap job through {@link JobRoutes}), against a fake {@code zfs} script: several runs
 * happen on the Quartz tick, snapshots are named prefix + timestamp, hooks run in zrepl's order with their
 * environment, a fatal pre-hook keeps its filesystem unsnapshotted, pruning destroys exactly what the plan said
 * (batched per filesystem), grids keep their newest snapshot by default, and each run's event reaches the events
 * endpoint as JSON. Control flow only: the platform tests prove the same against real OpenZFS.
 */
class SnapJobRouteTest extends CamelTestSupport {

    private static final String DENSE_NAME = "zrepl_\\d{8}_\\d{6}_000";

    @TempDir
    Path dir;

    private FakeZfsPool pool;
    private Path hookLog;

    @Override
    protected void doPostSetup() throws Exception {
        pool = FakeZfsPool.create(dir, "tank", "tank/a", "tank/b", "tank/skip", "grid", "other");
        long anHourAgo = Instant.now().getEpochSecond() - 3600;
        pool.addSnapshot("tank/a@manual_keep", anHourAgo);
        hookLog = dir.resolve("hooks.log");
        Path recorder = script("record.sh", "echo \"$1 $ZREPL_HOOKTYPE $ZREPL_FS $ZREPL_SNAPNAME dry=$ZREPL_DRYRUN"
                + " timeout=$ZREPL_TIMEOUT\" >> '" + hookLog + "'");
        Path first = script("first.sh", "exec '" + recorder + "' first");
        Path second = script("second.sh", "exec '" + recorder + "' second");
        Path blocker = script("blocker.sh", "'" + recorder + "' blocker; echo 'database not ready' >&2; exit 1");
        Path config = Files.writeString(dir.resolve("zrepl.yml"), """
                jobs:
                  - name: snapjob
                    type: snap
                    filesystems: {"tank<": true, "tank/skip": false}
                    snapshotting:
                      type: periodic
                      prefix: zrepl_
                      interval: 2s
                      hooks:
                        - {type: command, path: "%s", timeout: 7s}
                        - {type: command, path: "%s", filesystems: {"tank/a": true}}
                        - {type: command, path: "%s", filesystems: {"tank/b": true}, err_is_fatal: true}
                    pruning:
                      keep:
                        - {type: last_n, count: 2, regex: "^zrepl_"}
                        - {type: regex, regex: "^zrepl_", negate: true}
                  - name: gridjob
                    type: snap
                    filesystems: {"grid": true}
                    snapshotting:
                      type: periodic
                      prefix: zrepl_
                      interval: 2s
                    pruning:
                      keep:
                        - {type: grid, grid: 1x1h, regex: "^zrepl_"}
                """.formatted(first, second, blocker));
        ZreplConfig loaded = ConfigLoader.load(config);

        context.getComponent("zfs", ZfsComponent.class).getConfiguration().setZfsCommand(pool.script().toString());
        var resources = PluginHelper.getResourceLoader(context);
        PluginHelper.getRoutesLoader(context).loadRoutes(
                resources.resolveResource("classpath:zrepl-routes/snap-job.yaml"));
        List<String> ids = new JobRoutes(context, Clock.systemUTC(), ZoneOffset.UTC,
                Map.of("eventsUri", "mock:events", "tickMillis", "100")).install(loaded);
        assertThat(ids).containsExactly("job-snapjob-snap", "job-gridjob-snap");
    }

    @Test
    void runsSnapshotsHooksPruningAndEventsOnEveryTick() throws Exception {
        MockEndpoint events = getMockEndpoint("mock:events");
        events.setMinimumExpectedMessageCount(6); // three runs of each job, 2 s apart
        events.setResultWaitTime(30_000);
        events.assertIsSatisfied();
        context.getRouteController().stopRoute("job-snapjob-snap");
        context.getRouteController().stopRoute("job-gridjob-snap");

        List<Map<String, Object>> snapRuns = new ArrayList<>();
        List<Map<String, Object>> gridRuns = new ArrayList<>();
        for (Exchange e : events.getExchanges()) {
            Map<String, Object> event = json(e.getMessage().getBody(String.class));
            assertPublishedShape(e, event);
            assertThat(event).containsEntry("type", "snap-run");
            (event.get("job").equals("snapjob") ? snapRuns : gridRuns).add(event);
        }
        assertThat(snapRuns).hasSizeGreaterThanOrEqualTo(3);
        assertThat(gridRuns).hasSizeGreaterThanOrEqualTo(3);

        List<String> taken = new ArrayList<>();
        List<String> expectedHookLog = new ArrayList<>();
        for (Map<String, Object> run : snapRuns) {
            // the fatal pre-hook of tank/b fails every run: the run reports an error, the others still go on
            assertThat(run).containsEntry("ok", false);
            List<Map<String, Object>> fss = list(run.get("snapshots"));
            assertThat(fss).extracting(fs -> fs.get("filesystem")).containsExactly("tank", "tank/a", "tank/b");
            for (Map<String, Object> fs : fss) {
                String name = (String) fs.get("snapshot");
                String fsName = (String) fs.get("filesystem");
                assertThat(name).matches(DENSE_NAME);
                String env = " " + fsName + " " + name + " dry= timeout=";
                switch (fsName) {
                    case "tank" -> {
                        assertThat(fs).containsEntry("state", "DONE");
                        taken.add("tank@" + name);
                        expectedHookLog.addAll(List.of("first pre_snapshot" + env + "7",
                                "first post_snapshot" + env + "7"));
                    }
                    case "tank/a" -> {
                        assertThat(fs).containsEntry("state", "DONE");
                        taken.add("tank/a@" + name);
                        expectedHookLog.addAll(List.of("first pre_snapshot" + env + "7",
                                "second pre_snapshot" + env + "30", "second post_snapshot" + env + "30",
                                "first post_snapshot" + env + "7"));
                    }
                    default -> {
                        assertThat(fs).containsEntry("state", "ERROR");
                        assertThat((String) fs.get("error")).contains("blocker.sh").contains("exit status 1");
                        List<Map<String, Object>> steps = list(fs.get("hooks"));
                        assertThat(steps).extracting(h -> h.get("edge") + " " + h.get("status")).containsExactly(
                                "pre Ok", "pre Err", "callback SkippedDueToFatalErr", "post SkippedDueToFatalErr",
                                "post Ok");
                        assertThat((String) steps.get(1).get("output")).contains("database not ready");
                        expectedHookLog.addAll(List.of("first pre_snapshot" + env + "7",
                                "blocker pre_snapshot" + env + "30", "first post_snapshot" + env + "7"));
                    }
                }
            }
        }
        assertThat(Files.readAllLines(hookLog)).as("hook calls, in order, with their environment")
                .containsExactlyElementsOf(expectedHookLog);

        // pruning destroyed exactly what each run's plan said, one batched zfs destroy per filesystem
        Set<String> destroyed = new LinkedHashSet<>();
        int filesystemsWithWork = 0;
        for (Map<String, Object> run : snapRuns) {
            List<String> planned = new ArrayList<>();
            for (Map<String, Object> plan : list(run.get("pruning"))) {
                List<String> names = strings(plan.get("destroy"));
                names.forEach(n -> planned.add(plan.get("filesystem") + "@" + n));
                filesystemsWithWork += names.isEmpty() ? 0 : 1;
            }
            assertThat(strings(run.get("destroyed"))).containsExactlyInAnyOrderElementsOf(planned);
            assertThat((Map<?, ?>) run.get("destroyFailed")).isEmpty();
            destroyed.addAll(planned);
        }
        List<String> zreplLeft = new ArrayList<>(taken);
        zreplLeft.removeAll(destroyed);
        assertThat(destroyed).as("only snapshots of this job were destroyed").isSubsetOf(taken);
        List<String> left = pool.snapshots().stream().filter(s -> s.startsWith("tank")).toList();
        assertThat(left).containsExactlyInAnyOrderElementsOf(concat(List.of("tank/a@manual_keep"), zreplLeft));
        for (String fs : List.of("tank", "tank/a")) {
            List<String> ofFs = taken.stream().filter(s -> s.startsWith(fs + "@")).toList();
            assertThat(zreplLeft.stream().filter(s -> s.startsWith(fs + "@")))
                    .as("last_n count 2 keeps the two newest of " + fs)
                    .containsExactlyElementsOf(ofFs.subList(ofFs.size() - 2, ofFs.size()));
        }
        List<String> destroyCalls = pool.calls().stream().filter(c -> c.startsWith("destroy ")
                && c.contains("tank")).toList();
        assertThat(destroyCalls).hasSize(filesystemsWithWork);

        // grid 1x1h keeps the oldest snapshot of the hour and, by default, the newest: never the one just taken
        List<String> gridLeft = pool.snapshots().stream().filter(s -> s.startsWith("grid@")).toList();
        List<String> gridTaken = new ArrayList<>();
        for (Map<String, Object> run : gridRuns) {
            assertThat(run).containsEntry("ok", true);
            list(run.get("snapshots")).forEach(fs -> gridTaken.add("grid@" + fs.get("snapshot")));
        }
        assertThat(gridLeft).containsExactly(gridTaken.get(0), gridTaken.get(gridTaken.size() - 1));

        assertThat(pool.snapshots()).noneMatch(s -> s.startsWith("tank/skip@") || s.startsWith("other@"));
        assertThat(new TreeSet<>(pool.calls().stream().map(c -> c.split(" ")[0]).toList()))
                .as("zfs verbs used").containsExactly("-?", "destroy", "list", "snapshot");
    }

    @Test
    void aDestroyThatFailsAsAWholeStillEndsInAnEventAndTheNextRunPrunes() throws Exception {
        pool.breakFeatureDetection(true);
        MockEndpoint events = getMockEndpoint("mock:events");
        List<Map<String, Object>> snapRuns = new ArrayList<>();
        int seen = 0;
        long deadline = System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(40);
        boolean repaired = false;
        while (System.nanoTime() < deadline && (snapRuns.isEmpty()
                || strings(snapRuns.get(snapRuns.size() - 1).get("destroyed")).isEmpty())) {
            List<Exchange> received = events.getExchanges();
            for (; seen < received.size(); seen++) {
                Map<String, Object> event = json(received.get(seen).getMessage().getBody(String.class));
                if (event.get("job").equals("snapjob")) {
                    snapRuns.add(event);
                    if (event.get("pruneError") != null && !repaired) {
                        pool.breakFeatureDetection(false);
                        repaired = true;
                    }
                }
            }
            Thread.sleep(100);
        }
        Map<String, Object> failed = snapRuns.stream().filter(e -> e.get("pruneError") != null).findFirst()
                .orElseThrow(() -> new AssertionError("no run with a failed destroy: " + snapRuns));
        assertThat((String) failed.get("pruneError")).startsWith("destroying failed: ")
                .contains("usage text");
        assertThat(failed).containsEntry("ok", false);
        assertThat(strings(failed.get("destroyed"))).isEmpty();
        List<String> plannedThen = new ArrayList<>();
        for (Map<String, Object> plan : list(failed.get("pruning"))) {
            strings(plan.get("destroy")).forEach(n -> plannedThen.add(plan.get("filesystem") + "@" + n));
        }
        assertThat(plannedThen).isNotEmpty();
        Map<String, Object> last = snapRuns.get(snapRuns.size() - 1);
        assertThat(last.get("pruneError")).isNull();
        assertThat(strings(last.get("destroyed"))).as("the next run destroyed what the failed one could not")
                .containsAll(plannedThen);
    }

    /**
     * The event object went through the route's camel-jackson marshal step into one line of JSON text whose keys
     * and their order are the documented format (docs/events.md), with ISO-8601 timestamps as strings.
     */
    private static void assertPublishedShape(Exchange e, Map<String, Object> event) {
        assertThat(e.getMessage().getBody()).isInstanceOf(String.class);
        assertThat(e.getMessage().getBody(String.class)).doesNotContain("\n");
        assertThat(e.getMessage().getHeader(Exchange.CONTENT_TYPE)).as("set by camel-jackson")
                .isEqualTo("application/json");
        assertThat(event.keySet()).containsExactly("type", "job", "started", "finished", "ok", "snapshots",
                "snapshotError", "pruning", "pruneError", "destroyed", "destroyFailed", "nextRun", "cronSkipped");
        String iso = "\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d(\\.\\d+)?Z";
        for (String key : List.of("started", "finished", "nextRun")) {
            assertThat(event.get(key)).as(key).isInstanceOf(String.class);
            assertThat((String) event.get(key)).as(key).matches(iso);
        }
        assertThat(event.get("cronSkipped")).isEqualTo(0);
        for (Map<String, Object> fs : list(event.get("snapshots"))) {
            assertThat(fs.keySet()).containsExactly("filesystem", "state", "snapshot", "error", "hooks");
            for (Map<String, Object> hook : list(fs.get("hooks"))) {
                if ("Err".equals(hook.get("status"))) {
                    assertThat(hook.keySet()).containsExactly("edge", "hook", "status", "error", "output");
                } else {
                    assertThat(hook.keySet()).containsExactly("edge", "hook", "status", "error");
                }
            }
        }
        for (Map<String, Object> plan : list(event.get("pruning"))) {
            assertThat(plan.keySet()).containsExactly("filesystem", "skipped", "error", "keep", "destroy");
        }
    }

    private Path script(String name, String body) throws IOException {
        Path p = dir.resolve(name);
        Files.writeString(p, "#!/bin/bash\n" + body + "\n");
        Files.setPosixFilePermissions(p, PosixFilePermissions.fromString("rwxr-xr-x"));
        return p;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> json(String text) {
        // JSON is YAML: the config module's parser reads it
        return (Map<String, Object>) new Load(LoadSettings.builder().build()).loadFromString(text);
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> list(Object o) {
        return (List<Map<String, Object>>) o;
    }

    @SuppressWarnings("unchecked")
    private static List<String> strings(Object o) {
        return (List<String>) o;
    }

    private static List<String> concat(List<String> a, List<String> b) {
        List<String> out = new ArrayList<>(a);
        out.addAll(b);
        return out;
    }
}
