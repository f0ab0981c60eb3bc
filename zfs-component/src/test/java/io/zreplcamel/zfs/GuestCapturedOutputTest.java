package io.zreplcamel.zfs;

import static org.assertj.core.api.Assertions.assertThat;

import io.zreplcamel.zfs.error.BookmarkExistsException;
import io.zreplcamel.zfs.error.DatasetBusyException;
import io.zreplcamel.zfs.error.DatasetNotFoundException;
import io.zreplcamel.zfs.error.DestinationModifiedException;
import io.zreplcamel.zfs.error.PartialReceiveStateException;
import io.zreplcamel.zfs.error.ResumableReceiveFailedException;
import io.zreplcamel.zfs.error.ResumeTokenInvalidException;
import io.zreplcamel.zfs.error.ZfsCommandException;
import io.zreplcamel.zfs.error.ZfsErrorClassifier;
import io.zreplcamel.zfs.feature.ZfsFeature;
import io.zreplcamel.zfs.feature.ZfsFeatures;
import io.zreplcamel.zfs.model.DatasetEntry;
import io.zreplcamel.zfs.model.DatasetType;
import io.zreplcamel.zfs.model.Hold;
import io.zreplcamel.zfs.model.PropertySource;
import io.zreplcamel.zfs.model.PropertyValue;
import io.zreplcamel.zfs.model.SendEstimate;
import io.zreplcamel.zfs.parse.DryRunParser;
import io.zreplcamel.zfs.parse.HoldsParser;
import io.zreplcamel.zfs.parse.ListParser;
import io.zreplcamel.zfs.parse.PropertyParser;
import io.zreplcamel.zfs.parse.VersionParser;
import io.zreplcamel.zfs.token.ResumeToken;
import io.zreplcamel.zfs.token.ResumeTokenDecoder;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The parsers, the error classifier and the token decoder against output captured from real OpenZFS 2.3.2 in the
 * platform-test guest ({@code platformtest/…/zfs/*Test} save it under {@code results/captured/zfs}; copied to
 * {@code src/test/resources/fixtures/guest/}).
 */
class GuestCapturedOutputTest {

    static final Path DIR = Path.of("src/test/resources/fixtures/guest");

    static List<String> lines(String name) throws IOException {
        return Files.readAllLines(DIR.resolve(name));
    }

    @Test
    void versionAndFeatures() throws IOException {
        assertThat(VersionParser.parse(lines("version.txt")).number()).isEqualTo("2.3.2");
        assertThat(VersionParser.parse(lines("version.txt")).kernel()).startsWith("zfs-kmod-2.3.2");
        ZfsFeatures f = ZfsFeatures.fromUsage(Files.readString(DIR.resolve("usage.txt")));
        assertThat(f.supported()).containsExactlyInAnyOrder(ZfsFeature.values());
    }

    @Test
    void listOfEveryType() throws IOException {
        List<DatasetEntry> all = ListParser.parse(lines("list.txt"), List.of());
        assertThat(all).extracting(DatasetEntry::type).contains(DatasetType.FILESYSTEM, DatasetType.SNAPSHOT,
                DatasetType.BOOKMARK);
        assertThat(all).filteredOn(e -> e.type() == DatasetType.SNAPSHOT)
                .allSatisfy(e -> assertThat(e.userRefs()).isPresent());
        assertThat(all).filteredOn(e -> e.type() == DatasetType.BOOKMARK)
                .allSatisfy(e -> assertThat(e.userRefs()).isEmpty());
        List<DatasetEntry> versions = ListParser.parse(lines("list-versions.txt"), List.of());
        assertThat(versions).extracting(DatasetEntry::shortName).containsExactly("a", "b");
        assertThat(versions.get(0).type()).isEqualTo(DatasetType.BOOKMARK);
    }

    @Test
    void getHoldsAndDryRuns() throws IOException {
        List<PropertyValue> props = PropertyParser.parse(lines("get.txt"));
        assertThat(props).anySatisfy(p -> {
            assertThat(p.property()).isEqualTo("user:note");
            assertThat(p.value()).isEqualTo("two words");
            assertThat(p.source()).isEqualTo(PropertySource.LOCAL);
        });
        assertThat(props).anySatisfy(p -> {
            assertThat(p.property()).isEqualTo("receive_resume_token");
            assertThat(p.isSet()).isFalse();
        });
        List<Hold> holds = HoldsParser.parse(lines("holds.txt"));
        assertThat(holds).singleElement().satisfies(h -> assertThat(h.tag()).isEqualTo("keep me"));
        SendEstimate full = DryRunParser.parse(lines("dry-run-full.txt"));
        assertThat(full.incremental()).isFalse();
        SendEstimate inc = DryRunParser.parse(lines("dry-run-incremental.txt"));
        assertThat(inc.incremental()).isTrue();
        assertThat(inc.from()).contains("#b1");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(textBlock = """
            error-list-missing.txt,                 list,    DatasetNotFoundException
            error-get-missing-bookmark.txt,         get,     DatasetNotFoundException
            error-destroy-missing-snapshots.txt,    destroy, DatasetNotFoundException
            error-destroy-held.txt,                 destroy, DatasetBusyException
            error-bookmark-exists.txt,              bookmark, BookmarkExistsException
            error-resume-corrupt.txt,               send,    ResumeTokenInvalidException
            error-destination-modified.txt,         receive, DestinationModifiedException
            error-resumable-full.txt,               receive, ResumableReceiveFailedException
            error-resumable-incremental.txt,        receive, ResumableReceiveFailedException
            error-partial-state.txt,                receive, PartialReceiveStateException
            """)
    void realErrorsAreClassified(String file, String verb, String type) throws IOException {
        Class<?> expected = Map.of("DatasetNotFoundException", DatasetNotFoundException.class,
                "DatasetBusyException", DatasetBusyException.class,
                "BookmarkExistsException", BookmarkExistsException.class,
                "ResumeTokenInvalidException", ResumeTokenInvalidException.class,
                "DestinationModifiedException", DestinationModifiedException.class,
                "ResumableReceiveFailedException", ResumableReceiveFailedException.class,
                "PartialReceiveStateException", PartialReceiveStateException.class).get(type);
        ZfsCommandException e = ZfsErrorClassifier.classify(List.of("zfs", verb, "pool/fs@snap"), 1,
                Files.readString(DIR.resolve(file)));
        assertThat(e).isInstanceOf(expected);
    }

    @ParameterizedTest
    @CsvSource({"full", "incremental"})
    void realTokensDecodeLikeZfsSendNvt(String what) throws IOException {
        String token = lines("token-" + what + ".txt").get(0);
        ResumeToken t = ResumeTokenDecoder.decode(token);
        Map<String, String> zfs = new HashMap<>();
        Matcher m = Pattern.compile("(?m)^\\s+(\\w+) = (.*)$").matcher(Files.readString(DIR.resolve("send-nvt-"
                + what + ".txt")));
        while (m.find()) {
            zfs.put(m.group(1), m.group(2).strip());
        }
        assertThat(hex(zfs.get("toguid"))).isEqualTo(t.toguid());
        assertThat(hex(zfs.get("object"))).isEqualTo(t.object());
        assertThat(hex(zfs.get("offset"))).isEqualTo(t.offset());
        assertThat(hex(zfs.get("bytes"))).isEqualTo(t.bytes());
        assertThat(zfs.get("toname")).isEqualTo(t.toname());
        assertThat(zfs.containsKey("fromguid")).isEqualTo(t.incremental());
        if (t.incremental()) {
            assertThat(hex(zfs.get("fromguid"))).isEqualTo(t.fromguid().getAsLong());
        }
        for (String flag : List.of("compressok", "rawok", "embedok", "largeblockok")) {
            boolean set = switch (flag) {
                case "compressok" -> t.compressok();
                case "rawok" -> t.rawok();
                case "embedok" -> t.embedok();
                default -> t.largeblockok();
            };
            assertThat(zfs.containsKey(flag)).as(flag).isEqualTo(set);
        }
    }

    private static long hex(String v) {
        assertThat(v).startsWith("0x");
        return Long.parseUnsignedLong(v.substring(2), 16);
    }
}
