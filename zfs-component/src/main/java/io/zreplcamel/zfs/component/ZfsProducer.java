package io.zreplcamel.zfs.component;

import io.zreplcamel.zfs.ListRequest;
import io.zreplcamel.zfs.ReceiveRequest;
import io.zreplcamel.zfs.SendRequest;
import io.zreplcamel.zfs.Zfs;
import io.zreplcamel.zfs.model.DatasetType;
import io.zreplcamel.zfs.model.DestroyResult;
import io.zreplcamel.zfs.model.SendEstimate;
import io.zreplcamel.zfs.names.ValidNames;
import io.zreplcamel.zfs.stream.ReceiveResult;
import io.zreplcamel.zfs.stream.ZfsSendStream;
import io.zreplcamel.zfs.token.ResumeTokenDecoder;
import java.io.InputStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.support.DefaultProducer;
import org.apache.camel.support.SynchronizationAdapter;

/**
 * Runs the endpoint's operation for each exchange. Names come from headers first ({@link ZfsConstants}), then from
 * the URI options; what may be destroyed does not: destructive operations and {@code allowFilesystemDestroy} come
 * from the URI only ({@link OperationHeader}). Results become the body (and output headers); failures are the
 * layer's typed exceptions, set on the exchange by Camel.
 */
public class ZfsProducer extends DefaultProducer {

    public ZfsProducer(ZfsEndpoint endpoint) {
        super(endpoint);
    }

    @Override
    public ZfsEndpoint getEndpoint() {
        return (ZfsEndpoint) super.getEndpoint();
    }

    @Override
    public void process(Exchange exchange) throws Exception {
        ZfsConfiguration c = getEndpoint().getConfiguration();
        Message in = exchange.getMessage();
        String opHeader = in.getHeader(ZfsConstants.OPERATION, String.class);
        ZfsOperation op = OperationHeader.select(getEndpoint().getOperation(), opHeader, c);
        Zfs zfs = getEndpoint().zfs();
        switch (op) {
            case SEND -> send(exchange, zfs, c);
            case RECV -> receive(exchange, zfs, c);
            case SNAPSHOT -> in.setBody(snapshot(in, zfs, c));
            case LIST -> in.setBody(zfs.list(new ListRequest(datasets(in, c), types(c), c.isRecursive(), c.getDepth(),
                    csv(c.getProperties()))));
            case SNAPSHOTS -> in.setBody(zfs.list(new ListRequest(datasets(in, c), EnumSet.of(DatasetType.SNAPSHOT),
                    c.isRecursive(), c.isRecursive() ? -1 : 1, List.of())));
            case DESTROY -> destroy(in, zfs, c);
            case HOLD -> {
                List<String> snaps = snapshots(in, c);
                zfs.hold(required(in, ZfsConstants.TAG, c.getTag(), "tag"), snaps, c.isRecursive());
                in.setBody(snaps);
            }
            case RELEASE -> {
                List<String> snaps = snapshots(in, c);
                zfs.release(required(in, ZfsConstants.TAG, c.getTag(), "tag"), snaps, c.isRecursive());
                in.setBody(snaps);
            }
            case HOLDS -> in.setBody(zfs.holds(snapshots(in, c), c.isRecursive()));
            case BOOKMARK -> in.setBody(zfs.bookmark(versionSource(in, c),
                    required(in, ZfsConstants.BOOKMARK, c.getBookmark(), "bookmark")));
            case GET -> in.setBody(zfs.get(datasets(in, c), propertyNames(in, c), c.isRecursive(), c.getDepth(),
                    null));
            case SET -> zfs.set(dataset(in, c), propertyValues(in, c));
            case INHERIT -> {
                String ds = dataset(in, c);
                for (String p : propertyNames(in, c)) {
                    zfs.inherit(ds, p, c.isRecursive(), false);
                }
            }
            case ROLLBACK -> zfs.rollback(fullSnapshot(in, c), c.isRecursive(), false, c.isForce());
            case VERSION -> in.setBody(zfs.version());
            case RESUME_TOKEN -> {
                String token = zfs.receiveResumeToken(dataset(in, c)).orElse(null);
                in.setHeader(ZfsConstants.RESUME_TOKEN, token);
                in.setBody(token);
            }
            case DECODE_TOKEN -> {
                String token = in.getHeader(ZfsConstants.RESUME_TOKEN, String.class);
                if (token == null) {
                    token = c.getResumeToken();
                }
                if (token == null) {
                    token = in.getBody(String.class);
                }
                in.setBody(ResumeTokenDecoder.decode(token));
            }
            case ABORT_RECV -> zfs.abortResumableReceive(dataset(in, c));
            default -> throw new IllegalStateException("unhandled operation " + op);
        }
    }

    private void send(Exchange exchange, Zfs zfs, ZfsConfiguration c) {
        Message in = exchange.getMessage();
        String token = in.getHeader(ZfsConstants.RESUME_TOKEN, c.getResumeToken(), String.class);
        SendRequest request;
        if (token != null && !token.isBlank()) {
            request = SendRequest.resume(token);
        } else {
            String from = in.getHeader(ZfsConstants.FROM, c.getFrom(), String.class);
            String snap = c.isSaved() ? dataset(in, c) : fullSnapshot(in, c);
            request = new SendRequest(snap, from, c.isRaw(), c.isSendProperties(), c.isBackupProperties(),
                    c.isLargeBlocks(), c.isCompressed(), c.isEmbedded(), c.isSaved(), null);
        }
        if (c.isDryRun()) {
            SendEstimate estimate = zfs.estimateSend(request);
            in.setHeader(ZfsConstants.SEND_SIZE, estimate.sizeBytes());
            in.setBody(estimate);
            return;
        }
        ZfsSendStream stream = zfs.send(request, duration(c.getStreamTimeout()));
        if (c.isCloseStreamOnCompletion()) {
            // An exchange that ends without reading its body must not leave zfs send blocked on a full pipe.
            exchange.getExchangeExtension().addOnCompletion(new SynchronizationAdapter() {
                @Override
                public void onDone(Exchange done) {
                    stream.close();
                }
            });
        }
        in.setBody(stream);
    }

    private void receive(Exchange exchange, Zfs zfs, ZfsConfiguration c) throws Exception {
        Message in = exchange.getMessage();
        // Only the dedicated header: CamelZfsDataset / CamelZfsSnapshot name the sending side in a send-to-recv
        // route (or the source dataset a consumer saw), and receiving into those would be a disaster.
        String target = in.getHeader(ZfsConstants.RECEIVE_TARGET, String.class);
        if (target == null) {
            target = c.getDataset() != null ? c.getDataset()
                    : c.getSnapshot() != null && c.getSnapshot().indexOf('@') > 0 ? c.getSnapshot() : null;
        }
        if (target == null) {
            throw new IllegalArgumentException("zfs:recv needs a target: the dataset option (or a full snapshot "
                    + "name) or the " + ZfsConstants.RECEIVE_TARGET + " header");
        }
        ReceiveRequest request = new ReceiveRequest(target, c.isResumable(), c.isNoMount(), c.isForce(),
                keyValues(c.getOverrideProperties()), csv(c.getExcludeProperties()), duration(c.getStreamTimeout()),
                c.isDirectPipe());
        InputStream body = in.getMandatoryBody(InputStream.class);
        ReceiveResult result = zfs.receive(request, body);
        in.setHeader(ZfsConstants.RECEIVED_BYTES, result.bytes());
        in.setBody(result);
    }

    private List<String> snapshot(Message in, Zfs zfs, ZfsConfiguration c) {
        String snap = required(in, ZfsConstants.SNAPSHOT, c.getSnapshot(), "snapshot");
        Collection<String> many = datasetList(in, c);
        if (snap.indexOf('@') >= 0) {
            return zfs.snapshot(List.of(snap), c.isRecursive(), Map.of());
        }
        if (many.isEmpty()) {
            throw new IllegalArgumentException("zfs:snapshot with a short snapshot name needs dataset or datasets");
        }
        ValidNames.requireShortName(snap, "snapshot");
        List<String> names = new ArrayList<>();
        for (String ds : many) {
            names.add(ds + "@" + snap);
        }
        return zfs.snapshot(names, c.isRecursive(), Map.of());
    }

    private void destroy(Message in, Zfs zfs, ZfsConfiguration c) {
        @SuppressWarnings("unchecked")
        Collection<String> batch = in.getHeader(ZfsConstants.SNAPSHOTS, Collection.class);
        if (batch != null) {
            DestroyResult result = zfs.destroySnapshots(batch, getEndpoint().maxDestroyBatch());
            in.setHeader(ZfsConstants.DESTROY_FAILED, result.failed().size());
            in.setBody(result);
            if (!result.allDestroyed() && c.isFailOnDestroyError()) {
                throw new ZfsDestroyBatchException(result);
            }
            return;
        }
        String snap = in.getHeader(ZfsConstants.SNAPSHOT, c.getSnapshot(), String.class);
        String ds = in.getHeader(ZfsConstants.DATASET, c.getDataset(), String.class);
        String bm = in.getHeader(ZfsConstants.BOOKMARK, c.getBookmark(), String.class);
        if (snap != null && snap.indexOf('@') < 0 && snap.indexOf('%') > 0 && ds != null) {
            String[] range = snap.split("%", 2);
            zfs.destroyRange(ds, range[0], range[1]);
        } else if (snap != null) {
            zfs.destroy(fullSnapshot(in, c), c.isRecursive());
        } else if (bm != null) {
            zfs.destroy(bm.indexOf('#') > 0 ? bm : ds + "#" + stripDelimiter(bm), false);
        } else if (ds != null) {
            if (!c.isAllowFilesystemDestroy()) {
                throw new IllegalArgumentException("zfs:destroy was given no snapshot or bookmark, only the dataset '"
                        + ds + "': destroying the filesystem or volume itself" + (c.isRecursive()
                        ? " and all its descendants" : "") + " needs the URI option allowFilesystemDestroy=true. "
                        + "Nothing was destroyed.");
            }
            zfs.destroyFilesystem(ds, c.isRecursive());
        } else {
            throw new IllegalArgumentException("zfs:destroy needs snapshot, bookmark, dataset or the "
                    + ZfsConstants.SNAPSHOTS + " header");
        }
        in.setBody(null);
    }

    // ---------------------------------------------------------------- option resolution

    private static String required(Message in, String header, String option, String what) {
        String v = in.getHeader(header, option, String.class);
        if (v == null || v.isBlank()) {
            throw new IllegalArgumentException("missing " + what + ": set the " + what + " option or the " + header
                    + " header");
        }
        return v;
    }

    private static String dataset(Message in, ZfsConfiguration c) {
        return required(in, ZfsConstants.DATASET, c.getDataset(), "dataset");
    }

    /** Datasets from the DATASETS header, the datasets option, or the single dataset. */
    private static List<String> datasetList(Message in, ZfsConfiguration c) {
        Object h = in.getHeader(ZfsConstants.DATASETS);
        if (h instanceof Collection<?> col) {
            return col.stream().map(String::valueOf).toList();
        }
        if (h instanceof String s) {
            return csv(s);
        }
        if (c.getDatasets() != null) {
            return csv(c.getDatasets());
        }
        String one = in.getHeader(ZfsConstants.DATASET, c.getDataset(), String.class);
        return one == null ? List.of() : List.of(one);
    }

    private static List<String> datasets(Message in, ZfsConfiguration c) {
        List<String> l = datasetList(in, c);
        if (l.isEmpty()) {
            throw new IllegalArgumentException("missing dataset: set dataset or datasets (or the "
                    + ZfsConstants.DATASET + " / " + ZfsConstants.DATASETS + " header); a whole-system walk is "
                    + "never implied");
        }
        return l;
    }

    /** A full snapshot name: the snapshot option/header as is, or dataset@short. */
    private static String fullSnapshot(Message in, ZfsConfiguration c) {
        String snap = required(in, ZfsConstants.SNAPSHOT, c.getSnapshot(), "snapshot");
        if (snap.indexOf('@') > 0) {
            return snap;
        }
        return dataset(in, c) + "@" + stripDelimiter(snap);
    }

    /** Source of a bookmark: the from option/header (snapshot or bookmark) or else the snapshot. */
    private static String versionSource(Message in, ZfsConfiguration c) {
        String from = in.getHeader(ZfsConstants.FROM, c.getFrom(), String.class);
        if (from != null) {
            return from.startsWith("@") || from.startsWith("#") ? dataset(in, c) + from : from;
        }
        return fullSnapshot(in, c);
    }

    /** Snapshots from the SNAPSHOTS header or the single snapshot. */
    private static List<String> snapshots(Message in, ZfsConfiguration c) {
        Collection<?> col = in.getHeader(ZfsConstants.SNAPSHOTS, Collection.class);
        if (col != null) {
            return col.stream().map(String::valueOf).toList();
        }
        return List.of(fullSnapshot(in, c));
    }

    private static List<String> propertyNames(Message in, ZfsConfiguration c) {
        Object h = in.getHeader(ZfsConstants.PROPERTIES);
        List<String> names;
        if (h instanceof Collection<?> col) {
            names = col.stream().map(String::valueOf).toList();
        } else if (h instanceof Map<?, ?> m) {
            names = m.keySet().stream().map(String::valueOf).toList();
        } else {
            names = csv(h instanceof String s ? s : c.getProperties());
        }
        if (names.isEmpty()) {
            throw new IllegalArgumentException("missing properties: set the properties option or the "
                    + ZfsConstants.PROPERTIES + " header");
        }
        return names;
    }

    private static Map<String, String> propertyValues(Message in, ZfsConfiguration c) {
        Object h = in.getHeader(ZfsConstants.PROPERTIES);
        Map<String, String> values = new LinkedHashMap<>();
        if (h instanceof Map<?, ?> m) {
            m.forEach((k, v) -> values.put(String.valueOf(k), String.valueOf(v)));
        } else {
            values.putAll(keyValues(h instanceof String s ? s : c.getProperties()));
        }
        if (values.isEmpty()) {
            throw new IllegalArgumentException("zfs:set needs properties as name=value pairs");
        }
        return values;
    }

    private static Set<DatasetType> types(ZfsConfiguration c) {
        EnumSet<DatasetType> set = EnumSet.noneOf(DatasetType.class);
        for (String t : csv(c.getTypes())) {
            set.add(DatasetType.parse(t));
        }
        return set;
    }

    static List<String> csv(String s) {
        if (s == null || s.isBlank()) {
            return List.of();
        }
        return Arrays.stream(s.split(",")).map(String::strip).filter(x -> !x.isEmpty()).toList();
    }

    static Map<String, String> keyValues(String s) {
        Map<String, String> m = new LinkedHashMap<>();
        for (String pair : csv(s)) {
            int eq = pair.indexOf('=');
            if (eq <= 0) {
                throw new IllegalArgumentException("expected name=value, got '" + pair + "'");
            }
            m.put(pair.substring(0, eq).strip(), pair.substring(eq + 1));
        }
        return m;
    }

    private static String stripDelimiter(String s) {
        return s.startsWith("@") || s.startsWith("#") ? s.substring(1) : s;
    }

    private static Duration duration(long millis) {
        return millis <= 0 ? null : Duration.ofMillis(millis);
    }
}
