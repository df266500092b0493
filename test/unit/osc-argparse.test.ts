/**
 * How the openstack CLI source reads option words as python-openstackclient 6.0.0 does, through
 * Python 3.11's argparse (server/src/source/oscCli/argparse.ts, globals.ts): a long option shortened
 * to the start of one name, the refusal of a start shared by several, `--opt=value`, short options
 * with their value glued on, `--` ending the options (and argparse dropping one `--` from every
 * value), the shell's own options taken wherever they stand.
 *
 * Every expected answer was given by OSC's own code: "osc-oracle" is shared/tools/osc-oracle (the
 * command's parser and take_action) behind the shell's version check (scripts/osc_shell.py), as
 * test/fixtures/osc labels its cases; "the openstack shell" is the real `/usr/bin/openstack`
 * (Debian's python3-openstackclient 6.0.0) run with `--os-auth-type none --os-endpoint
 * http://127.0.0.1:9`, whose own parser answers before any request, and, for a body, its parser's
 * leftover words (OpenStackShell().parser.parse_known_args) given to osc-oracle; "label.py" is
 * test/fixtures/osc-add-volume/label.py (AddServerVolume's own code). More such lines are labelled
 * in test/fixtures/osc/cases.json and test/fixtures/osc-add-volume/cases.json (ids abbrev-*,
 * double-dash-*, glued-dashes-*, value-*).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { findServerCreates, splitCommands, translate } from '../../server/src/source/oscCli';
import { withOracleIds } from '../fixtures/osc/oracleIds';
import { analyzeDocument } from '../../server/src/document';
import { defaultContext } from '../../server/src/model/context';
import { codeActionsOf, type DocState } from '../../server/src/features/requests';
import { nodeHost } from '../../server/src/host';

const CREATE = 'openstack server create: error: ';
const ADD = 'openstack server add volume: error: ';
const SHELL = 'openstack: error: ';
/** the oracle's ids (fixtures/osc/oracleIds.ts) of flavor m1 and image cirros */
const M1 = 'ab83bc6e-2542-57d6-ab20-f9ed4a06e62e';
const CIRROS = 'ed7634ec-9f13-5ecd-840b-38fbcf085d1e';
const IMAGE_ROOT = { uuid: CIRROS, source_type: 'image', destination_type: 'local', boot_index: 0, delete_on_termination: true };

const translation = (line: string) => {
  const found = findServerCreates(line, 'shell');
  assert.equal(found.length, 1, `one command in ${line}`);
  return found[0].translation;
};
/** the body sent (with the oracle's ids) and its microversion; fails when the line is refused */
const sent = (line: string) => {
  const t = translation(line);
  assert.equal(t.error, null, `OSC sends ${line}; bdm-lab says ${t.error?.message}`);
  return { body: withOracleIds(t), microversion: t.microversion };
};
/** the stage and words of the refusal, and the text it is placed on */
const refused = (line: string) => {
  const t = translation(line);
  assert.ok(t.error, `OSC refuses ${line}; bdm-lab sends it`);
  assert.equal(t.body, null);
  return { stage: t.error.stage, message: t.error.message, at: line.slice(t.error.span.offset, t.error.span.offset + t.error.span.length) };
};
/** the words after `server create` given to the command's own parser alone (as osc-oracle runs it) */
const commandAlone = (rest: string) => {
  const line = `openstack server create ${rest}`;
  const words = splitCommands(line)[0].words.slice(3);
  return translate(words, '2.1', { offset: 0, length: 23 });
};

test('the repro: --boot-from 10 is --boot-from-volume 10, with or without "=" (osc-oracle: sent)', () => {
  // osc-oracle gave this body for both lines
  const body = { server: { name: 'vm1', imageRef: '', flavorRef: M1, min_count: 1, max_count: 1, block_device_mapping_v2: [{ uuid: CIRROS, boot_index: '0', source_type: 'image', destination_type: 'volume', volume_size: 10 }] } };
  assert.deepEqual(sent('openstack server create --flavor m1 --image cirros --boot-from 10 vm1'), { body, microversion: '2.1' });
  assert.deepEqual(sent('openstack server create --flavor m1 --image cirros --boot-from=10 vm1'), { body, microversion: '2.1' });
});

test('any unique start of a long option is that option: --swa, --ephem, --pro, --image-p, --fl= (osc-oracle: the bodies of the full names)', () => {
  // osc-oracle gave the same body for each line as for the one with the full names
  const pairs = [
    ['--swa 512 --ephem size=1', '--swap 512 --ephemeral size=1'],
    ['--pro a=b --prop c=d', '--property a=b --property c=d'],
    ['--wa --noi --fit --print -cid --max-w " 7 "', ''],
    ['--max 2 --mi 1', '--max 2 --min 1'],
  ];
  for (const [short, full] of pairs) {
    assert.deepEqual(sent(`openstack server create --fl=m1 --image cirros ${short} vm1`), sent(`openstack server create --flavor m1 --image cirros ${full} vm1`), short);
  }
  // osc-oracle: `--swa 512 --ephem size=1` adds these two entries after the image's root
  assert.deepEqual((sent('openstack server create --flavor m1 --image cirros --swa 512 --ephem size=1 vm1').body as { server: { block_device_mapping_v2: unknown[] } }).server.block_device_mapping_v2, [
    IMAGE_ROOT,
    { boot_index: -1, source_type: 'blank', destination_type: 'local', guest_format: 'swap', volume_size: 512, delete_on_termination: true },
    { boot_index: -1, source_type: 'blank', destination_type: 'local', delete_on_termination: true, volume_size: '1' },
  ]);
  // osc-oracle: metadata {"a": "b"}
  assert.deepEqual((sent('openstack server create --flavor m1 --image cirros --pro a=b vm1').body as { server: { metadata: unknown } }).server.metadata, { a: 'b' });
  // an exact name wins over the longer names it starts (osc-oracle: --host is --host, not ambiguous with --hostname; --hostn is --hostname)
  assert.equal(refused('openstack server create --flavor m1 --image cirros --host h1 vm1').message, '--os-compute-api-version 2.74 or greater is required to support the --host option');
  assert.equal(refused('openstack server create --flavor m1 --image cirros --hostn h1 vm1').message, '--os-compute-api-version 2.90 or greater is required to support the --hostname option');
});

test('a start shared by several options is refused, naming them in the parser\'s order, before any other refusal (osc-oracle)', () => {
  // osc-oracle gave each message (argparse's own, exit status 2 from the openstack shell)
  const cases: Array<[string, string, string]> = [
    ['--block uuid=v1,source_type=volume', 'ambiguous option: --block could match --block-device-mapping, --block-device', '--block'],
    ['--block=uuid=v1', 'ambiguous option: --block=uuid=v1 could match --block-device-mapping, --block-device', '--block=uuid=v1'],
    ['--f m1', 'ambiguous option: --f could match --format, --fit-width, --flavor, --file', '--f'],
    ['--ho h1', 'ambiguous option: --ho could match --host, --hostname', '--ho'],
    // the ambiguity is found before the earlier --swap's bad value and the --vol/--im exclusion
    ['--swap x --m 2', 'ambiguous option: --m could match --max-width, --min, --max', '--m'],
    ['--vol v1 --im c', 'ambiguous option: --im could match --image, --image-property', '--im'],
    ['--block --bogus', 'ambiguous option: --block could match --block-device-mapping, --block-device', '--block'],
  ];
  for (const [words, message, at] of cases) {
    assert.deepEqual(refused(`openstack server create --flavor m1 --image cirros ${words} vm1`), { stage: 'osc-argparse', message: CREATE + message, at }, words);
  }
  // the BDM-OSC-ARGUMENT finding, on the word
  const line = 'openstack server create --flavor m1 --image cirros --block uuid=v1,source_type=volume vm1';
  const d = analyzeDocument(line, 'shell', defaultContext()).diagnostics.filter((x) => x.code.startsWith('BDM-OSC-'));
  assert.deepEqual(d.map((x) => [x.code, line.slice(x.span.offset, x.span.offset + x.span.length)]), [['BDM-OSC-ARGUMENT', '--block']]);
  // `--=x`: '--' starts every long option of the command's parser (not -h, -f, -c) (osc-oracle, the command's parser alone)
  assert.equal(commandAlone('--flavor m1 --image c --=x vm1').error?.message, `${CREATE}ambiguous option: --=x could match --help, --format, --column, --noindent, --variable, --prefix, --max-width, --fit-width, --print-empty, --flavor, --image, --image-property, --volume, --snapshot, --boot-from-volume, --block-device-mapping, --block-device, --swap, --ephemeral, --network, --port, --nic, --password, --security-group, --key-name, --property, --file, --user-data, --description, --availability-zone, --host, --hypervisor-hostname, --hint, --use-config-drive, --no-config-drive, --config-drive, --min, --max, --tag, --hostname, --wait, --trusted-image-cert`);
});

test('flags and "=": a flag given a value is refused; shortened names keep argparse\'s wording of the option (osc-oracle)', () => {
  const base = 'openstack server create --flavor m1 --image cirros';
  assert.equal(refused(`${base} --wait=yes vm1`).message, `${CREATE}argument --wait: ignored explicit argument 'yes'`);
  assert.equal(refused(`${base} --wa= vm1`).message, `${CREATE}argument --wait: ignored explicit argument ''`);
  assert.equal(refused(`${base} --swap --swa vm1`).message, `${CREATE}argument --swap: expected one argument`);
  assert.equal(refused('openstack server create --fla m1 --vol v1 --snap s1 vm1').message, `${CREATE}argument --snapshot: not allowed with argument --volume`);
  // cliff's output options are checked too: -f one of its formatters, --max-width an int
  assert.equal(refused(`${base} --form=xml vm1`).message, `${CREATE}argument -f/--format: invalid choice: 'xml' (choose from 'json', 'shell', 'table', 'value', 'yaml')`);
  assert.equal(refused(`${base} --max-w abc vm1`).message, `${CREATE}argument --max-width: invalid int value: 'abc'`);
});

test('short options: a value glued on or after "=", an unknown one left over (osc-oracle)', () => {
  const base = 'openstack server create --flavor m1 --image cirros';
  assert.deepEqual(sent(`${base} -fjson -cid vm1`), sent(`${base} vm1`));
  assert.deepEqual(sent(`${base} -f=json vm1`), sent(`${base} vm1`));
  assert.deepEqual(refused(`${base} -f=json -x vm1`), { stage: 'osc-argparse', message: `${CREATE}unrecognized arguments: -x`, at: '-x' });
});

test('a value that starts with "-": a negative number or a word with a space is a value, any other such word is an option (osc-oracle)', () => {
  const base = 'openstack server create --flavor m1 --image cirros';
  assert.equal(refused(`${base} --description '-my server' vm1`).message, 'Description is not supported for --os-compute-api-version less than 2.19');
  assert.equal(refused(`${base} --min -1x vm1`).message, `${CREATE}argument --min: expected one argument`);
  assert.equal(refused(`${base} --min -.5 vm1`).message, `${CREATE}argument --min: invalid int value: '-.5'`);
  // argparse quotes the value as Python's repr does
  assert.equal(refused(`${base} --swap "it's" vm1`).message, `${CREATE}argument --swap: invalid int value: "it's"`);
});

test('`--` ends the options: what follows is positional, a second `--` is a word; a positional drops one `--` (osc-oracle)', () => {
  const base = 'openstack server create --flavor m1 --image cirros';
  // the repro: osc-oracle sends it, named vm1
  const bd = sent(`${base} --block-device uuid=v1,source_type=volume,boot_index=1 -- vm1`).body as { server: { name: string; block_device_mapping_v2: unknown[] } };
  assert.equal(bd.server.name, 'vm1');
  assert.deepEqual(bd.server.block_device_mapping_v2, [IMAGE_ROOT, { uuid: 'v1', source_type: 'volume', boot_index: 1, destination_type: 'volume' }]);
  assert.equal((sent(`${base} vm1 --`).body as { server: { name: string } }).server.name, 'vm1');
  // the second `--` is the name
  assert.equal((sent(`${base} -- --`).body as { server: { name: string } }).server.name, '--');
  const cases: Array<[string, string]> = [
    ['-- -- vm1', 'unrecognized arguments: vm1'],
    ['vm1 -- --', 'unrecognized arguments: --'],
    ['-- vm1 --swap 1', 'unrecognized arguments: --swap 1'],
    ['--', 'the following arguments are required: <server-name>'],
  ];
  for (const [words, message] of cases) assert.equal(refused(`${base} ${words}`).message, CREATE + message, words);
  // a name taken before an option leaves a later `--` unrecognized with what follows it
  assert.deepEqual(refused('openstack server create --flavor m1 vm1 --image cirros -- x'), { stage: 'osc-argparse', message: `${CREATE}unrecognized arguments: -- x`, at: '--' });
  assert.equal(refused('openstack server create --flavor m1 -- --image cirros vm1').message, `${CREATE}one of the arguments --image --image-property --volume --snapshot is required`);
  assert.equal(refused('openstack server create --flavor -- m1 --image cirros vm1').message, `${CREATE}argument --flavor: expected one argument`);
});

test('a `--` glued to an option (`--opt=--`) is dropped too: the option gets an empty list (osc-oracle; the shell prints the Actions\' Python errors)', () => {
  const base = 'openstack server create --flavor m1 --image cirros';
  // osc-oracle: KeyValueAction's own refusal
  assert.deepEqual(refused(`${base} --property=-- vm1`), { stage: 'osc-argparse', message: "Expected 'key=value' type, but got: []", at: '--' });
  // osc-oracle raised these from the Actions (uncaught: cliff prints them)
  assert.equal(refused(`${base} --nic=-- vm1`).message, "'list' object has no attribute 'split'");
  assert.equal(refused(`${base} --block-device=-- vm1`).message, 'stat: path should be string, bytes, os.PathLike or integer, not list');
  // an empty list is false: no swap, no image (osc-oracle: sent as without them)
  assert.deepEqual(sent(`${base} --swap=-- --description=-- vm1`), sent(`${base} vm1`));
  // and compares with no number (osc-oracle: take_action's TypeError)
  assert.deepEqual(refused(`${base} --min=-- vm1`), { stage: 'novaclient', message: "'>' not supported between instances of 'list' and 'int'", at: '--min=--' });
  assert.equal(refused(`${base} --min=-- --max=-- vm1`).message, "'<' not supported between instances of 'list' and 'int'");
  // a tag that is an empty list (osc-oracle at 2.90: "tags": [[]])
  const tags = sent(`openstack --os-compute-api-version 2.90 server create --flavor m1 --image cirros --tag=-- --nic none vm1`).body as { server: Record<string, unknown> };
  assert.deepEqual([tags.server.networks, tags.server.tags], ['none', [[]]]);
});

test('an option written shortened is still where its body path is placed: the body, the diagnostics, the quick fixes', () => {
  // bdm-lab's own places (no oracle in them): each path on the words that wrote it, as for the full names
  const line = 'openstack server create --fl=m1 --image cirros --boot-from 10 --swa=2048 vm1';
  const t = translation(line);
  const at = (path: unknown[], part: 'key' | 'value' | 'whole') => {
    const p = t.places.get(JSON.stringify(path))![part]!;
    return line.slice(p.offset, p.offset + p.length);
  };
  assert.deepEqual([at(['server', 'flavorRef'], 'key'), at(['server', 'flavorRef'], 'value'), at(['server', 'flavorRef'], 'whole')], ['--fl', 'm1', '--fl=m1']);
  assert.deepEqual([at(['server', 'block_device_mapping_v2', 0, 'volume_size'], 'key'), at(['server', 'block_device_mapping_v2', 0, 'volume_size'], 'whole')], ['--boot-from', '--boot-from 10']);
  assert.deepEqual([at(['server', 'block_device_mapping_v2', 1, 'volume_size'], 'key'), at(['server', 'block_device_mapping_v2', 1, 'volume_size'], 'value')], ['--swa', '2048']);
  // Nova refuses a swap larger than the flavor's: on the value written after --swa
  const text = 'openstack server create --flavor m1 --image cirros --swa 2048 vm1\n';
  const a = analyzeDocument(text, 'shell', { ...defaultContext(), flavor: { root_gb: 20, ephemeral_gb: 10, swap_mb: 1024 } });
  const swap = a.diagnostics.find((d) => d.code === 'BDM-COMPUTE-SWAP-SIZE');
  assert.ok(swap, a.diagnostics.map((d) => d.code).join(', '));
  assert.equal(text.slice(swap.span.offset, swap.span.offset + swap.span.length), '2048');
  // the quick fix edits the version given to a shortened --os-compute-api-version (the openstack shell takes --os-com;
  // osc-oracle asks 2.52 for --tag)
  const tag = 'openstack --os-com 2.30 server create --flavor m1 --image c --ta t vm';
  const ta = analyzeDocument(tag, 'shell', defaultContext());
  const d = ta.diagnostics.find((x) => x.code === 'BDM-OSC-COMMAND')!;
  assert.equal(tag.slice(d.span.offset, d.span.offset + d.span.length), '--ta t');
  const state: DocState = { text: tag, analysis: ta, context: defaultContext(), tooLarge: false, lab: { name: 'none', labHost: null, problem: null }, hashes: nodeHost().hashes };
  const fix = codeActionsOf(state, [{ code: d.code, offset: d.span.offset }], false)[0];
  assert.equal(fix.title, 'Send microversion 2.52 (--os-compute-api-version 2.52)');
  assert.deepEqual(fix.edits.map((e) => [tag.slice(e.span.offset, e.span.offset + e.span.length), e.newText]), [['2.30', '2.52']]);
});

test('the shell\'s own options are taken wherever they stand, shortened too, before the command reads its words (the openstack shell)', () => {
  // the openstack shell took each of these; osc-oracle gave the body for its leftover words at 2.67
  const body = { server: { name: 'vm1', imageRef: CIRROS, flavorRef: M1, min_count: 1, max_count: 1, block_device_mapping_v2: [IMAGE_ROOT, { uuid: 'v1', source_type: 'volume', volume_type: 't', boot_index: 1, destination_type: 'volume' }], networks: 'auto' } };
  const bd = '--block-device uuid=v1,source_type=volume,volume_type=t,boot_index=1';
  assert.deepEqual(sent(`openstack --os-com 2.67 server create --flavor m1 --image cirros ${bd} vm1`), { body, microversion: '2.67' });
  assert.deepEqual(sent(`openstack server create --flavor m1 --image cirros --os-compute-api-version=2.67 ${bd} vm1`), { body, microversion: '2.67' });
  assert.equal(findServerCreates(`openstack server create --flavor m1 --image cirros --os-comp 2.67 ${bd} vm1`, 'shell')[0].microversionWord?.value, '2.67');
  // the shell's --debug between `server` and `create` (the openstack shell: parsed, then the request)
  assert.deepEqual(sent('openstack server --debug create --flavor m1 --image cirros vm1').body, { server: { name: 'vm1', imageRef: CIRROS, flavorRef: M1, min_count: 1, max_count: 1 } });
  const base = 'openstack server create --flavor m1 --image cirros';
  // the openstack shell's own refusals (exit status 2), before the command's and before its version check
  const cases: Array<[string, string, string]> = [
    [`${base} --v vm1`, `${SHELL}ambiguous option: --v could match --version, --verbose, --verify`, '--v'],
    [`openstack --os-compute-api-version 2.99 server create --flavor m1 --image cirros --v vm1`, `${SHELL}ambiguous option: --v could match --version, --verbose, --verify`, '--v'],
    [`${base} -v -q vm1`, `${SHELL}argument -q/--quiet: not allowed with argument -v/--verbose`, '-q'],
    [`${base} -v2 vm1`, `${SHELL}argument -v/--verbose: ignored explicit argument '2'`, '-v2'],
    [`${base} --debug=1 vm1`, `${SHELL}argument --debug: ignored explicit argument '1'`, '--debug=1'],
    ['openstack --os-cloud --flavor server create --flavor m1 --image cirros vm1', `${SHELL}argument --os-cloud: expected one argument`, '--os-cloud'],
  ];
  for (const [line, message, at] of cases) assert.deepEqual(refused(line), { stage: 'osc-argparse', message, at }, line);
  // the auth plugins' options come in an order the real shell draws at each run: only the start of this list is fixed
  assert.match(refused(`${base} --os-co 2.67 vm1`).message, /^openstack: error: ambiguous option: --os-co could match --os-compute-api-version, --os-container-infra-api-version, --os-container-api-version, /);
  // a start of one shell option is that option, and its value is gone from the command's words (the openstack shell)
  assert.equal(refused(`${base} --de x vm1`).message, `${CREATE}unrecognized arguments: vm1`);
  assert.equal(refused('openstack server create --flavor m1 --i cirros vm1').message, `${CREATE}one of the arguments --image --image-property --volume --snapshot is required`);
  // after `--` they are the command's words (the openstack shell)
  assert.equal(refused(`${base} -- --debug vm1`).message, `${CREATE}unrecognized arguments: vm1`);
  assert.equal(refused(`${base} vm1 -- --os-compute-api-version 2.67`).message, `${CREATE}unrecognized arguments: --os-compute-api-version 2.67`);
  // an empty version is dropped, the environment's too (the openstack shell with --debug: "compute API version 2.1")
  assert.equal(translation('OS_COMPUTE_API_VERSION=2.60 openstack --os-compute-api-version= server create --flavor m1 --image cirros vm1').microversion, '2.1');
  // `=--` leaves an empty list, which the version check reads as '[]' (the openstack shell)
  assert.deepEqual(refused('openstack --os-compute-api-version=-- server create --flavor m1 --image cirros vm1').message, "Invalid format of client version '[]'. Expected format 'X.Y', where X is a major part and Y is a minor part of version.");
  // another command is not ours, whatever the shell says of it
  assert.deepEqual(findServerCreates('openstack server list --v', 'shell'), []);
});

test('the shell\'s -h/--help and --version stop before the command: nothing is sent (the openstack shell)', () => {
  // the openstack shell: `openstack help server create --flavor …` refuses the options (exit status 2)
  assert.deepEqual(refused('openstack server create --flavor m1 --image cirros --h vm1'), { stage: 'osc-argparse', message: 'openstack help: error: unrecognized arguments: --flavor m1 --image cirros vm1', at: '--h' });
  assert.equal(refused('openstack server create --h -1 --flavor m1').message, 'openstack help: error: unrecognized arguments: --flavor m1');
  // … or prints the command's help (exit status 0) when no option is left
  assert.deepEqual(refused('openstack server create vm1 --h'), { stage: 'osc-argparse', message: '--h is -h/--help of openstack: it prints the help of openstack server create and sends nothing', at: '--h' });
  // a refused version comes first (the openstack shell: "versions supported by client: 2.1 - 2.92")
  assert.deepEqual(refused('openstack --os-compute-api-version 2.99 server create --h').stage, 'osc-client');
  // --version prints "openstack 6.0.0" (exit status 0)
  assert.deepEqual(refused('openstack server create --flavor m1 --image cirros --vers vm1'), { stage: 'osc-argparse', message: '--vers is --version of openstack: it prints "openstack 6.0.0" and sends nothing', at: '--vers' });
});

test('server add volume: shortened options, ambiguity, `--` and the shell\'s options (label.py; the openstack shell)', () => {
  const attach = (line: string) => sent(line).body as { volumeAttachment: Record<string, unknown> };
  // label.py gave these bodies
  assert.deepEqual(attach('openstack server add volume vm1 data1 --dev /dev/vdb').volumeAttachment.device, '/dev/vdb');
  assert.equal(attach('openstack server add volume vm1 data1 --ena').volumeAttachment.delete_on_termination, true);
  assert.equal(attach('openstack --os-compute-api-version 2.49 server add volume vm1 data1 --ta=db').volumeAttachment.tag, 'db');
  assert.deepEqual(attach('openstack server add volume vm1 -- data1'), attach('openstack server add volume vm1 data1'));
  assert.deepEqual(attach('openstack server add volume -- vm1 data1'), attach('openstack server add volume vm1 data1'));
  assert.deepEqual(attach('openstack server add volume vm1 data1 --device=--').volumeAttachment.device, []);
  assert.equal(attach("openstack server add volume vm1 data1 --device '-x y'").volumeAttachment.device, '-x y');
  // label.py gave these refusals
  assert.equal(refused('openstack server add volume vm1 data1 --p x').message, `${ADD}ambiguous option: --p could match --prefix, --print-empty`);
  assert.equal(refused('openstack --os-compute-api-version 2.79 server add volume vm1 data1 --ena --dis').message, `${ADD}argument --disable-delete-on-termination: not allowed with argument --enable-delete-on-termination`);
  assert.equal(refused('openstack server add volume vm1 -- -- data1').message, `${ADD}unrecognized arguments: data1`);
  assert.equal(refused('openstack server add volume vm1 data1 -f xyz').message, `${ADD}argument -f/--format: invalid choice: 'xyz' (choose from 'json', 'shell', 'table', 'value', 'yaml')`);
  // the openstack shell takes --d as its --debug: /dev/vdb is left over
  assert.deepEqual(refused('openstack server add volume vm1 data1 --d /dev/vdb'), { stage: 'osc-argparse', message: `${ADD}unrecognized arguments: /dev/vdb`, at: '/dev/vdb' });
});
