package io.zreplcamel.config.values;

import com.google.re2j.Pattern;
import com.google.re2j.PatternSyntaxException;

/**
 * A regular expression with Go's semantics, as zrepl uses them in keep rules: RE2 syntax (no backreferences or
 * lookaround) and unanchored search, so {@code zrepl_} matches {@code foo_zrepl_1}; write {@code ^zrepl_} to anchor.
 * The empty expression matches every name.
 *
 * @param source the expression as written in the config
 */
public record GoRegex(String source, Pattern pattern) {

    public GoRegex {
        if (pattern == null || !pattern.pattern().equals(source)) {
            throw new IllegalArgumentException("pattern must be compiled from source");
        }
    }

    /** Compiles {@code source}; throws {@link IllegalArgumentException} with RE2's explanation when invalid. */
    public static GoRegex compile(String source) {
        try {
            return new GoRegex(source, Pattern.compile(source));
        } catch (PatternSyntaxException e) {
            throw new IllegalArgumentException("invalid regular expression \"" + source + "\": "
                    + e.getDescription(), e);
        }
    }

    /** Whether the expression matches anywhere in {@code text} (Go's {@code MatchString}). */
    public boolean find(String text) {
        return pattern.matcher(text).find();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof GoRegex other && other.source.equals(source);
    }

    @Override
    public int hashCode() {
        return source.hashCode();
    }

    @Override
    public String toString() {
        return source;
    }
}
