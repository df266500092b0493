// Issue 13, point 3, through the language server: Simulate Attach answers with the plan of the
// real libvirt step (URI, domain, source path, XML, or why it will not run), and the real step
// runs only the plan the user confirmed and only if it passes the checks. A lab host with an
// `ext` URI must never make virsh run its program.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { chmodSync, existsSync, mkdirSync, mkdtempSync, realpathSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startServer } from './helpers.mjs';

const VOL = 'f0f0f0f0-0000-4000-8000-000000000001';
const INST = 'a1b2c3d4-e5f6-4a7b-8c9d-0e1f2a3b4c01';

function labHost(dir, libvirt, path) {
  const file = join(dir, `lab-${Math.random().toString(36).slice(2)}.labhost.json`);
  writeFileSync(file, JSON.stringify({
    name: 'real', profile: 'modern', microversion: '2.79', libvirt,
    volumes: [{ id: VOL, size: 1, backend: 'file', path }],
    instances: [{ uuid: INST }],
  }));
  return file;
}

async function simulate(settings, extra = {}) {
  // The lab-host files live in a temp dir outside any workspace folder: named by user settings.
  const s = await startServer({ settings: { ...settings, labHostScope: 'user' } });
  try {
    const uri = `file:///tmp/lsp-real-${Math.random().toString(36).slice(2)}.json`;
    await s.open(uri, JSON.stringify({ volumeAttachment: { volumeId: VOL } }));
    await s.waitDiagnostics(uri);
    return await s.conn.sendRequest('bdmLab/simulate', { uri, instance: INST, ...extra });
  } finally {
    await s.stop();
  }
}

test('simulate carries the real plan; refused plans say why and never run', { timeout: 60_000 }, async () => {
  const dir = realpathSync(mkdtempSync(join(tmpdir(), 'bdm-lab-lsp-real-')));
  try {
    const vols = join(dir, 'vols');
    mkdirSync(vols);
    const img = join(vols, 'v.raw');
    writeFileSync(img, '');
    const marker = join(dir, 'EXT-RAN');
    const prog = join(dir, 'prog.sh');
    writeFileSync(prog, `#!/bin/sh\ntouch '${marker}'\n`);
    chmodSync(prog, 0o755);

    // A good plan: shown in full.
    const good = labHost(dir, { uri: 'test:///default', domain: 'test', allowed_paths: [vols] }, img);
    const r = await simulate({ labHost: good });
    assert.equal(r.error, undefined, r.error);
    assert.equal(r.result.outcome, 'attached');
    assert.equal(r.realPlan.refused, null);
    assert.equal(r.realPlan.uri, 'test:///default');
    assert.equal(r.realPlan.domain, 'test');
    assert.equal(r.realPlan.sourcePath, img);
    assert.ok(r.realPlan.xml.includes(`<source file="${img}"/>`), r.realPlan.xml);

    // Asking for the real step without the confirmed plan, or with another one: not run.
    const noConfirm = await simulate({ labHost: good }, { realLibvirt: true });
    assert.ok(noConfirm.result.steps.some((s) => s.actor === 'libvirtd (real)' && /^not run: the plan changed/.test(s.text)), JSON.stringify(noConfirm.result.steps.slice(-2)));
    const other = await simulate({ labHost: good }, { realLibvirt: true, confirmedPlan: { ...r.realPlan, xml: r.realPlan.xml.replace(img, '/etc/shadow') } });
    assert.ok(other.result.steps.some((s) => /^not run: the plan changed/.test(s.text)));

    // Hostile lab hosts: an ext URI (even named in the setting), /dev/sda, a domain read as an option.
    const hostile = [
      [{ uri: `test+ext:///default?command=${prog}`, domain: 'test', allowed_paths: [vols] }, img, /ext/],
      [{ uri: 'qemu:///system', domain: '--live', allowed_paths: [vols] }, img, /starts with "-"/],
      [{ uri: 'qemu:///system', domain: 'vm', allowed_paths: [vols] }, '/dev/sda', /devices/],
      [{ uri: 'qemu:///system', domain: 'vm' }, img, /allowed_paths/],
    ];
    for (const [libvirt, path, why] of hostile) {
      const file = labHost(dir, libvirt, path);
      const settings = { labHost: file, libvirtUris: [libvirt.uri] };
      const a = await simulate(settings);
      assert.match(a.realPlan.refused ?? '', why);
      assert.equal(a.realPlan.uri, libvirt.uri);
      const b = await simulate(settings, { realLibvirt: true, confirmedPlan: a.realPlan });
      const real = b.result.steps.filter((s) => s.actor === 'libvirtd (real)');
      assert.equal(real.length, 1, JSON.stringify(real));
      assert.match(real[0].text, /^not run: /);
    }
    assert.equal(existsSync(marker), false, 'the ext transport ran the lab host\'s program');
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
