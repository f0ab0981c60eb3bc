package io.zreplcamel.zfs.model;

/**
 * The result of a dry-run send ({@code zfs send -n -P}): what would be sent and roughly how many bytes.
 *
 * @param from      the incremental source as zfs printed it (may be a short {@code @snap} name or a bookmark), or
 *                  null for a full stream
 * @param sizeBytes estimated stream size; 0 when zfs printed none (very old versions)
 */
public record SendEstimate(boolean incremental, String from, String to, long sizeBytes) {
}
