package io.zreplcamel.zfs.token;

import io.zreplcamel.zfs.nvlist.NvList;
import java.util.Objects;
import java.util.OptionalLong;

/**
 * The decoded contents of a {@code receive_resume_token}: where the interrupted stream stopped
 * ({@code object}, {@code offset}, {@code bytes} received), what it was sending ({@code toguid}/{@code toname},
 * and {@code fromguid} for an incremental) and the stream flags the resumed send must use again.
 *
 * <p>GUIDs are uint64 held in a {@code long}: print them with {@link Long#toUnsignedString(long)}. The kernel writes
 * no {@code fromname}; it is reported only when a token carries one.
 *
 * @param version    token format version (1)
 * @param object     object number to resume at
 * @param offset     offset within that object
 * @param bytes      stream bytes already received
 * @param toguid     guid of the snapshot being sent
 * @param toname     name of the snapshot being sent, as on the sender
 * @param fromguid   guid of the incremental source, absent for a full stream
 * @param fromname   name of the incremental source, or null (not present in kernel-made tokens)
 * @param raw        the decoded nvlist, for fields not modelled here (e.g. {@code redact_snaps})
 */
public record ResumeToken(int version, long object, long offset, long bytes, long toguid, String toname,
        OptionalLong fromguid, String fromname, boolean compressok, boolean rawok, boolean embedok,
        boolean largeblockok, boolean savedok, NvList raw) {

    public ResumeToken {
        Objects.requireNonNull(toname, "toname");
        Objects.requireNonNull(fromguid, "fromguid");
    }

    public boolean incremental() {
        return fromguid.isPresent();
    }

    /** The filesystem part of {@link #toname()}. */
    public String toFilesystem() {
        int at = toname.indexOf('@');
        return at < 0 ? toname : toname.substring(0, at);
    }
}
