package io.zreplcamel.processors.testing;

import io.zreplcamel.processors.endpoint.OutgoingStream;
import io.zreplcamel.processors.endpoint.Sender;
import io.zreplcamel.processors.endpoint.StepRequest;
import io.zreplcamel.processors.model.FilesystemVersion;
import java.io.ByteArrayInputStream;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

/**
 * In-memory sender: a step's stream is {@link #bytesPerStep} bytes that carry the step's request (so the fake
 * receiver knows what arrived); {@code sendCompleted} moves this job's cursor. Hooks let tests fail or block calls.
 */
public final class FakeSender extends FakeEndpoint implements Sender {

    public volatile int bytesPerStep = 1000;
    public volatile long estimatePerStep = 1000;
    /** Runs at the start of estimateSize / send / sendCompleted (throw to fail the call, sleep to slow it). */
    public volatile Consumer<StepRequest> onEstimate = r -> { };
    public volatile Consumer<StepRequest> onSend = r -> { };
    public volatile Consumer<StepRequest> onSendCompleted = r -> { };
    public final List<StepRequest> sent = new CopyOnWriteArrayList<>();
    public final List<StepRequest> completed = new CopyOnWriteArrayList<>();
    public final List<StepStream> streams = new CopyOnWriteArrayList<>();
    public final AtomicInteger cursorCalls = new AtomicInteger();
    public final ConcurrencyProbe estimates = new ConcurrencyProbe();
    private final Map<String, FilesystemVersion> cursors = new TreeMap<>();

    @Override
    public long estimateSize(StepRequest step) {
        calls.add("estimateSize " + step.describe());
        estimates.enter();
        try {
            onEstimate.accept(step);
            return estimatePerStep;
        } finally {
            estimates.leave();
        }
    }

    @Override
    public OutgoingStream send(StepRequest step) {
        calls.add("send " + step.describe());
        onSend.accept(step);
        sent.add(step);
        byte[] data = new byte[bytesPerStep];
        StepStream stream = new StepStream(data, step);
        streams.add(stream);
        return new OutgoingStream(stream, step.resumeToken().isPresent());
    }

    @Override
    public void sendCompleted(StepRequest step) {
        calls.add("sendCompleted " + step.describe());
        onSendCompleted.accept(step);
        completed.add(step);
        synchronized (this) {
            cursors.put(step.filesystem(), FilesystemVersion.bookmark("zrepl_CURSOR", step.to().guid(),
                    step.to().createTxg(), step.to().creation()));
        }
    }

    public synchronized FakeSender cursor(String fs, FilesystemVersion at) {
        cursors.put(fs, at);
        return this;
    }

    public synchronized Optional<FilesystemVersion> cursorOf(String fs) {
        return Optional.ofNullable(cursors.get(fs));
    }

    @Override
    public synchronized Map<String, Optional<FilesystemVersion>> replicationCursors(Collection<String> filesystems) {
        cursorCalls.incrementAndGet();
        calls.add("replicationCursors " + String.join(",", filesystems));
        Map<String, Optional<FilesystemVersion>> out = new LinkedHashMap<>();
        for (String fs : filesystems) {
            out.put(fs, Optional.ofNullable(cursors.get(fs)));
        }
        return out;
    }

    /** The stream of one step: carries its request for the fake receiver. */
    public static final class StepStream extends ByteArrayInputStream {
        public final StepRequest request;
        public volatile boolean closed;

        StepStream(byte[] data, StepRequest request) {
            super(data);
            this.request = request;
        }

        @Override
        public void close() {
            closed = true;
        }
    }
}
