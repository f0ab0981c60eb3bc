package io.zreplcamel.app.metrics;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code global.monitoring: [{type: prometheus, listen}]}: {@code GET /metrics} over plain HTTP (the JDK's server, one
 * thread), as zrepl serves it; every other path is 404, every other method 405.
 */
public final class MetricsServer implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(MetricsServer.class);
    static final String CONTENT_TYPE = "text/plain; version=0.0.4; charset=utf-8";

    private final HttpServer server;
    private final ExecutorService executor;

    private MetricsServer(HttpServer server, ExecutorService executor) {
        this.server = server;
        this.executor = executor;
    }

    /**
     * Binds and serves {@code scrape}'s text.
     *
     * @throws IOException naming the address when it cannot listen
     */
    public static MetricsServer start(InetSocketAddress listen, Supplier<String> scrape) throws IOException {
        HttpServer server;
        try {
            server = HttpServer.create(listen, 16);
        } catch (IOException e) {
            throw new IOException("prometheus listener " + describe(listen) + ": cannot listen: " + e.getMessage(), e);
        }
        ExecutorService executor = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "zrepl-metrics-http");
            t.setDaemon(true);
            return t;
        });
        server.setExecutor(executor);
        server.createContext("/", exchange -> handle(exchange, scrape));
        server.start();
        MetricsServer s = new MetricsServer(server, executor);
        LOG.info("prometheus listener {}: serving /metrics", describe(s.address()));
        return s;
    }

    private static void handle(HttpExchange exchange, Supplier<String> scrape) throws IOException {
        try (exchange) {
            if (!"/metrics".equals(exchange.getRequestURI().getPath())) {
                reply(exchange, 404, "not found: only /metrics is served\n");
            } else if (!"GET".equals(exchange.getRequestMethod()) && !"HEAD".equals(exchange.getRequestMethod())) {
                exchange.getResponseHeaders().set("Allow", "GET, HEAD");
                reply(exchange, 405, "method not allowed\n");
            } else {
                exchange.getResponseHeaders().set("Content-Type", CONTENT_TYPE);
                reply(exchange, 200, scrape.get());
            }
        } catch (RuntimeException e) {
            LOG.warn("prometheus listener: scrape failed: {}", e.getMessage(), e);
        }
    }

    private static void reply(HttpExchange exchange, int status, String body) throws IOException {
        byte[] b = body.getBytes(StandardCharsets.UTF_8);
        boolean head = "HEAD".equals(exchange.getRequestMethod());
        exchange.sendResponseHeaders(status, head ? -1 : b.length);
        if (!head) {
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(b);
            }
        }
    }

    /** The bound address (the port when 0 was asked for). */
    public InetSocketAddress address() {
        return server.getAddress();
    }

    private static String describe(InetSocketAddress a) {
        return (a.getAddress() == null ? a.getHostString() : a.getAddress().getHostAddress()) + ":" + a.getPort();
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }
}
