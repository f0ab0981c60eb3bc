package io.zreplcamel.app.control;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;

/**
 * One request on the control socket (docs/control.md): {@code {"op":"wakeup","job":"NAME","wait":true}},
 * {@code {"op":"reset","job":"NAME"}}, or {@code {"op":"status"}} (all jobs) / {@code {"op":"status","job":"NAME"}}.
 *
 * @param job        the job's name; empty for a status of every job
 * @param waitForRun wakeup only: the response comes when the woken run has ended and tells how it went
 */
public record ControlRequest(Op op, String job, boolean waitForRun) {

    /** What the request asks for (zrepl's {@code signal} operations). */
    public enum Op {
        WAKEUP, RESET, STATUS;

        public String wireName() {
            return name().toLowerCase(Locale.ROOT);
        }

        static Op of(String name) throws ControlProtocolException {
            for (Op op : values()) {
                if (op.wireName().equals(name)) {
                    return op;
                }
            }
            throw new ControlProtocolException("unknown op \"" + name + "\" (wakeup, reset, status)");
        }
    }

    private static final Set<String> FIELDS = Set.of("op", "job", "wait");

    public ControlRequest {
        Objects.requireNonNull(op, "op");
        Objects.requireNonNull(job, "job");
        if (waitForRun && op != Op.WAKEUP) {
            throw new IllegalArgumentException("only a wakeup can wait for its run");
        }
    }

    public static ControlRequest wakeup(String job, boolean waitForRun) {
        return new ControlRequest(Op.WAKEUP, job, waitForRun);
    }

    public static ControlRequest reset(String job) {
        return new ControlRequest(Op.RESET, job, false);
    }

    /** @param job one job's name; empty: every job */
    public static ControlRequest status(String job) {
        return new ControlRequest(Op.STATUS, job, false);
    }

    public String toLine() {
        ObjectNode o = ControlJson.object();
        o.put("op", op.wireName());
        if (!job.isEmpty() || op != Op.STATUS) {
            o.put("job", job);
        }
        if (waitForRun) {
            o.put("wait", true);
        }
        return ControlJson.line(o);
    }

    public static ControlRequest parse(String line) throws ControlProtocolException {
        ObjectNode o = ControlJson.parseObject(line);
        ControlJson.onlyFields(o, FIELDS);
        Op op = Op.of(ControlJson.text(o, "op", true));
        String job = ControlJson.text(o, "job", op != Op.STATUS);
        if (job == null) {
            job = "";
        }
        boolean wait = ControlJson.bool(o, "wait", false);
        if (wait && op != Op.WAKEUP) {
            throw new ControlProtocolException("\"wait\" applies to wakeup only");
        }
        return new ControlRequest(op, job, wait);
    }
}
