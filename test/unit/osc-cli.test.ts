/**
 * The `openstack server create` source (server/src/source/oscCli): the shell word splitter, the
 * translation into the Nova body as python-openstackclient 6.0.0 does it, OSC's own refusals, and
 * where diagnostics land. The cases (test/fixtures/osc/cases.json) are labelled by OSC's own code
 * (shared/tools/osc-oracle) and the bodies it sends by Nova's (shared/tools/nova-oracle), stored in
 * test/fixtures/osc/oracle.json; `node --import tsx test/unit/osc-cli.test.ts --label` rewrites it.
 * For generated command lines, scripts/osc-difftest.ts compares the translation with the oracle's
 * answers field by field (1000 generated lines agreed when this source was written).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { findServerCreates, splitCommands } from '../../server/src/source/oscCli';
import { withOracleIds } from '../fixtures/osc/oracleIds';
import { compareWithOracle, type OracleAnswer } from '../fixtures/osc/compare';
import { analyzeDocument, languageOf } from '../../server/src/document';
import { defaultContext } from '../../server/src/model/context';
import { LineIndex } from '../../server/src/text/lineIndex';
import { cliRunner, ROOT } from './cli-run';
import { simulateBootOf, completionsOf, hoverOf, codeActionsOf, codeLensesOf, previewAnswerOf, type DocState } from '../../server/src/features/requests';
import { nodeHost } from '../../server/src/host';

const DIR = join(ROOT, 'test', 'fixtures', 'osc');
interface Case { id: string; line: string }
interface Label {
  argv: string[];
  result: { microversion: string; stage: string; error?: string; nova_body?: { server: Record<string, unknown> }; microversion_header?: Record<string, string> };
  nova: { valid: boolean; http_status: number; message?: string } | null;
}
const CASES = JSON.parse(readFileSync(join(DIR, 'cases.json'), 'utf8')) as Case[];
const ORACLE_FILE = join(DIR, 'oracle.json');

/** the oracle's fake ids: uuid5(NS, kind + ':' + name), a UUID staying itself */

const stripType = (e: string) => e.replace(/^(ArgumentTypeError|AttributeError|CommandError|TypeError|ValueError|UnsupportedVersion): /, '');
const STAGE_OF: Record<string, string> = { 'osc-client': 'osc-client', 'osc-argparse': 'osc-argparse', osc: 'osc', 'osc-or-novaclient': 'novaclient' };

function labels(): Record<string, Label> {
  return JSON.parse(readFileSync(ORACLE_FILE, 'utf8')) as Record<string, Label>;
}

test('at least 25 oracle-labelled command lines, each rule of the translation among them', () => {
  const l = labels();
  assert.ok(CASES.length >= 25);
  for (const c of CASES) assert.ok(l[c.id], `${c.id}: no oracle label; run with --label`);
  const stages = new Set(CASES.map((c) => l[c.id].result.stage));
  for (const s of ['sent', 'osc', 'osc-argparse', 'osc-or-novaclient']) assert.ok(stages.has(s), `no case where OSC answers at ${s}`);
});

for (const c of CASES) {
  test(`OSC 6.0.0 on ${c.id}: the words, the refusal or the body and microversion, as the CLI's own code says`, () => {
    const label = labels()[c.id];
    assert.ok(label, `${c.id}: no oracle label; run with --label`);
    const found = findServerCreates(c.line, 'shell');
    assert.equal(found.length, 1, 'one openstack server create command');
    const cmd = found[0];
    // the shell's words: as Python's shlex reads the line (continuations removed as the shell does)
    const ours = splitCommands(c.line)[0].words.map((w) => w.value);
    assert.deepEqual(ours, label.argv);
    const t = cmd.translation;
    const r = label.result;
    if (r.stage === 'sent') {
      assert.equal(t.error, null, `OSC sends this command; we say: ${t.error?.message}`);
      assert.deepEqual(withOracleIds(t), r.nova_body);
      assert.equal(t.microversion, r.microversion_header!['X-OpenStack-Nova-API-Version']);
    } else {
      assert.ok(t.error, `OSC refuses this command (${r.error}); we translate it`);
      assert.equal(t.error.stage, STAGE_OF[r.stage]);
      assert.equal(t.error.message, stripType(r.error!));
      assert.equal(t.body, null);
    }
    // the verdict: OSC's refusal first; else Nova's on the body OSC sends
    const a = analyzeDocument(c.line, 'shell', { ...defaultContext(), flavor: { root_gb: 20, ephemeral_gb: 10, swap_mb: 1024 } });
    if (r.stage !== 'sent') {
      assert.equal(a.valid, false);
      assert.match(a.verdict!.code, /^BDM-OSC-/);
      assert.equal(a.verdict!.httpStatus, 0);
    } else if (label.nova) {
      assert.equal(a.valid, label.nova.valid, `Nova says ${label.nova.valid ? 'valid' : `${label.nova.http_status} ${label.nova.message}`}; bdm-lab: ${a.verdict?.code} ${a.verdict?.message}`);
      if (!label.nova.valid) assert.equal(a.verdict!.message, label.nova.message);
    }
  });
}

/** the rule ids of a command line's diagnostics */
const codesOf = (line: string) => analyzeDocument(line, 'shell', defaultContext()).diagnostics.map((d) => d.code);

test('BDM-OSC-ARGUMENT: OSC\'s argument parsing refuses the line (an unknown --block-device key)', () => {
  assert.deepEqual(codesOf('openstack server create --flavor m1 --image c --block-device uuid=v1,sourcetype=volume vm1'), ['BDM-OSC-ARGUMENT']);
});

test('BDM-OSC-ARGUMENT negative: every key known, the line is parsed and the body judged by Nova', () => {
  assert.ok(!codesOf('openstack server create --flavor m1 --image c --block-device uuid=v1,source_type=volume,boot_index=1 vm1').includes('BDM-OSC-ARGUMENT'));
});

test('BDM-OSC-COMMAND: OSC itself refuses the command (a boot_index that is not an integer)', () => {
  assert.deepEqual(codesOf('openstack server create --flavor m1 --image c --block-device uuid=v1,source_type=volume,boot_index=one vm1'), ['BDM-OSC-COMMAND']);
});

test('BDM-OSC-COMMAND negative: an integer boot_index passes OSC', () => {
  assert.ok(!codesOf('openstack server create --flavor m1 --image c --block-device uuid=v1,source_type=volume,boot_index=1 vm1').includes('BDM-OSC-COMMAND'));
});

test('the word splitter: quotes, backslashes, continuations, comments and separators, with offsets', () => {
  const text = `echo a; openstack server create --flavor 'm 1' \\\n  --image "c\\"x" my\\ vm # comment\nls | wc`;
  const cmds = splitCommands(text);
  assert.deepEqual(cmds.map((c) => c.words.map((w) => w.value)), [['echo', 'a'], ['openstack', 'server', 'create', '--flavor', 'm 1', '--image', 'c"x', 'my vm'], ['ls'], ['wc']]);
  const w = cmds[1].words;
  // each character of a value knows where it is written
  assert.equal(text.slice(w[4].start, w[4].end), "'m 1'");
  assert.equal(text[w[4].offs[2]], '1');
  assert.equal(text.slice(w[6].start, w[6].end), '"c\\"x"');
  assert.equal(text[w[6].offs[1]], '"');
  assert.equal(text.slice(w[7].start, w[7].end), 'my\\ vm');
  // inside double quotes the shell drops the backslash before $ (Python's shlex keeps it)
  assert.deepEqual(splitCommands('x "a\\$b" \'c\\$d\' e\\$f')[0].words.map((x) => x.value), ['x', 'a$b', 'c\\$d', 'e$f']);
  // a redirection's target is not an argument
  assert.deepEqual(splitCommands('openstack server create --flavor m1 --image c vm > out.log 2>&1')[0].words.map((x) => x.value), ['openstack', 'server', 'create', '--flavor', 'm1', '--image', 'c', 'vm']);
});

test('diagnostics land on the option: the key inside --block-device, on its line and column, with the rule id', () => {
  const text = [
    '#!/bin/sh',
    'openstack server create \\',
    '  --flavor m1 --image cirros \\',
    '  --block-device uuid=v1,source_type=volume,boot_index=zero \\',
    '  vm1',
    'openstack --os-compute-api-version 2.67 server create --flavor m1 --nic none --volume root \\',
    '  --block-device source_type=image,uuid=cirros,destination_type=volume,boot_index=1 vm2',
    '',
  ].join('\n');
  const a = analyzeDocument(text, languageOf('boot.sh', text), defaultContext());
  const idx = new LineIndex(text);
  const at = (code: string) => {
    const d = a.diagnostics.find((x) => x.code === code);
    assert.ok(d, `${code} among ${a.diagnostics.map((x) => x.code).join(', ')}`);
    const p = idx.position(d.span.offset);
    return { line: p.line + 1, col: p.character + 1, text: text.slice(d.span.offset, d.span.offset + d.span.length), d };
  };
  const osc = at('BDM-OSC-COMMAND');
  assert.deepEqual([osc.line, osc.col, osc.text], [4, 45, 'boot_index=zero']);
  assert.equal(osc.d.message.split('\n')[0], 'The boot_index key of --block-device should be an integer');
  // Nova's refusal of the second command lands on its --block-device value (no volume_size in it)
  const nova = at('BDM-COMPUTE-IMAGE-VOLUME-SIZE');
  assert.deepEqual([nova.line, nova.col, nova.text], [7, 65, 'volume']);
  assert.equal(a.requests?.length, 2);
  assert.equal(a.requests![0].toolError, 'The boot_index key of --block-device should be an integer');
  assert.equal(a.requests![1].microversion, '2.67');
  assert.equal(a.requests![1].tool, 'openstack-cli');
});

test('a key OSC does not know is refused by OSC on the key itself; a bad uuid value by Nova on the value', () => {
  const text = 'openstack server create --flavor m1 --image cirros --block-device uuid=v1,sourcetype=volume vm1\nopenstack server create --flavor m1 --image cirros --block-device "uuid=my vol,source_type=volume,boot_index=1" vm2\n';
  const a = analyzeDocument(text, 'shell', defaultContext());
  const bad = a.diagnostics.find((d) => d.code === 'BDM-OSC-ARGUMENT')!;
  assert.equal(text.slice(bad.span.offset, bad.span.offset + bad.span.length), 'sourcetype');
  const uuid = a.diagnostics.find((d) => d.code === 'BDM-SCHEMA-UUID')!;
  assert.ok(uuid, a.diagnostics.map((d) => d.code).join(', '));
  assert.equal(text.slice(uuid.span.offset, uuid.span.offset + uuid.span.length), 'my vol');
});

test('Markdown runbooks: bash/sh/console blocks are read, prose and other blocks are not', () => {
  const md = [
    '# Boot',
    'Run openstack server create --flavor m1 --image cirros --swap x vm0 (prose, not run)',
    '```bash',
    'openstack server create --flavor m1 --image cirros --swap 1G vm1',
    '```',
    '```python',
    'openstack server create --flavor m1 --image cirros --swap 2G vm2',
    '```',
    '```console',
    '$ openstack server create --flavor m1 --image cirros \\',
    '    --boot-from-volume ten vm3',
    'openstack server create --flavor m1 --image cirros --swap 3G output-line',
    '```',
  ].join('\n');
  assert.equal(languageOf('runbook.md', md), 'markdown');
  const a = analyzeDocument(md, 'markdown', defaultContext());
  const idx = new LineIndex(md);
  const found = a.diagnostics.filter((d) => d.code === 'BDM-OSC-ARGUMENT').map((d) => [idx.position(d.span.offset).line + 1, md.slice(d.span.offset, d.span.offset + d.span.length)]);
  assert.deepEqual(found, [[4, '1G'], [11, 'ten']]);
});

test('OS_COMPUTE_API_VERSION: exported earlier or set before the command, overridden by the option', () => {
  const text = [
    'openstack server create --flavor m1 --image c vm0',
    'export OS_COMPUTE_API_VERSION=2.42',
    'openstack server create --flavor m1 --image c --nic none --block-device uuid=v1,source_type=volume,boot_index=1,tag=db vm1',
    'OS_COMPUTE_API_VERSION=2.67 openstack server create --flavor m1 --image c --nic none vm2',
    'openstack --os-compute-api-version 2.37 server create --flavor m1 --image c vm3',
    'unset OS_COMPUTE_API_VERSION',
    'openstack server create --flavor m1 --image c vm4',
  ].join('\n');
  const found = findServerCreates(text, 'shell');
  assert.deepEqual(found.map((c) => c.translation.microversion), ['2.1', '2.42', '2.67', '2.37', '2.1']);
  assert.equal(found[1].translation.error, null, 'the tag key is allowed at 2.42');
});

test('editor requests on a script: no JSON completion; the boot simulation runs one command at a time', () => {
  const text = 'openstack server create --flavor m1 --image c vm1\nopenstack server create --flavor m1 --image c vm2\n';
  const state = (t: string): DocState => ({ text: t, analysis: analyzeDocument(t, 'shell', defaultContext()), context: defaultContext(), tooLarge: false, lab: undefined as never, hashes: undefined as never });
  assert.deepEqual(completionsOf(state(text), 5), []);
  const two = simulateBootOf(state(text), undefined as never, {} as never);
  assert.deepEqual(two, { error: 'The boot simulation runs one request (one command, resource or task); this document has 2.' });
  const none = simulateBootOf(state('echo hi\n'), undefined as never, {} as never);
  assert.match((none as { error: string }).error, /has 0\.$/);
});

test('a plain file with the command is a script; a JSON body stays a body', () => {
  assert.equal(languageOf('notes.txt', 'openstack server create --flavor m1 --image c vm'), 'shell');
  assert.equal(languageOf('body.txt', '{"server": {"name": "openstack create"}}'), 'json');
});

test('bdm-lab check FILE.sh: line:column and rule id per command, and the requests in the JSON output', async () => {
  const script = 'openstack server create --flavor m1 --image cirros \\\n  --block-device uuid=v1,source_type=volume,boot_index=0 vm1\n';
  const run = cliRunner({ 'test/fixtures/osc/boot.sh': script });
  const text = await run(['check', 'test/fixtures/osc/boot.sh']);
  assert.equal(text.code, 1);
  // the implicit image root (boot_index 0) that --image adds next to the user's boot_index=0
  assert.match(text.out, /boot\.sh:1:37: error BDM-COMPUTE-BOOT-SEQUENCE/);
  assert.match(text.out, /boot\.sh: invalid \(Nova answers HTTP 400, BDM-COMPUTE-BOOT-SEQUENCE\); 1 openstack server create or add volume command;/);
  const none = await cliRunner({ 'test/fixtures/osc/none.sh': 'echo hi\nopenstack server list\n' })(['check', 'test/fixtures/osc/none.sh']);
  assert.equal(none.code, 0);
  assert.match(none.out, /none\.sh: no openstack server create or add volume command\n$/);
  const json = await run(['check', '--format', 'json', 'test/fixtures/osc/boot.sh']);
  const f = JSON.parse(json.out).files[0];
  assert.equal(f.valid, false);
  assert.ok(f.diagnostics.every((d: { code: string; range: unknown }) => d.code && d.range));
  assert.equal(f.requests.length, 1);
  const r = f.requests[0];
  assert.deepEqual(r.range.start, { line: 0, character: 0 });
  assert.equal(r.tool, 'openstack-cli');
  assert.equal(r.toolError, null);
  assert.equal(r.microversion, '2.1');
  assert.equal(r.body.server.block_device_mapping_v2.length, 2);
});

// `--label`: run OSC's own code (the shell's version check in scripts/osc_shell.py, then osc-oracle) on every case, and Nova's (nova-oracle) on the bodies it sends.
if (process.argv.includes('--label')) {
  const shared = join(ROOT, '..', 'shared', 'tools');
  const script = [
    'import json, shlex, sys',
    `sys.path.insert(0, ${JSON.stringify(join(shared, 'osc-oracle'))})`,
    'import osc_oracle',
    `sys.path.insert(0, ${JSON.stringify(join(ROOT, 'scripts'))})`,
    'from osc_shell import run_create',
    'out = {}',
    'for c in json.load(open(sys.argv[1])):',
    "    argv = shlex.split(c['line'].replace('\\\\\\n', ''))",
    "    out[c['id']] = {'argv': argv, 'result': run_create(osc_oracle, argv)}",
    'print(json.dumps(out, default=str))',
  ].join('\n');
  const osc = JSON.parse(execFileSync('/usr/bin/python3', ['-c', script, join(DIR, 'cases.json')], { encoding: 'utf8', env: { PYTHONHASHSEED: '0', PATH: '/usr/bin:/bin' }, maxBuffer: 1 << 26 })) as Record<string, Label>;
  const sent = Object.entries(osc).filter(([, v]) => v.result.stage === 'sent');
  const tmp = '/tmp/bdm-lab-osc-nova-cases.json';
  const ctx = { flavor: { root_gb: 20, ephemeral_gb: 10, swap_mb: 1024 } };
  writeFileSync(tmp, JSON.stringify(sent.map(([id, v]) => ({ id, payload: v.result.nova_body, context: { ...ctx, microversion: v.result.microversion_header!['X-OpenStack-Nova-API-Version'] } }))));
  const out = execFileSync('/usr/bin/python3', [join(shared, 'nova-oracle', 'oracle.py'), tmp], { encoding: 'utf8', maxBuffer: 1 << 26 });
  for (const id of Object.keys(osc)) osc[id].nova = null;
  for (const line of out.split('\n').filter((l) => l.startsWith('{'))) {
    const r = JSON.parse(line) as { id: string; valid: boolean; http_status: number; nova_message?: string };
    osc[r.id].nova = { valid: r.valid, http_status: r.http_status, ...(r.valid ? {} : { message: r.nova_message }) };
  }
  writeFileSync(ORACLE_FILE, JSON.stringify(osc, null, 1) + '\n');
}

test('hover on a command: on a --block-device its entry (driver class, device, <disk>); on the command the body and one line per entry', () => {
  const text = 'openstack server create --flavor m1 --image cirros \\\n  --block-device uuid=11111111-2222-3333-4444-555555555555,source_type=volume,boot_index=1 vm1\n';
  const a = analyzeDocument(text, 'shell', defaultContext());
  const state: DocState = { text, analysis: a, context: defaultContext(), tooLarge: false, lab: { name: 'none', labHost: null, problem: null }, hashes: nodeHost().hashes };
  const onHead = hoverOf(state, text.indexOf('server create'));
  assert.ok(onHead, 'a hover on the command');
  assert.match(onHead.markdown, /sends `POST \/servers` at microversion 2\.1/);
  assert.match(onHead.markdown, /- entry 0: `DriverImageBlockDevice`/);
  assert.match(onHead.markdown, /- entry 1: `DriverVolumeBlockDevice` — .* → `\/dev\/vdb` on `virtio`/);
  const onDevice = hoverOf(state, text.indexOf('source_type=volume'));
  assert.ok(onDevice, 'a hover on the --block-device value');
  assert.match(onDevice.markdown, /DriverVolumeBlockDevice/);
  assert.match(onDevice.markdown, /<target dev="vdb" bus="virtio"\/>/);
  assert.notEqual(onDevice.span.offset, onHead.span.offset, 'the entry hover covers the option, not the command');
});

test('bdm-lab xml on a script: the one command\'s <disk> XML; several need --request N; a refused command says why', async () => {
  const one = 'openstack server create --flavor m1 --image cirros --block-device uuid=11111111-2222-3333-4444-555555555555,source_type=volume,boot_index=1 vm1\n';
  const run = cliRunner({ 'test/fixtures/osc/one.sh': one, 'test/fixtures/osc/two.sh': one + one.replace('vm1', 'vm2').replace('555555555555', '666666666666'), 'test/fixtures/osc/bad.sh': 'openstack server create --flavor m1 --block-device uuid=x,source_type=volume vm\n' });
  const x = await run(['xml', 'test/fixtures/osc/one.sh']);
  assert.equal(x.code, 0, x.err);
  assert.match(x.out, /<target dev="vdb" bus="virtio"\/>/);
  const two = await run(['xml', 'test/fixtures/osc/two.sh']);
  assert.equal(two.code, 2);
  assert.match(two.err, /holds 2 requests: choose one with --request N/);
  const second = await run(['xml', '--request', '2', 'test/fixtures/osc/two.sh']);
  assert.equal(second.code, 0, second.err);
  assert.match(second.out, /666666666666/);
  const bad = await run(['xml', 'test/fixtures/osc/bad.sh']);
  assert.equal(bad.code, 2);
  assert.match(bad.err, /openstack server create.*refuses this and sends nothing to Nova/);
});

test('a .tf file is Terraform and a .yaml file YAML, also when the editor calls them plain text', () => {
  assert.equal(languageOf('plaintext', 'resource "x" "y" {}', 'file:///w/main.tf'), 'terraform');
  assert.equal(languageOf('main.tf', ''), 'terraform');
  assert.equal(languageOf('yaml', 'a: 1'), 'yaml');
  assert.equal(languageOf('stack.yml', 'a: 1'), 'yaml');
  // a YAML file that holds no request gets nothing
  const a = analyzeDocument('apiVersion: v1\nkind: Pod\n', 'yaml', defaultContext());
  assert.deepEqual([a.kind, a.diagnostics.length, a.requests?.length], [null, 0, 0]);
});

test('quick fixes on a document holding requests come from its source (none from the JSON fixes)', () => {
  const text = 'openstack server create --flavor m1 --image cirros --block-device uuid=11111111-2222-3333-4444-555555555555,source_type=volume,boot_index=0 vm1\n';
  const a = analyzeDocument(text, 'shell', defaultContext());
  const d = a.diagnostics.find((x) => x.code === 'BDM-COMPUTE-BOOT-SEQUENCE');
  assert.ok(d, 'the implicit image root next to boot_index=0 is refused');
  const state: DocState = { text, analysis: a, context: defaultContext(), tooLarge: false, lab: { name: 'none', labHost: null, problem: null }, hashes: nodeHost().hashes };
  // the JSON fixes (they edit JSON text) are never offered on a command
  assert.deepEqual(codeActionsOf(state, [{ code: d.code, offset: d.span.offset }], false), []);
  // a source that offers a fix has it turned into a code action on its diagnostic
  const source = a.requests![0].analysis!.source!;
  (source as { fixes?: unknown }).fixes = (x: { code: string; span: { offset: number } }) => [{ title: `fix ${x.code}`, edits: [{ span: { offset: x.span.offset, length: 0 }, newText: '!' }] }];
  const got = codeActionsOf(state, [{ code: d.code, offset: d.span.offset }], false);
  assert.deepEqual(got.map((g) => [g.title, g.kind, g.diagnostic, g.edits[0].span.offset]), [[`fix ${d.code}`, 'quickfix', 0, d.span.offset]]);
});

for (const [what, file] of [['scripts/osc-generate.mjs 600 23', 'generated'], ['odd shapes and bodies, osc-generate.mjs 300 7130 odd + 300 7131 sent', 'generated-odd'], ["quoted and escaped as scripts write them ($'…', $\"…\", pieces, continuations), osc-generate.mjs 500 7325 shell, the words bash's own (osc-label.py --bash)", 'generated-shell']]) test(`generated command lines (${what}), labelled by OSC's own code (scripts/osc-label.py): same words, refusal or body; Nova's verdict on what is sent`, () => {
  const cases = JSON.parse(readFileSync(join(DIR, `${file}-cases.json`), 'utf8')) as Case[];
  const oracle = JSON.parse(readFileSync(join(DIR, `${file}-oracle.json`), 'utf8')) as Record<string, OracleAnswer & { nova: Label['nova'] }>;
  assert.ok(cases.length >= 500);
  assert.ok(Object.values(oracle).filter((o) => o.nova).length >= 70, 'bodies judged by Nova');
  const stages = new Set(Object.values(oracle).map((o) => o.result.stage));
  for (const s of ['osc-client', 'osc-argparse', 'osc', 'osc-or-novaclient', 'sent']) assert.ok(stages.has(s), `the cases reach the ${s} stage`);
  const bad: string[] = [];
  const ctx = { ...defaultContext(), flavor: { root_gb: 20, ephemeral_gb: 10, swap_mb: 1024 } };
  for (const c of cases) {
    const o = oracle[c.id];
    const diffs = compareWithOracle(c.line, o);
    if (!diffs.length && o.nova) {
      const a = analyzeDocument(c.line, 'shell', ctx);
      if (a.valid !== o.nova.valid) diffs.push(`Nova says ${o.nova.valid ? 'valid' : o.nova.message}; bdm-lab ${a.verdict?.code}`);
      else if (!o.nova.valid && a.verdict?.message !== o.nova.message) diffs.push(`Nova's words ${o.nova.message} != ${a.verdict?.message}`);
    }
    if (diffs.length) bad.push(`${c.id}: ${diffs.join('; ')}`);
  }
  assert.deepEqual(bad, []);
});

test('--max 0 alone (no --min): OSC\'s min <= max refusal, placed on --max (was a crash)', () => {
  const t = findServerCreates('openstack server create --flavor m1 --image c --max 0 vm', 'shell')[0].translation;
  assert.equal(t.error?.message, 'min instances should be <= max instances');
  assert.equal(t.error?.stage, 'osc');
});

test('quick fixes on commands: the microversion OSC asks for (changed or added), a misspelt --block-device key, a type in the wrong case', () => {
  const fixesOf = (text: string) => {
    const a = analyzeDocument(text, 'shell', defaultContext());
    const d = a.diagnostics.find((x) => x.code.startsWith('BDM-OSC-'));
    assert.ok(d, `a refusal of ${text}`);
    const state: DocState = { text, analysis: a, context: defaultContext(), tooLarge: false, lab: { name: 'none', labHost: null, problem: null }, hashes: nodeHost().hashes };
    return codeActionsOf(state, [{ code: d.code, offset: d.span.offset }], false).map((f) => {
      let out = text;
      for (const e of [...f.edits].sort((x, y) => y.span.offset - x.span.offset)) out = out.slice(0, e.span.offset) + e.newText + out.slice(e.span.offset + e.span.length);
      return [f.title, out];
    });
  };
  const tag = 'openstack server create --flavor m1 --image c --block-device uuid=v1,source_type=volume,boot_index=1,tag=db vm';
  assert.deepEqual(fixesOf(tag), [['Send microversion 2.42 (--os-compute-api-version 2.42)', tag.replace('openstack server', 'openstack --os-compute-api-version 2.42 server')]]);
  const set = 'openstack --os-compute-api-version 2.30 server create --flavor m1 --image c --tag t vm';
  assert.deepEqual(fixesOf(set), [['Send microversion 2.52 (--os-compute-api-version 2.52)', set.replace('2.30', '2.52')]]);
  const env = 'OS_COMPUTE_API_VERSION=2.1 openstack server create --flavor m1 --image c --nic none vm';
  assert.deepEqual(fixesOf(env), [['Send microversion 2.37 (--os-compute-api-version 2.37)', env.replace('=2.1', '=2.37')]]);
  const typo = "openstack server create --flavor m1 --image c --block-device 'uuid=v1,sourcetype=volume' vm";
  assert.deepEqual(fixesOf(typo), [['Use the --block-device key source_type', typo.replace('sourcetype', 'source_type')]]);
  const upper = 'openstack server create --flavor m1 --image c --block-device uuid=v1,source_type=Volume vm';
  assert.deepEqual(fixesOf(upper), [['Use source_type=volume', upper.replace('Volume', 'volume')]]);
  // and every fixed line is one OSC takes
  for (const [, fixed] of [...fixesOf(tag), ...fixesOf(set), ...fixesOf(env), ...fixesOf(typo), ...fixesOf(upper)]) {
    assert.equal(findServerCreates(fixed, 'shell')[0].translation.error, null, fixed);
  }
  // a refusal with no obvious edit gets no fix
  assert.deepEqual(fixesOf('openstack server create --flavor m1 --image c --block-device uuid=v1,boot_index=one vm'), []);
});

test('code lenses on a script: Preview libvirt XML and Simulate Attach above its one command (trusted only); none with two commands or a refused one', () => {
  const one = 'openstack server create --flavor m1 --volume boot-vol --block-device uuid=v1,source_type=volume,boot_index=1 vm1\n';
  const st = (text: string): DocState => ({ text, analysis: analyzeDocument(text, 'shell', defaultContext()), context: defaultContext(), tooLarge: false, lab: { name: 'none', labHost: null, problem: null }, hashes: nodeHost().hashes });
  assert.deepEqual(codeLensesOf(st(one), 'file:///w/a.sh', true).map((l) => [l.title, l.command, l.span.offset]), [
    ['Preview libvirt XML · 2 block devices', 'bdmLab.previewDomainDisks', 0],
    ['$(play) Simulate Attach (boot from volume)', 'bdmLab.simulateAttach', 0],
  ]);
  assert.deepEqual(codeLensesOf(st(one), 'file:///w/a.sh', false).map((l) => l.command), ['bdmLab.previewDomainDisks']);
  assert.deepEqual(codeLensesOf(st(one + one.replace('vm1', 'vm2')), 'file:///w/a.sh', true), []);
  assert.deepEqual(codeLensesOf(st('openstack server create --flavor m1 vm\n'), 'file:///w/a.sh', true), []);
  // the preview of the one command is its disks
  const p = previewAnswerOf(st(one));
  assert.match(p.xml, /<target dev="vda" bus="virtio"\/>[\s\S]*<target dev="vdb" bus="virtio"\/>/);
});

test("bash's $'…' (C escapes, bytes read as Python reads argv) and $\"…\" in a word, and a command whose words are quoted in pieces is found", () => {
  // each word as bash gives it to python3's sys.argv (LC_ALL=C.UTF-8), printed by json.dumps
  const bash: Array<[string, string]> = [
    ["$'vol\\x2ddata'", 'vol-data'],
    ["$'a\\tb'", 'a\tb'],
    ["$'x\\0y'z", 'xz'],
    ["$'\\xc3\\xa9'", '\u00e9'],
    ["$'\\xff'", '\udcff'],
    ["$'\\uD800'", '\udced\udca0\udc80'],
    ["$'\\c?\\cA\\c'", '\u007f\u0001\\c'],
    ["$'\\q\\x\\u'", '\\q\\x\\u'],
    ['$"m1"', 'm1'],
    ["a$'\\101'\"\\$b\"", 'aA$b'],
    ["$'\\U0001F600\\1012'", '\ud83d\ude00A2'],
  ];
  for (const [written, value] of bash) {
    const w = splitCommands(`echo ${written} end`)[0].words;
    assert.deepEqual(w.map((x) => x.value), ['echo', value, 'end'], written);
    assert.equal(w[1].offs.length, value.length, `${written}: an offset per character`);
  }
  // OSC's own answer on the words bash makes of it (osc-label.py --bash): an image->volume root, volume_size 5 (an int)
  const line = "$'open'stack \"ser\"ver cre$'\\x61'te --flavor $\"m1\" --image cir'ros' --boot-from-volume $'\\065' vm";
  const a = analyzeDocument(line, 'shell', defaultContext());
  assert.equal(a.requests?.length, 1, 'the command is found though no word is written whole');
  const t = findServerCreates(line, 'shell')[0].translation;
  assert.equal(t.error, null);
  assert.deepEqual((t.body as { server: { block_device_mapping_v2: unknown[] } }).server.block_device_mapping_v2.map((e) => (e as { volume_size: unknown }).volume_size), [5]);
});
