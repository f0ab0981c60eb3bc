package io.zreplcamel.zfs.feature;

/**
 * CLI capabilities that differ between ZFS versions, each detected from the usage text {@code zfs} prints for all
 * its sub-commands (one process, like zrepl's per-command probes in spec §6.2, but for all features at once).
 */
public enum ZfsFeature {
    /** {@code zfs send -t <receive_resume_token>}. */
    RESUMABLE_SEND("receive_resume_token"),
    /** {@code zfs receive -s} / {@code -A}; a pool also needs feature {@code extensible_dataset}. */
    RESUMABLE_RECEIVE("-A <filesystem|volume>"),
    /** {@code zfs bookmark}. */
    BOOKMARKS("bookmark <snapshot"),
    /** {@code zfs bookmark <bookmark> <newbookmark>} (OpenZFS 2.0+). */
    BOOKMARK_COPY("<snapshot|bookmark> <newbookmark>"),
    /** Native encryption CLI: {@code zfs load-key ... <keylocation>} (raw sends {@code -w}). */
    ENCRYPTION("load-key"),
    /** {@code zfs destroy fs@a,b,c} and ranges {@code fs@a%b}. */
    COMMA_DESTROY("<filesystem|volume>@<snap>[%<snap>][,...]"),
    /** {@code zfs holds -p} (timestamps as numbers). */
    HOLDS_PARSABLE("holds [-rHp]"),
    /** {@code zfs send --saved} / {@code -S}. */
    SEND_SAVED("--saved"),
    /** {@code zfs receive -x <property>}. */
    RECEIVE_EXCLUDE_PROPERTY("[-x <property>]");

    private final String usageMarker;

    ZfsFeature(String usageMarker) {
        this.usageMarker = usageMarker;
    }

    /** The text whose presence in the usage output shows the feature. */
    public String usageMarker() {
        return usageMarker;
    }
}
