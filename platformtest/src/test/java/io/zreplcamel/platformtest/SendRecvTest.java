package io.zreplcamel.platformtest;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.SortedMap;
import org.junit.jupiter.api.Test;

/** {@code zfs send | zfs recv} between two pools keeps every byte (SHA-256 per file on both sides). */
@PlatformTest
class SendRecvTest {

    @Test
    void fullThenIncrementalSendRecvIntoAnotherPool(TestPool src, TestPool dst) throws IOException {
        src.zfs("create", src.ds("data"));
        Path srcDir = src.mountpoint("data");
        Trees.writeRandomFiles(srcDir, 1, 24, 256 * 1024);
        SortedMap<String, String> atS1 = Trees.sha256(srcDir);
        src.zfs("snapshot", src.ds("data@s1"));

        Sh.pipe(List.of("zfs", "send", src.ds("data@s1")), List.of("zfs", "recv", dst.ds("data")));
        SortedMap<String, String> received = Trees.sha256(dst.mountpoint("data"));
        System.out.println("full: " + atS1.size() + " files, tree sha256 " + Trees.digest(atS1));
        assertThat(received).hasSize(24).isEqualTo(atS1);

        // change the source: new files, one rewritten, one deleted
        Trees.writeRandomFiles(srcDir, 2, 8, 128 * 1024);
        String victim = atS1.firstKey();
        Files.delete(srcDir.resolve(victim));
        Files.write(srcDir.resolve(atS1.lastKey()), "rewritten".getBytes(java.nio.charset.StandardCharsets.UTF_8));
        SortedMap<String, String> atS2 = Trees.sha256(srcDir);
        src.zfs("snapshot", src.ds("data@s2"));

        Sh.pipe(List.of("zfs", "send", "-i", "@s1", src.ds("data@s2")), List.of("zfs", "recv", dst.ds("data")));
        SortedMap<String, String> received2 = Trees.sha256(dst.mountpoint("data"));
        System.out.println("incremental: tree sha256 " + Trees.digest(atS2));
        assertThat(received2).isEqualTo(atS2).doesNotContainKey(victim).hasSize(24 + 8 - 1);
        assertThat(dst.listAll()).contains(dst.ds("data@s1"), dst.ds("data@s2"));
    }
}
