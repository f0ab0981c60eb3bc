package io.zreplcamel.processors.testing;

import io.zreplcamel.processors.endpoint.ReceiveStep;
import io.zreplcamel.processors.endpoint.Receiver;
import io.zreplcamel.processors.model.FilesystemVersion;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

/**
 * In-memory receiver: reads the stream to its end and then has the step's {@code to} (and, for {@code -I}, the
 * sender's snapshots in between, read from the sender it is paired with).
 */
public final class FakeReceiver extends FakeEndpoint implements Receiver {

    private final FakeSender sender;
    /** Runs after half of the stream is read (throw to fail, block to observe a running step). */
    public volatile Consumer<ReceiveStep> midStream = s -> { };
    /** Runs before the stream is touched (throw to fail the receive without reading or closing the stream). */
    public volatile Consumer<ReceiveStep> beforeReading = s -> { };
    public final List<ReceiveStep> received = new CopyOnWriteArrayList<>();
    public final ConcurrencyProbe steps = new ConcurrencyProbe();

    public FakeReceiver(FakeSender sender) {
        this.sender = sender;
    }

    @Override
    public long receive(ReceiveStep step, InputStream stream) {
        calls.add("receive " + step.filesystem() + " " + step.to().relativeName());
        beforeReading.accept(step);
        steps.enter();
        try (InputStream in = stream) {
            long n = 0;
            byte[] buf = new byte[Math.max(1, sender.bytesPerStep / 2)];
            int r = in.read(buf);
            n += Math.max(0, r);
            midStream.accept(step);
            while ((r = in.read(buf)) > 0) {
                n += r;
            }
            received.add(step);
            FilesystemVersion to = step.to();
            long fromTxg = sender.versionsOf(step.filesystem()).stream()
                    .filter(v -> versionsOf(step.filesystem()).stream().anyMatch(x -> x.guid() == v.guid()))
                    .mapToLong(FilesystemVersion::createTxg).max().orElse(-1);
            boolean intermediates = sender.sent.stream().anyMatch(s -> s.filesystem().equals(step.filesystem())
                    && s.to().equals(to) && s.includeIntermediates());
            if (intermediates) {
                for (FilesystemVersion v : sender.versionsOf(step.filesystem())) {
                    if (v.isSnapshot() && v.createTxg() > fromTxg && v.createTxg() < to.createTxg()) {
                        addVersion(step.filesystem(), v);
                    }
                }
            }
            addVersion(step.filesystem(), to);
            return n;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            steps.leave();
        }
    }
}
