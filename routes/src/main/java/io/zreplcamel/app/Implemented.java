package io.zreplcamel.app;

import io.zreplcamel.config.LoadOptions;
import io.zreplcamel.config.Unimplemented;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * What this release of zrepl-camel runs of a zrepl.yml, and what it parses but does not honour yet. Every command
 * that loads a config goes through these options, so that nothing in a migrated config is dropped silently: job
 * kinds and transports that would not run are errors for {@code configcheck} and {@code daemon} (which then refuses to start),
 * warnings for the {@code test …} verbs; {@code global} keys whose absence of effect loses no data are warnings
 * naming the file and line. Remove an entry in the change that implements it.
 */
public final class Implemented {

    /** Job types parsed but not run yet. */
    public static final Set<String> UNIMPLEMENTED_JOB_TYPES = Set.of();

    /**
     * {@code connect} / {@code serve} types parsed but not run yet. Every transport of zrepl runs now ({@code local},
     * {@code tcp}, {@code tls}, {@code ssh+stdinserver} / {@code stdinserver}); the mechanism stays for the next one.
     */
    public static final Set<String> UNIMPLEMENTED_TRANSPORT_TYPES = Set.of();

    /** {@code global} keys parsed but not honoured yet, with what happens instead. */
    public static final Map<String, String> UNHONOURED_GLOBAL_KEYS;

    static {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("logging", "the daemon logs to standard error (level from ZREPL_LOG_LEVEL, default INFO); the outlets,"
                + " levels and formats of this section are not applied");
        UNHONOURED_GLOBAL_KEYS = Map.copyOf(m);
    }

    /** For commands that run jobs or vouch for a config: unimplemented job types are errors. */
    public static final Unimplemented STRICT = new Unimplemented(UNIMPLEMENTED_JOB_TYPES, true, UNHONOURED_GLOBAL_KEYS,
            UNIMPLEMENTED_TRANSPORT_TYPES);

    private Implemented() {
    }

    /** Load options for {@code configcheck}, {@code daemon}, {@code demo}. */
    public static LoadOptions strict(boolean skipCertCheck) {
        return new LoadOptions(skipCertCheck, STRICT);
    }

    /** Load options for the {@code test …} and {@code prune} verbs: unimplemented job types are warnings. */
    public static LoadOptions lenient(boolean skipCertCheck) {
        return new LoadOptions(skipCertCheck, STRICT.jobTypesAsWarnings());
    }
}
