package io.zreplcamel.config.model.pruning;

import java.util.List;

/** {@code pruning} of an active job: rules for the sending side and for the receiving side (both non-empty). */
public record Pruning(List<KeepRule> keepSender, List<KeepRule> keepReceiver) {
    public Pruning {
        keepSender = List.copyOf(keepSender);
        keepReceiver = List.copyOf(keepReceiver);
    }
}
