package io.zreplcamel.config.names;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Optional;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Assume;
import net.jqwik.api.Combinators;
import net.jqwik.api.Tuple;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ZfsNamesTest {

    @ParameterizedTest(name = "[{index}] {1} ''{0}''")
    @CsvSource(delimiter = '|', quoteCharacter = '"', textBlock = """
            pool                      | DATASET  |
            pool/a/b                  | DATASET  |
            "pool/with space"         | DATASET  |
            "pool/ leading"           | DATASET  |
            pool/a-b_c.d:e            | DATASET  |
            pool/a@s                  | SNAPSHOT |
            "pool/a@zrepl_2026 x"     | SNAPSHOT |
            pool/a#b                  | BOOKMARK |
            pool/a@s                  | SNAPSHOT_OR_BOOKMARK |
            pool/a#s                  | ANY      |
            pool/a                    | ANY      |
            pool/...                  | DATASET  |
            pool/.a                   | DATASET  |
            """)
    void accepts(String name, NameKind kind) {
        assertThat(ZfsNames.check(name, kind)).isEmpty();
        assertThat(ZfsNames.isValid(name, kind)).isTrue();
    }

    @ParameterizedTest(name = "[{index}] {1} ''{0}'': {2}")
    @CsvSource(delimiter = '|', quoteCharacter = '"', textBlock = """
            ""                  | DATASET  | empty component or misplaced '@' or '#' delimiter in name
            /pool               | DATASET  | leading slash in name
            pool/               | DATASET  | trailing slash in name
            pool//a             | DATASET  | empty component or misplaced '@' or '#' delimiter in name
            pool/a$             | DATASET  | invalid character '$' in name
            pool/ä              | DATASET  | invalid character 'ä' in name
            "pool/a\tb"         | DATASET  | invalid character
            pool/%recv          | DATASET  | invalid character '%' in name
            pool/.              | DATASET  | self reference, '.' is found in name
            pool/..             | DATASET  | parent reference, '..' is found in name
            pool/./x            | DATASET  | self reference, '.' is found in name
            pool/a@s            | DATASET  | snapshot delimiter '@' is not expected here
            pool/a#b            | DATASET  | bookmark delimiter '#' is not expected here
            pool/a              | SNAPSHOT | missing '@' delimiter in snapshot name
            pool/a#b            | SNAPSHOT | missing '@' delimiter in snapshot name
            pool/a              | BOOKMARK | missing '#' delimiter in bookmark name
            pool/a              | SNAPSHOT_OR_BOOKMARK | missing '@' or '#' delimiter in snapshot or bookmark name
            pool/a@s            | BOOKMARK | snapshot delimiter '@' is not expected here
            pool/a@             | SNAPSHOT | empty component or misplaced '@' or '#' delimiter in name
            @s                  | SNAPSHOT | empty component or misplaced '@' or '#' delimiter in name
            pool/@s             | SNAPSHOT | empty component or misplaced '@' or '#' delimiter in name
            pool/a@s@t          | SNAPSHOT | multiple '@' and/or '#' delimiters in name
            pool/a@s#t          | ANY      | multiple '@' and/or '#' delimiters in name
            pool/a@s/t          | SNAPSHOT | trailing slash in name
            pool/a@s.           | SNAPSHOT |
            pool/a@.            | SNAPSHOT | self reference, '.' is found in name
            pool/a#..           | BOOKMARK | parent reference, '..' is found in name
            pool/../x           | DATASET  | parent reference, '..' is found in name
            pool/.@s            | SNAPSHOT | self reference, '.' is found in name
            pool/..#b           | BOOKMARK | parent reference, '..' is found in name
            -pool               | DATASET  | pool doesn't begin with a letter
            -pool/a             | DATASET  | pool doesn't begin with a letter
            -pool/a@s           | SNAPSHOT | pool doesn't begin with a letter
            -pool/a#b           | ANY      | pool doesn't begin with a letter
            1pool/a             | DATASET  | pool doesn't begin with a letter
            _pool               | DATASET  | pool doesn't begin with a letter
            ".pool/a"           | DATASET  | pool doesn't begin with a letter
            " pool/a"           | DATASET  | pool doesn't begin with a letter
            -r                  | ANY      | pool doesn't begin with a letter
            --                  | DATASET  | pool doesn't begin with a letter
            mirror/a            | DATASET  | name is reserved
            pool/-a             | DATASET  |
            """)
    void rejectsWithZfsMessage(String name, NameKind kind, String reason) {
        if (reason == null) {
            // Not every odd-looking name is invalid: a snapshot name may end in a dot.
            assertThat(ZfsNames.check(name, kind)).isEmpty();
            return;
        }
        String n = name == null ? "" : name.replace("\\t", "\t");
        Optional<String> problem = ZfsNames.check(n, kind);
        assertThat(problem).isPresent();
        assertThat(problem.get()).startsWith(reason);
        assertThat(ZfsNames.isValid(n, kind)).isFalse();
    }

    @Test
    void lengthLimitIs255Bytes() {
        String ok = "p/" + "a".repeat(253);
        assertThat(ok).hasSize(255);
        assertThat(ZfsNames.check(ok, NameKind.DATASET)).isEmpty();
        assertThat(ZfsNames.check(ok + "a", NameKind.DATASET)).hasValue("name is too long");
        String snap = "p/fs@" + "s".repeat(250);
        assertThat(ZfsNames.check(snap, NameKind.SNAPSHOT)).isEmpty();
        assertThat(ZfsNames.check(snap + "s", NameKind.SNAPSHOT)).hasValue("name is too long");
    }

    @Test
    void nestingDepthLimit() {
        String deep49 = "p" + "/a".repeat(49);
        assertThat(ZfsNames.check(deep49, NameKind.DATASET)).isEmpty();
        assertThat(ZfsNames.check(deep49 + "/a", NameKind.DATASET)).hasValue("maximum name nesting depth exceeded");
    }

    @Test
    void poolNames() {
        assertThat(ZfsNames.checkPool("tank")).isEmpty();
        assertThat(ZfsNames.checkPool("1tank")).hasValue("pool doesn't begin with a letter");
        assertThat(ZfsNames.checkPool("mirror")).hasValue("name is reserved");
        assertThat(ZfsNames.checkPool("raidz")).hasValue("name is reserved");
        assertThat(ZfsNames.checkPool("ta/nk")).hasValue("invalid character '/' in name");
    }

    @Test
    void shortNamesAndParts() {
        assertThat(ZfsNames.shortNameProblem("zrepl_2026-01-01")).isEmpty();
        assertThat(ZfsNames.shortNameProblem("-r")).as("only a pool must begin with a letter").isEmpty();
        assertThat(ZfsNames.shortNameProblem("a/b")).hasValue("invalid character '/' in name");
        assertThat(ZfsNames.shortNameProblem("")).hasValue("empty name");
        assertThat(ZfsNames.shortNameProblem("..")).hasValue("parent reference, '..' is found in name");
        assertThat(ZfsNames.datasetOf("p/a b@s")).isEqualTo("p/a b");
        assertThat(ZfsNames.shortNameOf("p/a#bm")).isEqualTo("bm");
        assertThat(ZfsNames.poolOf("p/a/b@s")).isEqualTo("p");
        assertThat(ZfsNames.resolve("p/a", "@s")).isEqualTo("p/a@s");
        assertThat(ZfsNames.resolve("p/a", "#b")).isEqualTo("p/a#b");
        assertThat(ZfsNames.resolve("p/a", "p/x@s")).isEqualTo("p/x@s");
    }

    @Property(tries = 500)
    void namesFromValidPartsAreValid(@ForAll("components") java.util.List<String> parts, @ForAll("components")
            java.util.List<String> snap) {
        String ds = "p" + String.join("", parts.stream().map(c -> "/" + c).toList());
        if (ds.length() + 1 + snap.get(0).length() > 255) {
            return;
        }
        assertThat(ZfsNames.check(ds, NameKind.DATASET)).isEmpty();
        assertThat(ZfsNames.check(ds + "@" + snap.get(0), NameKind.SNAPSHOT)).isEmpty();
        assertThat(ZfsNames.check(ds + "#" + snap.get(0), NameKind.BOOKMARK)).isEmpty();
    }

    @Property(tries = 500)
    void anyNameWithAForbiddenCharacterIsRejected(@ForAll("components") java.util.List<String> parts,
            @ForAll("forbidden") char bad) {
        String ds = "p/" + String.join("/", parts) + bad;
        assertThat(ZfsNames.check(ds, NameKind.DATASET)).isPresent();
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @CsvSource(delimiter = '|', value = {
            "pool|", "pool/a b/c|", "''|", "pool/|must not end with '/'", "/pool|must not start with '/'",
            "pool//a|must not be empty", "pool/a<|must not contain", "pool*x|must not contain",
            "pool/..|must not be \"..\"", "pool/./a|must not be \".\"", "-pool/a|must begin with a letter",
            "1pool|must begin with a letter", "pool/-a|", "raidz/a|is reserved", "pool/a%b|must only contain",
    })
    void datasetPathsInConfigWording(String path, String problem) {
        if (problem == null) {
            assertThat(ZfsNames.datasetPathProblem(path)).isEmpty();
        } else {
            assertThat(ZfsNames.datasetPathProblem(path)).hasValueSatisfying(p -> assertThat(p).contains(problem));
        }
    }

    // ---------------------------------------------------------------- the two wordings agree

    @Property(tries = 3000)
    void configDatasetPathsAreExactlyTheValidDatasetNames(@ForAll("nameLike") String path) {
        Assume.that(!path.isEmpty());
        assertThat(ZfsNames.datasetPathProblem(path).isEmpty())
                .as("datasetPathProblem %s vs check %s", ZfsNames.datasetPathProblem(path),
                        ZfsNames.check(path, NameKind.DATASET))
                .isEqualTo(ZfsNames.check(path, NameKind.DATASET).isEmpty());
    }

    @Property(tries = 3000)
    void aComponentIsValidExactlyWhenItIsAValidSnapshotOrBookmarkName(@ForAll("nameLike") String component) {
        boolean valid = ZfsNames.componentProblem(component).isEmpty();
        assertThat(ZfsNames.shortNameProblem(component).isEmpty()).isEqualTo(valid);
        if (component.length() < 200) {
            assertThat(ZfsNames.check("pool/fs@" + component, NameKind.SNAPSHOT).isEmpty()).isEqualTo(valid);
            assertThat(ZfsNames.check("pool/fs#" + component, NameKind.BOOKMARK).isEmpty()).isEqualTo(valid);
            if (component.indexOf('/') < 0) {
                assertThat(ZfsNames.check("pool/" + component, NameKind.DATASET).isEmpty()).isEqualTo(valid);
            }
        }
    }

    @Property(tries = 3000)
    void aSnapshotIsValidExactlyWhenItsDatasetAndShortNameAre(@ForAll("nameLike") String ds,
            @ForAll("nameLike") String shortName) {
        Assume.that(ds.indexOf('@') < 0 && ds.indexOf('#') < 0 && shortName.indexOf('@') < 0
                && shortName.indexOf('#') < 0 && shortName.indexOf('/') < 0);
        Assume.that(ds.length() + 1 + shortName.length() <= ZfsNames.MAX_NAME_LENGTH);
        boolean parts = ZfsNames.check(ds, NameKind.DATASET).isEmpty()
                && ZfsNames.shortNameProblem(shortName).isEmpty();
        assertThat(ZfsNames.check(ds + "@" + shortName, NameKind.SNAPSHOT).isEmpty()).isEqualTo(parts);
        assertThat(ZfsNames.check(ds + "#" + shortName, NameKind.BOOKMARK).isEmpty()).isEqualTo(parts);
    }

    @Property(tries = 3000, maxDiscardRatio = 20)
    void noValidNameCanBeTakenForAnOptionOrLeaveItsParent(@ForAll("fullNameLike") String name,
            @ForAll NameKind kind) {
        Assume.that(ZfsNames.isValid(name, kind));
        char first = name.charAt(0);
        assertThat((first >= 'a' && first <= 'z') || (first >= 'A' && first <= 'Z')).as("begins with a letter: %s",
                name).isTrue();
        assertThat(name.split("[/@#]", -1)).doesNotContain(".", "..", "");
        assertThat(ZfsNames.depth(name)).isLessThan(ZfsNames.MAX_NESTING);
    }

    /** {@link #nameLike} with, more often than not, a snapshot or bookmark part. */
    @Provide
    Arbitrary<String> fullNameLike() {
        return Combinators.combine(nameLike(), Arbitraries.of("", "@s", "#b", "@s", "#b", "@..", "@-r", "@.", "@"))
                .as(String::concat);
    }

    /** Mostly near-valid names: valid components joined by '/', with now and then a character that breaks them. */
    @Provide
    Arbitrary<String> nameLike() {
        Arbitrary<String> component = Arbitraries.frequencyOf(
                Tuple.of(8, Arbitraries.strings().withChars("abzAZ09-_.: ").ofMinLength(1).ofMaxLength(6)),
                Tuple.of(1, Arbitraries.of(".", "..", "", "-", "-r", "1a", "mirror", " ")),
                Tuple.of(1, Arbitraries.strings().withChars("ab-/@#%$\tä,=").ofMinLength(1).ofMaxLength(3)));
        return component.list().ofMinSize(1).ofMaxSize(5).map(l -> String.join("/", l));
    }

    @Provide
    Arbitrary<java.util.List<String>> components() {
        return Arbitraries.strings().withChars("abcxyzABC0129-_.: ").ofMinLength(1).ofMaxLength(15)
                .filter(s -> !s.equals(".") && !s.equals("..")).list().ofMinSize(1).ofMaxSize(4);
    }

    @Provide
    Arbitrary<Character> forbidden() {
        return Arbitraries.chars().filter(c -> !ZfsNames.validChar(c) && c != '/' && c != '@' && c != '#');
    }
}
