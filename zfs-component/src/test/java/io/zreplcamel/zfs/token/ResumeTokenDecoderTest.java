package io.zreplcamel.zfs.token;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.zreplcamel.zfs.nvlist.NvList;
import io.zreplcamel.zfs.nvlist.NvListEncoder;
import io.zreplcamel.zfs.nvlist.NvPair;
import io.zreplcamel.zfs.nvlist.NvType;
import java.nio.ByteOrder;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ResumeTokenDecoderTest {

    // Tokens made by ZFS on Linux 0.8.1 (published as test vectors in zrepl's platform tests,
    // internal/platformtest/tests/resumeTokenParsing.go), with the values zfs send -nvt printed for them.
    static final String ZOL_FULL = "1-b338b54f3-c0-789c636064000310a500c4ec50360710e72765a52697303030419460caa7a515a"
            + "796806474e0f26c48f2499525a9c540ba42430fabfe92fcf4d2cc140686c88a76d578ae45530c90e439c1f27989b9a90c0c5545"
            + "a905390539892569f945b940234bf48b8b921d12c1660200c61a1aba";
    static final String ZOL_FULL_RAW = "1-e3f40c323-f8-789c636064000310a500c4ec50360710e72765a52697303030419460caa7a"
            + "515a796806474e0f26c48f2499525a9c540da454f0fabfe92fcf4d2cc140686c88a76d578ae45530c90e439c1f27989b9a90c0c"
            + "5545a905390539892569f945b940234bf48b8b921d12c1e6713320dc9f9c9f5b50945a5c9c9f0d119380ba07265f94580e936200"
            + "004ff12141";
    static final String ZOL_INC = "1-eadabb296-e8-789c636064000310a501c49c50360710a715e5e7a69766a63040416445bb6a3c"
            + "d7a2290a40363b92bafca4acd4e412060626a83a0cf9b4b4e2d412908c0e5c9e0d493ea9b224b518483ba8ea61d55f920f714515"
            + "bf9b3fc3c396ef0648f29c60f9bcc4dc54a07c516a414e414e62495a7e512ed0c812fde2a2648724b09900d43e2191";
    static final String ZOL_INC_RAW = "1-1164f8d409-120-789c636064000310a501c49c50360710a715e5e7a69766a63040416445b"
            + "b6a3cd7a2290a40363b92bafca4acd4e412060626a83a0cf9b4b4e2d412908c0e5c9e0d493ea9b224b51848f368eb61d55f920f"
            + "714515bf9b3fc3c396ef0648f29c60f9bcc4dc54a07c516a414e414e62495a7e512ed0c812fde2a2648724b079dc0c087f26e7e"
            + "71614a51617e76743c424a0ee81c9172596c3a41800dd2c2818";

    @Test
    void decodesRealFullToken() {
        ResumeToken t = ResumeTokenDecoder.decode(ZOL_FULL);
        assertThat(t.toguid()).isEqualTo(0x94a20a5f25877859L);
        assertThat(t.toname()).isEqualTo("zreplplatformtest/src@a");
        assertThat(t.fromguid()).isEmpty();
        assertThat(t.incremental()).isFalse();
        assertThat(t.compressok()).isFalse();
        assertThat(t.rawok()).isFalse();
        assertThat(t.version()).isEqualTo(1);
    }

    @Test
    void decodesRealRawTokens() {
        ResumeToken full = ResumeTokenDecoder.decode(ZOL_FULL_RAW);
        assertThat(full.compressok()).isTrue();
        assertThat(full.rawok()).isTrue();
        assertThat(full.toname()).isEqualTo("zreplplatformtest/src@a");
        ResumeToken inc = ResumeTokenDecoder.decode(ZOL_INC_RAW);
        assertThat(inc.fromguid()).hasValue(0x94a20a5f25877859L);
        assertThat(inc.toguid()).isEqualTo(0xf784e1004f460f7aL);
        assertThat(inc.rawok()).isTrue();
        assertThat(inc.compressok()).isTrue();
    }

    @Test
    void decodesRealIncrementalToken() {
        ResumeToken t = ResumeTokenDecoder.decode(ZOL_INC);
        assertThat(t.fromguid()).hasValue(0x94a20a5f25877859L);
        assertThat(Long.toUnsignedString(t.toguid())).isEqualTo("17835627815740247930");
        assertThat(t.toname()).isEqualTo("zreplplatformtest/src@b");
        assertThat(t.toFilesystem()).isEqualTo("zreplplatformtest/src");
        assertThat(t.fromname()).isNull();
        assertThat(t.raw().contains("object")).isTrue();
    }

    @Test
    void realCorruptedTokenIsRejectedByChecksum() {
        String corrupted = "1-1164f8d409-120-badf00d" + ZOL_INC_RAW.substring("1-1164f8d409-120-789c636".length());
        assertThatThrownBy(() -> ResumeTokenDecoder.decode(corrupted))
                .isInstanceOf(CorruptResumeTokenException.class)
                .hasMessage("resume token is corrupt (incorrect checksum)");
    }

    @Test
    void decodesEveryFieldOfAKernelShapedToken() {
        NvList nv = TestTokens.tokenList(0xfedcba9876543210L, 77, 1 << 20, 123456789, 0x8000000000000001L,
                "tank/a b@zrepl_20260101", true, true, true, false);
        ResumeToken t = ResumeTokenDecoder.decode(TestTokens.token(nv));
        assertThat(t.object()).isEqualTo(77);
        assertThat(t.offset()).isEqualTo(1 << 20);
        assertThat(t.bytes()).isEqualTo(123456789);
        assertThat(Long.toUnsignedString(t.toguid())).isEqualTo("9223372036854775809");
        assertThat(t.fromguid()).hasValue(0xfedcba9876543210L);
        assertThat(t.toname()).isEqualTo("tank/a b@zrepl_20260101");
        assertThat(t.largeblockok()).isTrue();
        assertThat(t.embedok()).isTrue();
        assertThat(t.compressok()).isTrue();
        assertThat(t.rawok()).isFalse();
        assertThat(t.savedok()).isFalse();
    }

    @Test
    void decodesXdrAndBigEndianTokensAndOptionalFields() {
        NvList nv = new NvList(0, NvList.NV_UNIQUE_NAME, List.of(
                new NvPair("object", NvType.UINT64, 1L), new NvPair("offset", NvType.UINT64, 2L),
                new NvPair("bytes", NvType.UINT64, 3L), new NvPair("toguid", NvType.UINT64, 4L),
                new NvPair("toname", NvType.STRING, "p/f@s"), new NvPair("fromname", NvType.STRING, "p/f@r"),
                new NvPair("savedok", NvType.BOOLEAN, true)));
        for (String token : List.of(TestTokens.fromPacked(NvListEncoder.xdr(nv), ByteOrder.LITTLE_ENDIAN),
                TestTokens.fromPacked(NvListEncoder.native_(nv, ByteOrder.BIG_ENDIAN), ByteOrder.BIG_ENDIAN))) {
            ResumeToken t = ResumeTokenDecoder.decode(token);
            assertThat(t.fromname()).isEqualTo("p/f@r");
            assertThat(t.savedok()).isTrue();
            assertThat(t.toguid()).isEqualTo(4);
        }
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            empty                     |                         | empty token
            garbage                   | hello                   | invalid format
            missing payload separator | 1-abc-10                | invalid format
            version 2                 | 2-abc-10-789c           | invalid version 2
            version 0                 | 0-abc-10-789c           | invalid version 0
            odd hex                   | 1-abc-10-789            | odd number of digits
            no payload                | 1-abc-10-               | payload is not hex-encoded
            non-hex payload           | 1-abc-10-78zz           | invalid format
            header overflow           | 1-1ffffffffffffffff-10-78 | header number out of range
            """)
    void rejectsMalformedTokensWithAReason(String what, String token, String reason) {
        assertThatThrownBy(() -> ResumeTokenDecoder.decode(token == null ? "" : token))
                .isInstanceOf(CorruptResumeTokenException.class)
                .hasMessageStartingWith("resume token is corrupt (")
                .hasMessageContaining(reason);
    }

    @Test
    void rejectsWrongLengthBadZlibBadNvlistAndMissingFields() {
        String good = TestTokens.token(TestTokens.tokenList(null, 1, 0, 0, 9, "p/f@s", false, false, false, false));
        String[] parts = good.split("-");
        String longer = parts[0] + "-" + parts[1] + "-" + Long.toHexString(Long.parseLong(parts[2], 16) + 1) + "-"
                + parts[3];
        assertThatThrownBy(() -> ResumeTokenDecoder.decode(longer)).hasMessageContaining("decompression failed");
        String shorter = parts[0] + "-" + parts[1] + "-" + Long.toHexString(Long.parseLong(parts[2], 16) - 1) + "-"
                + parts[3];
        assertThatThrownBy(() -> ResumeTokenDecoder.decode(shorter)).hasMessageContaining("decompression failed");

        byte[] notZlib = {1, 2, 3, 4, 5, 6, 7, 8};
        String badZlib = "1-" + Long.toHexString(Fletcher4.firstWord(notZlib, ByteOrder.LITTLE_ENDIAN)) + "-10-"
                + java.util.HexFormat.of().formatHex(notZlib);
        assertThatThrownBy(() -> ResumeTokenDecoder.decode(badZlib)).hasMessageContaining("decompression failed");

        String badNvlist = TestTokens.fromPacked(new byte[] {0, 1, 0, 0, 0, 0, 0, 0, 1, 0, 0, 0},
                ByteOrder.LITTLE_ENDIAN);
        assertThatThrownBy(() -> ResumeTokenDecoder.decode(badNvlist)).hasMessageContaining("nvlist_unpack failed");

        NvList noGuid = NvList.of(new NvPair("toname", NvType.STRING, "p/f@s"),
                new NvPair("object", NvType.UINT64, 1L), new NvPair("offset", NvType.UINT64, 1L),
                new NvPair("bytes", NvType.UINT64, 1L));
        assertThatThrownBy(() -> ResumeTokenDecoder.decode(TestTokens.token(noGuid)))
                .hasMessage("resume token is corrupt (missing field 'toguid')");
    }

    @Test
    void toleratesSurroundingWhitespaceAndUpperCaseHex() {
        ResumeToken t = ResumeTokenDecoder.decode("  " + ZOL_INC.toUpperCase() + "\n");
        assertThat(t.toname()).isEqualTo("zreplplatformtest/src@b");
    }

    @Property(tries = 200)
    void kernelShapedTokensRoundTrip(@ForAll long toguid, @ForAll long object, @ForAll long offset,
            @ForAll long bytes, @ForAll boolean incremental, @ForAll long fromguid, @ForAll boolean compress,
            @ForAll boolean raw, @ForAll("snapshotNames") String toname) {
        ResumeToken t = ResumeTokenDecoder.decode(TestTokens.token(TestTokens.tokenList(
                incremental ? fromguid : null, object, offset, bytes, toguid, toname, false, false, compress, raw)));
        assertThat(t.toguid()).isEqualTo(toguid);
        assertThat(t.object()).isEqualTo(object);
        assertThat(t.offset()).isEqualTo(offset);
        assertThat(t.bytes()).isEqualTo(bytes);
        assertThat(t.toname()).isEqualTo(toname);
        assertThat(t.fromguid().isPresent()).isEqualTo(incremental);
        assertThat(t.compressok()).isEqualTo(compress);
        assertThat(t.rawok()).isEqualTo(raw);
    }

    @Property(tries = 300)
    void changingAnyPayloadDigitIsDetected(@ForAll @IntRange(min = 0, max = 10_000) int where,
            @ForAll @IntRange(min = 1, max = 15) int delta) {
        int payloadStart = ZOL_INC.lastIndexOf('-') + 1;
        int pos = payloadStart + where % (ZOL_INC.length() - payloadStart);
        int digit = Character.digit(ZOL_INC.charAt(pos), 16);
        char replacement = Character.forDigit((digit + delta) % 16, 16);
        String mutated = ZOL_INC.substring(0, pos) + replacement + ZOL_INC.substring(pos + 1);
        assertThatThrownBy(() -> ResumeTokenDecoder.decode(mutated)).isInstanceOf(CorruptResumeTokenException.class);
    }

    @Provide
    Arbitrary<String> snapshotNames() {
        Arbitrary<String> part = Arbitraries.strings().withChars("abcXYZ019-_.: ").ofMinLength(1).ofMaxLength(20)
                .filter(s -> !s.equals(".") && !s.equals(".."));
        return net.jqwik.api.Combinators.combine(part, part, part).as((p, f, s) -> "p" + p + "/" + f + "@" + s);
    }
}
