package io.zreplcamel.app.status;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Iterator;
import java.util.Locale;
import java.util.Map;

/**
 * The text of {@code zrepl-camel status --mode dump}, rendered from the daemon's status JSON (docs/status.md) the way
 * zrepl's status lays out a job: its state and schedule, the replication (attempts, a progress bar with bytes, rate
 * and time remaining, one line per filesystem), the last run's pruning of each side, and the last run's summary.
 * Pure: the same JSON gives the same text.
 */
public final class StatusText {

    private static final int BAR_WIDTH = 50;

    private StatusText() {
    }

    public static String render(JsonNode status) {
        StringBuilder out = new StringBuilder();
        Instant now = instant(status.path("daemon").path("now").asText(null));
        Iterator<Map.Entry<String, JsonNode>> jobs = status.path("jobs").fields();
        boolean first = true;
        while (jobs.hasNext()) {
            Map.Entry<String, JsonNode> job = jobs.next();
            if (!first) {
                out.append('\n').append("-".repeat(78)).append("\n\n");
            }
            first = false;
            job(out, job.getKey(), job.getValue(), now);
        }
        if (first) {
            out.append("no jobs\n");
        }
        return out.toString();
    }

    private static void job(StringBuilder out, String name, JsonNode j, Instant now) {
        out.append("Job: ").append(name).append('\n');
        out.append("Type: ").append(j.path("type").asText()).append('\n');
        String state = j.path("state").asText();
        out.append("State: ").append(state);
        if (has(j, "phase")) {
            out.append(" (").append(j.get("phase").asText()).append(')');
        }
        if (has(j, "runStarted")) {
            out.append(", started ").append(j.get("runStarted").asText()).append(lasting(j.get("runStarted"), now));
        }
        out.append('\n');
        if (has(j, "nextRun")) {
            String next = j.get("nextRun").asText();
            out.append("Next run: ").append(JobStatus.MANUAL.equals(next) ? "manual (only on signal wakeup)" : next)
                    .append('\n');
        }
        if (j.path("clients").isArray()) {
            out.append("Clients served: ").append(j.get("clients").size() == 0 ? "none yet"
                    : String.join(", ", texts(j.get("clients")))).append('\n');
        }
        if (has(j, "replication")) {
            replication(out, j.get("replication"), now, "running".equals(state) && "replicating".equals(
                    j.path("phase").asText()));
        }
        if (has(j, "lastRun")) {
            JsonNode pruning = j.get("lastRun").path("pruning");
            if (pruning.isObject()) {
                pruning(out, "Pruning Sender", pruning.path("sender"));
                pruning(out, "Pruning Receiver", pruning.path("receiver"));
            }
            out.append("Last run: ").append(j.get("lastRun").path("finished").asText("?"));
            if (has(j, "lastRunSummary")) {
                out.append(": ").append(j.get("lastRunSummary").asText());
            }
            out.append('\n');
        } else {
            out.append("Last run: none yet\n");
        }
    }

    private static void replication(StringBuilder out, JsonNode r, Instant now, boolean running) {
        out.append("Replication:\n");
        JsonNode attempts = r.path("attempts");
        for (JsonNode a : attempts) {
            out.append("  Attempt #").append(a.path("number").asInt()).append(": ").append(a.path("state").asText());
            if (has(a, "finished")) {
                out.append(" (ended ").append(a.get("finished").asText()).append(')');
            } else {
                out.append(" (started ").append(a.path("started").asText()).append(lasting(a.get("started"), now))
                        .append(')');
            }
            if (has(a, "error")) {
                out.append(": ").append(a.get("error").asText());
            }
            out.append('\n');
        }
        long expected = r.path("bytesExpected").asLong();
        long replicated = r.path("bytesReplicated").asLong();
        if (running) {
            out.append("  Progress: ").append(bar(replicated, expected)).append(' ').append(bytes(replicated))
                    .append(" / ").append(bytes(expected));
            Duration elapsed = elapsed(r.get("started"), now);
            if (elapsed != null && elapsed.toMillis() > 0 && replicated > 0) {
                double rate = replicated * 1000.0 / elapsed.toMillis();
                out.append(" @ ").append(bytes((long) rate)).append("/s");
                if (expected > replicated) {
                    out.append(" (").append(duration(Duration.ofSeconds((long) ((expected - replicated) / rate))))
                            .append(" remaining)");
                }
            }
            out.append('\n');
        }
        JsonNode fss = r.path("filesystems");
        if (fss.size() == 0 && has(r, "finished")) {
            out.append("  no filesystems were considered for replication!\n");
        }
        int width = 0;
        for (JsonNode f : fss) {
            width = Math.max(width, f.path("filesystem").asText().length());
        }
        for (JsonNode f : fss) {
            String fsState = f.path("state").asText();
            boolean active = "stepping".equals(fsState) || "planning".equals(fsState);
            int done = f.path("stepsDone").asInt();
            int total = f.path("stepsTotal").asInt();
            out.append("  ").append(active ? '*' : ' ').append(' ')
                    .append(pad(f.path("filesystem").asText(), width)).append(' ')
                    .append(fsState.toUpperCase(Locale.ROOT)).append(" (step ")
                    .append(active && done < total ? done + 1 : done).append('/').append(total).append(", ")
                    .append(bytes(f.path("bytesReplicated").asLong())).append('/')
                    .append(bytes(f.path("bytesExpected").asLong())).append(')');
            if (has(f, "error")) {
                out.append(" ERROR: ").append(f.get("error").asText());
            } else if (has(f, "step")) {
                out.append(" next: ").append(f.get("step").asText());
            }
            out.append('\n');
        }
    }

    private static void pruning(StringBuilder out, String title, JsonNode side) {
        if (!side.isObject()) {
            return;
        }
        out.append(title).append(": destroyed ").append(side.path("destroyed").size()).append(" snapshot(s)");
        JsonNode failed = side.path("failed");
        if (failed.size() > 0) {
            out.append(", ").append(failed.size()).append(" not pruned");
        }
        if (has(side, "error")) {
            out.append(" ERROR: ").append(side.get("error").asText());
        }
        out.append('\n');
        failed.fields().forEachRemaining(e -> out.append("  ").append(e.getKey()).append(": ")
                .append(e.getValue().asText()).append('\n'));
    }

    /** zrepl's byte counts: {@code <n> B} below 1024, else one decimal with a binary unit. */
    static String bytes(long n) {
        if (n < 1024) {
            return n + " B";
        }
        String[] units = {"KiB", "MiB", "GiB", "TiB", "PiB", "EiB"};
        double v = n;
        int u = -1;
        while (v >= 1024 && u < units.length - 1) {
            v /= 1024;
            u++;
        }
        return String.format(Locale.ROOT, "%.1f %s", v, units[u]);
    }

    static String bar(long done, long total) {
        int filled = total <= 0 ? 0 : (int) Math.min(BAR_WIDTH, done * BAR_WIDTH / total);
        StringBuilder b = new StringBuilder("[");
        b.append("=".repeat(filled));
        if (filled < BAR_WIDTH) {
            b.append('>').append("-".repeat(BAR_WIDTH - filled - 1));
        }
        return b.append(']').toString();
    }

    static String duration(Duration d) {
        long s = Math.max(0, d.getSeconds());
        if (s < 60) {
            return s + "s";
        }
        if (s < 3600) {
            return (s / 60) + "m" + (s % 60) + "s";
        }
        return (s / 3600) + "h" + (s % 3600 / 60) + "m";
    }

    private static String lasting(JsonNode since, Instant now) {
        Duration d = elapsed(since, now);
        return d == null ? "" : " (lasting " + duration(d) + ")";
    }

    private static Duration elapsed(JsonNode since, Instant now) {
        Instant s = since == null ? null : instant(since.asText(null));
        return s == null || now == null ? null : Duration.between(s, now);
    }

    private static Instant instant(String text) {
        if (text == null) {
            return null;
        }
        try {
            return Instant.parse(text);
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    private static boolean has(JsonNode n, String field) {
        JsonNode v = n.get(field);
        return v != null && !v.isNull();
    }

    private static String pad(String s, int width) {
        return s + " ".repeat(Math.max(0, width - s.length()));
    }

    private static java.util.List<String> texts(JsonNode array) {
        java.util.List<String> l = new java.util.ArrayList<>();
        array.forEach(e -> l.add(e.asText()));
        return l;
    }
}
