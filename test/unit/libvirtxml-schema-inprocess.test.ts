import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { checkInProcess, runLibvirtSchemaCheck, SCHEMA_DIRS, wrapForDomainSchema } from '../../server/src/libvirtxml/schemaCheck';
import { nodeHost, nodeRelaxNg } from '../../server/src/host';
import type { InProcessValidator, RunProgram } from '../../server/src/ports';

/**
 * libvirt's RelaxNG schema checked in this process (host/relaxng.ts: libxml2-wasm with libvirt's
 * own .rng files). Its verdict must be xmllint's (virt-xml-validate's) on every fixture, its
 * errors placed on what is at fault, and no program may run. Needs libvirt's schemas installed
 * (libvirt-clients); in CI their absence is a failure.
 */

const DIR = SCHEMA_DIRS.find((d) => existsSync(join(d, 'domain.rng')));
const skip = !DIR && !process.env.CI ? "libvirt's schemas are not installed (apt-get install libvirt-clients); set CI=1 to make this a failure" : false;
const WATCHDOG = { timeout: 600_000 }; // ~200 xmllint runs on a busy machine
const noProgram: RunProgram = async (file) => assert.fail(`a program was run: ${file}`);
const host = { ...nodeHost(), run: noProgram };
const relaxng = nodeRelaxNg(DIR ? [DIR] : []);

async function validator(): Promise<InProcessValidator> {
  const v = await relaxng.load();
  assert.ok(!('unavailable' in v), 'unavailable' in v ? v.unavailable : '');
  return v as InProcessValidator;
}

function fixtures(): Array<[string, string]> {
  const out: Array<[string, string]> = [];
  for (const sub of ['libvirtxml', 'libvirtdomain']) {
    const dir = join(__dirname, '..', 'fixtures', sub);
    for (const f of readdirSync(dir).filter((n) => n.endsWith('.xml')).sort()) out.push([`${sub}/${f}`, readFileSync(join(dir, f), 'utf8')]);
  }
  return out;
}

function haveXmllint(): boolean {
  try {
    execFileSync('xmllint', ['--version'], { stdio: 'ignore', timeout: 10_000 });
    return true;
  } catch {
    return false;
  }
}

test('libvirt schemas are installed (required in CI)', { skip }, () => {
  assert.ok(DIR, 'no domain.rng in the libvirt schema directories');
});

test('the in-process verdict is xmllint\'s on every fixture, and no program runs', { skip: skip || (!haveXmllint() && !process.env.CI ? 'xmllint not installed' : false), ...WATCHDOG }, async () => {
  const v = await validator();
  const work = mkdtempSync(join(tmpdir(), 'bdm-lab-inprocess-'));
  const disagree: string[] = [];
  let invalid = 0;
  let compared = 0;
  for (const [name, text] of fixtures()) {
    const r = await runLibvirtSchemaCheck(text, { ...host, relaxng: { load: async () => v } });
    if (r.notRun) continue; // a DOCTYPE or entities: handed to neither validator
    assert.equal(r.engine, 'in-process');
    const file = join(work, 'd.xml');
    writeFileSync(file, wrapForDomainSchema(text));
    let xmllintValid = true;
    try {
      execFileSync('xmllint', ['--noout', '--nonet', '--relaxng', join(DIR!, 'domain.rng'), file], { stdio: 'pipe', timeout: 30_000 });
    } catch {
      xmllintValid = false;
    }
    compared++;
    if (!xmllintValid) invalid++;
    if ((r.problems.length === 0) !== xmllintValid) disagree.push(`${name}: xmllint ${xmllintValid ? 'valid' : 'invalid'}, in-process ${r.problems.map((p) => p.message).join('; ') || 'valid'}`);
  }
  assert.deepEqual(disagree, []);
  assert.ok(compared >= 100 && invalid >= 20, `${compared} compared, ${invalid} invalid`);
});

test('errors are placed on the attribute or element at fault', { skip, ...WATCHDOG }, async () => {
  const v = await validator();
  const text = '<domain type="kvm">\n  <name>t</name>\n  <memory>131072</memory>\n  <os><type>hvm</type></os>\n  <devices>\n    <disk type="file" device="disk">\n      <driver name="qemu" cahce="none"/>\n      <source file="/a.img"/>\n      <target dev="vda" bus="virtio"/>\n    </disk>\n    <disk type="file" device="disk">\n      <source file="/b.img"/>\n      <target dev="vdb" bus="virtio"/>\n      <bogus/>\n    </disk>\n  </devices>\n</domain>\n';
  const r = await checkInProcess(text, v);
  const at = r.problems.map((p) => text.slice(p.span.offset, p.span.offset + p.span.length));
  assert.ok(at.includes('none') || at.includes('cahce'), `the bad attribute is blamed: ${at.join(', ')}`);
  assert.ok(at.includes('bogus'), `the unknown element is blamed: ${at.join(', ')}`);
  assert.ok(r.problems.every((p) => p.severity === 'error' && /libxml2|libvirt schema/.test(p.message)));
  // a lone <disk> is wrapped: line numbers stay the document's
  const disk = '<disk type="file" device="disk">\n  <source file="/a.img"/>\n  <target dev="vda" bus="virtio"/>\n  <readonly>x</readonly>\n</disk>\n';
  const d = await checkInProcess(disk, v);
  assert.ok(d.problems.length > 0);
  assert.deepEqual(await checkInProcess('<disk type="file" device="disk"><source file="/a.img"/><target dev="vda" bus="virtio"/></disk>', v), { available: true, problems: [], engine: 'in-process' });
});

test('a document with a DOCTYPE, entities or XInclude is never handed to the in-process validator', async () => {
  let calls = 0;
  const counting: InProcessValidator = { validate: () => (calls++, []) };
  for (const text of [
    '<!DOCTYPE domain SYSTEM "file:///etc/passwd"><domain/>',
    '<?xml version="1.0"?><!DOCTYPE d [<!ENTITY x SYSTEM "file:///etc/hostname">]><domain>&x;</domain>',
    '<domain xmlns:xi="http://www.w3.org/2001/XInclude"><xi:include href="/etc/passwd" parse="text"/></domain>',
  ]) {
    const r = await checkInProcess(text, counting);
    assert.ok(r.notRun, text);
    assert.equal(r.problems[0]?.severity, 'information');
  }
  assert.equal(calls, 0);
});

test('the engine itself reads no file a document names (defence in depth)', { skip, ...WATCHDOG }, async () => {
  const v = await validator();
  const secret = join(mkdtempSync(join(tmpdir(), 'bdm-lab-secret-')), 'secret.txt');
  writeFileSync(secret, 'TOP-SECRET-CONTENT');
  const errors = [
    ...v.validate(`<!DOCTYPE d [<!ENTITY x SYSTEM "file://${secret}">]><domain type="kvm"><name>&x;</name></domain>`),
    ...v.validate(`<!DOCTYPE domain SYSTEM "file://${secret}"><domain type="kvm"/>`),
    ...v.validate(`<domain xmlns:xi="http://www.w3.org/2001/XInclude" type="kvm"><xi:include href="file://${secret}" parse="text"/></domain>`),
  ];
  assert.ok(!JSON.stringify(errors).includes('TOP-SECRET'), JSON.stringify(errors));
});

test('without the engine or the schemas the check falls back to xmllint; secondOpinion notes a disagreement', async () => {
  const schemaDir = mkdtempSync(join(tmpdir(), 'bdm-lab-fallback-'));
  writeFileSync(join(schemaDir, 'domain.rng'), '<grammar/>');
  const ran: string[] = [];
  const fakeXmllint: RunProgram = async (file) => (ran.push(file), { exitCode: 0, signal: null, stdout: '', stderr: '', timedOut: false, error: null });
  const absent = nodeRelaxNg([join(schemaDir, 'nothing-here')]);
  const loaded = await absent.load();
  assert.ok('unavailable' in loaded && /not found/.test(loaded.unavailable));
  const r = await runLibvirtSchemaCheck('<domain type="kvm"/>', { ...nodeHost(), run: fakeXmllint, relaxng: absent }, { schemaDirs: [schemaDir] });
  assert.deepEqual(r, { available: true, problems: [] });
  assert.deepEqual(ran, ['xmllint']);
  // the in-process validator refuses, xmllint (fake) accepts: the second opinion says so
  const refusing: InProcessValidator = { validate: () => [{ line: 1, message: 'Element domain failed to validate content', element: 'domain' }] };
  const two = await runLibvirtSchemaCheck('<domain type="kvm"/>', { ...nodeHost(), run: fakeXmllint, relaxng: { load: async () => refusing } }, { schemaDirs: [schemaDir], secondOpinion: true });
  assert.equal(two.engine, 'in-process');
  assert.ok(two.problems.some((p) => p.severity === 'information' && /Second opinion: xmllint .* accepts it/.test(p.message)), JSON.stringify(two.problems));
  assert.equal(ran.length, 2);
});
