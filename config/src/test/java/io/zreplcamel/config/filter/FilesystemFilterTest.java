package io.zreplcamel.config.filter;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class FilesystemFilterTest {

    /** {@code "pattern=true,pattern=false"} → filter (config order kept). */
    private static FilesystemFilter filter(String spec) {
        Map<String, Boolean> m = new LinkedHashMap<>();
        for (String entry : spec.split(",")) {
            String[] kv = entry.split("=");
            m.put(kv[0], Boolean.parseBoolean(kv[1]));
        }
        return FilesystemFilter.of(m);
    }

    @ParameterizedTest(name = "{0} on {1}")
    @CsvSource(delimiter = '|', value = {
            // filter                                     | dataset            | accepted | rule
            "<=true                                       | tank               | true     | <",
            "<=true,tmp=false                             | tmp                | false    | tmp",
            "<=true,tmp=false                             | tmp/child          | true     | <",
            "tank<=true                                   | tank               | true     | tank<",
            "tank<=true                                   | tank/a/b           | true     | tank<",
            "tank<=true                                   | tanker             | false    | -",
            "tank<=true                                   | other              | false    | -",
            "tank<=true,tank/var/tmp<=false               | tank/var/tmp/x     | false    | tank/var/tmp<",
            "tank<=true,tank/var/tmp<=false               | tank/var           | true     | tank<",
            "tank<=true,tank/usr/home/paranoid=false      | tank/usr/home/paranoid | false | tank/usr/home/paranoid",
            "tank<=true,tank/usr/home/paranoid=false      | tank/usr/home/paranoid/x | true | tank<",
            // an exact entry beats a deeper wildcard
            "tank/a=true,tank/a<=false                    | tank/a             | true     | tank/a",
            "tank/a=true,tank/a<=false                    | tank/a/b           | false    | tank/a<",
            "tank/a/b<=false,tank/a=true                  | tank/a/b           | false    | tank/a/b<",
            "tank/a=true                                  | tank/a/b           | false    | -",
            "tank/a=true                                  | tank               | false    | -",
            "tank<=false,tank/a/b<=true                   | tank/a             | false    | tank<",
            "tank<=false,tank/a/b<=true                   | tank/a/b/c         | true     | tank/a/b<",
            "pool/with space<=true                        | pool/with space/x  | true     | pool/with space<",
    })
    void mostSpecificEntryDecides(String spec, String dataset, boolean accepted, String rule) {
        FilterDecision d = filter(spec).evaluate(dataset);

        assertThat(d.accepted()).isEqualTo(accepted);
        assertThat(d.rule()).isEqualTo(rule.equals("-") ? Optional.empty() : Optional.of(rule));
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @CsvSource(delimiter = '|', value = {
            "ta<nk|only one '<' at the end",
            "tank<<|only one '<' at the end",
            "<tank|only one '<' at the end",
            "tank/|must not end with '/'",
            "tank@s|must not contain",
            "tank#b|must not contain",
            "tank*|must not contain",
            "''|use \"<\"",
            "a//b|component \"\" must not be empty",
            "a/./b|must not be \".\"",
            "tank/%x|must only contain",
    })
    void rejectsInvalidPatterns(String pattern, String reason) {
        assertThat(FilesystemFilter.patternProblem(pattern)).hasValueSatisfying(p -> assertThat(p).contains(reason));
        assertThatThrownBy(() -> FilesystemFilter.of(Map.of(pattern, true))).hasMessageContaining(reason);
    }

    @Provide
    Arbitrary<String> datasets() {
        return Arbitraries.of("a", "b", "c").list().ofMinSize(1).ofMaxSize(4).map(l -> String.join("/", l));
    }

    @Provide
    Arbitrary<Map<String, Boolean>> filters() {
        Arbitrary<String> pattern = datasets().flatMap(d -> Arbitraries.of(d, d + "<", "<"));
        return Arbitraries.maps(pattern, Arbitraries.of(true, false)).ofMinSize(1).ofMaxSize(6);
    }

    /** The documented rule, written independently: exact entry, else longest matching subtree, else reject. */
    @Property
    void agreesWithTheSpecifiedRule(@ForAll("filters") Map<String, Boolean> patterns,
                                    @ForAll("datasets") String dataset) {
        FilterDecision d = FilesystemFilter.of(patterns).evaluate(dataset);

        Optional<String> expectedRule;
        if (patterns.containsKey(dataset)) {
            expectedRule = Optional.of(dataset);
        } else {
            List<String> comps = List.of(dataset.split("/"));
            expectedRule = Optional.empty();
            for (int n = comps.size(); n >= 0 && expectedRule.isEmpty(); n--) {
                String candidate = String.join("/", comps.subList(0, n)) + "<";
                if (patterns.containsKey(candidate)) {
                    expectedRule = Optional.of(candidate);
                }
            }
        }
        assertThat(d.rule()).isEqualTo(expectedRule);
        assertThat(d.accepted()).isEqualTo(expectedRule.map(patterns::get).orElse(false));
    }

    @Property
    void addingAnExactEntryDecidesThatDatasetOnly(@ForAll("filters") Map<String, Boolean> patterns,
                                                  @ForAll("datasets") String dataset, @ForAll boolean accept) {
        Map<String, Boolean> with = new LinkedHashMap<>(patterns);
        with.put(dataset, accept);

        assertThat(FilesystemFilter.of(with).evaluate(dataset).accepted()).isEqualTo(accept);
        assertThat(FilesystemFilter.of(with).evaluate(dataset + "/z"))
                .isEqualTo(FilesystemFilter.of(patterns).evaluate(dataset + "/z"));
    }
}
