package io.zreplcamel.zfs.names;

import io.zreplcamel.config.names.NameKind;
import io.zreplcamel.config.names.ZfsNames;
import io.zreplcamel.config.names.ZfsPropertyNames;

/**
 * The zfs layer's gate in front of every process: asks the project's one name validator
 * ({@link ZfsNames}, {@link ZfsPropertyNames} in the config module) and turns its answer into the layer's typed
 * {@link InvalidNameException}, so nothing runs for a name ZFS would refuse or could take for an option.
 */
public final class ValidNames {

    private ValidNames() {
    }

    /** Returns {@code name} if it is a valid name of that kind; otherwise throws {@link InvalidNameException}. */
    public static String require(String name, NameKind kind) {
        ZfsNames.check(name, kind).ifPresent(problem -> {
            throw new InvalidNameException(kind.label(), String.valueOf(name), problem);
        });
        return name;
    }

    /** The part after {@code @} or {@code #} on its own; {@code what} names it in the error (e.g. "snapshot"). */
    public static String requireShortName(String shortName, String what) {
        ZfsNames.shortNameProblem(shortName).ifPresent(problem -> {
            throw new InvalidNameException(what, String.valueOf(shortName), problem);
        });
        return shortName;
    }

    public static String requireProperty(String property) {
        ZfsPropertyNames.problem(property).ifPresent(problem -> {
            throw new InvalidNameException("property", String.valueOf(property), problem);
        });
        return property;
    }
}
