/**
 * The CLI's output is safe whatever the files hold: no control character, bidi override or
 * lone surrogate reaches the terminal raw; every file gets its own result (an unreadable or
 * unparseable one as a per-file error), the exit status is the worst of all; a FIFO never
 * blocks; diagnostics are capped with a note.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFile, execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { main } from '../../server/src/cli';
import { nodeIo, readTextFile } from '../../server/src/cli/io';
import { escapeValue, escapeOutput, toJsonText } from '../../server/src/cli/safeText';
import { terminalSafeXml } from '../../server/src/cli/xml';
import { rng } from '../../scripts/prng.mjs';

const ROOT = resolve(__dirname, '../..');
const EVIL = '\x1b]0;pwned\x07\x1b[2J\u202e';
/** anything a terminal acts on, raw */
const RAW = /[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u2028-\u202e\u2066-\u2069]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

const dir = mkdtempSync(join(tmpdir(), 'bdm-cli-safety-'));
process.on('exit', () => rmSync(dir, { recursive: true, force: true }));
const at = (name: string) => join(dir, name);
const body = (entries: unknown[], name = 'a') => JSON.stringify({ server: { name, flavorRef: '1', block_device_mapping_v2: entries } });
const OK = body([{ source_type: 'volume', destination_type: 'volume', uuid: '5c2a7b1e-0b1c-4c53-9d6e-2f1a3b4c5d6e', boot_index: 0 }]);
writeFileSync(at('ok.json'), OK);
writeFileSync(at('evil.json'), body([{ source_type: 'blank', destination_type: `volume${EVIL}`, boot_index: 0 }]));
writeFileSync(at('deep.json'), `{"server": ${'['.repeat(2000)}${']'.repeat(2000)}}`);
writeFileSync(at('latin1.json'), Buffer.from([0x7b, 0x22, 0xff, 0x22, 0x3a, 0x31, 0x7d]));
mkdirSync(at('a-directory'));
execFileSync('mkfifo', [at('fifo.json')]);
const MANY = body(Array.from({ length: 16000 }, (_, i) => ({ source_type: 'blank', destination_type: 'volume', boot_index: i })));
writeFileSync(at('many.json'), MANY);

async function run(args: string[]) {
  let out = '';
  let err = '';
  const code = await main(args, { ...nodeIo(), stdout: (s) => { out += s; }, stderr: (s) => { err += s; } });
  return { code, out, err };
}

test('escapeValue: C0 (newline too), DEL, C1, bidi overrides and isolates, lone surrogates; a literal \\u{ is told apart', () => {
  assert.equal(escapeValue(EVIL), '\\u{1b}]0;pwned\\u{7}\\u{1b}[2J\\u{202e}');
  assert.equal(escapeValue('a\nb\tc\r\x7f\x85\u2066\u2069\u202a'), 'a\\u{a}b\\u{9}c\\u{d}\\u{7f}\\u{85}\\u{2066}\\u{2069}\\u{202a}');
  assert.equal(escapeValue('x\ud800y\udc00'), 'x\\u{d800}y\\u{dc00}');
  assert.equal(escapeValue('ok \ud83d\ude00 é 日本'), 'ok \ud83d\ude00 é 日本', 'pairs and printable text pass');
  assert.equal(escapeValue('C:\\dir\\x1b'), 'C:\\dir\\x1b', 'backslashes are left alone');
  assert.equal(escapeValue('\\u{1b}'), '\\u{5c}u{1b}', 'a value that looks like an escape is not one');
  assert.equal(escapeOutput('line\n\x1b[2J'), 'line\n\\u{1b}[2J', 'the sink net keeps line breaks');
  const j = toJsonText({ v: `a${EVIL}\x85\u2028` });
  assert.ok(!RAW.test(j.replace(/\n/g, '')), j);
  assert.equal(JSON.parse(j).v, `a${EVIL}\x85\u2028`, 'JSON values are unchanged');
});

test('check text: values and file names from files reach the terminal escaped (stdout and stderr)', async () => {
  const r = await run(['check', at('evil.json')]);
  assert.equal(r.code, 1, r.err);
  assert.ok(!RAW.test(r.out.replace(/\n/g, '')), 'no raw control characters but line breaks');
  assert.ok(!r.out.includes('\x1b') && !r.out.includes('\x07') && !r.out.includes('\u202e'));
  assert.match(r.out, /Value: volume\\u\{1b\}\]0;pwned\\u\{7\}\\u\{1b\}\[2J\\u\{202e\}/);
  // a file name with an escape sequence and a newline, missing: escaped on stdout and stderr
  const name = at(`x${EVIL}\nforged: valid.json`);
  const m = await run(['check', name]);
  assert.equal(m.code, 2);
  for (const s of [m.out, m.err]) {
    assert.ok(!s.includes('\x1b') && !s.includes('\u202e'), s);
    assert.ok(s.includes('\\u{a}forged: valid.json'), s);
  }
  assert.equal(m.out.split('\n').filter(Boolean).length, 1, 'one line for the file, no forged line');
  // JSON keeps the exact value, written with escapes
  const j = await run(['check', '--format', 'json', at('evil.json')]);
  assert.ok(!j.out.includes('\x1b') && !j.out.includes('\u202e'));
  assert.ok(JSON.parse(j.out).files[0].diagnostics.some((d: { message: string }) => d.message.includes(`volume${EVIL}`)));
});

test('xml: lab-host values in the disk XML are escaped for the terminal, as character references where XML allows', async () => {
  const lab = JSON.parse(readFileSync(resolve(ROOT, 'labhosts/rbd.labhost.json'), 'utf8'));
  delete lab.$schema;
  lab.backends.ceph.monitors[0].host = `10.0.0.11${EVIL}`;
  writeFileSync(at('evil-rbd.labhost.json'), JSON.stringify(lab));
  writeFileSync(at('rbd-req.json'), body([{ boot_index: 0, uuid: lab.volumes[0].id, source_type: 'volume', destination_type: 'volume' }]));
  const r = await run(['xml', '--lab', at('evil-rbd.labhost.json'), at('rbd-req.json')]);
  assert.equal(r.code, 0, r.err);
  assert.ok(!RAW.test(r.out.replace(/\n/g, '')), r.out);
  assert.match(r.out, /<host name="10\.0\.0\.11\\u\{1b\}\]0;pwned\\u\{7\}\\u\{1b\}\[2J&#x202E;" port="6789"\/>/);
  assert.match(r.err, /XML 1\.0 does not allow/);
  assert.deepEqual(terminalSafeXml('<a b="\u202e\t">\x85</a>'), { text: '<a b="&#x202E;&#x9;">&#x85;</a>', notXml: false });
  // a refused payload prints its diagnostics as JSON: nothing raw either
  const bad = await run(['xml', at('evil.json')]);
  assert.equal(bad.code, 1);
  assert.ok(!RAW.test(bad.out.replace(/\n/g, '')));
});

test('attach text: lab-host values in the report and in error messages are escaped', async () => {
  const lab = JSON.parse(readFileSync(resolve(ROOT, 'labhosts/iscsi.labhost.json'), 'utf8'));
  delete lab.$schema;
  lab.backends.lvm.portals[0].address = `10.0.0.5${EVIL}:3260`;
  writeFileSync(at('evil-iscsi.labhost.json'), JSON.stringify(lab));
  const r = await run(['attach', '--lab', at('evil-iscsi.labhost.json'), '--volume', lab.volumes[0].id]);
  assert.equal(r.code, 0, r.err);
  assert.ok(!RAW.test(r.out.replace(/\n/g, '')));
  assert.match(r.out, /portal 10\.0\.0\.5\\u\{1b\}\]0;pwned\\u\{7\}\\u\{1b\}\[2J\\u\{202e\}:3260/);
  const e = await run(['attach', '--lab', 'iscsi', '--volume', `nope${EVIL}\nbdm-lab attach: forged`]);
  assert.equal(e.code, 2);
  assert.ok(!RAW.test(e.err.replace(/\n/g, '')));
  assert.match(e.err, /--volume nope\\u\{1b\}.*\\u\{a\}bdm-lab attach: forged: not on lab host/);
});

test('attach: a missing lab host, a FIFO as --lab, --context or REQUEST_FILE fail at once with exit 2', { timeout: 60_000 }, async () => {
  const missing = await run(['attach', '--lab', at('none.labhost.json'), '--volume', 'v']);
  assert.equal(missing.code, 2);
  assert.match(missing.err, /cannot read the lab host: ENOENT/);
  for (const args of [['--lab', at('fifo.json'), '--volume', 'v'], ['--lab', 'iscsi', '--context', at('fifo.json'), '--volume', 'v'], ['--lab', 'iscsi', at('fifo.json')], ['--lab', 'iscsi', at('a-directory')]]) {
    const r = await run(['attach', ...args]);
    assert.equal(r.code, 2, args.join(' '));
    assert.match(r.err, /cannot read .*: (ENOTREG|EISDIR)/, r.err);
  }
  const ctx = await run(['check', '--context', at('fifo.json'), at('ok.json')]);
  assert.equal(ctx.code, 2);
  assert.match(ctx.err, /cannot read context file .*: ENOTREG/);
});

const FIVE = ['ok.json', 'missing.json', 'a-directory', 'fifo.json', 'deep.json'].map(at);

test('check --format json: one result per file, unreadable and unparseable ones as errors, exit the worst', { timeout: 60_000 }, async () => {
  const r = await run(['check', '--format', 'json', ...FIVE]);
  assert.equal(r.code, 2);
  const files = JSON.parse(r.out).files;
  assert.equal(files.length, 5);
  assert.deepEqual(files.map((f: { file: string }) => f.file), FIVE);
  assert.equal(files[0].valid, true);
  assert.equal(files[0].error, undefined);
  assert.deepEqual(files[0].entries, [{ index: 0, driverClass: 'DriverVolumeBlockDevice' }]);
  assert.deepEqual(files.slice(1).map((f: { error: { code: string } }) => f.error.code), ['ENOENT', 'EISDIR', 'ENOTREG', 'BDM-JSON-SYNTAX']);
  for (const f of files.slice(1)) {
    assert.equal(f.valid, false);
    assert.ok(Array.isArray(f.diagnostics) && Array.isArray(f.entries), 'the usual fields are kept');
    assert.equal(typeof f.error.message, 'string');
  }
  assert.equal(files[4].diagnostics[0].code, 'BDM-JSON-SYNTAX');
  // exit status: worst of all, 1 when the worst is a refusal
  assert.equal((await run(['check', '--format', 'json', at('ok.json'), at('evil.json')])).code, 1);
  assert.equal((await run(['check', '--format', 'json', at('ok.json')])).code, 0);
  // too large and not UTF-8 are per-file errors too
  const more = await run(['check', '--format', 'json', '--max-file-size', '20', at('ok.json'), at('latin1.json'), at('evil.json')]);
  assert.equal(more.code, 2);
  assert.deepEqual(JSON.parse(more.out).files.map((f: { error?: { code: string } }) => f.error?.code ?? null), ['EFBIG', 'EILSEQ', 'EFBIG']);
  // usage errors stay exit 2 before any file is read
  for (const args of [['--bogus'], ['--max-file-size', '0'], ['--max-problems', 'x']]) {
    const u = await run(['check', '--format', 'json', ...args, ...FIVE]);
    assert.equal(u.code, 2);
    assert.equal(u.out, '', args.join(' '));
  }
});

test('check --format sarif and text: the same five files, a notification per unreadable file', { timeout: 60_000 }, async () => {
  const r = await run(['check', '--format', 'sarif', ...FIVE]);
  assert.equal(r.code, 2);
  const run0 = JSON.parse(r.out).runs[0];
  assert.equal(run0.invocations[0].executionSuccessful, false);
  const notes = run0.invocations[0].toolExecutionNotifications;
  assert.deepEqual(notes.map((n: { descriptor: { id: string } }) => n.descriptor.id), ['ENOENT', 'EISDIR', 'ENOTREG', 'BDM-JSON-SYNTAX']);
  assert.deepEqual(notes.map((n: { locations: Array<{ physicalLocation: { artifactLocation: { uri: string } } }> }) => n.locations[0].physicalLocation.artifactLocation.uri), FIVE.slice(1));
  assert.ok(run0.results.some((x: { ruleId: string }) => x.ruleId === 'BDM-CONTEXT-FLAVOR-UNKNOWN'), 'the valid file is judged');
  assert.equal(JSON.parse((await run(['check', '--format', 'sarif', at('ok.json')])).out).runs[0].invocations[0].executionSuccessful, true);
  const t = await run(['check', ...FIVE]);
  assert.equal(t.code, 2);
  assert.match(t.out, /ok\.json: valid/);
  for (const [name, code] of [['missing.json', 'ENOENT'], ['a-directory', 'EISDIR'], ['fifo.json', 'ENOTREG']]) assert.match(t.out, new RegExp(`${name}: not checked \\(${code}: `));
  assert.match(t.out, /deep\.json: invalid/);
});

test('check caps diagnostics at 1000 with a note and reports the total; --max-problems changes the cap', { timeout: 120_000 }, async () => {
  const r = await run(['check', '--format', 'json', at('many.json')]);
  assert.equal(r.code, 1);
  const f = JSON.parse(r.out).files[0];
  assert.equal(f.diagnostics.length, 1001);
  assert.ok(f.totalDiagnostics > 16000, String(f.totalDiagnostics));
  const note = f.diagnostics[1000];
  assert.equal(note.code, 'BDM-LIMIT-RESULTS');
  assert.match(note.message, new RegExp(`first 1000 of ${f.totalDiagnostics} problems`));
  const s = await run(['check', '--format', 'sarif', '--max-problems', '5', at('many.json')]);
  assert.equal(JSON.parse(s.out).runs[0].results.length, 6);
  const t = await run(['check', '--max-problems=5', at('many.json')]);
  assert.equal(t.out.split('\n').filter((l) => / (error|warning|information) [A-Z]/.test(l)).length, 6);
  assert.match(t.out, /BDM-LIMIT-RESULTS: Showing the first 5 of \d+ problems/);
});

test('readTextFile: stat before open, regular files only, size limit, UTF-8 only', { timeout: 60_000 }, () => {
  const code = (f: () => unknown) => { try { f(); return 'none'; } catch (e) { return (e as { code?: string }).code; } };
  assert.equal(readTextFile(at('ok.json')), OK);
  assert.equal(code(() => readTextFile(at('fifo.json'))), 'ENOTREG');
  assert.equal(code(() => readTextFile(at('a-directory'))), 'EISDIR');
  assert.equal(code(() => readTextFile(at('nope'))), 'ENOENT');
  assert.equal(code(() => readTextFile(at('latin1.json'))), 'EILSEQ');
  assert.equal(code(() => readTextFile(at('ok.json'), 10)), 'EFBIG');
  if (existsSync('/dev/zero')) assert.equal(code(() => readTextFile('/dev/zero')), 'ENOTREG', 'an endless device is refused');
});

/**
 * readTextFile takes ASCII byte for byte and checks other bytes as UTF-8 itself: what it reads, or
 * refuses, must be what a fatal TextDecoder that keeps the BOM makes of the same bytes. Seeded byte
 * strings near the edges: a BOM, every length of sequence, overlongs, surrogates, past U+10FFFF,
 * cut sequences, stray continuation bytes, ASCII only.
 */
test('readTextFile: its text, or its refusal, is a fatal TextDecoder\'s for seeded bytes', { timeout: 60_000 }, () => {
  const dir = mkdtempSync(join(tmpdir(), 'bdm-utf8-'));
  try {
    const next = rng(2718);
    const PIECES = [[0x7b], [0x22, 0x61, 0x22], [0x0a], [0xef, 0xbb, 0xbf], [0xc3, 0xa9], [0xe2, 0x82, 0xac], [0xf0, 0x9f, 0x98, 0x80], [0xc0, 0xaf], [0xe0, 0x80, 0xaf], [0xed, 0xa0, 0x80], [0xf4, 0x90, 0x80, 0x80], [0xe2, 0x82], [0x80], [0xff], [0x00], [0x7f]];
    const decoder = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });
    const counts = { read: 0, refused: 0 };
    for (let i = 0; i < 400; i++) {
      const bytes: number[] = [];
      const asciiOnly = next() < 0.25;
      for (let k = Math.floor(next() * 12); k >= 0; k--) bytes.push(...PIECES[Math.floor(next() * (asciiOnly ? 3 : PIECES.length))]);
      const buf = Buffer.from(bytes);
      const f = join(dir, `b${i}.json`);
      writeFileSync(f, buf);
      let want: string | undefined;
      try { want = decoder.decode(buf); } catch { want = undefined; }
      let got: string | undefined;
      try { got = readTextFile(f); } catch (e) { assert.equal((e as { code?: string }).code, 'EILSEQ', buf.toString('hex')); got = undefined; }
      assert.equal(got, want, buf.toString('hex'));
      counts[want === undefined ? 'refused' : 'read']++;
    }
    assert.ok(counts.read > 50 && counts.refused > 50, JSON.stringify(counts));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('the built CLI as a process: five files, a FIFO among them, does not hang and answers per file', { timeout: 120_000 }, async () => {
  const cli = resolve(ROOT, 'dist/cli.js');
  if (!existsSync(cli)) execFileSync(process.execPath, [resolve(ROOT, 'scripts/build.mjs')], { cwd: ROOT, stdio: 'ignore' });
  const r = await new Promise<{ code: number | null; out: string; err: string }>((done) => {
    // the watchdog: a hang would be killed here and fail the assertions below
    execFile(process.execPath, [cli, 'check', '--format', 'json', ...FIVE, at('evil.json')], { timeout: 90_000, maxBuffer: 64 << 20 }, (e, out, err) => {
      done({ code: e ? ((e as { code?: number }).code ?? null) : 0, out, err });
    });
  });
  assert.equal(r.code, 2, r.err);
  const files = JSON.parse(r.out).files;
  assert.equal(files.length, 6);
  assert.equal(files[0].valid, true);
  assert.equal(files[3].error.code, 'ENOTREG');
  assert.ok(!RAW.test(r.err.replace(/\n/g, '')));
  const t = await new Promise<string>((done) => execFile(process.execPath, [cli, 'check', at('evil.json'), at(`x${EVIL}.json`)], { timeout: 90_000 }, (_e, out, err) => done(out + err)));
  assert.ok(!RAW.test(t.replace(/\n/g, '')), t);
  assert.match(t, /\\u\{1b\}\]0;pwned\\u\{7\}/);
});
