package io.zreplcamel.config.names;

import static org.assertj.core.api.Assertions.assertThat;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Assume;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ZfsPropertyNamesTest {

    @ParameterizedTest(name = "[{index}] {0}")
    @CsvSource(delimiter = '|', value = {
            "mountpoint|", "org.openzfs.systemd:ignore|", "com.example:a-b_c|", "zrepl:placeholder|",
            "receive_resume_token|", "utf8only|", "userquota@bob|", "written@zrepl_2026 x|", "written#bm|",
            "''|must not be empty", "-x|must not start with '-'", "-a:b|must not start with '-'",
            "a b|must only contain", "a=b|must only contain", "a,b|must only contain", "Mountpoint|must only contain",
            "com.Example:x|lower-case", "com.example:a b|lower-case", "1abc|must only contain",
            "mountpoint@x|does not take", "userquota#x|does not take", "userquota@|must not end with",
            "userquota@a,b|must not contain", "userquota@a=b|must not contain",
    })
    void rules(String name, String problem) {
        if (problem == null) {
            assertThat(ZfsPropertyNames.problem(name)).isEmpty();
        } else {
            assertThat(ZfsPropertyNames.problem(name)).hasValueSatisfying(p -> assertThat(p).contains(problem));
        }
    }

    @org.junit.jupiter.api.Test
    void lengthLimitIs255Bytes() {
        assertThat(ZfsPropertyNames.problem("a:" + "b".repeat(253))).isEmpty();
        assertThat(ZfsPropertyNames.problem("a:" + "b".repeat(254))).hasValueSatisfying(p -> assertThat(p)
                .contains("longer than 255"));
    }

    /** What matters on a command line: a valid name is never an option and never splits a list or a pair. */
    @Property(tries = 3000)
    void aValidPropertyNameIsOneArgumentOfOneProperty(@ForAll("propertyLike") String name) {
        Assume.that(ZfsPropertyNames.problem(name).isEmpty());
        assertThat(name).doesNotStartWith("-").doesNotContain(",", "=", "\t", "\n");
    }

    /** Words that are often valid (native, user, qualified) with now and then a character that breaks them. */
    @Provide
    Arbitrary<String> propertyLike() {
        Arbitrary<String> base = Arbitraries.frequencyOf(
                Tuple.of(3, Arbitraries.of("userquota", "written", "mountpoint", "com.example:x", "-x", ":")),
                Tuple.of(2, Arbitraries.strings().withChars("abz09_:.-").ofMinLength(1).ofMaxLength(8)),
                Tuple.of(1, Arbitraries.strings().withChars("abAZ09-_.:, =\t").ofMinLength(1).ofMaxLength(8)));
        Arbitrary<String> qualifier = Arbitraries.frequencyOf(
                Tuple.of(3, Arbitraries.just("")),
                Tuple.of(2, Arbitraries.strings().withChars("ab Z1").ofMinLength(1).ofMaxLength(5).map(q -> "@" + q)),
                Tuple.of(1, Arbitraries.strings().withChars("a@#,=\t-").ofMaxLength(4).map(q -> "#" + q)));
        return Combinators.combine(base, qualifier).as(String::concat);
    }
}
