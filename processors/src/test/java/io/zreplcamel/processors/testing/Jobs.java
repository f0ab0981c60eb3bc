package io.zreplcamel.processors.testing;

import io.zreplcamel.config.filter.FilesystemFilter;
import io.zreplcamel.config.model.PushJob;
import io.zreplcamel.config.model.pruning.KeepRule;
import io.zreplcamel.config.model.pruning.Pruning;
import io.zreplcamel.config.model.sendrecv.GuaranteeKind;
import io.zreplcamel.config.model.sendrecv.InitialReplication;
import io.zreplcamel.config.model.sendrecv.Replication;
import io.zreplcamel.config.model.sendrecv.SendOptions;
import io.zreplcamel.config.model.snapshotting.Snapshotting;
import io.zreplcamel.config.model.transport.Connect;
import io.zreplcamel.config.values.GoRegex;
import java.time.Duration;
import java.util.List;

/** Job configs for tests. */
public final class Jobs {

    private Jobs() {
    }

    public static PushJob push(List<KeepRule> keepSender, List<KeepRule> keepReceiver, GuaranteeKind guarantee) {
        return new PushJob("push", new Connect.Local("sink", "client", Duration.ofSeconds(10)),
                FilesystemFilter.acceptAll(), new Snapshotting.Manual(), SendOptions.DEFAULTS,
                new Pruning(keepSender, keepReceiver, false), new Replication(guarantee, guarantee, 1, 1),
                InitialReplication.ALL);
    }

    public static KeepRule notReplicated() {
        return new KeepRule.NotReplicated(true);
    }

    public static KeepRule lastN(int n) {
        return new KeepRule.LastN(n, null);
    }

    public static KeepRule regex(String re) {
        return new KeepRule.Regex(GoRegex.compile(re), false);
    }
}
