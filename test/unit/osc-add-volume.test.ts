/**
 * `openstack server add volume` in the openstack CLI source (server/src/source/oscCli/addVolume.ts):
 * the volumeAttachment body python-openstackclient 6.0.0 posts through openstacksdk 0.101.0, its
 * microversion, OSC's own refusals (argparse; --tag needs 2.49, the delete-on-termination flags
 * 2.79) and Nova's verdict on the body by the existing volumeAttachment rules. The cases
 * (test/fixtures/osc-add-volume/cases.json) are labelled by OSC's own code (label.py there) and
 * the bodies by Nova's (shared/tools/nova-oracle); `--label` rewrites oracle.json.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { findServerCreates, splitCommands } from '../../server/src/source/oscCli';
import { withOracleIds } from '../fixtures/osc/oracleIds';
import { analyzeDocument } from '../../server/src/document';
import { defaultContext } from '../../server/src/model/context';
import { hoverOf, type DocState } from '../../server/src/features/requests';
import { nodeHost } from '../../server/src/host';
import { ROOT } from './cli-run';

const DIR = join(ROOT, 'test', 'fixtures', 'osc-add-volume');
interface Label {
  argv: string[];
  result: { stage: string; error?: string; nova_body?: unknown; microversion?: string };
  nova?: { valid: boolean; http_status: number; message?: string } | null;
}
const CASES = JSON.parse(readFileSync(join(DIR, 'cases.json'), 'utf8')) as Array<{ id: string; line: string }>;
const ORACLE_FILE = join(DIR, 'oracle.json');
const labels = () => JSON.parse(readFileSync(ORACLE_FILE, 'utf8')) as Record<string, Label>;

if (process.argv.includes('--label')) {
  const out = JSON.parse(execFileSync('/usr/bin/python3', [join(DIR, 'label.py'), join(DIR, 'cases.json')], { encoding: 'utf8', env: { PATH: '/usr/bin:/bin', PYTHONHASHSEED: '0' }, maxBuffer: 1 << 26 })) as Record<string, Label>;
  const sent = Object.entries(out).filter(([, v]) => v.result.stage === 'sent');
  const tmp = '/tmp/bdm-lab-osc-add-volume-nova.json';
  writeFileSync(tmp, JSON.stringify(sent.map(([id, v]) => ({ id, payload: v.result.nova_body, context: { microversion: v.result.microversion } }))));
  const nova = execFileSync('/usr/bin/python3', [join(ROOT, '..', 'shared', 'tools', 'nova-oracle', 'oracle.py'), tmp], { encoding: 'utf8', maxBuffer: 1 << 26 });
  for (const id of Object.keys(out)) out[id].nova = null;
  for (const line of nova.split('\n').filter((l) => l.startsWith('{'))) {
    const r = JSON.parse(line) as { id: string; valid: boolean; http_status: number; nova_message?: string };
    out[r.id].nova = { valid: r.valid, http_status: r.http_status, ...(r.valid ? {} : { message: r.nova_message }) };
  }
  writeFileSync(ORACLE_FILE, JSON.stringify(out, null, 1) + '\n');
}

test('at least 20 labelled `server add volume` lines: sent, refused by argparse, by OSC, and bodies Nova refuses', () => {
  const l = labels();
  assert.ok(CASES.length >= 20);
  const stages = new Set(CASES.map((c) => l[c.id].result.stage));
  for (const s of ['sent', 'osc', 'osc-argparse']) assert.ok(stages.has(s), s);
  assert.ok(CASES.some((c) => l[c.id].nova && !l[c.id].nova!.valid), 'a body Nova refuses');
});

for (const c of CASES) {
  test(`OSC 6.0.0 server add volume on ${c.id}: the refusal or the volumeAttachment body and microversion`, () => {
    const label = labels()[c.id];
    const words = splitCommands(c.line)[0].words.map((w) => w.value).filter((w) => !w.startsWith('OS_COMPUTE_API_VERSION='));
    assert.deepEqual(words, label.argv);
    const [cmd] = findServerCreates(c.line, 'shell');
    assert.equal(cmd.kind, 'add-volume');
    const t = cmd.translation;
    const r = label.result;
    if (r.stage === 'sent') {
      assert.equal(t.error, null, `OSC sends; we say ${t.error?.message}`);
      assert.deepEqual(withOracleIds(t), r.nova_body);
      assert.equal(t.microversion, r.microversion);
    } else {
      assert.ok(t.error, `OSC refuses (${r.error}); we send`);
      assert.equal(t.error.stage, r.stage);
      assert.equal(t.error.message, r.error);
    }
    const a = analyzeDocument(c.line, 'shell', defaultContext());
    assert.equal(a.requests?.length, 1);
    if (r.stage !== 'sent') {
      assert.equal(a.valid, false);
      assert.match(a.verdict!.code, /^BDM-OSC-/);
    } else if (label.nova) {
      assert.equal(a.valid, label.nova.valid, `Nova: ${label.nova.http_status} ${label.nova.message}; bdm-lab: ${a.verdict?.code} ${a.verdict?.message}`);
      if (!label.nova.valid) assert.equal(a.verdict!.message, label.nova.message);
      assert.equal(a.requests![0].microversion, r.microversion);
    }
  });
}

test('diagnostics land on the option: --tag below 2.49 (OSC), a bad --device value (Nova\'s schema)', () => {
  const text = 'openstack --os-compute-api-version 2.48 server add volume vm1 data1 --tag db\nopenstack server add volume vm1 data1 --device vdb1x\n';
  const a = analyzeDocument(text, 'shell', defaultContext());
  const spans = a.diagnostics.filter((d) => d.severity === 'error').map((d) => [d.code, text.slice(d.span.offset, d.span.offset + d.span.length)]);
  assert.deepEqual(spans[0], ['BDM-OSC-COMMAND', '--tag']);
  assert.ok(spans.slice(1).some(([, s]) => s === 'vdb1x' || s === '--device vdb1x'), JSON.stringify(spans));
  // negative: at 2.49 the tag is accepted by OSC
  assert.ok(!analyzeDocument('openstack --os-compute-api-version 2.49 server add volume vm1 data1 --tag db\n', 'shell', defaultContext()).diagnostics.some((d) => d.code.startsWith('BDM-OSC-')));
});

test('hover on the command: the volumeAttachment body and the attach API it is posted to', () => {
  const text = 'openstack server add volume vm1 data1 --device /dev/vdb\n';
  const ctx = defaultContext();
  const s: DocState = { text, analysis: analyzeDocument(text, 'shell', ctx), context: ctx, tooLarge: false, lab: { name: 'none', labHost: null, problem: null }, hashes: nodeHost().hashes };
  const h = JSON.stringify(hoverOf(s, 3));
  assert.match(h, /os-volume_attachments/);
  assert.match(h, /volumeAttachment/);
  assert.match(h, /2\.89/);
});

test('the cloud\'s maximum microversion (context cloud_max_microversion): the SDK negotiates below it, and OSC\'s checks ask it', () => {
  const at = (cloud: string, line: string) => analyzeDocument(line, 'shell', { ...defaultContext(), cloud_max_microversion: cloud }).requests![0];
  assert.equal(at('2.96', 'openstack server add volume vm1 d1').microversion, '2.89');
  assert.equal(at('2.60', 'openstack server add volume vm1 d1').microversion, '2.60');
  assert.equal(at('2.60', 'openstack server add volume vm1 d1 --tag t').toolError, null);
  assert.equal(at('2.40', 'openstack server add volume vm1 d1 --tag t').toolError, '--os-compute-api-version 2.49 or greater is required to support the --tag option');
  // a version the command gives wins over the cloud's
  assert.equal(at('2.40', 'openstack --os-compute-api-version 2.49 server add volume vm1 d1 --tag t').microversion, '2.49');
});
