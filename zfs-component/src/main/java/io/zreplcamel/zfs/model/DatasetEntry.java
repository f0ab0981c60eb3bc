package io.zreplcamel.zfs.model;

import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.OptionalLong;

/**
 * One line of {@code zfs list -H -p -o name,type,guid,createtxg,creation,userrefs[,extra...]}.
 *
 * <p>Snapshots and bookmarks are identified by {@link #guid()} (names are only for display), and ordered by
 * {@link #createTxg()}. A bookmark keeps the guid, createtxg and creation of the snapshot it was made from.
 *
 * @param guid       uint64 held in a long (use {@link Long#toUnsignedString})
 * @param creation   creation time, second precision
 * @param userRefs   number of holds; present for snapshots only
 * @param properties extra columns requested by the caller, by property name; {@code -} when not set
 */
public record DatasetEntry(String name, DatasetType type, long guid, long createTxg, Instant creation,
        OptionalLong userRefs, Map<String, String> properties) {

    public DatasetEntry {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(creation, "creation");
        Objects.requireNonNull(userRefs, "userRefs");
        properties = Map.copyOf(properties);
    }

    /** The filesystem or volume part of the name. */
    public String dataset() {
        int i = delimiter();
        return i < 0 ? name : name.substring(0, i);
    }

    /** The part after {@code @}/{@code #}; empty for filesystems and volumes. */
    public String shortName() {
        int i = delimiter();
        return i < 0 ? "" : name.substring(i + 1);
    }

    public String guidString() {
        return Long.toUnsignedString(guid);
    }

    private int delimiter() {
        int at = name.indexOf('@');
        return at >= 0 ? at : name.indexOf('#');
    }
}
