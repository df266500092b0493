/**
 * The built command's code caches of its lazy chunks (scripts/cli-loader.mjs): the chunk a check
 * of a body loads (Nova's schema validator, lazy/create.cjs) is compiled with the cache the build
 * made for it under the check's own engine settings, taken by V8 then; refused when stale (the
 * chunk changed) or absent, and the answers are the same either way. The command is built here,
 * from the sources, as the bench builds it (the bundle, the validators' chunks, then finishCli).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFile, execFileSync } from 'node:child_process';
import { appendFileSync, cpSync, mkdtempSync, readdirSync, readFileSync, rmSync, unlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

const ROOT = resolve(__dirname, '../..');
const dir = mkdtempSync(join(tmpdir(), 'bdm-cli-chunks-'));
process.on('exit', () => rmSync(dir, { recursive: true, force: true }));

/** The command built into DIR/built: the CLI bundle and the validators' chunks (esbuild, as scripts/build.mjs), then the loader and its caches. */
function build(withXml = false): string {
  const out = join(dir, withXml ? 'built-xml' : 'built');
  const script = `
import * as esbuild from 'esbuild';
import { readdirSync } from 'node:fs';
import { lazySources, lazyLibvirtXml, lazyAttach } from './scripts/lazy-sources.mjs';
import { BUNDLE, finishCli } from './scripts/cli-loader.mjs';
import { LAZY_LIBVIRTXML } from './scripts/lazy-sources.mjs';
import { lazyDomainSchema, TABLE_ENTRY, TABLE_CHUNK } from './scripts/libvirt-domain-catalog.mjs';
const out = ${JSON.stringify(out)};
const common = { bundle: true, platform: 'node', target: 'node20', format: 'cjs', minify: true, logLevel: 'error', mainFields: ['module', 'main'] };
const lazy = readdirSync('server/src/generated/lazy').filter((f) => f.endsWith('.cjs')).map((f) => 'server/src/generated/lazy/' + f);
await esbuild.build({ ...common, entryPoints: lazy, outdir: out + '/lazy', outExtension: { '.js': '.cjs' } });
await esbuild.build({ ...common, entryPoints: ['server/src/cli.ts'], outfile: out + '/' + BUNDLE, plugins: [lazySources, lazyLibvirtXml, lazyAttach] });
if (${withXml}) {
  await esbuild.build({ ...common, entryPoints: [LAZY_LIBVIRTXML.entry], outfile: out + '/lazy/' + LAZY_LIBVIRTXML.out, plugins: [lazyDomainSchema('.')] });
  await esbuild.build({ ...common, stdin: TABLE_ENTRY, outfile: out + '/lazy/' + TABLE_CHUNK });
}
finishCli(out);
`;
  // run from the repository (its node_modules, its scripts)
  execFileSync(process.execPath, ['--input-type=module', '-e', script], { cwd: ROOT, stdio: 'pipe', timeout: 120_000, env: { ...process.env, NODE_OPTIONS: '' } });
  return out;
}

const BODIES: Record<string, string> = {
  'refused.json': JSON.stringify({ server: { name: 'a', flavorRef: '1', block_device_mapping_v2: [{ source_type: 'volume', destination_type: 'volume', uuid: '70a599e0-31e7-49b7-b260-868f441e862b', boot_index: 'first' }] } }, null, 2),
  'valid.json': JSON.stringify({ server: { name: 'a', flavorRef: '1', block_device_mapping_v2: [{ source_type: 'image', destination_type: 'volume', uuid: '70a599e0-31e7-49b7-b260-868f441e862b', volume_size: 1, boot_index: 0 }] } }, null, 2),
};

/**
 * A check run as the command runs it (its engine settings: tuneProcess, tuneForInput), in a fresh
 * process with V8's default flags: its exit status, output and what became of the chunks' caches.
 */
function check(at: string, file: string, flags: string[] = []): Promise<{ code: number; out: string; caches: Record<string, string> }> {
  const program = `
const l = require(${JSON.stringify(join(at, 'cli.js'))}).load();
l.exports.tuneProcess();
let out = '';
const io = { stdout: (s) => { out += s; }, stderr: (s) => { out += s; }, readFile: (p) => require('node:fs').readFileSync(p, 'utf8'), cwd: ${JSON.stringify(dir)}, beforeJudge: l.exports.tuneForInput };
l.exports.main(['check', '--format', 'json', ...${JSON.stringify(flags)}, ${JSON.stringify(file)}], io).then((code) => process.stdout.write(JSON.stringify({ code, out, caches: l.chunkCaches })));
`;
  return new Promise((done, fail) => {
    // the watchdog: a hang is killed and fails the test
    execFile(process.execPath, ['-e', program], { cwd: dir, timeout: 60_000, env: { ...process.env, NODE_OPTIONS: '' } }, (e, out) => (e ? fail(e) : done(JSON.parse(out))));
  });
}

test('dist/cli.js: the validator chunk a check loads is compiled with its code cache; a stale or missing one is refused, with the same answers', { timeout: 300_000 }, async () => {
  const built = build();
  for (const [name, text] of Object.entries(BODIES)) writeFileSync(join(dir, name), text);
  assert.ok(readdirSync(join(built, 'lazy')).includes('create.cache'), 'the build made the chunk\'s cache');
  const none = join(dir, 'none');
  cpSync(built, none, { recursive: true });
  unlinkSync(join(none, 'lazy', 'create.cache'));
  // the chunk changed after its cache was made (its key line no longer matches the cache's)
  const stale = join(dir, 'stale');
  cpSync(built, stale, { recursive: true });
  appendFileSync(join(stale, 'lazy', 'create.cjs'), '//# bdm-lab-cache-key=' + '0'.repeat(64) + '\n');
  for (const file of Object.keys(BODIES)) {
    const [a, b, c] = await Promise.all([check(built, file), check(none, file), check(stale, file)]);
    assert.equal(a.code, file === 'refused.json' ? 1 : 0, a.out);
    assert.deepEqual(a.caches, { 'create.cjs': 'accepted' }, file);
    assert.deepEqual(b.caches, { 'create.cjs': 'none' }, file);
    assert.deepEqual(c.caches, { 'create.cjs': 'stale' }, file);
    assert.equal(b.out, a.out, `without the chunk's cache: ${file}`);
    assert.equal(c.out, a.out, `with a stale cache: ${file}`);
    assert.equal(b.code, a.code);
    assert.equal(c.code, a.code);
  }
});

test('dist/cli.js: libvirt\'s XML chunk gets a code cache from the build\'s sample domain; a check of a domain takes it, a stale or missing one is refused, with the same answers', { timeout: 300_000 }, async () => {
  const built = build(true);
  assert.ok(readdirSync(join(built, 'lazy')).includes('libvirtxml.cache'), 'the build made the XML chunk\'s cache');
  const domain = '<domain type="kvm">\n  <devices>\n    <disk type="block" device="disk">\n      <source file="/dev/sdc"/>\n      <target dev="vdb" bus="virtio"/>\n    </disk>\n  </devices>\n</domain>\n';
  writeFileSync(join(dir, 'domain.xml'), domain);
  const none = join(dir, 'none-xml');
  cpSync(built, none, { recursive: true });
  unlinkSync(join(none, 'lazy', 'libvirtxml.cache'));
  const stale = join(dir, 'stale-xml');
  cpSync(built, stale, { recursive: true });
  appendFileSync(join(stale, 'lazy', 'libvirtxml.cjs'), '//# bdm-lab-cache-key=' + '0'.repeat(64) + '\n');
  const flags = ['--no-libvirt-schema'];
  const [a, b, c] = await Promise.all([check(built, 'domain.xml', flags), check(none, 'domain.xml', flags), check(stale, 'domain.xml', flags)]);
  assert.equal(a.code, 1, a.out);
  assert.match(a.out, /LIBVIRT-DISK-SOURCE-ATTR/);
  assert.doesNotMatch(a.out, /-INTERNAL"/);
  assert.equal(a.caches['libvirtxml.cjs'], 'accepted');
  assert.equal(b.caches['libvirtxml.cjs'], 'none');
  assert.equal(c.caches['libvirtxml.cjs'], 'stale');
  assert.equal(b.out, a.out, 'without the chunk\'s cache');
  assert.equal(c.out, a.out, 'with a stale cache');
});

test('the VSIX keeps the lazy chunks\' code caches (.vscodeignore)', () => {
  assert.ok(readFileSync(join(ROOT, '.vscodeignore'), 'utf8').split('\n').includes('!dist/lazy/*.cache'));
});
