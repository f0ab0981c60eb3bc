package io.zreplcamel.config.model;

import io.zreplcamel.config.model.sendrecv.RecvOptions;
import io.zreplcamel.config.model.transport.Serve;

/** {@code type: sink}: receives from push jobs into {@code rootFs/<client identity>/...}. */
public record SinkJob(String name, Serve serve, String rootFs, RecvOptions recv)
        implements Job, PassiveJob, ReceivingJob {

    @Override
    public boolean appendsClientIdentity() {
        return true;
    }
}
