package io.zreplcamel.processors.replication.guarantee;

import static org.assertj.core.api.Assertions.assertThat;

import io.zreplcamel.processors.model.FilesystemVersion;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class AbstractionParserTest {

    private static final Instant T = Instant.EPOCH;

    @Test
    void cursorWithMatchingGuidIsTheJobsCursor() {
        FilesystemVersion bm = FilesystemVersion.bookmark("zrepl_CURSOR_G_00000000000004d2_J_push", 1234, 7, T);
        Abstraction a = AbstractionParser.fromBookmark("p/a", bm).orElseThrow();
        assertThat(a).isEqualTo(new Abstraction(AbstractionType.REPLICATION_CURSOR_V2, "p/a", bm.name(), 1234, 7,
                Optional.of("push")));
        assertThat(a.fullVersionName()).isEqualTo("p/a#zrepl_CURSOR_G_00000000000004d2_J_push");
        assertThat(AbstractionNames.cursor(1234, "push")).isEqualTo(bm.name());
    }

    @Test
    void tentativeCursorHasTheDoubleUnderscore() {
        String name = AbstractionNames.tentativeCursor(-1L, "j");
        assertThat(name).isEqualTo("zrepl_CURSORTENTATIVE__G_ffffffffffffffff_J_j");
        Abstraction a = AbstractionParser.fromBookmark("p", FilesystemVersion.bookmark(name, -1L, 3, T))
                .orElseThrow();
        assertThat(a.type()).isEqualTo(AbstractionType.TENTATIVE_REPLICATION_CURSOR);
        assertThat(AbstractionParser.fromBookmark("p", FilesystemVersion.bookmark(
                "zrepl_CURSORTENTATIVE_G_ffffffffffffffff_J_j", -1L, 3, T))).isEmpty();
    }

    @Test
    void guidMismatchIsSomebodyElsesBookmark() {
        FilesystemVersion bm = FilesystemVersion.bookmark("zrepl_CURSOR_G_00000000000004d2_J_push", 99, 7, T);
        assertThat(AbstractionParser.fromBookmark("p/a", bm)).isEmpty();
    }

    @Test
    void legacyV1CursorHasNoJob() {
        Abstraction a = AbstractionParser.fromBookmark("p/a", FilesystemVersion.bookmark("zrepl_replication_cursor",
                5, 2, T)).orElseThrow();
        assertThat(a.type()).isEqualTo(AbstractionType.REPLICATION_CURSOR_V1);
        assertThat(a.jobId()).isEmpty();
        assertThat(a.belongsTo("push")).isFalse();
    }

    @Test
    void otherNamesAndSnapshotsAreNotAbstractions() {
        assertThat(AbstractionParser.fromBookmark("p", FilesystemVersion.bookmark("manual", 1, 1, T))).isEmpty();
        assertThat(AbstractionParser.fromBookmark("p", FilesystemVersion.bookmark(
                "zrepl_CURSOR_G_00000000000004D2_J_push", 1234, 1, T))).as("upper-case hex").isEmpty();
        assertThat(AbstractionParser.fromBookmark("p", FilesystemVersion.snapshot(
                "zrepl_CURSOR_G_00000000000004d2_J_push", 1234, 1, T))).isEmpty();
    }

    @Test
    void holdTags() {
        FilesystemVersion s = FilesystemVersion.snapshot("zrepl_1", 11, 4, T);
        Abstraction step = AbstractionParser.fromHold("p/a", s, "zrepl_STEP_J_push").orElseThrow();
        assertThat(step.type()).isEqualTo(AbstractionType.STEP_HOLD);
        assertThat(step.holdTag()).contains("zrepl_STEP_J_push");
        assertThat(step.fullVersionName()).isEqualTo("p/a@zrepl_1");
        Abstraction last = AbstractionParser.fromHold("p/a", s, "zrepl_last_received_J_sink").orElseThrow();
        assertThat(last.type()).isEqualTo(AbstractionType.LAST_RECEIVED_HOLD);
        assertThat(last.jobId()).contains("sink");
        assertThat(AbstractionParser.fromHold("p/a", s, "keep")).isEmpty();
        assertThat(AbstractionParser.fromHold("p/a", s, "zrepl_STEP_J_")).isEmpty();
    }
}
