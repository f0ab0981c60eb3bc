package io.zreplcamel.zfs.error;

/** An error that names the dataset, snapshot or bookmark it is about (null when zfs did not name one). */
public interface DatasetError {

    String dataset();
}
