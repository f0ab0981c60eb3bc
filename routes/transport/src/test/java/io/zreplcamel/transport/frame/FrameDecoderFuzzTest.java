package io.zreplcamel.transport.frame;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.AbstractByteBufAllocator;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.buffer.UnpooledByteBufAllocator;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.util.ReferenceCountUtil;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;

/**
 * Whatever a peer sends, the decoder either yields frames or throws its own {@link ProtocolException}; it never
 * throws anything else and never asks the allocator for more than one maximal frame. Small {@code tries}: this runs
 * in every build.
 */
class FrameDecoderFuzzTest {

    @Property(tries = 300)
    void arbitraryBytes(@ForAll @Size(max = 2048) byte[] bytes, @ForAll @IntRange(min = 1, max = 64) int split) {
        feed(bytes, split);
    }

    @Property(tries = 300)
    void arbitraryBytesAfterTheMagic(@ForAll @Size(max = 2048) byte[] bytes,
                                     @ForAll @IntRange(min = 1, max = 64) int split) {
        feed(FrameCodecTest.concat(FrameCodec.MAGIC, bytes), split);
    }

    @Property(tries = 300)
    void validFramesWithOneByteChanged(@ForAll("wire") byte[] wire, @ForAll @IntRange(min = 0, max = 10_000) int at,
                                       @ForAll byte value, @ForAll @IntRange(min = 1, max = 64) int split) {
        byte[] mutated = wire.clone();
        mutated[at % mutated.length] = value;
        feed(mutated, split);
    }

    @Property(tries = 200)
    void validFramesCutShort(@ForAll("wire") byte[] wire, @ForAll @IntRange(min = 0, max = 10_000) int cut) {
        byte[] shorter = java.util.Arrays.copyOf(wire, cut % (wire.length + 1));
        feed(shorter, 7);
    }

    @net.jqwik.api.Example
    void aDeclaredLengthAllocatesNothingUpFront() {
        // a valid header announcing a maximal DATA frame, then only 10 payload bytes: the decoder waits, holding
        // what arrived, and asks for no buffer of the declared size
        RecordingAllocator alloc = new RecordingAllocator();
        EmbeddedChannel ch = new EmbeddedChannel();
        ch.config().setAllocator(alloc);
        ch.pipeline().addLast(new FrameDecoder());
        ch.writeInbound(Unpooled.wrappedBuffer(FrameCodecTest.concat(FrameCodec.MAGIC,
                FrameCodecTest.header(0x20, FrameCodec.MAX_PAYLOAD_LENGTH))));
        ch.writeInbound(Unpooled.wrappedBuffer(new byte[10]));
        assertThat((Object) ch.readInbound()).isNull();
        assertThat(alloc.largest).isLessThan(1024);
        ch.finishAndReleaseAll();
    }

    @Provide
    Arbitrary<byte[]> wire() {
        Arbitrary<Frame> frame = Arbitraries.oneOf(
                Arbitraries.strings().ofMaxLength(20).map(s -> new Hello(Protocol.VERSION, Hello.Role.CLIENT, s)),
                Arbitraries.just(Frame.Heartbeat.INSTANCE),
                Arbitraries.bytes().array(byte[].class).ofMinSize(1).ofMaxSize(300)
                        .map(b -> new Frame.Data(Unpooled.wrappedBuffer(b))),
                Arbitraries.longs().greaterOrEqual(0).map(Frame.End::new),
                Arbitraries.strings().ofMaxLength(40).map(Frame.ErrorTrailer::new));
        return frame.list().ofMinSize(1).ofMaxSize(6).map(l -> Frames.encode(l.toArray(Frame[]::new)));
    }

    private static void feed(byte[] bytes, int split) {
        RecordingAllocator alloc = new RecordingAllocator();
        EmbeddedChannel ch = new EmbeddedChannel();
        ch.config().setAllocator(alloc);
        ch.pipeline().addLast(new FrameDecoder());
        try {
            for (int i = 0; i < bytes.length; i += split) {
                byte[] piece = java.util.Arrays.copyOfRange(bytes, i, Math.min(bytes.length, i + split));
                try {
                    ch.writeInbound(Unpooled.wrappedBuffer(piece));
                } catch (ProtocolException expected) {
                    assertThat(expected.getMessage()).isNotBlank();
                }
                for (Object f; (f = ch.readInbound()) != null; ) {
                    assertThat(f).isInstanceOf(Frame.class);
                    ReferenceCountUtil.release(f);
                }
            }
        } finally {
            ch.finishAndReleaseAll();
        }
        assertThat(alloc.largest).isLessThanOrEqualTo(FrameCodec.MAX_FRAME_LENGTH);
    }

    /** Remembers the largest buffer anyone on the channel asked for. */
    static final class RecordingAllocator extends AbstractByteBufAllocator {
        int largest;

        @Override
        protected ByteBuf newHeapBuffer(int initialCapacity, int maxCapacity) {
            largest = Math.max(largest, initialCapacity);
            return UnpooledByteBufAllocator.DEFAULT.heapBuffer(initialCapacity, maxCapacity);
        }

        @Override
        protected ByteBuf newDirectBuffer(int initialCapacity, int maxCapacity) {
            largest = Math.max(largest, initialCapacity);
            return UnpooledByteBufAllocator.DEFAULT.directBuffer(initialCapacity, maxCapacity);
        }

        @Override
        public boolean isDirectBufferPooled() {
            return false;
        }
    }

}
