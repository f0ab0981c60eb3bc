package io.zreplcamel.config.parse;

import io.zreplcamel.config.model.PullJob;
import io.zreplcamel.config.model.ReceivingJob;
import io.zreplcamel.config.model.SinkJob;
import io.zreplcamel.config.model.transport.Connect;
import io.zreplcamel.config.model.transport.Serve;
import io.zreplcamel.config.model.PassiveJob;
import io.zreplcamel.config.model.ActiveJob;
import io.zreplcamel.config.yaml.Problems;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.snakeyaml.engine.v2.nodes.Node;

/** Checks that need all jobs of the config, main file and included files together. */
public final class CrossJobChecks {

    private CrossJobChecks() {
    }

    public static void check(List<ParsedJob> jobs, Problems problems) {
        uniqueNames(jobs, problems);
        receivingRootsDoNotOverlap(jobs, problems);
        localListeners(jobs, problems);
    }

    private static void uniqueNames(List<ParsedJob> jobs, Problems problems) {
        Map<String, ParsedJob> seen = new HashMap<>();
        for (ParsedJob j : jobs) {
            ParsedJob first = seen.putIfAbsent(j.job().name(), j);
            if (first != null) {
                problems.error(j.file(), j.nameNode(), "duplicate job name \"" + j.job().name()
                        + "\" (first defined at " + where(first, first.nameNode()) + ")");
            }
        }
    }

    /**
     * zrepl 0.7 no longer checks this, but where a pull job is involved overlapping roots mix datasets: a pull job
     * receives sender paths directly below its root_fs (no client identity level), so each job would receive into
     * and prune the other's datasets. Sinks sharing the same root_fs are fine (each client gets its own identity
     * dataset); a sink root nested inside another sink's root collides with that sink's client datasets.
     */
    private static void receivingRootsDoNotOverlap(List<ParsedJob> jobs, Problems problems) {
        List<ParsedJob> receivers = jobs.stream().filter(j -> j.job() instanceof ReceivingJob).toList();
        for (int i = 0; i < receivers.size(); i++) {
            for (int k = 0; k < i; k++) {
                ParsedJob later = receivers.get(i);
                ParsedJob earlier = receivers.get(k);
                String a = ((ReceivingJob) later.job()).rootFs();
                String b = ((ReceivingJob) earlier.job()).rootFs();
                boolean equal = a.equals(b);
                boolean nested = a.startsWith(b + "/") || b.startsWith(a + "/");
                if (!equal && !nested) {
                    continue;
                }
                boolean anyPull = later.job() instanceof PullJob || earlier.job() instanceof PullJob;
                String why;
                if (anyPull) {
                    why = "a pull job receives sender paths directly below its root_fs, so the jobs would receive"
                            + " into and prune each other's datasets";
                } else if (nested && later.job() instanceof SinkJob && earlier.job() instanceof SinkJob) {
                    why = "the inner root_fs is where the outer sink puts a client's datasets";
                } else {
                    continue;
                }
                problems.error(later.file(), later.rootFsNode(), "job \"" + later.job().name() + "\": root_fs \""
                        + a + "\" overlaps root_fs \"" + b + "\" of job \"" + earlier.job().name() + "\" ("
                        + where(earlier, earlier.rootFsNode()) + "): " + why);
            }
        }
    }

    /**
     * The local transport is in-process: a connect needs a local serve with that name in the same config, and two
     * serves with one name share a listener (which of them gets a connection is chance). zrepl accepts both and
     * fails or misroutes at run time; we warn.
     */
    private static void localListeners(List<ParsedJob> jobs, Problems problems) {
        Map<String, ParsedJob> listeners = new HashMap<>();
        for (ParsedJob j : jobs) {
            if (j.job() instanceof PassiveJob p && p.serve() instanceof Serve.Local local) {
                ParsedJob first = listeners.putIfAbsent(local.listenerName(), j);
                if (first != null) {
                    problems.warning(j.file(), j.connectOrServeNode(), "job \"" + j.job().name()
                            + "\": local listener_name \"" + local.listenerName() + "\" is already served by job \""
                            + first.job().name() + "\" (" + where(first, first.connectOrServeNode()) + "); connections go to either job");
                }
            }
        }
        for (ParsedJob j : jobs) {
            if (j.job() instanceof ActiveJob a && a.connect() instanceof Connect.Local local
                    && !listeners.containsKey(local.listenerName())) {
                problems.warning(j.file(), j.connectOrServeNode(), "job \"" + j.job().name()
                        + "\": no job in this config serves local listener_name \"" + local.listenerName()
                        + "\" (add a sink or source with serve: {type: local, listener_name: "
                        + local.listenerName() + "})");
            }
        }
    }

    private static String where(ParsedJob job, Node node) {
        int line = node == null ? 0 : node.getStartMark().map(m -> m.getLine() + 1).orElse(0);
        return job.file() + ":" + line;
    }
}
