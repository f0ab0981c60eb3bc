package io.zreplcamel.zfs;

import io.zreplcamel.zfs.model.PropertySource;
import io.zreplcamel.zfs.model.PropertyValue;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * zrepl's placeholder filesystems (spec §7.8): datasets a receiver creates only to hold the path down to a received
 * filesystem, marked by the user property {@value #PROPERTY}. A dataset is a placeholder when that property is set
 * <em>locally</em> to {@code on}, or to the legacy (zrepl &lt; 0.1) value, the hex SHA-512/256 of the dataset's
 * name. The source matters: user properties are inherited, so every child of a placeholder shows the value too,
 * and a property that came with a stream ({@code received}) belongs to the sender.
 */
public final class Placeholders {

    public static final String PROPERTY = "zrepl:placeholder";
    public static final String ON = "on";
    /** What a forced receive over a placeholder leaves behind (zrepl writes {@code off}, not an inherit). */
    public static final String OFF = "off";

    private Placeholders() {
    }

    /** Whether a {@code zfs get} line of {@value #PROPERTY} marks its dataset as a placeholder. */
    public static boolean isPlaceholder(PropertyValue value) {
        if (!value.property().equals(PROPERTY)) {
            throw new IllegalArgumentException("not a " + PROPERTY + " value: " + value.property());
        }
        return isPlaceholder(value.dataset(), value.value(), value.source());
    }

    public static boolean isPlaceholder(String dataset, String value, PropertySource source) {
        if (source.kind() != PropertySource.Kind.LOCAL) {
            return false;
        }
        return value.equals(ON) || value.equals(legacyValue(dataset));
    }

    /** The pre-0.1 placeholder value: lowercase hex SHA-512/256 of the dataset name. */
    public static String legacyValue(String dataset) {
        try {
            MessageDigest md = MessageDigest.getInstance("SHA-512/256");
            return HexFormat.of().formatHex(md.digest(dataset.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("JVM without SHA-512/256", e);
        }
    }
}
