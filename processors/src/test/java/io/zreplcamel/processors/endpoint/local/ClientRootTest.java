package io.zreplcamel.processors.endpoint.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.zreplcamel.config.names.NameKind;
import io.zreplcamel.config.names.ZfsNames;
import java.util.List;
import java.util.Optional;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ClientRootTest {

    private final ClientRoot sink = new ClientRoot("backup/sink", Optional.of("client1"));
    private final ClientRoot pull = new ClientRoot("backup/pull", Optional.empty());

    @Test
    void sinkAndPullClientRoots() {
        assertThat(sink.dataset()).isEqualTo("backup/sink/client1");
        assertThat(sink.hasIdentity()).isTrue();
        assertThat(sink.isIdentityDataset("backup/sink/client1")).isTrue();
        assertThat(sink.isIdentityDataset("backup/sink/client1/pool")).isFalse();
        assertThat(pull.dataset()).isEqualTo("backup/pull");
        assertThat(pull.isIdentityDataset("backup/pull")).isFalse();
        assertThat(sink.resolve("pool/a/b")).isEqualTo("backup/sink/client1/pool/a/b");
        assertThat(pull.resolve("pool")).isEqualTo("backup/pull/pool");
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "/", "/pool", "/backup/sink/client1/x", "pool/", "pool//a", "//", "..", ".",
            "pool/..", "../client2/pool", "pool/../..", "pool/./a", "pool@snap", "pool/a@s", "pool#bm", "pool/a#b",
            "pool/a b\tc", "pool/a%b", "pool/*", "pool/a|b", "pool/<a>", "pool/\u00e9", "pool/a\nb", "pool/a\0"})
    void refusesPathsThatLeaveTheClientRootOrAreNoDatasetPaths(String path) {
        assertThatThrownBy(() -> sink.resolve(path)).isInstanceOf(ReceiverConfinementException.class)
                .hasMessageContaining("receiver refuses filesystem").hasMessageContaining("backup/sink/client1");
        assertThatThrownBy(() -> pull.resolve(path)).isInstanceOf(ReceiverConfinementException.class);
    }

    @Test
    void refusesNamesThatWouldBeTooLongBelowTheRoot() {
        String longest = "p/" + "a".repeat(255 - "backup/sink/client1/p/".length());
        assertThat(sink.resolve(longest)).hasSize(255);
        assertThatThrownBy(() -> sink.resolve(longest + "a")).isInstanceOf(ReceiverConfinementException.class)
                .hasMessageContaining("longer than 255");
    }

    @Test
    void relativizeIsStrictlyBelowTheClientRoot() {
        assertThat(sink.relativize("backup/sink/client1/pool/a")).hasValue("pool/a");
        assertThat(sink.relativize("backup/sink/client1")).isEmpty();
        assertThat(sink.relativize("backup/sink/client1/")).isEmpty();
        assertThat(sink.relativize("backup/sink/client10/pool")).isEmpty();
        assertThat(sink.relativize("backup/sink/client2/pool")).isEmpty();
        assertThat(sink.relativize("backup/sink")).isEmpty();
    }

    @Test
    void ancestorsBetweenRootFsAndTarget() {
        assertThat(sink.ancestorsBelowRootFs("backup/sink/client1/pool/a"))
                .containsExactly("backup/sink/client1", "backup/sink/client1/pool");
        assertThat(pull.ancestorsBelowRootFs("backup/pull/pool")).isEmpty();
        assertThatThrownBy(() -> sink.ancestorsBelowRootFs("other/x")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void invalidConfigurationIsRefused() {
        assertThatThrownBy(() -> new ClientRoot("backup/", Optional.empty())).hasMessageContaining("root_fs");
        assertThatThrownBy(() -> new ClientRoot("backup", Optional.of("a/b"))).hasMessageContaining("identity");
        assertThatThrownBy(() -> new ClientRoot("backup", Optional.of(".."))).hasMessageContaining("identity");
        assertThatThrownBy(() -> new ClientRoot("backup", Optional.of(""))).hasMessageContaining("identity");
    }

    /** The confinement rule: whatever a sender sends, a path either is refused or names a dataset strictly below. */
    @Property(tries = 3000)
    void everyAcceptedPathStaysStrictlyBelowTheClientRoot(@ForAll("hostilePaths") String path) {
        String dataset;
        try {
            dataset = sink.resolve(path);
        } catch (ReceiverConfinementException refused) {
            return;
        }
        assertThat(dataset).startsWith("backup/sink/client1/");
        assertThat(ZfsNames.check(dataset, NameKind.DATASET)).isEmpty();
        assertThat(sink.relativize(dataset)).hasValue(path);
        assertThat(List.of(dataset.split("/"))).doesNotContain("..", ".", "");
        assertThat(dataset).doesNotContain("@", "#");
    }

    @Provide
    Arbitrary<String> hostilePaths() {
        Arbitrary<String> component = Arbitraries.oneOf(
                Arbitraries.of("..", ".", "", "pool", "a", "client2", "backup", "sink", "x@y", "x#y", "a b", "-o",
                        "%", "a:b", "a_b.c-d"),
                Arbitraries.strings().withChars("abc./@#%-_: \t\\").ofMaxLength(6));
        return component.list().ofMinSize(1).ofMaxSize(6).map(l -> String.join("/", l))
                .flatMap(p -> Arbitraries.of(p, "/" + p, p + "/"));
    }
}
