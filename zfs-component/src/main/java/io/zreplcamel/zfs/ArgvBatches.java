package io.zreplcamel.zfs;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Splits long lists of names into argv-sized groups. Linux limits the whole argv+environment (ARG_MAX, usually
 * 2 MiB) and each single argument (MAX_ARG_STRLEN, 128 KiB); the comma form {@code fs@a,b,c} is one argument, so it
 * is bounded by the smaller limit.
 */
final class ArgvBatches {

    /** Budget for one argument (MAX_ARG_STRLEN is 131072 including the NUL). */
    static final int SINGLE_ARG_BUDGET = 120 * 1024;

    private ArgvBatches() {
    }

    /** Groups {@code items} so that each group's bytes (one NUL each) plus {@code fixedBytes} stay within budget. */
    static List<List<String>> byTotalLength(List<String> items, long fixedBytes, long budget) {
        List<List<String>> groups = new ArrayList<>();
        List<String> current = new ArrayList<>();
        long size = fixedBytes;
        for (String item : items) {
            long n = bytes(item) + 1;
            if (!current.isEmpty() && size + n > budget) {
                groups.add(current);
                current = new ArrayList<>();
                size = fixedBytes;
            }
            current.add(item);
            size += n;
        }
        if (!current.isEmpty()) {
            groups.add(current);
        }
        return groups;
    }

    /**
     * Groups short snapshot names of one filesystem so that {@code fs@a,b,c} stays within {@code budget} bytes and
     * each group has at most {@code maxGroup} names (0 = unlimited).
     */
    static List<List<String>> commaGroups(String fs, List<String> shortNames, long budget, int maxGroup) {
        List<List<String>> groups = new ArrayList<>();
        List<String> current = new ArrayList<>();
        long size = bytes(fs) + 1;
        for (String s : shortNames) {
            long n = bytes(s) + 1;
            boolean full = maxGroup > 0 && current.size() >= maxGroup;
            if (!current.isEmpty() && (size + n > budget || full)) {
                groups.add(current);
                current = new ArrayList<>();
                size = bytes(fs) + 1;
            }
            current.add(s);
            size += n;
        }
        if (!current.isEmpty()) {
            groups.add(current);
        }
        return groups;
    }

    static long bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8).length;
    }
}
