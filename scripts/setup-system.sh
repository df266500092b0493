#!/usr/bin/env bash
# Debian packages, in two sets (run as root; idempotent):
#   editor  what opening the editor needs when `code` is not on PATH: the project's code-server
#           builds its native modules (libkrb5-dev, g++, make) and searches with ripgrep
#   test    the editor set, plus what only the tests use:
#             chromium                              end-to-end tests in a real VS Code
#             libvirt-daemon(-driver-qemu), qemu-system-x86, qemu-utils, libvirt-clients,
#             libxml2-utils                         libvirt's schema check and a live attach on QEMU
#             python3-nova                          Nova's own code, for the differential test slice
# Usage: bash scripts/setup-system.sh [editor|test]   (default: test)
# When another apt or dpkg is running, this waits for it (up to 15 minutes) instead of failing.
set -euo pipefail
set_name=${1:-test}
editor=(ripgrep libkrb5-dev g++ make)
case "$set_name" in
  editor) pkgs=("${editor[@]}") ;;
  test) pkgs=("${editor[@]}" chromium
              libvirt-daemon libvirt-daemon-driver-qemu qemu-system-x86 qemu-utils libvirt-clients libxml2-utils
              python3-nova) ;;
  *) echo "setup-system: unknown set \"$set_name\" (editor or test)" >&2; exit 2 ;;
esac
missing=()
for p in "${pkgs[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ ${#missing[@]} -eq 0 ]; then
  echo "setup-system: all Debian packages of the $set_name set present"
  exit 0
fi
if [ "$(id -u)" != 0 ]; then
  echo "setup-system: missing Debian packages: ${missing[*]} (run as root, or install them)" >&2
  exit 1
fi
echo "setup-system: installing ${missing[*]}"
echo "setup-system: if another apt or dpkg is running, this waits for its lock (up to 15 minutes)"
export DEBIAN_FRONTEND=noninteractive
# apt-get waits for dpkg's lock itself (DPkg::Lock::Timeout); the package lists' lock of a running
# "apt-get update" is waited for here, with a message every minute.
apt_wait() {
  local err rc tries=0
  err=$(mktemp)
  while true; do
    rc=0
    apt-get -o DPkg::Lock::Timeout=900 "$@" 2>"$err" || rc=$?
    if [ "$rc" = 0 ]; then rm -f "$err"; return 0; fi
    if grep -qi "could not get lock\|unable to lock\|is another process using it" "$err" && [ "$tries" -lt 90 ]; then
      tries=$((tries + 1))
      [ $((tries % 6)) = 1 ] && echo "setup-system: another apt is running; waiting for it ($(grep -i lock "$err" | head -1))"
      sleep 10
      continue
    fi
    cat "$err" >&2
    rm -f "$err"
    return "$rc"
  done
}
apt_wait update -qq
apt_wait install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
echo "setup-system: done"
