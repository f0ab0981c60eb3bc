package io.zreplcamel.config.model;

import io.zreplcamel.config.model.sendrecv.RecvOptions;

/**
 * Pull and sink: receive below {@code rootFs}. A sink inserts the client identity ({@code root_fs/<identity>/...}),
 * a pull job does not ({@code root_fs/<sender path>}).
 */
public interface ReceivingJob {

    String name();

    String rootFs();

    RecvOptions recv();

    boolean appendsClientIdentity();
}
