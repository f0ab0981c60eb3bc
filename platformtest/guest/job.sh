#!/bin/sh
# The platform-test job. In the guest, zpt-init runs it from the read-only repository share with its
# output going to the serial console and to <results>/job.log; with `platformtest/run --host` the
# runner runs it directly on the host. It runs the JUnit console launcher (no Maven) over the
# test classes and class path that `mvn package` put under platformtest/target.
#
# Settings come from <results>/job.env (written by platformtest/run) and the environment:
#   ZPT_RESULTS     results dir (default /mnt/results, the writable 9p share)
#   ZPT_PT_DIR      dir with target/{test-classes,lib,console} (guest default: the runner's snapshot,
#                   from the disk labelled zpt-java or the 9p share 'pt'; else /mnt/repo/platformtest)
#   ZPT_SCRATCH     where test pools put their vdev files (default /scratch)
#   ZPT_SCRATCH_DEV a block device to format and mount on ZPT_SCRATCH (guest: /dev/vdb)
#   ZPT_SELFTEST=1  also run the harness selftest (tag harness-selftest) after the suite
#   ZPT_JAVA_OPTS   JVM options (default: C1 only, serial GC: fastest startup under emulation)
#   ZPT_TEST_TIMEOUT  JUnit's default timeout per test method (default 15m): a hung test fails alone
# Filters: <results>/filters holds one regex per line, matched against fully qualified method names
# (io.zreplcamel.platformtest.SendRecvTest#fullThen...(...)): --include-methodname=.*(REGEX).*
# Exit code: that of the suite's console launcher (0 ok, 1 failures, 2 no tests).

R=${ZPT_RESULTS:-/mnt/results}
[ -r "$R/job.env" ] && . "$R/job.env"
if [ -z "${ZPT_PT_DIR:-}" ]; then
  # In the guest: the runner's snapshot of platformtest/target comes as a read-only ext4 disk labelled
  # zpt-java (fast for the JVM's many jar reads), else as 9p share 'pt', else from the repo share.
  mkdir -p /mnt/pt
  dev=$(blkid -L zpt-java 2>/dev/null)
  if [ -n "$dev" ] && mount -t ext4 -o ro,noatime "$dev" /mnt/pt 2>/dev/null; then
    ZPT_PT_DIR=/mnt/pt
  elif mount -t 9p -o trans=virtio,version=9p2000.L,msize=262144,ro,cache=loose pt /mnt/pt 2>/dev/null; then
    ZPT_PT_DIR=/mnt/pt
  else
    ZPT_PT_DIR=/mnt/repo/platformtest
  fi
fi
PT=$ZPT_PT_DIR
SCRATCH=${ZPT_SCRATCH:-/scratch}
JAVA_OPTS=${ZPT_JAVA_OPTS:--XX:TieredStopAtLevel=1 -XX:+UseSerialGC -Xss1m}
CONSOLE=$PT/target/console/junit-platform-console-standalone.jar

say() { echo "zpt| $*"; }
now() { date +%s; }
T0=$(now)

say "class path from $PT ($(findmnt -n -o SOURCE "$PT" 2>/dev/null || echo host)); $(uname -sr), $(nproc) CPUs, $(awk '/MemTotal/ {printf "%d MiB", $2/1024}' /proc/meminfo) RAM, $(java -version 2>&1 | head -1)"
zfs version >"$R/zfs-version.txt" 2>&1
sed 's/^/zpt| zfs version: /' "$R/zfs-version.txt"

if [ -n "${ZPT_SCRATCH_DEV:-}" ] && [ -b "$ZPT_SCRATCH_DEV" ]; then
  mkfs.ext4 -q -F -E lazy_itable_init=1,lazy_journal_init=1,nodiscard "$ZPT_SCRATCH_DEV" \
    && mkdir -p "$SCRATCH" && mount -o noatime "$ZPT_SCRATCH_DEV" "$SCRATCH" \
    || { say "cannot prepare scratch disk $ZPT_SCRATCH_DEV"; exit 96; }
fi
mkdir -p "$SCRATCH"
# udev gives zvols their /dev/zvol/... links; cheap to start, only needed by some tests
if [ "${ZPT_START_UDEV:-0}" = 1 ] && [ -x /lib/systemd/systemd-udevd ]; then
  /lib/systemd/systemd-udevd --daemon >/dev/null 2>&1 || true
fi

CP=$PT/target/test-classes
for j in "$PT"/target/lib/*.jar; do CP=$CP:$j; done

set --
if [ -s "$R/filters" ]; then
  while IFS= read -r f; do
    [ -n "$f" ] && set -- "$@" "--include-methodname=.*(${f}).*"
  done <"$R/filters"
fi

console() {  # console <report-name> <args...>
  name=$1; shift
  rm -rf "$R/reports/$name"; mkdir -p "$R/reports/$name"
  # shellcheck disable=SC2086
  java $JAVA_OPTS -Dzpt.scratch="$SCRATCH" -jar "$CONSOLE" execute \
    --disable-banner --disable-ansi-colors --details=testfeed --include-engine=junit-jupiter \
    --config=junit.jupiter.execution.timeout.default="${ZPT_TEST_TIMEOUT:-15m}" \
    --class-path="$CP" --reports-dir="$R/reports/$name" "$@"
}

leftovers() { zpool list -H -o name 2>/dev/null | grep zreplplatformtest || true; }

say "running platform tests (JVM options: $JAVA_OPTS)"
console suite --scan-class-path="$PT/target/test-classes" --exclude-tag=harness-selftest --fail-if-no-tests "$@"
rc=$?
echo $rc >"$R/suite.rc"
leftovers >"$R/suite-leftover-pools"
say "suite finished with exit code $rc after $(( $(now) - T0 )) s"

if [ "${ZPT_SELFTEST:-0}" = 1 ]; then
  say "running harness selftest (expected: 1 passed, 2 failed)"
  console selftest --select-class=io.zreplcamel.platformtest.selftest.HarnessSelfTest --include-tag=harness-selftest
  echo $? >"$R/selftest.rc"
  leftovers >"$R/selftest-leftover-pools"
  say "selftest finished after $(( $(now) - T0 )) s"
fi
exit $rc
