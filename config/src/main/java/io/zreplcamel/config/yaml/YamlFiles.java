package io.zreplcamel.config.yaml;

import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.Optional;
import org.snakeyaml.engine.v2.api.LoadSettings;
import org.snakeyaml.engine.v2.api.lowlevel.Compose;
import org.snakeyaml.engine.v2.exceptions.MarkedYamlEngineException;
import org.snakeyaml.engine.v2.exceptions.YamlEngineException;
import org.snakeyaml.engine.v2.nodes.Node;

/** Reads a YAML file into its node tree (with positions), reporting I/O and syntax problems. */
public final class YamlFiles {

    private YamlFiles() {
    }

    /** The result of reading a file: whether it could be read, and its single document (empty for an empty file). */
    public record Document(boolean readable, Optional<Node> root) {
    }

    public static Document read(Path file, Problems problems) {
        String text;
        if (Files.isDirectory(file)) {
            problems.error(file, (Node) null, "cannot read config file: is a directory");
            return new Document(false, Optional.empty());
        }
        try {
            text = Files.readString(file);
        } catch (NoSuchFileException e) {
            problems.error(file, (Node) null, "cannot read config file: no such file");
            return new Document(false, Optional.empty());
        } catch (CharacterCodingException e) {
            problems.error(file, (Node) null, "cannot read config file: not valid UTF-8");
            return new Document(false, Optional.empty());
        } catch (IOException e) {
            problems.error(file, (Node) null, "cannot read config file: " + e.getMessage());
            return new Document(false, Optional.empty());
        }
        LoadSettings settings = LoadSettings.builder().setLabel(file.toString()).setUseMarks(true).build();
        try {
            Iterator<Node> documents = new Compose(settings).composeAllFromString(text).iterator();
            if (!documents.hasNext()) {
                return new Document(true, Optional.empty());
            }
            Node root = documents.next();
            if (documents.hasNext()) {
                Node second = documents.next();
                problems.error(file, second, "a config file must hold one YAML document, found a second one"
                        + " (remove the '---' separator)");
                return new Document(true, Optional.empty());
            }
            return new Document(true, Optional.of(root));
        } catch (MarkedYamlEngineException e) {
            String context = e.getContext() == null ? "" : e.getContext() + ": ";
            problems.error(file, e.getProblemMark(), "invalid YAML: " + context + e.getProblem());
            return new Document(false, Optional.empty());
        } catch (YamlEngineException e) {
            problems.error(file, (Node) null, "invalid YAML: " + e.getMessage());
            return new Document(false, Optional.empty());
        }
    }
}
