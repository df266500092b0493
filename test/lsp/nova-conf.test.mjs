// bdmLab.novaConf over stdio (issue 17): the compute node's nova.conf changes the preview's
// <disk> XML; the path is checked as a lab-host path is (trusted workspaces only, *.conf only,
// inside the workspace folders unless the user's own settings named it, links may not lead out);
// options bdm-lab does not model are named in the status.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { startServer } from './helpers.mjs';

const IMAGE_BODY = JSON.stringify({ server: { name: 's', imageRef: '70a599e0-31e7-49b7-b260-868f441e862b', flavorRef: '1', networks: 'none',
  block_device_mapping_v2: [{ boot_index: 0, uuid: '70a599e0-31e7-49b7-b260-868f441e862b', source_type: 'image', destination_type: 'local' }] } });
const NOVA_CONF = '[DEFAULT]\n# a comment\nuse_cow_images = false\ndebug = true\n[libvirt]\ndisk_cachemodes = file=directsync\n';

async function previewWith({ settings, trusted, folder }) {
  const s = await startServer({ settings, initializationOptions: trusted === undefined ? undefined : { trusted }, workspaceFolder: pathToFileURL(folder).href });
  try {
    const uri = pathToFileURL(join(folder, 'image.bdm.json')).href;
    await s.open(uri, IMAGE_BODY);
    await s.waitDiagnostics(uri);
    const preview = await s.conn.sendRequest('bdmLab/previewDisks', { uri });
    const status = await s.conn.sendRequest('bdmLab/status', { uri });
    return { xml: preview.xml, problems: status.settingsProblems ?? [] };
  } finally {
    await s.stop();
  }
}

test('bdmLab.novaConf: read in a trusted workspace, its options in the XML, the others named; refused unread otherwise', { timeout: 240_000 }, async () => {
  const ws = mkdtempSync(join(tmpdir(), 'bdm-lab-novaconf-'));
  const elsewhere = mkdtempSync(join(tmpdir(), 'bdm-lab-novaconf-out-'));
  try {
    writeFileSync(join(ws, 'nova.conf'), NOVA_CONF);
    writeFileSync(join(elsewhere, 'nova.conf'), NOVA_CONF);
    symlinkSync(join(elsewhere, 'nova.conf'), join(ws, 'link.conf'));
    const read = await previewWith({ settings: { novaConf: 'nova.conf' }, folder: ws });
    assert.match(read.xml, /<driver name="qemu" type="raw" cache="directsync"\/>/);
    assert.ok(read.problems.some((p) => /debug/.test(p)), JSON.stringify(read.problems));
    const plain = '<driver name="qemu" type="qcow2" cache="none"/>';
    const refusals = [
      [{ novaConf: 'nova.conf' }, false, /not read in an untrusted workspace/],
      [{ novaConf: '/etc/passwd', novaConfScope: 'user' }, true, /not a \*\.conf file; it was not looked at/],
      [{ novaConf: join(elsewhere, 'nova.conf') }, true, /outside the workspace folders/],
      [{ novaConf: 'link.conf' }, true, /leads outside the workspace folder/],
    ];
    for (const [settings, trusted, expected] of refusals) {
      const r = await previewWith({ settings, trusted, folder: ws });
      assert.ok(r.xml.includes(plain), `${JSON.stringify(settings)}: ${r.xml}`);
      assert.ok(r.problems.some((p) => expected.test(p)), `${JSON.stringify(settings)}: ${JSON.stringify(r.problems)}`);
    }
    const fromUser = await previewWith({ settings: { novaConf: join(elsewhere, 'nova.conf'), novaConfScope: 'user' }, folder: ws });
    assert.match(fromUser.xml, /cache="directsync"/);
  } finally {
    rmSync(ws, { recursive: true, force: true });
    rmSync(elsewhere, { recursive: true, force: true });
  }
});

test('a .bdm-context.json "nova_conf": "PATH": read relative to it in a trusted workspace, never from outside the workspace', { timeout: 180_000 }, async () => {
  const ws = mkdtempSync(join(tmpdir(), 'bdm-lab-ctxconf-'));
  const elsewhere = mkdtempSync(join(tmpdir(), 'bdm-lab-ctxconf-out-'));
  try {
    writeFileSync(join(ws, 'nova.conf'), NOVA_CONF);
    writeFileSync(join(elsewhere, 'nova.conf'), NOVA_CONF);
    writeFileSync(join(ws, '.bdm-context.json'), JSON.stringify({ nova_conf: 'nova.conf' }));
    const read = await previewWith({ settings: {}, folder: ws });
    assert.match(read.xml, /<driver name="qemu" type="raw" cache="directsync"\/>/);
    assert.ok(read.problems.some((p) => /nova_conf .*debug/.test(p)), JSON.stringify(read.problems));
    const untrusted = await previewWith({ settings: {}, trusted: false, folder: ws });
    assert.match(untrusted.xml, /type="qcow2" cache="none"/);
    assert.ok(untrusted.problems.some((p) => /untrusted workspace/.test(p)), JSON.stringify(untrusted.problems));
    writeFileSync(join(ws, '.bdm-context.json'), JSON.stringify({ nova_conf: join(elsewhere, 'nova.conf') }));
    const outside = await previewWith({ settings: {}, folder: ws });
    assert.match(outside.xml, /type="qcow2" cache="none"/);
    assert.ok(outside.problems.some((p) => /outside the workspace folders/.test(p)), JSON.stringify(outside.problems));
  } finally {
    rmSync(ws, { recursive: true, force: true });
    rmSync(elsewhere, { recursive: true, force: true });
  }
});
