// Workspace trust and lab-host files (issue 13, point 4), against the bundled server over stdio.
// An untrusted workspace never gets a lab-host file looked at: the answer is the same for an
// existing file, a missing one and a FIFO (which would hang a server that opened it); a path
// that is not *.labhost.json is refused unread even when trusted; a path outside the workspace
// folders is read only when the user's own settings named it.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { startServer } from './helpers.mjs';

const DEFAULT_LAB = readFileSync(new URL('../../labhosts/default.labhost.json', import.meta.url), 'utf8');
const SAMPLE = readFileSync(new URL('../../samples/workspace/boot-from-volume.bdm.json', import.meta.url), 'utf8');
const WATCHDOG_MS = 30_000;

/** A request that must be answered; a server stuck on a file (a FIFO) fails the test instead of hanging it. */
function ask(s, method, params) {
  let timer;
  return Promise.race([
    s.conn.sendRequest(method, params),
    new Promise((_, reject) => {
      timer = setTimeout(() => reject(new Error(`${method} not answered in ${WATCHDOG_MS} ms (is the server blocked on a file?)`)), WATCHDOG_MS);
    }),
  ]).finally(() => clearTimeout(timer));
}

async function stop(s) {
  // A server blocked in a read never answers shutdown: do not wait for it.
  await Promise.race([s.stop(), new Promise((r) => setTimeout(r, 2000))]);
  if (s.child.exitCode === null) s.child.kill('SIGKILL');
}

function scratch() {
  const dir = mkdtempSync(join(tmpdir(), 'bdm-lab-trust-'));
  return { dir, cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}

/** Starts a server whose every settings answer is `settings`, opens the sample, returns the labHosts answer. */
async function labHostsWith({ settings, trusted, folder }) {
  const s = await startServer({ settings, initializationOptions: trusted === undefined ? undefined : { trusted }, workspaceFolder: folder ? pathToFileURL(folder).href : null });
  try {
    const uri = folder ? pathToFileURL(join(folder, 'bfv.bdm.json')).href : 'file:///tmp/bfv.bdm.json';
    await s.open(uri, SAMPLE);
    return await ask(s, 'bdmLab/labHosts', { uri });
  } finally {
    await stop(s);
  }
}

test('untrusted: a setting naming /etc/passwd is refused unread, and the refusal does not depend on the target', { timeout: 120_000 }, async () => {
  const passwd = await labHostsWith({ settings: { labHost: '/etc/passwd' }, trusted: false });
  assert.equal(passwd.trusted, false);
  assert.equal(passwd.current, '/etc/passwd');
  assert.deepEqual(passwd.instances, []);
  assert.match(passwd.problem, /not a \*\.labhost\.json file; it was not looked at/);
  const missing = await labHostsWith({ settings: { labHost: '/etc/no-such-file-here' }, trusted: false });
  assert.equal(missing.problem.replace('/etc/no-such-file-here', 'X'), passwd.problem.replace('/etc/passwd', 'X'), 'an existence probe: the answers differ');
});

test('untrusted: an existing, a missing and a FIFO *.labhost.json get the same "untrusted" answer, and the server never blocks', { timeout: 120_000 }, async () => {
  const { dir, cleanup } = scratch();
  try {
    writeFileSync(join(dir, 'real.labhost.json'), DEFAULT_LAB);
    execFileSync('mkfifo', [join(dir, 'fifo.labhost.json')]);
    const answers = {};
    for (const name of ['real', 'missing', 'fifo']) {
      const file = join(dir, `${name}.labhost.json`);
      const r = await labHostsWith({ settings: { labHost: file, labHostScope: 'user' }, trusted: false, folder: dir });
      assert.equal(r.trusted, false);
      assert.deepEqual(r.volumes, [], `${name}: the lab host's volumes were read`);
      answers[name] = r.problem.replace(file, 'FILE');
    }
    assert.match(answers.real, /not read in an untrusted workspace/);
    assert.equal(answers.missing, answers.real, 'existing and missing files are told apart');
    assert.equal(answers.fifo, answers.real);
  } finally {
    cleanup();
  }
});

test('untrusted: embedded lab hosts still work; no Simulate Attach lens, the preview still answers', { timeout: 60_000 }, async () => {
  const embedded = await labHostsWith({ settings: { labHost: 'iscsi' }, trusted: false });
  assert.equal(embedded.problem, null);
  assert.equal(embedded.current, 'iscsi');
  assert.ok(embedded.volumes.length > 0);

  const s = await startServer({ initializationOptions: { trusted: false } });
  try {
    const uri = 'file:///tmp/untrusted-bfv.bdm.json';
    await s.open(uri, SAMPLE);
    await s.waitDiagnostics(uri);
    const titles = (await ask(s, 'textDocument/codeLens', { textDocument: { uri } })).map((l) => l.command.title);
    assert.ok(titles.some((t) => t.startsWith('Preview libvirt XML')), titles.join(' | '));
    assert.ok(!titles.some((t) => /Simulate Attach/.test(t)), `a Simulate Attach lens in an untrusted workspace: ${titles.join(' | ')}`);
    const attachUri = 'file:///tmp/untrusted-attach.json';
    await s.open(attachUri, '{"volumeAttachment": {"volumeId": "a26887c6-c47b-4654-abb5-dfadf7d3f803"}}');
    await s.waitDiagnostics(attachUri);
    assert.deepEqual(await ask(s, 'textDocument/codeLens', { textDocument: { uri: attachUri } }), []);
    const p = await ask(s, 'bdmLab/previewDisks', { uri });
    assert.match(p.xml, /<target dev="vda" bus="virtio"\/>/);
  } finally {
    await stop(s);
  }
});

test('trusted: only *.labhost.json, inside the workspace unless the user settings named it, regular files only', { timeout: 180_000 }, async () => {
  const ws = scratch();
  const elsewhere = scratch();
  try {
    mkdirSync(join(ws.dir, 'lab'));
    writeFileSync(join(ws.dir, 'lab', 'mine.labhost.json'), DEFAULT_LAB);
    writeFileSync(join(elsewhere.dir, 'other.labhost.json'), DEFAULT_LAB);
    symlinkSync(join(elsewhere.dir, 'other.labhost.json'), join(ws.dir, 'link.labhost.json'));
    execFileSync('mkfifo', [join(ws.dir, 'fifo.labhost.json')]);
    const outside = join(elsewhere.dir, 'other.labhost.json');
    const cases = [
      // [setting, scope, expected problem (null = loaded)]
      ['lab/mine.labhost.json', undefined, null],
      [join(ws.dir, 'lab', 'mine.labhost.json'), undefined, null],
      ['/etc/passwd', 'user', /not a \*\.labhost\.json file; it was not looked at/],
      ['lab/../../../etc/passwd', undefined, /not a \*\.labhost\.json file/],
      [outside, undefined, /outside the workspace folders; a lab-host file from elsewhere must be named in your user settings/],
      [outside, 'workspace', /outside the workspace folders/],
      ['../' + outside.split('/').slice(-2).join('/'), undefined, /outside the workspace folders/],
      [outside, 'user', null],
      ['link.labhost.json', undefined, /leads outside the workspace folders/],
      ['fifo.labhost.json', undefined, /not a regular file/],
      ['lab/none.labhost.json', undefined, /no such file/],
    ];
    for (const [labHost, labHostScope, expected] of cases) {
      const r = await labHostsWith({ settings: { labHost, ...(labHostScope ? { labHostScope } : {}) }, folder: ws.dir });
      assert.equal(r.trusted, true);
      if (expected === null) {
        assert.equal(r.problem, null, `${labHost} (${labHostScope}): ${r.problem}`);
        assert.ok(r.volumes.length > 0, `${labHost}: no volumes`);
      } else {
        assert.match(String(r.problem), expected, `${labHost} (${labHostScope})`);
        assert.deepEqual(r.volumes, [], `${labHost}: refused but read`);
      }
    }
  } finally {
    ws.cleanup();
    elsewhere.cleanup();
  }
});
