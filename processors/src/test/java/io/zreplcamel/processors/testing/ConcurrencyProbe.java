package io.zreplcamel.processors.testing;

import java.util.concurrent.atomic.AtomicInteger;

/** Counts how many callers are inside a section at once, and the most there ever were. */
public final class ConcurrencyProbe {

    private final AtomicInteger now = new AtomicInteger();
    private final AtomicInteger max = new AtomicInteger();

    public void enter() {
        int n = now.incrementAndGet();
        max.accumulateAndGet(n, Math::max);
    }

    public void leave() {
        now.decrementAndGet();
    }

    public int max() {
        return max.get();
    }
}
