#!/bin/bash
# Builds the platform-test guest image: Debian bookworm + OpenZFS 2.3 (bookworm-backports, dkms built
# for the guest kernel) + JDK 17. Usage: build-image.sh <final-dir>
# Writes into <final-dir>.tmp.<pid> and renames it to <final-dir> only when complete, so an
# interrupted build is never mistaken for a cached image. Result: rootfs.img (ext4, label
# zpt-root), vmlinuz, initrd.img, kver, zfs-version, build.log.
set -euo pipefail

FINAL=${1:?usage: build-image.sh <final-dir>}
HERE=$(cd "$(dirname "$0")" && pwd)
MIRROR=${ZREPL_GUEST_MIRROR:-http://deb.debian.org/debian}
SECMIRROR=${ZREPL_GUEST_SECURITY_MIRROR:-http://deb.debian.org/debian-security}
LABEL=zpt-root
T0=$(date +%s)

step() { local s=$(( $(date +%s) - T0 )); printf '[guest-build %02d:%02d] %s\n' $((s/60)) $((s%60)) "$*"; }

if [ "${ZPT_IN_UNSHARE:-}" != 1 ]; then
  # Private mount namespace: every mount made for the chroot disappears when we exit, however we exit.
  export ZPT_IN_UNSHARE=1
  exec unshare --mount --propagation private "$0" "$@"
fi

WORK="$FINAL.tmp.$$"
ROOT="$WORK/rootfs"
rm -rf "$WORK"
mkdir -p "$ROOT"
cleanup() {
  local rc=$?
  for m in dev/pts dev proc sys run tmp; do umount -l "$ROOT/$m" 2>/dev/null || true; done
  if [ $rc -ne 0 ]; then
    step "FAILED (exit $rc); partial build left in $WORK for inspection (deleted by the next build)"
  fi
}
trap cleanup EXIT

pkgs_for() { awk -v s="$1" '$1==s { for (i=2;i<=NF;i++) printf "%s ", $i }' "$HERE/packages.txt"; }
BASE_PKGS=$(pkgs_for base)
BP_PKGS=$(pkgs_for backports)

step "debootstrap bookworm (minbase, main+contrib) from $MIRROR"
debootstrap --variant=minbase --components=main,contrib bookworm "$ROOT" "$MIRROR" >"$WORK/debootstrap.log" 2>&1 \
  || { tail -30 "$WORK/debootstrap.log"; exit 1; }

step "configuring apt sources, dpkg excludes, policy-rc.d"
cat >"$ROOT/etc/apt/sources.list" <<SRC
deb $MIRROR bookworm main contrib
deb $MIRROR bookworm-updates main contrib
deb $SECMIRROR bookworm-security main contrib
deb $MIRROR bookworm-backports main contrib
SRC
cat >"$ROOT/etc/dpkg/dpkg.cfg.d/01-zpt-nodoc" <<'EXC'
path-exclude /usr/share/doc/*
path-exclude /usr/share/man/*
path-exclude /usr/share/info/*
path-exclude /usr/share/locale/*
path-exclude /usr/share/lintian/*
EXC
cat >"$ROOT/etc/apt/apt.conf.d/01-zpt" <<'APT'
APT::Install-Recommends "false";
APT::Install-Suggests "false";
Acquire::Retries "3";
Dpkg::Use-Pty "false";
APT
printf '#!/bin/sh\nexit 101\n' >"$ROOT/usr/sbin/policy-rc.d"
chmod +x "$ROOT/usr/sbin/policy-rc.d"
echo zrepl-pt >"$ROOT/etc/hostname"
# initramfs-tools keeps its default MODULES=most, so the initrd has the virtio drivers the guest needs.

mount -t proc proc "$ROOT/proc"
mount -t sysfs sysfs "$ROOT/sys"
mount --bind /dev "$ROOT/dev"
mount -t devpts devpts "$ROOT/dev/pts" 2>/dev/null || mount --bind /dev/pts "$ROOT/dev/pts"
mount -t tmpfs tmpfs "$ROOT/run"
mount -t tmpfs tmpfs "$ROOT/tmp"

inchroot() {
  chroot "$ROOT" /usr/bin/env -i PATH=/usr/sbin:/usr/bin:/sbin:/bin HOME=/root LANG=C.UTF-8 \
    DEBIAN_FRONTEND=noninteractive DEBCONF_NONINTERACTIVE_SEEN=true "$@"
}
logged() {  # logged <logname> cmd... : output to a log, a heartbeat every 60 s, tail of the log on failure
  local log="$WORK/$1.log"; shift
  local t0=$SECONDS pid rc
  "$@" >"$log" 2>&1 &
  pid=$!
  while kill -0 $pid 2>/dev/null; do
    sleep 2
    if kill -0 $pid 2>/dev/null && [ $(( (SECONDS - t0) % 60 )) -lt 2 ] && [ $((SECONDS - t0)) -ge 60 ]; then
      step "  ... still running ($((SECONDS - t0)) s): $(grep -v '^\s*$' "$log" | tail -1 | cut -c1-100)"
      sleep 1
    fi
  done
  wait $pid; rc=$?
  if [ $rc -ne 0 ]; then tail -40 "$log"; step "step failed (exit $rc), log: $log"; return 1; fi
}

step "apt-get update"
logged apt-update inchroot apt-get update
step "installing base packages: $BASE_PKGS"
logged apt-base inchroot apt-get install -y $BASE_PKGS

KVER=$(ls "$ROOT/lib/modules" | sort -V | tail -1)
[ -n "$KVER" ] || { step "no kernel installed"; exit 1; }
step "guest kernel: $KVER; installing from bookworm-backports: $BP_PKGS (dkms build, the slow part)"
logged apt-backports inchroot apt-get install -y -t bookworm-backports $BP_PKGS

if ! inchroot modinfo -k "$KVER" zfs >/dev/null 2>&1; then
  step "zfs module not built for $KVER yet, running dkms autoinstall -k $KVER"
  logged dkms inchroot dkms autoinstall -k "$KVER"
fi
inchroot modinfo -k "$KVER" zfs | grep -E '^(filename|version):' | sed 's/^/    /'
ZFSVER=$(inchroot modinfo -k "$KVER" -F version zfs)
inchroot depmod "$KVER"

step "guest configuration (init, hostid, cleanup)"
install -m 0755 "$HERE/init" "$ROOT/sbin/zpt-init"
inchroot zgenhostid -f 2>/dev/null || true
: >"$ROOT/etc/fstab"
# root without password on the console is irrelevant (no getty runs); sshd keys from install stay.
inchroot apt-get clean
rm -rf "$ROOT"/var/lib/apt/lists/* "$ROOT"/var/cache/apt/*.bin "$ROOT"/var/cache/debconf/*-old \
       "$ROOT"/var/log/*.log "$ROOT"/var/log/apt/* "$ROOT"/usr/share/doc/* "$ROOT"/usr/share/man/* \
       "$ROOT"/usr/share/locale/* "$ROOT"/usr/share/info/*
# dkms leaves the whole object tree of the zfs build behind; the installed module is all we need.
rm -rf "$ROOT"/var/lib/dkms/zfs/*/build 2>/dev/null || true

for m in dev/pts dev proc sys run tmp; do umount -l "$ROOT/$m"; done

cp "$ROOT/boot/vmlinuz-$KVER" "$WORK/vmlinuz"
cp "$ROOT/boot/initrd.img-$KVER" "$WORK/initrd.img"
echo "$KVER" >"$WORK/kver"
echo "$ZFSVER" >"$WORK/zfs-version"

USED_MB=$(du -sm "$ROOT" | cut -f1)
SIZE_MB=$(( USED_MB + 2048 ))   # headroom for tests writing into / (writes go to a qemu overlay)
step "creating ext4 image (${USED_MB} MiB used, ${SIZE_MB} MiB image)"
logged mke2fs mke2fs -q -t ext4 -L "$LABEL" -E lazy_itable_init=1 -m 0 -d "$ROOT" "$WORK/rootfs.img" "${SIZE_MB}M"
rm -rf "$ROOT"
cp "$HERE/packages.txt" "$WORK/packages.txt"

# atomic publish
rm -rf "$FINAL"
mv "$WORK" "$FINAL"
step "done: $FINAL (kernel $KVER, OpenZFS module $ZFSVER)"
