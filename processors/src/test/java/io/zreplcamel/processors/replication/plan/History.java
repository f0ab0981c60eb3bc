package io.zreplcamel.processors.replication.plan;

import io.zreplcamel.processors.model.FilesystemVersion;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Terse version lists for tests: {@code History.of("@a:1", "#b:2")} is snapshot {@code a} and bookmark {@code b}
 * with guids 1 and 2; createtxg is the position (×10) unless given as {@code @a:1:35}.
 */
public final class History {

    private History() {
    }

    public static List<FilesystemVersion> of(String... specs) {
        List<FilesystemVersion> out = new ArrayList<>();
        for (int i = 0; i < specs.length; i++) {
            out.add(version(specs[i], (i + 1) * 10L));
        }
        return out;
    }

    public static FilesystemVersion version(String spec, long defaultTxg) {
        String[] parts = spec.substring(1).split(":");
        long guid = Long.parseLong(parts[1]);
        long txg = parts.length > 2 ? Long.parseLong(parts[2]) : defaultTxg;
        Instant creation = Instant.parse("2026-01-01T00:00:00Z").plusSeconds(txg);
        return spec.charAt(0) == '@' ? FilesystemVersion.snapshot(parts[0], guid, txg, creation)
                : FilesystemVersion.bookmark(parts[0], guid, txg, creation);
    }

    /** {@code "@a->@b"}, {@code "full @a"}, {@code "@a->@d [@b @c]"}, {@code "resume @a->@b"} for assertions. */
    public static List<String> describe(FilesystemPlan plan) {
        return plan.steps().stream().map(History::describe).toList();
    }

    public static String describe(Step s) {
        String prefix = s.resumed() ? "resume " : "";
        String base = s.from().map(f -> f.relativeName() + "->" + s.to().relativeName())
                .orElse("full " + s.to().relativeName());
        String between = s.intermediates().isEmpty() ? ""
                : " " + s.intermediates().stream().map(FilesystemVersion::relativeName).toList().toString()
                        .replace(",", "");
        return prefix + base + between;
    }
}
