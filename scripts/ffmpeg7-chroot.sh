#!/usr/bin/env bash
# ffmpeg7-chroot.sh: builds (once) a Debian 13 "trixie" chroot holding FFmpeg 7.1, the
# Enhanced RTMP client the live tests of rtmp-server use (Debian 12's FFmpeg 5.1 cannot send
# HEVC/AV1 over RTMP).
#
#   scripts/ffmpeg7-chroot.sh            # build or check; prints "ffmpeg7 chroot ready: ROOT"
#   RTMPFLOW_FFMPEG7_ROOT=/some/dir scripts/ffmpeg7-chroot.sh
#
# Where: $RTMPFLOW_FFMPEG7_ROOT, default /opt/rtmpflow-trixie. Size about 700 MB, first build
# about 150 s (debootstrap --variant=minbase from Debian's package archive, then
# `apt-get install --no-install-recommends ffmpeg`, which brings libx265, libaom and
# libsvtav1). Idempotent: a finished chroot is marked with ROOT/.rtmpflow-ffmpeg7-ready and
# only checked (`chroot ROOT ffmpeg -version`) on later runs; a half-built one is removed and
# built again. Needs root (or sudo) for debootstrap and chroot; installs debootstrap with
# apt-get when missing.
#
# The tests run the chroot's tools as `chroot ROOT ffmpeg ...`: the chroot shares the host's
# network namespace, so 127.0.0.1 reaches the server under test. Files are exchanged through
# ROOT/tmp (the host path ROOT/tmp/x is /tmp/x inside).
#
# Exit status: 0 when the chroot works (its `ffmpeg -version` first line is printed), non-zero
# otherwise (the caller, .ci/run, prints a banner: the live Enhanced RTMP tests then report
# NOT RUN in a banner of their own).
set -euo pipefail

ROOT="${RTMPFLOW_FFMPEG7_ROOT:-/opt/rtmpflow-trixie}"
MIRROR="${RTMPFLOW_DEBIAN_MIRROR:-http://deb.debian.org/debian}"
MARK="$ROOT/.rtmpflow-ffmpeg7-ready"
BUILDING="$ROOT/.rtmpflow-ffmpeg7-building"

case "$ROOT" in
  /|/bin|/boot|/dev|/etc|/home|/lib*|/opt|/proc|/root|/run|/sbin|/srv|/sys|/tmp|/usr|/var|"")
    echo "refusing to use $ROOT as the chroot directory" >&2; exit 2 ;;
esac

if [ "$(id -u)" = 0 ]; then SUDO=""; else SUDO="sudo"; fi

check() {
  local v
  v="$(timeout -k 5 60 $SUDO chroot "$ROOT" ffmpeg -hide_banner -version 2>/dev/null | head -1)" || return 1
  case "$v" in
    "ffmpeg version 7."*) echo "ffmpeg7 chroot ready: $ROOT ($v)"; return 0 ;;
    *) echo "unexpected ffmpeg in $ROOT: $v" >&2; return 1 ;;
  esac
}

if [ -f "$MARK" ] && check; then
  exit 0
fi

if ! command -v debootstrap >/dev/null 2>&1; then
  echo "installing debootstrap"
  $SUDO apt-get update -q
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -q debootstrap
fi

if [ -e "$ROOT" ]; then
  # Only a directory this script started (or an empty one) is removed: never someone's data.
  if [ -f "$BUILDING" ] || [ -f "$MARK" ] || [ -z "$(ls -A "$ROOT" 2>/dev/null)" ]; then
    echo "removing unfinished or broken chroot $ROOT"
    # Nothing is mounted inside (no /proc, /dev binds), so a plain removal is safe.
    $SUDO rm -rf --one-file-system "$ROOT"
  else
    echo "$ROOT exists and was not made by this script: remove it or set RTMPFLOW_FFMPEG7_ROOT" >&2
    exit 2
  fi
fi

echo "debootstrap trixie into $ROOT (about 150 s)"
$SUDO mkdir -p "$ROOT"
$SUDO touch "$BUILDING"
timeout -k 10 1200 $SUDO debootstrap --variant=minbase trixie "$ROOT" "$MIRROR"

echo "installing ffmpeg 7 in the chroot"
timeout -k 10 1200 $SUDO chroot "$ROOT" /usr/bin/env -i PATH=/usr/sbin:/usr/bin:/sbin:/bin \
  DEBIAN_FRONTEND=noninteractive LC_ALL=C \
  sh -c 'apt-get update -q && apt-get install -y -q --no-install-recommends ffmpeg && apt-get clean'

$SUDO chmod 1777 "$ROOT/tmp"
check
$SUDO touch "$MARK"
$SUDO rm -f "$BUILDING"
