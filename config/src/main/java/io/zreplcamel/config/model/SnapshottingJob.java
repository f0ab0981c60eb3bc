package io.zreplcamel.config.model;

import io.zreplcamel.config.filter.FilesystemFilter;
import io.zreplcamel.config.model.snapshotting.Snapshotting;

/** Snap, push and source: take snapshots of the filesystems their filter takes. */
public interface SnapshottingJob {

    String name();

    FilesystemFilter filesystems();

    Snapshotting snapshotting();
}
