package io.zreplcamel.zfs.cmd;

import java.io.File;
import java.util.Objects;

/** Where a started process's standard input comes from. */
public sealed interface Stdin {

    /** A pipe closed at once: the process reads end of file. */
    static Stdin closed() {
        return Closed.INSTANCE;
    }

    /** These bytes, written by a JVM thread, then end of file. */
    static Stdin bytes(byte[] bytes) {
        return new Bytes(bytes);
    }

    /** A file the JVM opens before the process starts ({@code /dev/null}, or another process's pipe). */
    static Stdin file(File file) {
        return new FromFile(file);
    }

    /** A pipe the caller writes through {@link RunningCommand#stdin()} (a {@code zfs receive} stream). */
    static Stdin pipe() {
        return Pipe.INSTANCE;
    }

    enum Closed implements Stdin { INSTANCE }

    enum Pipe implements Stdin { INSTANCE }

    record Bytes(byte[] bytes) implements Stdin {
        public Bytes {
            Objects.requireNonNull(bytes, "bytes");
        }
    }

    record FromFile(File file) implements Stdin {
        public FromFile {
            Objects.requireNonNull(file, "file");
        }
    }
}
