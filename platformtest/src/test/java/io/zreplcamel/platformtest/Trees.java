package io.zreplcamel.platformtest;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import java.util.Random;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.stream.Stream;

/** Writes pseudo-random file trees and fingerprints them (relative path → SHA-256 of contents). */
public final class Trees {

    private Trees() {
    }

    /**
     * Writes {@code files} files of pseudo-random (incompressible) content, 1 byte to {@code maxBytes}
     * each, spread over a few sub-directories of {@code root}. Deterministic for a given seed.
     */
    public static void writeRandomFiles(Path root, long seed, int files, int maxBytes) {
        Random rnd = new Random(seed);
        try {
            for (int i = 0; i < files; i++) {
                Path dir = root.resolve("d" + (i % 4)).resolve("sub" + (i % 3));
                Files.createDirectories(dir);
                byte[] data = new byte[1 + rnd.nextInt(maxBytes)];
                rnd.nextBytes(data);
                Files.write(dir.resolve("f" + seed + "-" + i + ".bin"), data);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** SHA-256 of every regular file under {@code root}, keyed by relative path (sorted). */
    public static SortedMap<String, String> sha256(Path root) {
        SortedMap<String, String> out = new TreeMap<>();
        try (Stream<Path> walk = Files.walk(root)) {
            for (Path p : (Iterable<Path>) walk.filter(Files::isRegularFile)::iterator) {
                out.put(root.relativize(p).toString(), sha256File(p));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out;
    }

    /** One hash over a whole fingerprint map, for logging. */
    public static String digest(Map<String, String> fingerprint) {
        MessageDigest md = sha();
        fingerprint.forEach((k, v) -> md.update((k + "=" + v + "\n").getBytes(java.nio.charset.StandardCharsets.UTF_8)));
        return HexFormat.of().formatHex(md.digest());
    }

    private static String sha256File(Path p) throws IOException {
        MessageDigest md = sha();
        try (InputStream in = new DigestInputStream(Files.newInputStream(p), md)) {
            in.transferTo(OutputStreamSink.INSTANCE);
        }
        return HexFormat.of().formatHex(md.digest());
    }

    private static MessageDigest sha() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static final class OutputStreamSink extends java.io.OutputStream {
        static final OutputStreamSink INSTANCE = new OutputStreamSink();

        @Override
        public void write(int b) {
        }

        @Override
        public void write(byte[] b, int off, int len) {
        }
    }
}
