/** The one argument parser (node:util parseArgs) and the one context reader, as every subcommand sees them. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { cliRunner } from './cli-run';
import { parseCommandArgs, UsageError } from '../../server/src/cli/common';

const files: Record<string, string> = {
  'ok.json': '{"server": {"name": "a", "flavorRef": "1", "block_device_mapping_v2": [{"source_type": "volume", "destination_type": "volume", "uuid": "5c2a7b1e-0b1c-4c53-9d6e-2f1a3b4c5d6e", "boot_index": 0}]}}',
  // keys attach's old reader knew, values the context schema refuses
  'loose-ctx.json': '{"microversion": "2.60", "flavor": "big", "max_local_block_devices": "many"}',
  'trailing-ctx.json': '{"microversion": "2.60", "bogus": 1}',
};

const run = cliRunner(files);

const SPEC = { format: { type: 'string' }, lab: { type: 'string' }, quiet: { type: 'boolean', short: 'q' }, uri: { type: 'string', multiple: true } } as const;
const usage = (f: () => unknown, re: RegExp) => assert.throws(f, (e: unknown) => e instanceof UsageError && re.test(e.message));

test('parser: --opt value and --opt=value, short forms, repeated options, -- ends options', () => {
  assert.deepEqual(parseCommandArgs(['--format', 'json', 'a'], SPEC), { options: { format: 'json' }, positional: ['a'] });
  assert.deepEqual(parseCommandArgs(['--format=json', 'a', 'b'], SPEC).options, { format: 'json' });
  assert.deepEqual(parseCommandArgs(['--format=-x'], SPEC).options, { format: '-x' }, 'a value starting with - is given with =');
  assert.deepEqual(parseCommandArgs(['-q', 'f'], SPEC), { options: { quiet: true }, positional: ['f'] });
  assert.deepEqual(parseCommandArgs(['--uri', 'a', '--uri=b', '--uri', 'c'], SPEC).options, { uri: ['a', 'b', 'c'] });
  assert.deepEqual(parseCommandArgs(['--format', 'text', '--format', 'json'], SPEC).options, { format: 'json' }, 'a single-valued option repeated: the last wins (as before)');
  assert.deepEqual(parseCommandArgs(['--', '--format', '-q'], SPEC), { options: {}, positional: ['--format', '-q'] });
  assert.deepEqual(parseCommandArgs(['-'], SPEC).positional, ['-']);
});

test('parser: unknown option, missing value, a value that is an option, a value for a flag: usage errors naming the option', () => {
  usage(() => parseCommandArgs(['--bogus'], SPEC), /^unknown option --bogus$/);
  usage(() => parseCommandArgs(['--bogus=1'], SPEC), /^unknown option --bogus$/);
  usage(() => parseCommandArgs(['-z'], SPEC), /^unknown option -z$/);
  usage(() => parseCommandArgs(['a', '--format'], SPEC), /^--format needs a value$/);
  usage(() => parseCommandArgs(['--format', '--lab', 'x'], SPEC), /^--format needs a value \(got option "--lab"; write --format=--lab/);
  usage(() => parseCommandArgs(['--lab', '-q'], SPEC), /^--lab needs a value/);
  usage(() => parseCommandArgs(['--quiet=yes'], SPEC), /^--quiet takes no value$/);
  usage(() => parseCommandArgs([`--x\u001b[2J`], SPEC), /^unknown option --x\\u\{1b\}\[2J$/);
});

test('every subcommand: unknown option and missing value exit 2 with the one usage text', async () => {
  for (const [args, re] of [
    [['check', '--bogus', 'ok.json'], /^bdm-lab: unknown option --bogus\nUsage:/],
    [['check', 'ok.json', '--format'], /^bdm-lab: --format needs a value\nUsage:/],
    [['xml', '--lab'], /^bdm-lab: --lab needs a value\nUsage:/],
    [['attach', '--bogus'], /^bdm-lab attach: unknown option --bogus\nUsage:/],
    [['attach', '--lab', '--volume', 'v'], /^bdm-lab attach: --lab needs a value/],
    [['attach', '--show-secrets=1', '--lab', 'iscsi'], /^bdm-lab attach: --show-secrets takes no value\nUsage:/],
  ] as Array<[string[], RegExp]>) {
    const r = await run(args);
    assert.equal(r.code, 2, args.join(' '));
    assert.match(r.err, re, args.join(' '));
    assert.equal(r.out, '');
  }
  const usages = await Promise.all([['check', '--x'], ['xml', '--x'], ['attach', '--x']].map(run));
  const tail = (s: string) => s.slice(s.indexOf('Usage:'));
  assert.equal(tail(usages[0].err), tail(usages[2].err), 'one usage text');
  assert.equal(tail(usages[1].err), tail(usages[2].err), 'one usage text');
});

test('check --format=json and --max-problems=N work with =', async () => {
  const r = await run(['check', '--format=json', '--max-problems=5', 'ok.json']);
  assert.equal(r.code, 0, r.err);
  assert.equal(JSON.parse(r.out).files[0].valid, true);
});

test('attach accepts --allow-libvirt-uri several times (parsed into a list)', async () => {
  // no --real-libvirt: the URIs are parsed and not used; the run must still succeed
  const r = await run(['attach', '--lab', 'iscsi', '--allow-libvirt-uri', 'qemu:///a', '--allow-libvirt-uri=qemu:///b', '--format=json', '--volume', '0b6c1e35-7a1e-4d0f-9c52-1d4d6b7f0a01']);
  assert.equal(r.code, 0, r.err);
  assert.ok(JSON.parse(r.out).steps.length > 0);
});

test('attach --context refuses what check --context refuses (one strict reader)', async () => {
  for (const ctx of ['loose-ctx.json', 'trailing-ctx.json']) {
    const check = await run(['check', '--context', ctx, 'ok.json']);
    assert.equal(check.code, 2, check.err);
    assert.match(check.err, new RegExp(`${ctx.replace('.', '\\.')}:1:\\d+: invalid context: `));
    const attach = await run(['attach', '--lab', 'default', '--context', ctx, 'test/fixtures/attach/two-attaches.json']);
    assert.equal(attach.code, 2, `attach accepted ${ctx}: ${attach.out.slice(0, 200)}`);
    assert.equal(attach.out, '');
    assert.match(attach.err, new RegExp(`^bdm-lab attach: ${ctx.replace('.', '\\.')}:1:\\d+: invalid context: `));
  }
  const good = await run(['attach', '--lab', 'default', '--context', 'test/fixtures/attach/context-2.60.json', '--format', 'json', 'test/fixtures/attach/two-attaches.json']);
  assert.equal(good.code, 0, good.err);
});
