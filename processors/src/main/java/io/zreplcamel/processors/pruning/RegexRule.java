package io.zreplcamel.processors.pruning;

import io.zreplcamel.config.values.GoRegex;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * {@code type: regex}: keeps snapshots whose name matches {@code regex} anywhere (Go RE2, unanchored), or with
 * {@code negate} those that do not match.
 */
public record RegexRule(GoRegex regex, boolean negate) implements RetentionRule {

    public RegexRule {
        Objects.requireNonNull(regex, "regex");
    }

    @Override
    public Set<PruneSnapshot> keep(List<PruneSnapshot> snapshots) {
        Set<PruneSnapshot> kept = new HashSet<>();
        for (PruneSnapshot s : snapshots) {
            if (regex.find(s.name()) != negate) {
                kept.add(s);
            }
        }
        return kept;
    }

    @Override
    public String description() {
        return "regex(" + quote(regex.source()) + (negate ? ", negate" : "") + ")";
    }

    static String quote(String s) {
        return "\"" + s.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }
}
