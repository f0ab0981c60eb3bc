package io.zreplcamel.zfs.component;

import io.zreplcamel.zfs.ListRequest;
import io.zreplcamel.zfs.model.DatasetEntry;
import io.zreplcamel.zfs.model.DatasetType;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;
import org.apache.camel.support.ScheduledPollConsumer;

/**
 * {@code from("zfs:snapshots?dataset=pool/fs")}: polls with one {@code zfs list -t snapshot} per poll (all watched
 * datasets in that one process) and emits each snapshot it has not seen before, oldest first, as one exchange whose
 * body is the {@link DatasetEntry}. Snapshots are told apart by guid, so a destroyed and re-created name is new.
 * Snapshots present at the first poll are only remembered unless {@code emitExisting=true}.
 */
public class ZfsConsumer extends ScheduledPollConsumer {

    private final Set<Long> seen = new HashSet<>();
    private boolean primed;

    public ZfsConsumer(ZfsEndpoint endpoint, Processor processor) {
        super(endpoint, processor);
    }

    @Override
    public ZfsEndpoint getEndpoint() {
        return (ZfsEndpoint) super.getEndpoint();
    }

    @Override
    protected int poll() throws Exception {
        ZfsConfiguration c = getEndpoint().getConfiguration();
        List<String> roots = new ArrayList<>(ZfsProducer.csv(c.getDatasets()));
        if (c.getDataset() != null) {
            roots.add(c.getDataset());
        }
        List<DatasetEntry> snapshots = getEndpoint().zfs().list(new ListRequest(roots,
                EnumSet.of(DatasetType.SNAPSHOT), c.isRecursive(), c.isRecursive() ? -1 : 1, List.of()));
        List<DatasetEntry> fresh = new ArrayList<>();
        Set<Long> current = new HashSet<>();
        for (DatasetEntry s : snapshots) {
            current.add(s.guid());
            if (!seen.contains(s.guid())) {
                fresh.add(s);
            }
        }
        boolean emit = primed || c.isEmitExisting();
        primed = true;
        // Forget destroyed snapshots so the set does not grow forever.
        seen.retainAll(current);
        int emitted = 0;
        for (DatasetEntry s : fresh) {
            seen.add(s.guid());
            if (!emit) {
                continue;
            }
            Exchange exchange = createExchange(true);
            exchange.getMessage().setBody(s);
            exchange.getMessage().setHeader(ZfsConstants.DATASET, s.dataset());
            exchange.getMessage().setHeader(ZfsConstants.SNAPSHOT, s.name());
            exchange.getMessage().setHeader(ZfsConstants.GUID, s.guidString());
            exchange.getMessage().setHeader(ZfsConstants.CREATE_TXG, s.createTxg());
            try {
                getProcessor().process(exchange);
                if (exchange.getException() != null) {
                    getExceptionHandler().handleException("processing new snapshot " + s.name(), exchange,
                            exchange.getException());
                }
            } finally {
                releaseExchange(exchange, false);
            }
            emitted++;
        }
        return emitted;
    }
}
