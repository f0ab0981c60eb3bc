package io.zreplcamel.transport.tls;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.AppenderBase;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.slf4j.LoggerFactory;

/** Collects what one logger writes (formatted, with its level), for tests that check refusals are logged. */
public final class LogCapture extends AppenderBase<ILoggingEvent> implements AutoCloseable {

    private final Logger logger;
    private final List<String> lines = new CopyOnWriteArrayList<>();

    public LogCapture(Class<?> of) {
        logger = (Logger) LoggerFactory.getLogger(of);
        setContext(logger.getLoggerContext());
        start();
        logger.addAppender(this);
    }

    @Override
    protected void append(ILoggingEvent e) {
        lines.add(e.getLevel() + " " + e.getFormattedMessage());
    }

    public List<String> lines() {
        return List.copyOf(lines);
    }

    /** Waits up to {@code timeout} for a WARN line containing {@code text}; returns it, or null. */
    public String awaitWarn(String text, Duration timeout) throws InterruptedException {
        long end = System.nanoTime() + timeout.toNanos();
        do {
            for (String l : lines) {
                if (l.startsWith(Level.WARN + " ") && l.contains(text)) {
                    return l;
                }
            }
            Thread.sleep(20);
        } while (System.nanoTime() < end);
        return null;
    }

    @Override
    public void close() {
        logger.detachAppender(this);
        stop();
    }
}
