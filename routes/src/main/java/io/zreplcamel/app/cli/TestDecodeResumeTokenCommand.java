package io.zreplcamel.app.cli;

import io.zreplcamel.zfs.token.CorruptResumeTokenException;
import io.zreplcamel.zfs.token.ResumeToken;
import io.zreplcamel.zfs.token.ResumeTokenDecoder;
import java.io.PrintWriter;
import java.math.BigInteger;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code zrepl-camel test decoderesumetoken --token T [--json]}: what a {@code receive_resume_token} says, decoded
 * natively (no {@code zfs send -nvt}, so it works on a machine without ZFS). GUIDs are unsigned decimals; fields the
 * token does not carry ({@code fromguid} of a full stream, {@code fromname}, which kernel tokens never have) are
 * {@code null} in JSON and {@code -} in text.
 */
@Command(name = "decoderesumetoken", mixinStandardHelpOptions = true,
        description = "Decode a ZFS receive_resume_token (object, offset, bytes, toguid, toname, fromguid, flags).")
public final class TestDecodeResumeTokenCommand implements Callable<Integer> {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = "--token", required = true, paramLabel = "TOKEN",
            description = "the token, as printed by zfs get receive_resume_token")
    String token;

    @Option(names = "--json", description = "print one JSON object instead of key: value lines")
    boolean json;

    @Override
    public Integer call() {
        ResumeToken t;
        try {
            t = ResumeTokenDecoder.decode(token);
        } catch (CorruptResumeTokenException e) {
            spec.commandLine().getErr().println("zrepl-camel test decoderesumetoken: " + e.getMessage());
            return ZreplCamelCli.EXIT_USAGE;
        }
        Map<String, Object> fields = fields(t);
        PrintWriter out = spec.commandLine().getOut();
        if (json) {
            out.println(Json.pretty(fields));
        } else {
            fields.forEach((k, v) -> out.println(k + ": " + (v == null ? "-" : v)));
        }
        out.flush();
        return ZreplCamelCli.EXIT_OK;
    }

    /** The fields in a fixed order; keys are the nvlist names ZFS uses. */
    static Map<String, Object> fields(ResumeToken t) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("object", unsigned(t.object()));
        m.put("offset", unsigned(t.offset()));
        m.put("bytes", unsigned(t.bytes()));
        m.put("toguid", unsigned(t.toguid()));
        m.put("toname", t.toname());
        m.put("fromguid", t.fromguid().isPresent() ? unsigned(t.fromguid().getAsLong()) : null);
        m.put("fromname", t.fromname());
        m.put("compressok", t.compressok());
        m.put("rawok", t.rawok());
        m.put("embedok", t.embedok());
        m.put("largeblockok", t.largeblockok());
        m.put("savedok", t.savedok());
        return m;
    }

    /** uint64 values are held in a long; above 2^63 they would print negative. */
    private static BigInteger unsigned(long v) {
        return new BigInteger(Long.toUnsignedString(v));
    }
}
