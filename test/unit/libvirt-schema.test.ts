/**
 * Every <disk> our tests generate, wrapped in a minimal domain and checked with libvirt's own
 * RelaxNG schema (`virt-xml-validate FILE domain`, Debian libvirt-clients). In CI a missing
 * validator is a failure; elsewhere the test is skipped with the install hint.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { guestDiskSets, GOLDEN, novaXmlCases, ours26, oursModern } from '../fixtures/xml/cases';

const found = spawnSync('sh', ['-c', 'command -v virt-xml-validate'], { encoding: 'utf8' });
const validator = found.status === 0 ? found.stdout.trim() : null;
const HINT = 'virt-xml-validate not found: apt-get install -y --no-install-recommends libvirt-clients libxml2-utils';

/** A domain with just enough around the disks for the schema (name, memory, os). */
function domain(disks: string[], virt = 'kvm', arch = 'x86_64'): string {
  const body = disks.map((d) => d.replace(/^(?=.)/gm, '    ')).join('');
  return `<domain type="${virt}">
  <name>bdm-lab-schema</name>
  <memory unit="KiB">524288</memory>
  <os>
    <type arch="${arch}">hvm</type>
  </os>
  <devices>
${body}  </devices>
</domain>
`;
}

/**
 * Documents Nova itself would write but libvirt refuses; they must be rejected, which checks
 * that the validator really runs and that we know why.
 */
function knownInvalid(xml: string): string | null {
  if (/<disk type="file" device="lun">/.test(xml)) return 'a lun must be block- or network-backed (Nova writes a file-backed one for a local disk with device_type lun)';
  if (/<total_(bytes|iops)_sec>/.test(xml) && /<(read|write)_(bytes|iops)_sec>/.test(xml)) return 'libvirt forbids total_* beside read_*/write_* (Nova copies any qos_specs mix)';
  if (/<host name="[^"]*(&amp;|&lt;)/.test(xml)) return 'a monitor host name must be a host name or address';
  return null;
}

function documents(): Array<{ id: string; xml: string }> {
  const docs: Array<{ id: string; xml: string }> = [];
  const byId = new Map(novaXmlCases().map((c) => [c.id, c]));
  for (const c of byId.values()) if (c.nova_error === null) docs.push({ id: `volume-26-${c.id}`, xml: domain([ours26(c)]) });
  for (const g of GOLDEN) docs.push({ id: `golden-${g.file}`, xml: domain([oursModern(byId.get(g.from)!)]) });
  for (const s of guestDiskSets()) {
    // no <disk> to check (an LXC guest with an image root has only its <filesystem>)
    if (!s.xml.some((x) => x.includes('<disk'))) continue;
    docs.push({ id: `guest-${s.id}`, xml: domain(s.xml, s.ctx.libvirt.virt_type === 'parallels' ? 'kvm' : s.ctx.libvirt.virt_type) });
  }
  return docs;
}

test('generated domains are well-formed and parse back with every disk', () => {
  const parser = new XMLParser({ ignoreAttributes: false, isArray: (name) => name === 'disk' });
  for (const d of documents()) {
    assert.equal(XMLValidator.validate(d.xml), true, d.id);
    const parsed = parser.parse(d.xml) as { domain: { devices: { disk: unknown[] } } };
    assert.ok(parsed.domain.devices.disk.length >= 1, d.id);
  }
});

test("libvirt's schema accepts every generated <disk> (virt-xml-validate)", (t) => {
  if (!validator) {
    if (process.env.CI) assert.fail(`${HINT} (CI is set, so this is a failure, not a skip)`);
    t.skip(HINT);
    return;
  }
  const dir = mkdtempSync(join(tmpdir(), 'bdm-lab-schema-'));
  try {
    const failures: string[] = [];
    const docs = documents();
    let refused = 0;
    for (const d of docs) {
      const file = join(dir, `${d.id.replace(/[^A-Za-z0-9_.-]/g, '_')}.xml`);
      writeFileSync(file, d.xml);
      const r = spawnSync(validator, [file, 'domain'], { encoding: 'utf8' });
      const why = knownInvalid(d.xml);
      if (why !== null) {
        refused++;
        if (r.status === 0) failures.push(`${d.id}: expected libvirt to refuse it (${why}), but it validated`);
      } else if (r.status !== 0) {
        failures.push(`${d.id}: ${(r.stderr || r.stdout).trim()}\n${d.xml}`);
      }
    }
    assert.deepEqual(failures, [], `${failures.length} of ${docs.length} documents went the wrong way`);
    assert.ok(refused > 0 && refused < docs.length);
    t.diagnostic(`${docs.length - refused} domain documents valid, ${refused} refused as expected`);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
