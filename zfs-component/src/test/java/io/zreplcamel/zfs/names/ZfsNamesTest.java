package io.zreplcamel.zfs.names;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Optional;
import net.jqwik.api.Arbitraries;
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
        assertThat(ZfsNames.validate(name, kind)).isEqualTo(name);
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
            pool/a@s            | BOOKMARK | snapshot delimiter '@' is not expected here
            pool/a@             | SNAPSHOT | empty component or misplaced '@' or '#' delimiter in name
            @s                  | SNAPSHOT | empty component or misplaced '@' or '#' delimiter in name
            pool/@s             | SNAPSHOT | empty component or misplaced '@' or '#' delimiter in name
            pool/a@s@t          | SNAPSHOT | multiple '@' and/or '#' delimiters in name
            pool/a@s#t          | ANY      | multiple '@' and/or '#' delimiters in name
            pool/a@s/t          | SNAPSHOT | trailing slash in name
            pool/a@s.           | SNAPSHOT |
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
        assertThatThrownBy(() -> ZfsNames.validate(n, kind))
                .isInstanceOf(InvalidNameException.class)
                .hasMessage("invalid " + kind.label() + " name '" + n + "': " + problem.get());
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
        assertThat(ZfsNames.validateShortName("zrepl_2026-01-01", "snapshot")).isEqualTo("zrepl_2026-01-01");
        assertThatThrownBy(() -> ZfsNames.validateShortName("a/b", "snapshot"))
                .hasMessage("invalid snapshot name 'a/b': invalid character '/' in name");
        assertThatThrownBy(() -> ZfsNames.validateShortName("", "snapshot")).hasMessageContaining("empty");
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
