package io.zreplcamel.processors.endpoint.local;

import io.zreplcamel.zfs.Zfs;
import io.zreplcamel.zfs.cmd.RunnerSettings;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;

/**
 * A bash script standing in for {@code zfs}/{@code zpool} in the receiver's control-flow tests: it logs every argv
 * and keeps a tiny state (which datasets exist, which are placeholders, snapshot lines per dataset) in files, so
 * a test sees the order of commands the receiver runs. It proves nothing about ZFS; the platform tests do.
 */
final class ScriptedZfs {

    final Path dir;
    final Path log;

    ScriptedZfs(Path dir) {
        this.dir = dir;
        this.log = dir.resolve("argv.log");
    }

    /** Marks a dataset as existing; {@code placeholder} gives it a local zrepl:placeholder=on. */
    ScriptedZfs exists(String dataset, boolean placeholder) throws IOException {
        Files.writeString(dir.resolve("exists"), dataset + "\n", append());
        if (placeholder) {
            Files.writeString(dir.resolve("ph"), dataset + "\n", append());
        }
        return this;
    }

    /** A line {@code zfs list -t snapshot} prints for the dataset (name, type, guid, createtxg, creation, userrefs). */
    ScriptedZfs snapshot(String dataset, String name, long guid, long txg, int userRefs) throws IOException {
        Files.writeString(dir.resolve("snaps"), dataset + "@" + name + "\tsnapshot\t" + guid + "\t" + txg
                + "\t1700000000\t" + userRefs + "\n", append());
        return this;
    }

    /** A line {@code zfs holds -H -p} prints. */
    ScriptedZfs hold(String snapshot, String tag) throws IOException {
        Files.writeString(dir.resolve("holds"), snapshot + "\t" + tag + "\t1700000000\n", append());
        return this;
    }

    /** Extra bash run before the built-in answers (e.g. make create fail). */
    Zfs zfs(String extra) throws IOException {
        Path usage = Path.of("../zfs-component/src/test/resources/fixtures/zfs-2.3-usage.txt").toAbsolutePath();
        for (String f : List.of("exists", "ph", "snaps", "holds")) {
            if (!Files.exists(dir.resolve(f))) {
                Files.writeString(dir.resolve(f), "");
            }
        }
        String d = dir.toString();
        String body = """
                if [ "$1" = '-?' ]; then cat '%s'; exit 0; fi
                if [ "$1" = version ]; then echo zfs-2.3.2-1; echo zfs-kmod-2.3.2-1; exit 0; fi
                printf '%%s\\x1f' "$@" >> '%s'; echo >> '%s'
                D='%s'
                last="${@: -1}"
                %s
                case "$1" in
                  get)
                    for ds in "$last"; do
                      if ! grep -qxF "$ds" "$D/exists"; then
                        echo "cannot open '$ds': dataset does not exist" >&2; exit 1; fi
                      ph='-'; src='-'
                      if grep -qxF "$ds" "$D/ph"; then ph=on; src=local; fi
                      printf '%%s\\tzrepl:placeholder\\t%%s\\t%%s\\n' "$ds" "$ph" "$src"
                      printf '%%s\\treceive_resume_token\\t-\\t-\\n' "$ds"
                    done ;;
                  create) echo "$last" >> "$D/exists" ;;
                  receive) cat > /dev/null; grep -qxF "$last" "$D/exists" || echo "$last" >> "$D/exists" ;;
                  list) grep -F "$last@" "$D/snaps" || true ;;
                  holds) cat "$D/holds" ;;
                  *) : ;;
                esac
                exit 0
                """.formatted(usage, log, log, d, extra);
        Path zfs = dir.resolve("zfs");
        Files.writeString(zfs, "#!/bin/bash\n" + body);
        Files.setPosixFilePermissions(zfs, PosixFilePermissions.fromString("rwxr-xr-x"));
        Path zpool = dir.resolve("zpool");
        Files.writeString(zpool, "#!/bin/bash\necho active\n");
        Files.setPosixFilePermissions(zpool, PosixFilePermissions.fromString("rwxr-xr-x"));
        Zfs.clearDetectionCaches();
        return new Zfs(RunnerSettings.defaults().withZfsBinary(zfs.toString()).withZpoolBinary(zpool.toString()));
    }

    List<List<String>> calls() throws IOException {
        List<List<String>> out = new ArrayList<>();
        if (Files.exists(log)) {
            for (String line : Files.readAllLines(log)) {
                out.add(List.of(line.split("\u001f")));
            }
        }
        return out;
    }

    /** The verbs ({@code argv[0]}) in order. */
    List<String> verbs() throws IOException {
        return calls().stream().map(c -> c.get(0)).toList();
    }

    private static java.nio.file.OpenOption[] append() {
        return new java.nio.file.OpenOption[] {java.nio.file.StandardOpenOption.CREATE,
                java.nio.file.StandardOpenOption.APPEND};
    }
}
