package io.zreplcamel.config.model.global;

import io.zreplcamel.config.model.transport.HostPort;

/** One entry of {@code global.monitoring}; only Prometheus, at most once. */
public sealed interface Monitoring {

    String type();

    /** Prometheus metrics at {@code http://listen/metrics}. */
    record Prometheus(HostPort listen, boolean listenFreebind) implements Monitoring {
        public String type() {
            return "prometheus";
        }
    }
}
