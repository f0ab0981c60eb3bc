package io.zreplcamel.config.parse;

import io.zreplcamel.config.LoadOptions;
import io.zreplcamel.config.model.global.Global;
import io.zreplcamel.config.yaml.Problems;
import io.zreplcamel.config.yaml.Where;
import io.zreplcamel.config.yaml.YamlFiles;
import io.zreplcamel.config.yaml.YamlMap;
import io.zreplcamel.config.yaml.YamlNodes;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.snakeyaml.engine.v2.nodes.Node;

/** Reads one config file: its {@code global}, {@code jobs} and {@code include} entries. */
public final class ConfigFileReader {

    /** An {@code include} entry as written, and where. */
    public record IncludeEntry(String path, Node node) {
    }

    /**
     * What one file holds. {@code global} is null when the file has no {@code global} section (or it is invalid);
     * {@code globalNode} is the section's value node when present.
     */
    public record FileContent(Path file, Global global, Node globalNode, List<ParsedJob> jobs,
                              List<IncludeEntry> includes, Node includeKeyNode) {
    }

    private ConfigFileReader() {
    }

    public static FileContent read(Path file, LoadOptions options, Problems problems) {
        Path absolute = file.toAbsolutePath().normalize();
        FileContext context = new FileContext(file, absolute.getParent(), options);
        YamlFiles.Document doc = YamlFiles.read(file, problems);
        List<ParsedJob> jobs = new ArrayList<>();
        List<IncludeEntry> includes = new ArrayList<>();
        if (doc.root().isEmpty() || YamlNodes.isNull(doc.root().get())) {
            return new FileContent(file, null, null, jobs, includes, null);
        }
        Where top = new Where(file, "", problems);
        YamlMap m = YamlMap.of(top, doc.root().get());
        if (m == null) {
            return new FileContent(file, null, null, jobs, includes, null);
        }
        Global global = null;
        Node globalNode = m.value("global");
        if (globalNode != null) {
            global = new GlobalSection(context).global(top.key("global"), globalNode);
        }
        List<Node> jobNodes = m.list("jobs", false);
        if (jobNodes != null) {
            JobSection section = new JobSection(context);
            for (int i = 0; i < jobNodes.size(); i++) {
                ParsedJob job = section.job(top.key("jobs").index(i), jobNodes.get(i));
                if (job != null) {
                    jobs.add(job);
                }
            }
        }
        List<Node> includeNodes = m.list("include", false);
        if (includeNodes != null) {
            for (int i = 0; i < includeNodes.size(); i++) {
                String path = YamlNodes.string(top.key("include").index(i), includeNodes.get(i));
                if (path != null && path.isEmpty()) {
                    top.key("include").index(i).error(includeNodes.get(i), "must not be empty");
                } else if (path != null) {
                    includes.add(new IncludeEntry(path, includeNodes.get(i)));
                }
            }
        }
        Node includeKey = m.has("include") ? m.locateKey("include") : null;
        m.finish();
        return new FileContent(file, global, globalNode, jobs, includes, includeKey);
    }
}
