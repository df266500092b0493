// Per-file contexts (issue 16): a bdmLab.contexts glob → context file or inline context, and a
// $bdm modeline, so one workspace holds bodies judged at different microversions and flavors.
// The status names what applies; a context file outside the workspace folder is not read.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { startServer } from './helpers.mjs';

// tag on a BDM: refused at 2.1 and 2.19, allowed at 2.32 (from 2.37 networks would be needed)
const BODY = '{"server": {"name": "s", "flavorRef": "1", "imageRef": "70a599e0-31e7-49b7-b260-868f441e862b", "block_device_mapping_v2": [{"boot_index": 0, "uuid": "70a599e0-31e7-49b7-b260-868f441e862b", "source_type": "image", "destination_type": "local", "tag": "root"}]}}';
const tagRefused = (d) => d.diagnostics.some((x) => x.severity === 1 && /tag/.test(x.message.split('\n')[0]));
const messages = (d) => JSON.stringify(d.diagnostics.map((x) => x.message.split('\n')[0]));

test('bdmLab.contexts and $bdm modelines give each file its own context; the status says which', { timeout: 120_000 }, async () => {
  const root = mkdtempSync(join(tmpdir(), 'bdm-file-ctx-'));
  const ws = join(root, 'ws');
  for (const d of ['envs', 'queens', 'legacy', 'other', 'modes']) mkdirSync(join(ws, d), { recursive: true });
  writeFileSync(join(ws, '.bdm-context.json'), '{"microversion": "2.1"}');
  writeFileSync(join(ws, 'envs', 'queens.ctx.json'), '{"microversion": "2.32", "flavor": {"root_gb": 40, "ephemeral_gb": 0, "swap_mb": 0}}');
  writeFileSync(join(root, 'outside.ctx.json'), '{"microversion": "2.32"}');
  const settings = {
    contexts: {
      'queens/**': 'envs/queens.ctx.json',
      'legacy/*.json': { microversion: '2.19' },
      'other/escape.json': '../outside.ctx.json',
      'other/bad.json': { microversion: 2 },
    },
  };
  const s = await startServer({ settings, workspaceFolder: pathToFileURL(ws).href });
  const open = async (rel, text, lang = 'json') => {
    const uri = pathToFileURL(join(ws, rel)).href;
    writeFileSync(join(ws, rel), text);
    await s.open(uri, text, lang);
    const d = await s.waitDiagnostics(uri);
    const st = await s.conn.sendRequest('bdmLab/status', { uri });
    return { uri, d, st };
  };
  try {
    const q = await open('queens/a.json', BODY);
    assert.equal(q.st.microversion, '2.32');
    assert.equal(q.st.sources.microversion, 'contexts');
    assert.deepEqual(q.st.flavor, { root_gb: 40, ephemeral_gb: 0, swap_mb: 0 });
    assert.equal(q.st.contextFile, join(ws, 'envs', 'queens.ctx.json'));
    assert.deepEqual(q.st.contextRules, ['bdmLab.contexts "queens/**"']);
    assert.ok(!tagRefused(q.d), messages(q.d));

    const l = await open('legacy/b.json', BODY);
    assert.equal(l.st.microversion, '2.19');
    assert.equal(l.st.sources.microversion, 'contexts');
    assert.deepEqual(l.st.contextRules, ['bdmLab.contexts "legacy/*.json"']);
    assert.ok(tagRefused(l.d), messages(l.d));

    // no glob matches: the folder's .bdm-context.json (2.1) refuses the tag
    const o = await open('other/c.json', BODY);
    assert.equal(o.st.microversion, '2.1');
    assert.equal(o.st.sources.microversion, 'file');
    assert.deepEqual(o.st.contextRules, []);
    assert.ok(tagRefused(o.d), messages(o.d));

    // a modeline beats the glob and the folder file
    const m = await open('queens/mode.jsonc', `// $bdm microversion=2.19 root_gb=10 ephemeral_gb=1 swap_mb=512\n${BODY}`, 'jsonc');
    assert.equal(m.st.microversion, '2.19');
    assert.equal(m.st.sources.microversion, 'modeline');
    assert.deepEqual(m.st.flavor, { root_gb: 10, ephemeral_gb: 1, swap_mb: 512 });
    assert.deepEqual(m.st.contextRules, ['$bdm (line 1)', 'bdmLab.contexts "queens/**"']);
    assert.ok(tagRefused(m.d), messages(m.d));
    // … and follows an edit of the modeline
    await s.change(m.uri, 2, `// $bdm microversion=2.32\n${BODY}`);
    await s.waitDiagnostics(m.uri, (d) => !tagRefused(d));
    const m2 = await s.conn.sendRequest('bdmLab/status', { uri: m.uri });
    assert.equal(m2.microversion, '2.32');
    assert.equal(m2.flavor.root_gb, 40, "without its flavor keys, the glob's context file gives the flavor");

    // modeline context= a file next to it
    const f = await open('modes/f.jsonc', `/* $bdm context=../envs/queens.ctx.json */\n${BODY}`, 'jsonc');
    assert.equal(f.st.microversion, '2.32');
    assert.equal(f.st.contextFile, join(ws, 'envs', 'queens.ctx.json'));
    assert.ok(!tagRefused(f.d), messages(f.d));

    // outside the workspace folder: not read, said so, the folder's context applies
    const e = await open('other/escape.json', BODY);
    assert.equal(e.st.microversion, '2.1');
    assert.match(e.st.contextProblem, /outside the workspace folder; it was not read/);
    const g = await open('modes/g.jsonc', `// $bdm context=../../outside.ctx.json\n${BODY}`, 'jsonc');
    assert.equal(g.st.microversion, '2.1');
    assert.match(g.st.contextProblem, /\$bdm context=: .*outside the workspace folder/);

    // a bad inline context or modeline key is named, and ignored
    const b = await open('other/bad.json', BODY);
    assert.match(b.st.contextProblem, /bdmLab\.contexts\["other\/bad\.json"\]: microversion: must be string/);
    assert.equal(b.st.microversion, '2.1');
    const k = await open('modes/k.jsonc', `# $bdm microversion=two lab=x\n${BODY}`, 'jsonc');
    assert.match(k.st.contextProblem, /\$bdm line 1: /);
    assert.equal(k.st.microversion, '2.1');
  } finally {
    await s.stop();
    rmSync(root, { recursive: true, force: true });
  }
});

test('the requests on one version share its inputs: a context file changed on disk counts once the client reports it', { timeout: 120_000 }, async () => {
  const ws = mkdtempSync(join(tmpdir(), 'bdm-file-ctx-version-'));
  writeFileSync(join(ws, '.bdm-context.json'), '{"microversion": "2.1"}');
  const s = await startServer({ workspaceFolder: pathToFileURL(ws).href });
  const uri = pathToFileURL(join(ws, 'a.json')).href;
  const tagHover = async () => (await s.hover(uri, 0, BODY.indexOf('"tag"') + 1))?.contents?.value ?? '';
  try {
    writeFileSync(join(ws, 'a.json'), BODY);
    await s.open(uri, BODY);
    assert.ok(tagRefused(await s.waitDiagnostics(uri)));
    assert.match(await tagHover(), /microversion is 2\.1 — \*\*not allowed\*\*/);
    // changed on disk, not reported: the hover of this version agrees with its published diagnostics
    writeFileSync(join(ws, '.bdm-context.json'), '{"microversion": "2.32"}');
    assert.match(await tagHover(), /microversion is 2\.1 — \*\*not allowed\*\*/);
    // reported (as the client's file watcher does): judged again with the new context, and the hover follows
    await s.conn.sendNotification('workspace/didChangeWatchedFiles', { changes: [{ uri: pathToFileURL(join(ws, '.bdm-context.json')).href, type: 2 }] });
    await s.waitDiagnostics(uri, (d) => !tagRefused(d));
    assert.doesNotMatch(await tagHover(), /not allowed/);
    // a new version reads the inputs again: the file's next change counts from the next edit on
    writeFileSync(join(ws, '.bdm-context.json'), '{"microversion": "2.19"}');
    await s.change(uri, 2, BODY.replace('"name": "s"', '"name": "t"'));
    await s.waitDiagnostics(uri, (d) => d.version === 2 && tagRefused(d));
    assert.match(await tagHover(), /microversion is 2\.19 — \*\*not allowed\*\*/);
  } finally {
    await s.stop();
    rmSync(ws, { recursive: true, force: true });
  }
});
