#!/usr/bin/env bash
# Live check of `bdm-lab attach --real-libvirt` against a real libvirtd + QEMU on this machine.
# Installs nothing: expects libvirt-daemon(-driver-qemu), qemu-system-x86, qemu-utils and
# libvirt-clients (see shared notes, environment.md). Starts libvirtd only if none answers and
# then stops exactly that PID; defines a tiny diskless domain with ACPI (PCI hot-plug), attaches
# a raw file through the CLI and checks `virsh domblklist`. Cleans up on EXIT.
# BDM_LAB_CLI overrides the command (default: node dist/cli.js, run from the repository root).
set -u
cd "$(dirname "$0")/../.."
CLI=${BDM_LAB_CLI:-node dist/cli.js}
URI=qemu:///system
PASS=0
FAIL=0
ok() { PASS=$((PASS + 1)); echo "ok   - $1"; }
bad() { FAIL=$((FAIL + 1)); echo "FAIL - $1"; [ $# -gt 1 ] && printf '%s\n' "$2" | sed 's/^/       /'; }
finish() { echo "$PASS passed, $FAIL failed"; }

for bin in libvirtd virsh qemu-system-x86_64 qemu-img; do
  if ! command -v "$bin" >/dev/null 2>&1; then
    bad "required program $bin is not installed (apt-get install libvirt-daemon libvirt-daemon-driver-qemu qemu-system-x86 qemu-utils libvirt-clients)"
    finish
    exit 1
  fi
done

WORK=$(mktemp -d /tmp/bdm-lab-live.XXXXXX)
# qemu runs as libvirt-qemu: the image directory must be reachable by it (mktemp gives 0700).
chmod 0755 "$WORK"
DOMAIN="bdm-lab-live-$$"
LIBVIRTD_PID=""
VIRTLOGD_PID=""
# the test domain's QEMU, as libvirt recorded it when the domain started
QEMU_PID=""
# set once bdm-lab may have defined the test domain
DEFINED=""

cleanup() {
  # libvirtd 9.0 now and then dies under the define checks: when none answers any more (the one
  # started here, or one that was already running and has gone meanwhile) and the test domain is
  # defined, one is started here (and stopped by its own PID below) so that it can be undefined
  if [ -n "$DEFINED" ] && ! virsh -c "$URI" version >/dev/null 2>&1 && { [ -z "$LIBVIRTD_PID" ] || ! kill -0 "$LIBVIRTD_PID" 2>/dev/null; }; then
    echo "note - libvirtd${LIBVIRTD_PID:+ (pid $LIBVIRTD_PID)} is gone: one started again to undefine $DOMAIN" >&2
    rm -f "$WORK/libvirtd.pid"
    libvirtd -d -p "$WORK/libvirtd.pid" >>"$WORK/libvirtd.log" 2>&1
    for _ in $(seq 1 40); do
      [ -s "$WORK/libvirtd.pid" ] && virsh -c "$URI" version >/dev/null 2>&1 && break
      sleep 0.25
    done
    LIBVIRTD_PID=$(cat "$WORK/libvirtd.pid" 2>/dev/null || true)
  fi
  # on a busy host a virsh call can time out: destroy and undefine are tried again (a few seconds at
  # most) while libvirt still knows the domain, so that no definition is left in /etc/libvirt/qemu
  for _ in 1 2 3 4 5; do
    virsh -c "$URI" domstate "$DOMAIN" 2>/dev/null | grep -q '^shut off' && break
    virsh -c "$URI" dominfo "$DOMAIN" >/dev/null 2>&1 || break
    virsh -c "$URI" destroy "$DOMAIN" >/dev/null 2>&1 || sleep 1
  done
  for _ in 1 2 3 4 5; do
    virsh -c "$URI" dominfo "$DOMAIN" >/dev/null 2>&1 || break
    virsh -c "$URI" undefine "$DOMAIN" >/dev/null 2>&1 || sleep 1
  done
  if virsh -c "$URI" dominfo "$DOMAIN" >/dev/null 2>&1; then echo "note - the test domain $DOMAIN is still defined: virsh -c $URI undefine $DOMAIN" >&2; fi
  # a destroy that did not get through (a busy host) leaves the guest's QEMU running: end it by its recorded PID
  if [ -n "$QEMU_PID" ] && kill -0 "$QEMU_PID" 2>/dev/null; then
    kill "$QEMU_PID" 2>/dev/null || true
    for _ in 1 2 3 4 5 6 7 8 9 10; do kill -0 "$QEMU_PID" 2>/dev/null || break; sleep 0.5; done
  fi
  for pid in "$LIBVIRTD_PID" "$VIRTLOGD_PID"; do
    [ -n "$pid" ] || continue
    kill "$pid" 2>/dev/null || true
    for _ in 1 2 3 4 5 6 7 8 9 10; do kill -0 "$pid" 2>/dev/null || break; sleep 0.5; done
  done
  rm -rf "$WORK"
}
trap 'cleanup' EXIT

# libvirtd needs the user it runs QEMU as, and its runtime directories.
if [ "$(id -u)" = 0 ]; then
  getent group kvm >/dev/null || groupadd -r kvm
  getent group libvirt-qemu >/dev/null || groupadd -r libvirt-qemu
  getent passwd libvirt-qemu >/dev/null || useradd -r -g libvirt-qemu -G kvm libvirt-qemu
  getent group tss >/dev/null || groupadd -r tss
  getent passwd tss >/dev/null || useradd -r -g tss tss
  mkdir -p /var/log/libvirt /var/run/libvirt
fi

# QEMU's console log goes through virtlogd; start one (and remember it) if none listens.
if [ ! -S /run/libvirt/virtlogd-sock ] && command -v virtlogd >/dev/null 2>&1; then
  virtlogd -d -p "$WORK/virtlogd.pid" >"$WORK/virtlogd.log" 2>&1
  for _ in $(seq 1 20); do [ -S /run/libvirt/virtlogd-sock ] && break; sleep 0.25; done
  VIRTLOGD_PID=$(cat "$WORK/virtlogd.pid" 2>/dev/null || true)
fi
if ! virsh -c "$URI" version >/dev/null 2>&1; then
  libvirtd -d -p "$WORK/libvirtd.pid" >"$WORK/libvirtd.log" 2>&1
  for _ in $(seq 1 40); do
    [ -s "$WORK/libvirtd.pid" ] && virsh -c "$URI" version >/dev/null 2>&1 && break
    sleep 0.25
  done
  LIBVIRTD_PID=$(cat "$WORK/libvirtd.pid" 2>/dev/null || true)
fi
if virsh -c "$URI" version >/dev/null 2>&1; then ok "libvirtd answers on $URI${LIBVIRTD_PID:+ (started here, pid $LIBVIRTD_PID)}"; else
  bad "libvirtd does not answer on $URI" "$(tail -5 "$WORK/libvirtd.log" 2>/dev/null)"
  finish
  exit 1
fi

IMG="$WORK/volume-live.raw"
qemu-img create -f raw "$IMG" 64M >/dev/null && chmod 0666 "$IMG"
cat >"$WORK/domain.xml" <<XML
<domain type="qemu">
  <name>$DOMAIN</name>
  <memory unit="MiB">64</memory>
  <vcpu>1</vcpu>
  <os><type arch="x86_64" machine="pc">hvm</type></os>
  <features><acpi/></features>
  <devices><graphics type="vnc" autoport="yes" listen="127.0.0.1"/></devices>
</domain>
XML
DEFINED=1
if out=$(virsh -c "$URI" define "$WORK/domain.xml" 2>&1) && out2=$(virsh -c "$URI" start "$DOMAIN" 2>&1); then
  QEMU_PID=$(cat "/run/libvirt/qemu/$DOMAIN.pid" 2>/dev/null || true)
  case "$QEMU_PID" in ''|*[!0-9]*) QEMU_PID="" ;; esac
  ok "domain $DOMAIN defined and running${QEMU_PID:+ (QEMU pid $QEMU_PID)}"
else
  bad "could not define/start the test domain" "${out:-} ${out2:-}"
  finish
  exit 1
fi

VOL=f0f0f0f0-0000-4000-8000-00000000$(printf '%04d' $(( $$ % 10000 )))
INST=a1b2c3d4-e5f6-4a7b-8c9d-0e1f2a3b4c01
cat >"$WORK/live.labhost.json" <<JSON
{
  "name": "live",
  "description": "Written by test/integration/libvirt-live.sh",
  "profile": "modern",
  "microversion": "2.79",
  "libvirt": { "uri": "$URI", "domain": "$DOMAIN", "allowed_paths": ["$WORK"] },
  "backends": { "raw": { "protocol": "file", "directory": "$WORK" } },
  "volumes": [ { "id": "$VOL", "size": 1, "backend": "raw", "path": "$IMG" } ],
  "instances": [ { "uuid": "$INST", "name": "$DOMAIN" } ]
}
JSON

$CLI attach --lab "$WORK/live.labhost.json" --volume "$VOL" --instance "$INST" --real-libvirt --format json >"$WORK/out.json" 2>"$WORK/err.txt"
rc=$?
if [ "$rc" = 0 ]; then ok "bdm-lab attach --real-libvirt exits 0"; else bad "bdm-lab attach --real-libvirt exited $rc" "$(cat "$WORK/err.txt"; tail -c 2000 "$WORK/out.json")"; fi

if node -e '
  const r = JSON.parse(require("fs").readFileSync(process.argv[1], "utf8"));
  const real = r.steps.filter((s) => s.actor === "libvirtd (real)");
  if (r.outcome !== "attached") throw new Error("outcome " + r.outcome);
  if (!/<disk type="file" device="disk">/.test(r.xml)) throw new Error("not a file disk: " + r.xml);
  if (!real.some((s) => /attach-device/.test(s.text)) || !real.some((s) => /exit 0/.test(s.text))) throw new Error("no real libvirt answer in the timeline: " + JSON.stringify(real));
' "$WORK/out.json" 2>"$WORK/check.txt"; then ok "JSON says attached and carries libvirt's answer in the timeline"; else bad "JSON check" "$(cat "$WORK/check.txt")"; fi

blk=$(virsh -c "$URI" domblklist "$DOMAIN" --details 2>&1)
if printf '%s\n' "$blk" | grep -E "^ *file +disk +vdb +$IMG *$" >/dev/null; then ok "virsh domblklist shows vdb backed by $IMG"; else bad "domblklist does not show the disk" "$blk"; fi

# The same lab host pointing the volume at a host device (through a link in the allowed
# directory) or naming an ext URI: refused before virsh runs, nothing more is attached.
ln -s /dev/null "$WORK/to-dev.raw"
sed "s|\"path\": \"$IMG\"|\"path\": \"$WORK/to-dev.raw\"|" "$WORK/live.labhost.json" >"$WORK/dev.labhost.json"
sed "s|\"uri\": \"$URI\"|\"uri\": \"test+ext:///default?command=/bin/true\"|" "$WORK/live.labhost.json" >"$WORK/ext.labhost.json"
for lab in dev ext; do
  $CLI attach --lab "$WORK/$lab.labhost.json" --volume "$VOL" --instance "$INST" --real-libvirt --format json >"$WORK/$lab.out" 2>"$WORK/$lab.err"
  rc=$?
  if [ "$rc" = 2 ] && grep -q "not run" "$WORK/$lab.err"; then ok "a $lab lab host is refused before virsh runs: $(head -c 160 "$WORK/$lab.err")"; else bad "the $lab lab host was not refused (exit $rc)" "$(cat "$WORK/$lab.err")"; fi
done
blk=$(virsh -c "$URI" domblklist "$DOMAIN" --details 2>&1)
if [ "$(printf '%s\n' "$blk" | grep -c -E '^ *file +disk ')" = 1 ]; then ok "still exactly one attached file disk"; else bad "disks changed" "$blk"; fi

# bdm-lab's libvirt XML verdicts against the QEMU driver itself (define --validate per fixture).
if node --import tsx scripts/libvirt-define-check.ts "$URI" >"$WORK/define.txt" 2>&1; then ok "$(tail -1 "$WORK/define.txt")"; else bad "libvirt define agreement" "$(cat "$WORK/define.txt")"; fi

# Whole-domain documents: libvirt re-labels each (define --validate); a changed label or a
# disagreement with bdm-lab (a missed refusal, an error on an accepted document) fails.
if node --import tsx scripts/libvirt-label.ts --check "$URI" >"$WORK/labels.txt" 2>&1; then ok "$(tail -1 "$WORK/labels.txt")"; else bad "libvirt labels of the whole-domain documents" "$(cat "$WORK/labels.txt")"; fi

finish
[ "$FAIL" = 0 ]
