package io.zreplcamel.zfs.component;

import io.zreplcamel.zfs.error.ZfsException;
import io.zreplcamel.zfs.model.DestroyResult;

/** A batched {@code zfs:destroy} left snapshots behind; the result tells which and why. */
public class ZfsDestroyBatchException extends ZfsException {

    private static final long serialVersionUID = 1L;

    private final transient DestroyResult result;

    public ZfsDestroyBatchException(DestroyResult result) {
        super("could not destroy " + result.failed().size() + " of "
                + (result.failed().size() + result.destroyed().size()) + " snapshots: "
                + result.failed().entrySet().stream().map(e -> e.getKey() + " (" + e.getValue().getMessage() + ")")
                        .limit(10).toList());
        this.result = result;
    }

    public DestroyResult result() {
        return result;
    }
}
