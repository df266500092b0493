/**
 * Issue 13: a workspace's `.bdm-context.json` is hostile. A link to /dev/zero or a FIFO must not
 * hang or exhaust the server (it reads the context synchronously), a link to a file elsewhere on
 * the machine must not be read, and an oversized file is refused. Each lookup runs in a child
 * process with a kill timer: a blocking read cannot be interrupted from inside the process.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, mkdirSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';

const ROOT = join(__dirname, '..', '..');
const WATCHDOG_MS = 60_000;

/** nearestContextFile for a document in `folder`, in a child process; null when it was killed. */
function lookup(folder: string): { file: string; context: Record<string, unknown>; problems: Array<{ message: string }> } | null | 'killed' {
  const doc = pathToFileURL(join(folder, 'body.json')).toString();
  const code = `const m = require(${JSON.stringify(join(ROOT, 'server/src/lsp/contextFiles.ts'))});
    process.stdout.write(JSON.stringify(m.nearestContextFile(${JSON.stringify(doc)}, [${JSON.stringify(pathToFileURL(folder).toString())}])));`;
  const r = spawnSync(process.execPath, ['--import', 'tsx', '-e', code], { cwd: ROOT, timeout: WATCHDOG_MS, encoding: 'utf8', maxBuffer: 1 << 20 });
  if (r.signal) return 'killed';
  assert.equal(r.status, 0, r.stderr);
  return JSON.parse(r.stdout);
}

function workspace(): string {
  return mkdtempSync(join(tmpdir(), 'bdm-lab-ctx-'));
}

test('a context file linked to /dev/zero is refused, not read forever', { timeout: WATCHDOG_MS * 2 }, () => {
  const ws = workspace();
  try {
    symlinkSync('/dev/zero', join(ws, '.bdm-context.json'));
    const r = lookup(ws);
    assert.notEqual(r, 'killed', 'the lookup hung');
    assert.ok(r && r !== 'killed');
    assert.deepEqual(r.context, {});
    assert.match(r.problems[0]!.message, /outside the workspace folder|not a regular file/);
  } finally {
    rmSync(ws, { recursive: true, force: true });
  }
});

test('a context file that is a FIFO is refused without blocking', { timeout: WATCHDOG_MS * 2 }, () => {
  const ws = workspace();
  try {
    execFileSync('mkfifo', [join(ws, '.bdm-context.json')]);
    const r = lookup(ws);
    assert.notEqual(r, 'killed', 'the lookup blocked on the FIFO');
    assert.ok(r && r !== 'killed');
    assert.match(r.problems[0]!.message, /not a regular file/);
  } finally {
    rmSync(ws, { recursive: true, force: true });
  }
});

test('a context file linked to a file outside the workspace is not read', { timeout: WATCHDOG_MS * 2 }, () => {
  const ws = workspace();
  const outside = workspace();
  try {
    const secret = join(outside, 'secret.json');
    writeFileSync(secret, JSON.stringify({ microversion: '2.67', note: 'SECRET-MARKER' }));
    symlinkSync(secret, join(ws, '.bdm-context.json'));
    const r = lookup(ws);
    assert.ok(r && r !== 'killed');
    assert.deepEqual(r.context, {}, 'nothing of the outside file reached the context');
    assert.doesNotMatch(JSON.stringify(r), /SECRET-MARKER/);
    assert.match(r.problems[0]!.message, /outside the workspace folder/);
  } finally {
    rmSync(ws, { recursive: true, force: true });
    rmSync(outside, { recursive: true, force: true });
  }
});

test('an oversized context file is refused; a link inside the workspace and a plain file are read', { timeout: WATCHDOG_MS * 2 }, () => {
  const ws = workspace();
  try {
    writeFileSync(join(ws, '.bdm-context.json'), `{"microversion": "2.67", "x": "${'a'.repeat(2 * 1024 * 1024)}"}`);
    const big = lookup(ws);
    assert.ok(big && big !== 'killed');
    assert.match(big.problems[0]!.message, /over the limit/);

    rmSync(join(ws, '.bdm-context.json'));
    mkdirSync(join(ws, 'shared'));
    writeFileSync(join(ws, 'shared', 'ctx.json'), JSON.stringify({ microversion: '2.67' }));
    symlinkSync(join(ws, 'shared', 'ctx.json'), join(ws, '.bdm-context.json'));
    const linked = lookup(ws);
    assert.ok(linked && linked !== 'killed');
    assert.deepEqual(linked.problems, []);
    assert.equal(linked.context.microversion, '2.67');
  } finally {
    rmSync(ws, { recursive: true, force: true });
  }
});
