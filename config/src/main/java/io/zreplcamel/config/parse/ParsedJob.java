package io.zreplcamel.config.parse;

import io.zreplcamel.config.model.Job;
import java.nio.file.Path;
import org.snakeyaml.engine.v2.nodes.Node;

/** A job with the places cross-job checks point at: its name and (receiving jobs) its root_fs. */
public record ParsedJob(Job job, Path file, Node nameNode, Node rootFsNode, Node connectOrServeNode) {
}
