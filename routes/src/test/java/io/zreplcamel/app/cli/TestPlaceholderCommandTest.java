package io.zreplcamel.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.zreplcamel.zfs.Placeholders;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Output and exit codes against a scripted zfs (what real ZFS prints is checked by the platform tests). */
class TestPlaceholderCommandTest {

    @TempDir
    Path dir;

    private String zfs() throws Exception {
        String legacy = Placeholders.legacyValue("tank/old");
        Path p = dir.resolve("zfs");
        Files.writeString(p, """
                #!/bin/bash
                last="${@: -1}"
                if [ "$1" = list ]; then printf 'tank\\tfilesystem\\t1\\t1\\t1700000000\\t-\\n'; exit 0; fi
                if [ "$1" = get ]; then
                  case "$last" in
                    tank)
                      printf 'tank\\tzrepl:placeholder\\t-\\t-\\n'
                      printf 'tank/sink\\tzrepl:placeholder\\ton\\tlocal\\n'
                      printf 'tank/sink/a\\tzrepl:placeholder\\ton\\tinherited from tank/sink\\n'
                      printf 'tank/old\\tzrepl:placeholder\\t%s\\tlocal\\n' ;;
                    tank/sink) printf 'tank/sink\\tzrepl:placeholder\\ton\\tlocal\\n' ;;
                    *) echo "cannot open '$last': dataset does not exist" >&2; exit 1 ;;
                  esac
                  exit 0
                fi
                exit 1
                """.formatted(legacy));
        Files.setPosixFilePermissions(p, PosixFilePermissions.fromString("rwxr-xr-x"));
        return p.toString();
    }

    @Test
    void allDatasetsWithZreplsColumns() throws Exception {
        CliRun r = CliRun.of("test", "placeholder", "--all", "--zfs-command", zfs());
        assertThat(r.exit()).isZero();
        assertThat(r.out()).isEqualTo("IS_PLACEHOLDER\tDATASET\tzrepl:placeholder\n"
                + "no\ttank\t\n"
                + "yes\ttank/sink\ton\n"
                + "no\ttank/sink/a\t\n"
                + "yes\ttank/old\t" + Placeholders.legacyValue("tank/old") + "\n");
    }

    @Test
    void oneDatasetAsJson() throws Exception {
        CliRun r = CliRun.of("test", "placeholder", "--dataset", "tank/sink", "--json", "--zfs-command", zfs());
        assertThat(r.exit()).isZero();
        assertThat(r.out()).isEqualTo("[\n  {\"dataset\": \"tank/sink\", \"placeholder\": true, \"local_value\": \"on\"}\n]\n");
    }

    @Test
    void aMissingDatasetOrNoChoiceIsAnError() throws Exception {
        CliRun r = CliRun.of("test", "placeholder", "--dataset", "tank/nope", "--zfs-command", zfs());
        assertThat(r.exit()).isEqualTo(ZreplCamelCli.EXIT_FAILURE);
        assertThat(r.err()).contains("tank/nope does not exist");
        assertThat(CliRun.of("test", "placeholder").exit()).isEqualTo(ZreplCamelCli.EXIT_USAGE);
        assertThat(CliRun.of("test", "placeholder", "--all", "--dataset", "x").exit())
                .isEqualTo(ZreplCamelCli.EXIT_USAGE);
    }
}
