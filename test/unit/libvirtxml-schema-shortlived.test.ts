import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { checkInProcess, SCHEMA_DIRS } from '../../server/src/libvirtxml/schemaCheck';
import { nodeRelaxNg } from '../../server/src/host';
import type { InProcessValidator } from '../../server/src/ports';

/**
 * The CLI loads the in-process schema engine for a short-lived process (host/relaxng.ts
 * `shortLived`: WebAssembly compiled by V8's baseline compiler only). Same verdicts, messages and
 * places as the engine of a long-lived process, on every fixture: the long-lived ones come from a
 * child process (a V8 flag concerns the whole process, and the engine is compiled once per process).
 */

const DIR = SCHEMA_DIRS.find((d) => existsSync(join(d, 'domain.rng')));
const skip = !DIR && !process.env.CI ? "libvirt's schemas are not installed (apt-get install libvirt-clients); set CI=1 to make this a failure" : false;
const FIXTURE_DIRS = ['libvirtxml', 'libvirtdomain'].map((sub) => join(__dirname, '..', 'fixtures', sub));

async function verdicts(port: ReturnType<typeof nodeRelaxNg>): Promise<Record<string, unknown>> {
  const v = await port.load();
  assert.ok(!('unavailable' in v), 'unavailable' in v ? v.unavailable : '');
  const out: Record<string, unknown> = {};
  for (const dir of FIXTURE_DIRS) {
    for (const f of readdirSync(dir).filter((n) => n.endsWith('.xml')).sort()) {
      out[f] = (await checkInProcess(readFileSync(join(dir, f), 'utf8'), v as InProcessValidator)).problems;
    }
  }
  return out;
}

if (process.env.BDM_SHORTLIVED_CHILD) {
  // the child: the engine of a long-lived process, verdicts on stdout
  void verdicts(nodeRelaxNg([process.env.BDM_SHORTLIVED_CHILD])).then((v) => process.stdout.write(JSON.stringify(v)));
} else {
  test('a short-lived process gets the verdicts of a long-lived one on every fixture', { skip, timeout: 300_000 }, async () => {
    const longLived = JSON.parse(execFileSync(process.execPath, ['--import', 'tsx', __filename], { env: { ...process.env, BDM_SHORTLIVED_CHILD: DIR! }, maxBuffer: 64 * 1024 * 1024, timeout: 240_000, encoding: 'utf8' }));
    const shortLived = await verdicts(nodeRelaxNg([DIR!], { shortLived: true }));
    assert.ok(Object.keys(shortLived).length >= 20, `fixtures: ${Object.keys(shortLived).length}`);
    assert.ok(Object.values(shortLived).some((p) => (p as unknown[]).length > 0), 'some fixture is refused by the schema');
    assert.deepEqual(shortLived, longLived);
  });
}
