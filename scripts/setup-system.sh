#!/usr/bin/env bash
# Debian packages the tests use on a fresh machine (run as root; idempotent):
#   chromium + ripgrep + libkrb5-dev/g++/make  real VS Code (code-server) end-to-end tests
#   libvirt-daemon(-driver-qemu), qemu-system-x86, qemu-utils, libvirt-clients, libxml2-utils
#                                            libvirt's schema check and a live attach on real QEMU
#   python3-nova                             Nova's own code, for the differential test slice
set -euo pipefail
pkgs=(chromium ripgrep libkrb5-dev g++ make
      libvirt-daemon libvirt-daemon-driver-qemu qemu-system-x86 qemu-utils libvirt-clients libxml2-utils
      python3-nova)
missing=()
for p in "${pkgs[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ ${#missing[@]} -eq 0 ]; then
  echo "setup-system: all Debian packages present"
  exit 0
fi
if [ "$(id -u)" != 0 ]; then
  echo "setup-system: missing Debian packages: ${missing[*]} (run as root, or install them)" >&2
  exit 1
fi
echo "setup-system: installing ${missing[*]}"
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq
apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
echo "setup-system: done"
