package io.zreplcamel.zfs.nvlist;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.ByteOrder;
import java.util.Arrays;
import java.util.List;
import java.util.function.Function;
import java.util.stream.Stream;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class NvListDecoderTest {

    /** One pair of every type, including nesting, empty arrays and a uint64 above 2^63. */
    static NvList everyType() {
        NvList inner = NvList.of(new NvPair("x", NvType.UINT64, 7L), new NvPair("flag", NvType.BOOLEAN, true));
        NvList inner2 = NvList.of(new NvPair("name", NvType.STRING, "second"));
        return NvList.of(
                new NvPair("present", NvType.BOOLEAN, true),
                new NvPair("byte", NvType.BYTE, 0xffL),
                new NvPair("i8", NvType.INT8, -5L),
                new NvPair("u8", NvType.UINT8, 200L),
                new NvPair("i16", NvType.INT16, -30000L),
                new NvPair("u16", NvType.UINT16, 65000L),
                new NvPair("i32", NvType.INT32, -2_000_000_000L),
                new NvPair("u32", NvType.UINT32, 4_000_000_000L),
                new NvPair("i64", NvType.INT64, Long.MIN_VALUE),
                new NvPair("toguid", NvType.UINT64, 0xf784e1004f460f7aL),
                new NvPair("hrtime", NvType.HRTIME, 123456789L),
                new NvPair("double", NvType.DOUBLE, 2.5d),
                new NvPair("bv", NvType.BOOLEAN_VALUE, false),
                new NvPair("toname", NvType.STRING, "pool/with space@snap 1"),
                new NvPair("empty", NvType.STRING, ""),
                new NvPair("bytes", NvType.BYTE_ARRAY, new byte[] {1, 2, 3}),
                new NvPair("i8a", NvType.INT8_ARRAY, new long[] {-1, 2}),
                new NvPair("u8a", NvType.UINT8_ARRAY, new long[] {255, 0, 1}),
                new NvPair("i16a", NvType.INT16_ARRAY, new long[] {-2}),
                new NvPair("u16a", NvType.UINT16_ARRAY, new long[] {65535}),
                new NvPair("i32a", NvType.INT32_ARRAY, new long[] {-3, 4, 5}),
                new NvPair("u32a", NvType.UINT32_ARRAY, new long[] {4_294_967_295L}),
                new NvPair("i64a", NvType.INT64_ARRAY, new long[] {Long.MAX_VALUE}),
                new NvPair("redact_snaps", NvType.UINT64_ARRAY, new long[] {-1L, 0L, 42L}),
                new NvPair("noelems", NvType.UINT64_ARRAY, new long[0]),
                new NvPair("ba", NvType.BOOLEAN_ARRAY, new boolean[] {true, false}),
                new NvPair("sa", NvType.STRING_ARRAY, new String[] {"a", "", "ccc"}),
                new NvPair("nested", NvType.NVLIST, inner),
                new NvPair("lists", NvType.NVLIST_ARRAY, List.of(inner, inner2)),
                new NvPair("after", NvType.UINT64, 1L));
    }

    static Stream<Arguments> encodings() {
        return Stream.of(
                Arguments.of("native little-endian",
                        (Function<NvList, byte[]>) l -> NvListEncoder.native_(l, ByteOrder.LITTLE_ENDIAN)),
                Arguments.of("native big-endian",
                        (Function<NvList, byte[]>) l -> NvListEncoder.native_(l, ByteOrder.BIG_ENDIAN)),
                Arguments.of("xdr", (Function<NvList, byte[]>) NvListEncoder::xdr));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("encodings")
    void decodesEveryTypeInEveryEncoding(String name, Function<NvList, byte[]> encode) throws Exception {
        NvList in = everyType();
        NvList out = NvListDecoder.decode(encode.apply(in));
        assertThat(out).isEqualTo(in);
        assertThat(out.getLong("toguid")).hasValue(0xf784e1004f460f7aL);
        assertThat(out.getString("toname")).hasValue("pool/with space@snap 1");
        assertThat(out.getList("nested").orElseThrow().getLong("x")).hasValue(7);
        assertThat(out.contains("present")).isTrue();
        assertThat(out.contains("absent")).isFalse();
    }

    @Test
    void nativeLayoutMatchesNvpairC() throws Exception {
        // Hand-assembled: header, version 0, flags NV_UNIQUE_NAME, one uint64 pair "ab"=5, end marker.
        byte[] packed = {
            0, 1, 0, 0, // native, little-endian
            0, 0, 0, 0, 1, 0, 0, 0, // nvl_version 0, nvl_nvflag 1
            32, 0, 0, 0, // nvp_size = align8(16+3) + 8 = 24 + 8
            3, 0, 0, 0, // name_sz 3, reserved
            1, 0, 0, 0, // nelem 1
            8, 0, 0, 0, // DATA_TYPE_UINT64
            'a', 'b', 0, 0, 0, 0, 0, 0, // name + padding to 8
            5, 0, 0, 0, 0, 0, 0, 0, // value
            0, 0, 0, 0 // end of list
        };
        NvList l = NvListDecoder.decode(packed);
        assertThat(l.pairs()).containsExactly(new NvPair("ab", NvType.UINT64, 5L));
        assertThat(l.uniqueNames()).isTrue();
        assertThat(NvListEncoder.native_(l, ByteOrder.LITTLE_ENDIAN)).containsExactly(packed);
    }

    @Test
    void xdrLayoutMatchesNvpairC() throws Exception {
        byte[] packed = {
            1, 1, 0, 0, // XDR
            0, 0, 0, 0, 0, 0, 0, 1, // version 0, flags 1 (big-endian)
            0, 0, 0, 28, 0, 0, 0, 32, // encoded size 28, decoded size 32
            0, 0, 0, 2, 'a', 'b', 0, 0, // string "ab"
            0, 0, 0, 8, 0, 0, 0, 1, // UINT64, nelem 1
            0, 0, 0, 0, 0, 0, 0, 5, // value
            0, 0, 0, 0, 0, 0, 0, 0 // end of list
        };
        assertThat(NvListDecoder.decode(packed).pairs()).containsExactly(new NvPair("ab", NvType.UINT64, 5L));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("encodings")
    void everyTruncationIsAFormatError(String name, Function<NvList, byte[]> encode) {
        byte[] full = encode.apply(everyType());
        for (int len = 0; len < full.length; len++) {
            byte[] cut = Arrays.copyOf(full, len);
            assertThatThrownBy(() -> NvListDecoder.decode(cut)).as("length %d", len)
                    .isInstanceOf(NvListFormatException.class);
        }
    }

    @Test
    void rejectsUnknownEncodingTypeAndBadBooleans() {
        assertThatThrownBy(() -> NvListDecoder.decode(new byte[] {2, 1, 0, 0, 0, 0, 0, 0}))
                .hasMessageContaining("unknown nvlist encoding 2");
        byte[] p = NvListEncoder.native_(NvList.of(new NvPair("b", NvType.BOOLEAN_VALUE, true)),
                ByteOrder.LITTLE_ENDIAN);
        p[12 + 16 + 8] = 7; // the boolean's value
        assertThatThrownBy(() -> NvListDecoder.decode(p)).hasMessageContaining("boolean 'b' has value 7");
        byte[] q = NvListEncoder.native_(NvList.of(new NvPair("u", NvType.UINT64, 1L)), ByteOrder.LITTLE_ENDIAN);
        q[12 + 12] = 99; // type code
        assertThatThrownBy(() -> NvListDecoder.decode(q)).hasMessageContaining("unknown type code 99");
    }

    @Test
    void rejectsScalarWithWrongElementCountAndUnterminatedName() {
        byte[] p = NvListEncoder.native_(NvList.of(new NvPair("u", NvType.UINT64, 1L)), ByteOrder.LITTLE_ENDIAN);
        p[12 + 8] = 2; // nelem
        assertThatThrownBy(() -> NvListDecoder.decode(p)).hasMessageContaining("has 2 elements");
        byte[] q = NvListEncoder.native_(NvList.of(new NvPair("u", NvType.UINT64, 1L)), ByteOrder.LITTLE_ENDIAN);
        q[12 + 16 + 1] = 'x'; // overwrite the name's NUL
        assertThatThrownBy(() -> NvListDecoder.decode(q)).isInstanceOf(NvListFormatException.class);
    }

    @Test
    void laterDuplicateReplacesEarlierInUniqueList() throws Exception {
        NvList dup = new NvList(0, NvList.NV_UNIQUE_NAME,
                List.of(new NvPair("a", NvType.UINT64, 1L), new NvPair("a", NvType.UINT64, 2L)));
        assertThat(NvListDecoder.decode(NvListEncoder.native_(dup, ByteOrder.LITTLE_ENDIAN)).getLong("a"))
                .hasValue(2);
    }

    @Property(tries = 300)
    void randomListsRoundTrip(@ForAll("lists") NvList list) throws Exception {
        assertThat(NvListDecoder.decode(NvListEncoder.native_(list, ByteOrder.LITTLE_ENDIAN))).isEqualTo(list);
        assertThat(NvListDecoder.decode(NvListEncoder.native_(list, ByteOrder.BIG_ENDIAN))).isEqualTo(list);
        assertThat(NvListDecoder.decode(NvListEncoder.xdr(list))).isEqualTo(list);
    }

    @Property(tries = 300)
    void corruptionNeverEscapesAsAnotherException(@ForAll("lists") NvList list, @ForAll int position,
            @ForAll byte value) {
        byte[] packed = NvListEncoder.native_(list, ByteOrder.LITTLE_ENDIAN);
        packed[Math.floorMod(position, packed.length)] = value;
        try {
            NvListDecoder.decode(packed);
        } catch (NvListFormatException expected) {
            // fine: corrupt input is reported, never an IndexOutOfBounds or NegativeArraySize
        }
    }

    @Provide
    Arbitrary<NvList> lists() {
        Arbitrary<String> names = Arbitraries.strings().withCharRange('a', 'z').ofMinLength(1).ofMaxLength(12);
        Arbitrary<NvPair> scalars = Arbitraries.oneOf(
                Combinators.combine(names, Arbitraries.longs()).as((n, v) -> new NvPair(n, NvType.UINT64, v)),
                Combinators.combine(names, Arbitraries.strings().ofMaxLength(40).filter(s -> s.indexOf('\0') < 0))
                        .as((n, v) -> new NvPair(n, NvType.STRING, v)),
                names.map(n -> new NvPair(n, NvType.BOOLEAN, true)),
                Combinators.combine(names, Arbitraries.integers().between(-128, 127))
                        .as((n, v) -> new NvPair(n, NvType.INT8, (long) v)),
                Combinators.combine(names, Arbitraries.longs().array(long[].class).ofMaxSize(5))
                        .as((n, v) -> new NvPair(n, NvType.UINT64_ARRAY, v)));
        return scalars.list().ofMaxSize(8).uniqueElements(NvPair::name)
                .map(pairs -> new NvList(0, NvList.NV_UNIQUE_NAME, pairs));
    }
}
