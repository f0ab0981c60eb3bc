package io.zreplcamel.config.model;

import io.zreplcamel.config.filter.FilesystemFilter;
import io.zreplcamel.config.model.sendrecv.SendOptions;

/** Push and source: send the filesystems their filter takes. */
public interface SendingJob {

    String name();

    FilesystemFilter filesystems();

    SendOptions send();
}
