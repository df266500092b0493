/**
 * Terraform names the file in a diagnostic that points at another place (hcl Range.String,
 * `file:line,column-column`): bdm-lab names the document's own file, as the editor and the CLI
 * know it (its base name: Terraform runs in the module's folder), and `main.tf` only when it
 * has no name (a text given alone).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { analyzeDocument } from '../../server/src/document';
import { defaultContext } from '../../server/src/model/context';
import { terraformSources } from '../../server/src/source/terraform';
import { cliRunner } from './cli-run';

const TEXT = 'resource "openstack_compute_instance_v2" "a" {\n  name = "x"\n  name = "y"\n  flavor_name = "m1"\n}\n';
const detail = (docs: ReturnType<typeof terraformSources>) => String(docs[0]?.findings[0]?.args?.detail ?? '');

test('the source names the file it is given, main.tf without one', () => {
  assert.match(detail(terraformSources(TEXT, 'servers.tf')), /already set at servers\.tf:2,3-7\./);
  assert.match(detail(terraformSources(TEXT)), /already set at main\.tf:2,3-7\./);
});

test('analyzeDocument passes the file name to the Terraform source', () => {
  const a = analyzeDocument(TEXT, 'terraform', defaultContext(), { fileName: 'compute.tf' });
  assert.ok(a.diagnostics.some((d) => d.message.includes('already set at compute.tf:2,3-7')), a.diagnostics.map((d) => d.message).join('\n'));
});

test('bdm-lab check names the file by its base name', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'bdm-tf-name-'));
  try {
    const file = join(dir, 'instances.tf');
    writeFileSync(file, TEXT);
    const r = await cliRunner({})(['check', '--format', 'json', file]);
    assert.equal(r.code, 1, r.err);
    assert.match(r.out, /already set at instances\.tf:2,3-7\./);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
