package io.zreplcamel.app.cli;

import io.zreplcamel.zfs.ListRequest;
import io.zreplcamel.zfs.Placeholders;
import io.zreplcamel.zfs.Zfs;
import io.zreplcamel.zfs.cmd.RunnerSettings;
import io.zreplcamel.zfs.error.DatasetNotFoundException;
import io.zreplcamel.zfs.error.ZfsException;
import io.zreplcamel.zfs.model.DatasetEntry;
import io.zreplcamel.zfs.model.DatasetType;
import io.zreplcamel.zfs.model.PropertySource;
import io.zreplcamel.zfs.model.PropertyValue;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code zrepl-camel test placeholder (--dataset DS | --all) [--json]}: whether datasets are zrepl placeholders, as
 * zrepl prints it: a header {@code IS_PLACEHOLDER DATASET zrepl:placeholder}, then {@code yes|no}, the dataset and
 * the <em>local</em> value of the property (empty when it is inherited or unset: only a local {@code on}, or the
 * legacy hash, makes a placeholder). Needs no config.
 */
@Command(name = "placeholder", mixinStandardHelpOptions = true,
        description = "Show whether datasets are placeholders (zrepl:placeholder set locally).")
public final class TestPlaceholderCommand implements Callable<Integer> {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @ArgGroup(exclusive = true, multiplicity = "1")
    Which which;

    static final class Which {
        @Option(names = "--dataset", paramLabel = "DATASET", description = "one filesystem or volume")
        String dataset;

        @Option(names = "--all", description = "every filesystem and volume of every imported pool")
        boolean all;
    }

    @Option(names = "--json", description = "print a JSON list of {dataset, placeholder, local_value}")
    boolean json;

    @Option(names = "--zfs-command", paramLabel = "PATH", defaultValue = "zfs",
            description = "the zfs binary (default: ${DEFAULT-VALUE} from PATH)")
    String zfsCommand;

    @Override
    public Integer call() {
        List<PropertyValue> values;
        try (Zfs zfs = new Zfs(RunnerSettings.defaults().withZfsBinary(zfsCommand))) {
            values = which.all ? all(zfs) : zfs.get(List.of(which.dataset), List.of(Placeholders.PROPERTY), false,
                    -1, EnumSet.of(DatasetType.FILESYSTEM, DatasetType.VOLUME));
        } catch (DatasetNotFoundException e) {
            spec.commandLine().getErr().println("zrepl-camel test placeholder: filesystem " + which.dataset
                    + " does not exist");
            return ZreplCamelCli.EXIT_FAILURE;
        } catch (ZfsException | IllegalArgumentException e) {
            spec.commandLine().getErr().println("zrepl-camel test placeholder: " + e.getMessage());
            return ZreplCamelCli.EXIT_FAILURE;
        }
        PrintWriter out = spec.commandLine().getOut();
        if (json) {
            List<Map<String, Object>> rows = new ArrayList<>();
            for (PropertyValue v : values) {
                Map<String, Object> row = new LinkedHashMap<>();
                row.put("dataset", v.dataset());
                row.put("placeholder", Placeholders.isPlaceholder(v));
                row.put("local_value", localValue(v));
                rows.add(row);
            }
            out.println(Json.linePerElement(rows));
        } else {
            out.println("IS_PLACEHOLDER\tDATASET\t" + Placeholders.PROPERTY);
            for (PropertyValue v : values) {
                out.println((Placeholders.isPlaceholder(v) ? "yes" : "no") + "\t" + v.dataset() + "\t"
                        + localValue(v));
            }
        }
        out.flush();
        return ZreplCamelCli.EXIT_OK;
    }

    /** {@code zfs list -d 0} for the pools, then one {@code zfs get -r} below them. */
    private static List<PropertyValue> all(Zfs zfs) {
        List<String> pools = zfs.list(new ListRequest(List.of(), EnumSet.of(DatasetType.FILESYSTEM), false, 0,
                List.of())).stream().map(DatasetEntry::name).toList();
        if (pools.isEmpty()) {
            return List.of();
        }
        return zfs.get(pools, List.of(Placeholders.PROPERTY), true, -1,
                EnumSet.of(DatasetType.FILESYSTEM, DatasetType.VOLUME));
    }

    private static String localValue(PropertyValue v) {
        return v.source().kind() == PropertySource.Kind.LOCAL ? v.value() : "";
    }
}
