package io.zreplcamel.app.jobs;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;

/**
 * A bash script standing in for {@code zfs} in route control-flow tests, keeping its "pool" as text files in a
 * directory: it answers the {@code list}, {@code snapshot} and {@code destroy} calls the ZFS layer makes, in the
 * column format of {@code zfs list -H -p -o name,type,guid,createtxg,creation,userrefs}, and logs every call.
 * It proves that the routes call the layer in the right order with the right names; it proves nothing about
 * ZFS (the platform tests do that against real OpenZFS).
 *
 * <p>State: {@code filesystems} (one name per line), {@code snapshots} (one list line per snapshot, oldest first),
 * {@code txg} (the last transaction group), {@code calls} (argv of every call, one per line, space-separated),
 * {@code broken-usage} (present: {@code zfs -?} fails).
 * One {@code snapshot} call gets one txg, as in ZFS.
 */
public final class FakeZfsPool {

    private static final String SCRIPT = """
            #!/bin/bash
            # fake zfs for route tests; state in $S (see FakeZfsPool)
            S=%s
            echo "$*" >> "$S/calls"
            exec 9>"$S/lock"; flock 9
            case "$1" in
              -\\?)
                if [ -e "$S/broken-usage" ]; then echo "zfs: internal error" >&2; exit 1; fi
                # usage text with the markers the layer detects features from (comma destroy)
                echo "usage: zfs command args ..."
                echo "	destroy [-fnpRrv] <filesystem|volume>@<snap>[%%<snap>][,...]"
                exit 2 ;;
              list)
                if [ -e "$S/broken-list" ]; then echo "cannot open 'tank': pool I/O is currently suspended" >&2; exit 1; fi
                shift
                types=""; depth=""
                while [ $# -gt 0 ]; do
                  case "$1" in
                    -H|-p|-r) shift ;;
                    -o|-s) shift 2 ;;
                    -t) types=$2; shift 2 ;;
                    -d) depth=$2; shift 2 ;;
                    --) shift; break ;;
                    *) break ;;
                  esac
                done
                if [[ $types == *filesystem* ]]; then
                  while IFS= read -r fs; do
                    [ -n "$fs" ] && printf '%%s\\tfilesystem\\t%%s\\t1\\t1700000000\\t-\\n' "$fs" "$(cksum <<<"$fs" | cut -d' ' -f1)"
                  done < "$S/filesystems"
                fi
                if [[ $types == *snapshot* ]]; then
                  for root in "$@"; do
                    grep -F "$root@" "$S/snapshots" | awk -F'\\t' -v fs="$root" 'index($1, fs "@") == 1' || true
                  done
                fi
                exit 0 ;;
              snapshot)
                shift
                [ "$1" = -- ] && shift
                txg=$(( $(cat "$S/txg") + 1 ))
                now=$(date +%%s)
                for snap in "$@"; do
                  fs=${snap%%@*}
                  if ! grep -qxF "$fs" "$S/filesystems"; then
                    echo "cannot open '$fs': dataset does not exist" >&2; exit 1
                  fi
                  if awk -F'\\t' -v n="$snap" '$1 == n {found=1} END {exit !found}' "$S/snapshots"; then
                    echo "cannot create snapshot '$snap': dataset already exists" >&2; exit 1
                  fi
                done
                for snap in "$@"; do
                  printf '%%s\\tsnapshot\\t%%s\\t%%s\\t%%s\\t0\\n' "$snap" "$RANDOM$RANDOM" "$txg" "$now" >> "$S/snapshots"
                done
                echo "$txg" > "$S/txg"
                exit 0 ;;
              destroy)
                shift
                [ "$1" = -- ] && shift
                arg=$1
                fs=${arg%%@*}
                IFS=, read -ra names <<< "${arg#*@}"
                found=0
                for n in "${names[@]}"; do
                  if awk -F'\\t' -v n="$fs@$n" '$1 == n {found=1} END {exit !found}' "$S/snapshots"; then
                    found=1
                    awk -F'\\t' -v n="$fs@$n" '$1 != n' "$S/snapshots" > "$S/snapshots.new"
                    mv "$S/snapshots.new" "$S/snapshots"
                  fi
                done
                if [ $found = 0 ]; then
                  echo "could not find any snapshots to destroy; check snapshot names." >&2; exit 1
                fi
                exit 0 ;;
              *)
                echo "fake zfs: unsupported: $*" >&2; exit 2 ;;
            esac
            """;

    private final Path dir;
    private final Path script;

    private FakeZfsPool(Path dir) {
        this.dir = dir;
        this.script = dir.resolve("zfs");
    }

    /** A fake pool in {@code dir} with these filesystems and no snapshots. */
    public static FakeZfsPool create(Path dir, String... filesystems) throws IOException {
        FakeZfsPool pool = new FakeZfsPool(dir);
        Files.writeString(pool.script, SCRIPT.formatted(quote(dir.toString())));
        Files.setPosixFilePermissions(pool.script, PosixFilePermissions.fromString("rwxr-xr-x"));
        Files.writeString(dir.resolve("filesystems"), String.join("\n", filesystems) + "\n");
        Files.writeString(dir.resolve("snapshots"), "");
        Files.writeString(dir.resolve("txg"), "100\n");
        Files.writeString(dir.resolve("calls"), "");
        return pool;
    }

    /** The script to configure as the {@code zfs} binary. */
    public Path script() {
        return script;
    }

    /** Adds a snapshot as if taken at {@code creationEpochSecond} (before the test starts its routes). */
    public void addSnapshot(String fullName, long creationEpochSecond) throws IOException {
        long txg = Long.parseLong(Files.readString(dir.resolve("txg")).strip()) + 1;
        Files.writeString(dir.resolve("snapshots"), fullName + "\tsnapshot\t" + (1000 + txg) + "\t" + txg + "\t"
                + creationEpochSecond + "\t0\n", java.nio.file.StandardOpenOption.APPEND);
        Files.writeString(dir.resolve("txg"), txg + "\n");
    }

    /**
     * Makes {@code zfs -?} fail (or work again). The layer detects features from it before its first batched
     * destroy, so while it fails every destroy batch fails as a whole.
     */
    public void breakFeatureDetection(boolean broken) throws IOException {
        setFlag("broken-usage", broken);
    }

    /** Makes every {@code zfs list} fail (or work again), like a pool whose I/O is suspended. */
    public void breakList(boolean broken) throws IOException {
        setFlag("broken-list", broken);
    }

    /** The script checks for these files in its state directory. */
    private void setFlag(String name, boolean on) throws IOException {
        Path flag = dir.resolve(name);
        if (on) {
            Files.writeString(flag, "");
        } else {
            Files.deleteIfExists(flag);
        }
    }

    /** Full names of the snapshots that exist now, oldest first. */
    public List<String> snapshots() {
        return column(0);
    }

    /** createtxg of each snapshot that exists now, in the order of {@link #snapshots()}. */
    public List<Long> createTxgs() {
        return column(3).stream().map(Long::parseLong).toList();
    }

    /** Every call so far, as the space-joined argv. */
    public List<String> calls() {
        return read("calls");
    }

    private List<String> column(int index) {
        List<String> out = new ArrayList<>();
        for (String line : read("snapshots")) {
            out.add(line.split("\t")[index]);
        }
        return out;
    }

    private List<String> read(String file) {
        try {
            return Files.readAllLines(dir.resolve(file)).stream().filter(l -> !l.isBlank()).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String quote(String s) {
        return "'" + s.replace("'", "'\\''") + "'";
    }
}
