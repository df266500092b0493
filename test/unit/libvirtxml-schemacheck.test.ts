import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { readFile, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runLibvirtSchemaCheck as realRun, wrapForDomainSchema } from '../../server/src/libvirtxml/schemaCheck';
import { nodeHost } from '../../server/src/host';
import type { ProgramResult, RunProgram } from '../../server/src/ports';

/** A stand-in schema directory, so these tests do not depend on libvirt being installed. */
const schemaDir = mkdtempSync(join(tmpdir(), 'bdm-lab-schemas-'));
writeFileSync(join(schemaDir, 'domain.rng'), '<grammar/>');
const host = nodeHost();
const runLibvirtSchemaCheck = (text: string, exec: RunProgram) => realRun(text, { ...host, run: exec }, { schemaDirs: [join(schemaDir, 'absent'), schemaDir] });

/** A fake xmllint: records the call and the document it was given (the last argument). */
function fake(result: (file: string, content: string) => Partial<ProgramResult> & { exitCode: number | null }) {
  const calls: Array<{ file: string; args: readonly string[]; env: Readonly<Record<string, string>> | 'inherit'; content: string; mode: number }> = [];
  const exec: RunProgram = async (file, args, options) => {
    assert.ok(options.timeoutMs > 0);
    assert.ok(options.maxOutputBytes > 0);
    const doc = args[args.length - 1];
    const content = await readFile(doc, 'utf8');
    calls.push({ file, args, env: options.env, content, mode: (await stat(doc)).mode & 0o777 });
    const r = result(doc, content);
    return { signal: null, stdout: '', stderr: '', timedOut: false, error: r.exitCode === 0 ? null : { code: 'EXIT', message: 'failed' }, ...r };
  };
  return { exec, calls };
}

test('missing tool: available false, no problems', async () => {
  const { exec } = fake(() => ({ exitCode: null, error: { code: 'ENOENT', message: 'spawn xmllint ENOENT' } }));
  assert.deepEqual(await runLibvirtSchemaCheck('<domain/>', exec), { available: false, problems: [] });
});

test('missing schema: available false, the tool is not run', async () => {
  const { exec, calls } = fake(() => ({ exitCode: 0 }));
  const emptyDir = join(schemaDir, 'empty');
  mkdirSync(emptyDir, { recursive: true });
  assert.deepEqual(await realRun('<domain/>', { ...host, run: exec }, { schemaDirs: [emptyDir] }), { available: false, problems: [] });
  assert.equal(calls.length, 0);
});

test('runs xmllint --nonet --relaxng domain.rng on a private file with a minimal environment, then removes it', async () => {
  const { exec, calls } = fake(() => ({ exitCode: 0, stdout: 'x validates\n' }));
  const r = await runLibvirtSchemaCheck('<domain type="kvm"/>', exec);
  assert.deepEqual(r, { available: true, problems: [] });
  assert.equal(calls.length, 1);
  const doc = calls[0].args[calls[0].args.length - 1];
  assert.equal(calls[0].file, 'xmllint');
  assert.deepEqual(calls[0].args, ['--noout', '--nonet', '--nocatalogs', '--relaxng', join(schemaDir, 'domain.rng'), doc]);
  assert.deepEqual(Object.keys(calls[0].env).sort(), ['LANG', 'PATH', 'XML_CATALOG_FILES']);
  assert.equal((calls[0].env as Record<string, string>).LANG, 'C');
  assert.match((calls[0].env as Record<string, string>).XML_CATALOG_FILES ?? '', /^\/nonexistent\//);
  assert.equal(calls[0].mode, 0o600);
  await assert.rejects(stat(doc));
});

test('a lone <disk> is wrapped on the same line, the prolog blanked', () => {
  const text = '<?xml version="1.0"?>\n<disk type="file">\n  <target dev="vda"/>\n</disk>\n';
  const wrapped = wrapForDomainSchema(text);
  assert.ok(wrapped.startsWith('<domain type="kvm">'));
  assert.equal(wrapped.split('\n')[1], '<disk type="file">');
  assert.equal(wrapped.split('\n')[2], '  <target dev="vda"/>');
  assert.ok(!wrapped.includes('<?xml'));
  assert.match(wrapped, /<\/devices><\/domain>\n$/);
  assert.match(wrapForDomainSchema('<devices><disk/></devices>'), /^<domain [^\n]*<\/os><devices><disk\/><\/devices>\n<\/domain>\n$/);
  assert.equal(wrapForDomainSchema('<domain/>'), '<domain/>');
});

test('xmllint messages map to spans on the reported line', async () => {
  const text = '<disk type="file" device="disk">\n  <source file="/a"/>\n  <target dev="vda" bus="virtio"/>\n  <driver cahce="none"/>\n</disk>\n';
  const { exec } = fake((file) => ({
    exitCode: 3,
    stderr: `${file}:4: element driver: Relax-NG validity error : Invalid attribute cahce for element driver\nRelax-NG validity error : Extra element devices in interleave\n${file}:1: element devices: Relax-NG validity error : Element domain failed to validate content\n${file} fails to validate\n`,
  }));
  const r = await runLibvirtSchemaCheck(text, exec);
  assert.equal(r.available, true);
  assert.equal(r.problems.length, 3);
  const first = r.problems[0];
  assert.equal(first.id, 'LIBVIRT-SCHEMA');
  assert.equal(text.substr(first.span.offset, first.span.length), 'driver');
  assert.match(first.message, /Invalid attribute cahce/);
  // Messages about the wrapper land on the root element.
  assert.equal(text.substr(r.problems[1].span.offset, r.problems[1].span.length), 'disk');
  assert.equal(text.substr(r.problems[2].span.offset, r.problems[2].span.length), 'disk');
});

test('parser errors with a line but no element point at that line', async () => {
  const text = '<domain type="kvm">\n<name>x</name\n</domain>';
  const { exec } = fake((file) => ({ exitCode: 1, stderr: `${file}:2: parser error : expected '>'\n<name>x</name\n             ^\n` }));
  const r = await runLibvirtSchemaCheck(text, exec);
  assert.equal(r.problems.length, 1);
  assert.equal(text.substr(r.problems[0].span.offset, r.problems[0].span.length), '<name>x</name');
});

test('a timeout is reported as information, not as a verdict', async () => {
  const { exec } = fake(() => ({ exitCode: null, signal: 'SIGTERM', timedOut: true, error: { code: 'TIMEOUT', message: 'killed' } }));
  const r = await runLibvirtSchemaCheck('<domain/>', exec);
  assert.equal(r.available, true);
  assert.equal(r.problems[0].severity, 'information');
});
