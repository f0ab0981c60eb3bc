package io.zreplcamel.config.model;

import io.zreplcamel.config.model.transport.Serve;

/** Sink and source: serve authenticated active peers. */
public interface PassiveJob {

    String name();

    Serve serve();
}
