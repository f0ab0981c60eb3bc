package io.zreplcamel.config.filter;

import io.zreplcamel.config.names.ZfsNames;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * zrepl's {@code filesystems} filter: a map from pattern to accept/reject. A pattern is a dataset path, optionally
 * ending in {@code <} meaning "this dataset and everything below it" ({@code <} alone matches every dataset).
 * For a dataset, an entry without {@code <} that names it exactly decides; otherwise the matching subtree entry with
 * the most path components decides; if nothing matches, the dataset is rejected.
 */
public final class FilesystemFilter {

    /** One filter line. {@code path} is the pattern without its trailing {@code <}. */
    public record Entry(String pattern, String path, boolean subtree, boolean accept) {
        int depth() {
            return path.isEmpty() ? 0 : path.split("/", -1).length;
        }
    }

    private final List<Entry> entries;

    private FilesystemFilter(List<Entry> entries) {
        this.entries = List.copyOf(entries);
    }

    /**
     * Builds a filter from pattern → accept pairs (in config order). Throws {@link IllegalArgumentException} for the
     * first invalid pattern; {@link #patternProblem} checks one pattern without throwing.
     */
    public static FilesystemFilter of(Map<String, Boolean> patterns) {
        List<Entry> entries = new ArrayList<>();
        for (Map.Entry<String, Boolean> e : patterns.entrySet()) {
            Optional<String> problem = patternProblem(e.getKey());
            if (problem.isPresent()) {
                throw new IllegalArgumentException(problem.get());
            }
            boolean subtree = e.getKey().endsWith("<");
            String path = subtree ? e.getKey().substring(0, e.getKey().length() - 1) : e.getKey();
            entries.add(new Entry(e.getKey(), path, subtree, e.getValue()));
        }
        return new FilesystemFilter(entries);
    }

    /** A filter that takes every dataset ({@code {"<": true}}), zrepl's default for hooks. */
    public static FilesystemFilter acceptAll() {
        return of(Map.of("<", true));
    }

    /** Why {@code pattern} is not a valid filter pattern, or empty when it is. */
    public static Optional<String> patternProblem(String pattern) {
        int wildcards = pattern.length() - pattern.replace("<", "").length();
        if (wildcards > 1 || (wildcards == 1 && !pattern.endsWith("<"))) {
            return Optional.of("invalid filter pattern \"" + pattern + "\": only one '<' at the end is allowed");
        }
        String path = wildcards == 1 ? pattern.substring(0, pattern.length() - 1) : pattern;
        if (path.isEmpty() && wildcards == 0) {
            return Optional.of("invalid filter pattern \"\": use \"<\" to match every dataset");
        }
        return ZfsNames.datasetPathProblem(path)
                .map(p -> "invalid filter pattern \"" + pattern + "\": not a dataset path: " + p);
    }

    /** Evaluates the filter for {@code dataset} ({@code pool/a/b}). */
    public FilterDecision evaluate(String dataset) {
        Entry exact = null;
        Entry bestSubtree = null;
        for (Entry e : entries) {
            if (!e.subtree()) {
                if (e.path().equals(dataset)) {
                    exact = e;
                }
            } else if (isSameOrDescendant(dataset, e.path())
                    && (bestSubtree == null || e.depth() > bestSubtree.depth())) {
                bestSubtree = e;
            }
        }
        Entry decisive = exact != null ? exact : bestSubtree;
        if (decisive == null) {
            return FilterDecision.noMatch();
        }
        return new FilterDecision(decisive.accept(), Optional.of(decisive.pattern()));
    }

    /** Shorthand for {@code evaluate(dataset).accepted()}. */
    public boolean accepts(String dataset) {
        return evaluate(dataset).accepted();
    }

    /** The entries in config order. */
    public List<Entry> entries() {
        return entries;
    }

    /** The patterns and their values in config order. */
    public Map<String, Boolean> asMap() {
        Map<String, Boolean> m = new LinkedHashMap<>();
        entries.forEach(e -> m.put(e.pattern(), e.accept()));
        return Collections.unmodifiableMap(m);
    }

    private static boolean isSameOrDescendant(String dataset, String ancestor) {
        if (ancestor.isEmpty()) {
            return true;
        }
        return dataset.equals(ancestor) || dataset.startsWith(ancestor + "/");
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof FilesystemFilter other && other.entries.equals(entries);
    }

    @Override
    public int hashCode() {
        return entries.hashCode();
    }

    @Override
    public String toString() {
        return asMap().toString();
    }
}
