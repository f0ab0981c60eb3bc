package io.zreplcamel.zfs.error;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * stderr texts as libzfs / zfs_main.c print them (OpenZFS 2.1-2.4), mapped to the typed exception and the dataset it
 * names. Texts captured from real zfs in the guest are checked again in GuestCapturedOutputTest.
 */
class ZfsErrorClassifierTest {

    @ParameterizedTest(name = "[{index}] {1}")
    @CsvSource(delimiter = '|', quoteCharacter = '"', textBlock = """
            list     | cannot open 'p/missing': dataset does not exist                       | DatasetNotFoundException | p/missing
            get      | cannot open 'p/f@gone': dataset does not exist                        | DatasetNotFoundException | p/f@gone
            list     | cannot open 'nopool/x': no such pool or dataset                      | DatasetNotFoundException | nopool/x
            get      | cannot open 'nopool': no such pool                                   | DatasetNotFoundException | nopool
            destroy  | could not find any snapshots to destroy; check snapshot names.      | DatasetNotFoundException |
            destroy  | bookmark 'p/f#b' does not exist.                                     | DatasetNotFoundException | p/f#b
            send     | incremental source (p/f@x) does not exist                            | DatasetNotFoundException | p/f@x
            destroy  | cannot destroy 'p/f': dataset is busy                                | DatasetBusyException     | p/f
            destroy  | cannot destroy snapshot p/f@s: dataset is busy                       | DatasetBusyException     | p/f@s
            destroy  | "cannot destroy snapshot p/f@s: it's being held. Run 'zfs holds -r p/f@s' to see holders." | DatasetBusyException | p/f@s
            unmount  | cannot unmount '/p/f': pool or dataset is busy                       | DatasetBusyException     | /p/f
            create   | cannot create 'p/f': dataset already exists                          | DatasetExistsException   | p/f
            snapshot | cannot create snapshot 'p/f@s': dataset already exists               | DatasetExistsException   | p/f@s
            receive  | "cannot receive new filesystem stream: destination 'p/f' exists\\nmust specify -F to overwrite it" | DatasetExistsException | p/f
            receive  | "cannot receive incremental stream: destination p/f has been modified\\nsince most recent snapshot" | DestinationModifiedException | p/f
            receive  | "cannot receive incremental stream: most recent snapshot of p/f does not\\nmatch incremental source" | IncrementalSourceMismatchException | p/f
            receive  | cannot receive new filesystem stream: zfs receive -F cannot be used to destroy an encrypted filesystem or overwrite an unencrypted one with an encrypted one | EncryptedForceReceiveException | p/t
            receive  | cannot receive: failed to read from stream                           | StreamReadException      | p/t
            send     | cannot resume send: resume token is corrupt (incorrect checksum)      | ResumeTokenInvalidException |
            send     | cannot resume send: 'p/f@s' used in the initial send no longer exists | ResumeTokenInvalidException |
            send     | cannot resume send: 'p/f@s' is no longer the same snapshot used in the initial send | ResumeTokenInvalidException |
            send     | cannot resume send: incremental source 0x94a20a5f25877859 no longer exists | ResumeTokenInvalidException |
            bookmark | cannot create bookmark 'p/f#b': bookmark exists                      | BookmarkExistsException  | p/f#b
            snapshot | cannot create snapshots : permission denied                          | PermissionDeniedException |
            set      | cannot set property for 'p/f': 'compression' must be one of on, off | ZfsCommandException |
            """)
    void classifies(String verb, String stderr, String type, String dataset) {
        List<String> argv = List.of("zfs", verb, "p/t");
        ZfsCommandException e = ZfsErrorClassifier.classify(argv, 1, stderr.replace("\\n", "\n"));
        assertThat(e.getClass().getSimpleName()).isEqualTo(type);
        assertThat(e.exitCode()).isEqualTo(1);
        assertThat(e.command()).isEqualTo(argv);
        assertThat(e.getMessage()).contains("[command: zfs " + verb + " p/t, exit code 1");
        if (dataset != null) {
            Object named = e instanceof DatasetError d ? d.dataset() : null;
            assertThat(named).isEqualTo(dataset);
        }
    }

    @Test
    void partialReceiveStateBlocksANewReceive() {
        ZfsCommandException e = ZfsErrorClassifier.classify(List.of("zfs", "receive", "p/f"), 1,
                "cannot receive new filesystem stream: destination p/f contains partially-complete state from "
                        + "\"zfs receive -s\".\n");
        assertThat(e).isInstanceOf(PartialReceiveStateException.class);
        assertThat(((DatasetError) e).dataset()).isEqualTo("p/f");
    }

    @Test
    void tokenStalenessAndCorruptionAreTold() {
        var corrupt = (ResumeTokenInvalidException) ZfsErrorClassifier.classify(List.of("zfs", "send", "-t", "x"), 255,
                "cannot resume send: resume token is corrupt (invalid format)\n");
        assertThat(corrupt.reason()).isEqualTo(ResumeTokenInvalidException.Reason.CORRUPT);
        assertThat(corrupt.getMessage()).startsWith("resume token is corrupt (invalid format)");
        var stale = (ResumeTokenInvalidException) ZfsErrorClassifier.classify(List.of("zfs", "send", "-t", "x"), 255,
                "cannot resume send: 'p/f@s' used in the initial send no longer exists\n");
        assertThat(stale.reason()).isEqualTo(ResumeTokenInvalidException.Reason.STALE);
    }

    @Test
    void resumableReceiveFailureCarriesTheToken() {
        String stderr = "cannot receive new filesystem stream: checksum mismatch or incomplete stream.\n"
                + "Partially received snapshot is saved.\n"
                + "A resuming stream can be generated on the sending system by running:\n"
                + "    zfs send -t 1-1234abcd-c0-789cabcdef\n";
        var e = (ResumableReceiveFailedException) ZfsErrorClassifier.classify(
                List.of("zfs", "receive", "-s", "p/dst@s"), 1, stderr);
        assertThat(e.resumeToken()).isEqualTo("1-1234abcd-c0-789cabcdef");
        assertThat(e.dataset()).isEqualTo("p/dst");
        assertThat(ZfsErrorClassifier.resumeTokenIn(stderr)).isEqualTo("1-1234abcd-c0-789cabcdef");
    }

    @Test
    void batchedDestroyListsEveryUndestroyableSnapshot() {
        String stderr = "cannot destroy snapshot p/f@2: dataset is busy\n"
                + "cannot destroy snapshot p/f@4 5 6: it's being held. Run 'zfs holds -r p/f@4 5 6' to see holders.\n"
                + "cannot destroy snapshot p/f@7: snapshot is cloned\n";
        var e = (DestroyFailedException) ZfsErrorClassifier.classify(
                List.of("zfs", "destroy", "p/f@1,2,3,4 5 6,7"), 1, stderr);
        assertThat(e.undestroyable()).containsOnlyKeys("p/f@2", "p/f@4 5 6", "p/f@7");
        assertThat(e.undestroyable().get("p/f@7")).isEqualTo("snapshot is cloned");
        assertThat(DestroyFailedException.isHeld(e.undestroyable().get("p/f@4 5 6"))).isTrue();
        assertThat(e.allHeld()).isFalse();
    }

    @Test
    void unknownErrorsKeepTheFirstLineAndTheWholeStderr() {
        ZfsCommandException e = ZfsErrorClassifier.classify(List.of("zfs", "frobnicate"), 2,
                "unrecognized command 'frobnicate'\nusage: zfs command args ...\n");
        assertThat(e.getClass()).isEqualTo(ZfsCommandException.class);
        assertThat(e.getMessage()).startsWith("unrecognized command 'frobnicate' [command: zfs frobnicate, exit code 2");
        assertThat(e.stderr()).contains("usage:");
    }

    @Test
    void commandLinesQuoteSpaces() {
        assertThat(CommandLines.format(List.of("zfs", "list", "p/a b", "it's")))
                .isEqualTo("zfs list 'p/a b' 'it'\\''s'");
    }
}
