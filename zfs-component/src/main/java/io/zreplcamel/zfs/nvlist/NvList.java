package io.zreplcamel.zfs.nvlist;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

/** A decoded nvlist: its pairs in stream order (names are unique when {@link #uniqueNames()}). */
public final class NvList {

    /** {@code NV_UNIQUE_NAME}: the list has at most one pair per name. */
    public static final int NV_UNIQUE_NAME = 0x1;
    /** {@code NV_UNIQUE_NAME_TYPE}: at most one pair per name and type. */
    public static final int NV_UNIQUE_NAME_TYPE = 0x2;

    private final int version;
    private final int flags;
    private final List<NvPair> pairs;

    public NvList(int version, int flags, List<NvPair> pairs) {
        this.version = version;
        this.flags = flags;
        this.pairs = Collections.unmodifiableList(new ArrayList<>(pairs));
    }

    public static NvList of(NvPair... pairs) {
        return new NvList(0, NV_UNIQUE_NAME, List.of(pairs));
    }

    public int version() {
        return version;
    }

    /** The persistent {@code nvl_nvflag} bits. */
    public int flags() {
        return flags;
    }

    public boolean uniqueNames() {
        return (flags & NV_UNIQUE_NAME) != 0;
    }

    public List<NvPair> pairs() {
        return pairs;
    }

    public Optional<NvPair> get(String name) {
        for (NvPair p : pairs) {
            if (p.name().equals(name)) {
                return Optional.of(p);
            }
        }
        return Optional.empty();
    }

    /** Whether a pair of that name exists, whatever its type (how ZFS tests presence-only flags). */
    public boolean contains(String name) {
        return get(name).isPresent();
    }

    /** A uint64 (or any integer) value by name. */
    public OptionalLong getLong(String name) {
        return get(name).filter(p -> p.value() instanceof Long).map(p -> OptionalLong.of((Long) p.value()))
                .orElse(OptionalLong.empty());
    }

    public Optional<String> getString(String name) {
        return get(name).filter(p -> p.value() instanceof String).map(p -> (String) p.value());
    }

    public Optional<NvList> getList(String name) {
        return get(name).filter(p -> p.value() instanceof NvList).map(p -> (NvList) p.value());
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof NvList l && version == l.version && flags == l.flags && pairs.equals(l.pairs);
    }

    @Override
    public int hashCode() {
        return pairs.hashCode() * 31 + flags;
    }

    @Override
    public String toString() {
        return pairs.toString();
    }
}
