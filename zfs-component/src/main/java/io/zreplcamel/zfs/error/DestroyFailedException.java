package io.zreplcamel.zfs.error;

import java.util.List;
import java.util.Map;

/**
 * A (batched) {@code zfs destroy} named snapshots it could not destroy, one line
 * {@code cannot destroy snapshot <name>: <reason>} each. Since ZFS destroys a batch of one pool atomically,
 * nothing of the batch was destroyed; the caller retries without the {@link #undestroyable()} ones.
 */
public class DestroyFailedException extends ZfsCommandException {

    private static final long serialVersionUID = 1L;

    private final Map<String, String> undestroyable;

    public DestroyFailedException(String message, Map<String, String> undestroyable, List<String> command,
            int exitCode, String stderr) {
        super(message, command, exitCode, stderr);
        this.undestroyable = Map.copyOf(undestroyable);
    }

    /** Full snapshot name to the reason ZFS gave (e.g. {@code dataset is busy}). */
    public Map<String, String> undestroyable() {
        return undestroyable;
    }

    /** True when every undestroyable snapshot failed because it is held (user hold or zrepl step hold). */
    public boolean allHeld() {
        return !undestroyable.isEmpty() && undestroyable.values().stream().allMatch(DestroyFailedException::isHeld);
    }

    /** ZFS before 2.4 says "dataset is busy" for a held snapshot, later versions "it's being held". */
    public static boolean isHeld(String reason) {
        return reason.contains("dataset is busy") || reason.contains("being held");
    }
}
