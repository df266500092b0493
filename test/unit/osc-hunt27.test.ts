/**
 * Hunt 27 of the openstack CLI source (scripts/osc-hunt27-generate.mjs: single `server create`
 * lines around --block-device, --block-device-mapping, the boot options, --swap, --ephemeral,
 * --os-compute-api-version and argparse's reading of the words; compared by
 * scripts/osc-hunt27-difftest.ts). Where bdm-lab disagreed with OSC:
 * - paths whose nature the text alone decides, on any machine: a non-empty path of only '.',
 *   '..' and '/' parts is a directory (the working directory, an ancestor, the root), /dev/null
 *   (in any spelling: `//dev/./null`) reads as empty, '' is never there, and a path that goes on
 *   past /dev/null fails with ENOTDIR. BDMAction reads a --block-device value that is a path
 *   that exists as a JSON file, as argparse reads the value (python-openstackclient 6.0.0,
 *   compute/v2/server.py BDMAction.__call__: os.path.exists, open, json.load); take_action opens
 *   each --file source in order after splitting it (before --min/--max are checked) and the
 *   --user-data file after them (before --description is checked): "Can't open …" with Python's
 *   OSError words; novaclient's _boot sends /dev/null's no bytes as user_data "" and personality
 *   contents "" (sorted by path);
 * - `…` (an old-style command substitution) was not read as part of its word: its spaces, `|`
 *   and `;` split the command, and the `openstack` commands inside it were not found (bash finds
 *   the closing backquote first, quotes not special, a backslash escaping the next character).
 * Every expected answer is the oracle's, kept beside its case: "oracle" is scripts/osc-hunt22-label.py
 * --bash (the words bash gives, the real shell's parser and version check, shared/tools/osc-oracle
 * run in a working directory; Nova's verdict by shared/tools/nova-oracle with the flavor root_gb
 * 20, ephemeral_gb 10, swap_mb 1024); "bash" is scripts/osc-hunt24-label.py (the script run by
 * bash with a fake `openstack` that logs its words).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { findServerCreates, splitCommands } from '../../server/src/source/oscCli';
import { knownPath } from '../../server/src/source/oscCli/translate';
import { withOracleIds } from '../fixtures/osc/oracleIds';
import { analyzeDocument } from '../../server/src/document';
import { defaultContext } from '../../server/src/model/context';
import { bestGrowth, describeGrowth } from './growth';

/** the oracle's ids (fixtures/osc/oracleIds.ts) of flavor m1, image cirros and security group sg */
const M1 = 'ab83bc6e-2542-57d6-ab20-f9ed4a06e62e';
const CIRROS = 'ed7634ec-9f13-5ecd-840b-38fbcf085d1e';
const SG = 'ff82477a-0750-590c-ab55-d1bbd30295a2';
const B = 'openstack server create --flavor m1 --image cirros ';
const B21 = 'openstack --os-compute-api-version 2.1 server create --flavor m1 --image cirros ';
const ctx = { ...defaultContext(), flavor: { root_gb: 20, ephemeral_gb: 10, swap_mb: 1024 } };

const translation = (line: string) => {
  const found = findServerCreates(line, 'shell');
  assert.equal(found.length, 1, `one command in ${line}`);
  return found[0].translation;
};
const refusal = (line: string) => {
  const t = translation(line);
  assert.ok(t.error, `refused: ${line}`);
  return { stage: t.error.stage, message: t.error.message };
};
const sent = (line: string) => {
  const t = translation(line);
  assert.equal(t.error, null, `sent: ${line} (${t.error?.message})`);
  return { body: withOracleIds(t), microversion: t.microversion };
};
const argparse = (message: string) => ({ stage: 'osc-argparse', message });
const osc = (message: string) => ({ stage: 'osc', message });

test('a --block-device value that is a directory or /dev/null is read as a JSON file, as argparse reads it', () => {
  // oracle: osc-argparse | IsADirectoryError: [Errno 21] Is a directory: '.'
  assert.deepEqual(refusal(`${B}--block-device . vm1`), argparse("IsADirectoryError: [Errno 21] Is a directory: '.'"));
  // oracle: osc-argparse | IsADirectoryError: [Errno 21] Is a directory: '/'
  assert.deepEqual(refusal(`${B}--block-device=/ vm1`), argparse("IsADirectoryError: [Errno 21] Is a directory: '/'"));
  // oracle: osc-argparse | IsADirectoryError: [Errno 21] Is a directory: '../..'
  assert.deepEqual(refusal(`${B}--block-device ../.. vm1`), argparse("IsADirectoryError: [Errno 21] Is a directory: '../..'"));
  // oracle: osc-argparse | IsADirectoryError: [Errno 21] Is a directory: './/'
  assert.deepEqual(refusal(`${B}--block-device source_type=blank,volume_size=1 --block-device .// vm1`), argparse("IsADirectoryError: [Errno 21] Is a directory: './/'"));
  // oracle: osc-argparse | JSONDecodeError: Expecting value: line 1 column 1 (char 0)
  assert.deepEqual(refusal(`${B}--block-device /dev/null vm1`), argparse('JSONDecodeError: Expecting value: line 1 column 1 (char 0)'));
  // oracle: osc-argparse | JSONDecodeError: Expecting value: line 1 column 1 (char 0)
  assert.deepEqual(refusal(`${B}--block-device //dev/./null vm1`), argparse('JSONDecodeError: Expecting value: line 1 column 1 (char 0)'));
  // the value is read when argparse takes it: before a later option's refusal, after an earlier one's
  // oracle: osc-argparse | IsADirectoryError: [Errno 21] Is a directory: '.'
  assert.deepEqual(refusal(`${B}--block-device . --swap x vm1`), argparse("IsADirectoryError: [Errno 21] Is a directory: '.'"));
  // oracle: osc-argparse | openstack server create: error: argument --swap: invalid int value: 'x'
  assert.deepEqual(refusal(`${B}--swap x --block-device . vm1`), argparse("openstack server create: error: argument --swap: invalid int value: 'x'"));
  // an ambiguous start anywhere is refused first (argparse sorts every word before it reads any)
  // oracle: osc-argparse | openstack server create: error: ambiguous option: --b could match --boot-from-volume, --block-device-mapping, --block-device
  assert.deepEqual(refusal(`${B}--block-device . --b x vm1`), argparse('openstack server create: error: ambiguous option: --b could match --boot-from-volume, --block-device-mapping, --block-device'));
  // past /dev/null there is nothing (ENOTDIR): os.path.exists is false, the value is read as key=value pairs
  // oracle: osc-argparse | ArgumentTypeError: Expected comma separated 'key=value' pairs, but got: /dev/null/
  assert.deepEqual(refusal(`${B}--block-device /dev/null/ vm1`), argparse("Expected comma separated 'key=value' pairs, but got: /dev/null/"));
});

test('--user-data that cannot open is refused after --min/--max, before --description; /dev/null sends user_data ""', () => {
  // oracle: osc | CommandError: Can't open '.': [Errno 21] Is a directory: '.'
  assert.deepEqual(refusal(`${B}--user-data . vm1`), osc("Can't open '.': [Errno 21] Is a directory: '.'"));
  // oracle: osc | CommandError: Can't open '/dev/null/..': [Errno 20] Not a directory: '/dev/null/..'
  assert.deepEqual(refusal(`${B}--user-data /dev/null/.. vm1`), osc("Can't open '/dev/null/..': [Errno 20] Not a directory: '/dev/null/..'"));
  // oracle: osc | CommandError: min instances should be <= max instances
  assert.deepEqual(refusal(`${B}--user-data .. --min 2 --max 1 vm1`), osc('min instances should be <= max instances'));
  // oracle: osc | CommandError: Can't open '/': [Errno 21] Is a directory: '/'
  assert.deepEqual(refusal(`${B21}--user-data / --description d vm1`), osc("Can't open '/': [Errno 21] Is a directory: '/'"));
  // oracle: sent | {"server": {"name": "vm1", "imageRef": CIRROS, "flavorRef": M1, "user_data": "", "min_count": 1, "max_count": 1}} | 2.1 | Nova 202
  const line = `${B}--user-data /dev/null vm1`;
  assert.deepEqual(sent(line), { body: { server: { name: 'vm1', imageRef: CIRROS, flavorRef: M1, user_data: '', min_count: 1, max_count: 1 } }, microversion: '2.1' });
  assert.equal(analyzeDocument(line, 'shell', ctx).valid, true);
  // oracle: sent | {"server": {"name": "vm1", "imageRef": CIRROS, "flavorRef": M1, "user_data": "", "metadata": {"a": "b"}, "key_name": "k", "min_count": 1, "max_count": 1}} | 2.1 | Nova 202
  assert.deepEqual(sent(`${B}--user-data /dev/null --property a=b --key-name k vm1`),
    { body: { server: { name: 'vm1', imageRef: CIRROS, flavorRef: M1, user_data: '', metadata: { a: 'b' }, key_name: 'k', min_count: 1, max_count: 1 } }, microversion: '2.1' });
});

test('--file sources are opened in order, each after its split; /dev/null sources send empty personality files, sorted', () => {
  // oracle: osc | CommandError: Can't open '.': [Errno 21] Is a directory: '.'
  assert.deepEqual(refusal(`${B21}--file /a=. vm1`), osc("Can't open '.': [Errno 21] Is a directory: '.'"));
  // oracle: osc | CommandError: Can't open '': [Errno 2] No such file or directory: ''
  assert.deepEqual(refusal(`${B21}--file /a= vm1`), osc("Can't open '': [Errno 2] No such file or directory: ''"));
  // oracle: osc | CommandError: Can't open '/dev/null/': [Errno 20] Not a directory: '/dev/null/'
  assert.deepEqual(refusal(`${B21}--file /a=/dev/null/ vm1`), osc("Can't open '/dev/null/': [Errno 20] Not a directory: '/dev/null/'"));
  // oracle: osc | CommandError: Can't open '.': [Errno 21] Is a directory: '.'
  assert.deepEqual(refusal(`${B21}--file /a=. --file nodash vm1`), osc("Can't open '.': [Errno 21] Is a directory: '.'"));
  // oracle: osc-or-novaclient | ValueError: not enough values to unpack (expected 2, got 1)
  assert.deepEqual(refusal(`${B21}--file nodash --file /a=. vm1`), { stage: 'novaclient', message: 'not enough values to unpack (expected 2, got 1)' });
  // oracle: osc | CommandError: Can't open '.': [Errno 21] Is a directory: '.'
  assert.deepEqual(refusal(`${B21}--file /a=. --user-data /dev/null vm1`), osc("Can't open '.': [Errno 21] Is a directory: '.'"));
  // oracle: osc | CommandError: Personality files are deprecated and are not supported for --os-compute-api-version greater than 2.56; use user data instead
  assert.deepEqual(refusal(`openstack --os-compute-api-version 2.57 server create --flavor m1 --image cirros --file /a=. vm1`),
    osc('Personality files are deprecated and are not supported for --os-compute-api-version greater than 2.56; use user data instead'));
  // oracle: sent | {… "min_count": 1, "max_count": 1, "security_groups": [{"name": SG}], "personality": [{"path": "/a", "contents": ""}, {"path": "/b", "contents": ""}], "availability_zone": "az"} | 2.1 | Nova 202
  const line = `${B21}--file /b=/dev/null --file /a=/dev/null --security-group sg --availability-zone az vm1`;
  assert.deepEqual(sent(line), {
    body: { server: { name: 'vm1', imageRef: CIRROS, flavorRef: M1, min_count: 1, max_count: 1, security_groups: [{ name: SG }], personality: [{ path: '/a', contents: '' }, { path: '/b', contents: '' }], availability_zone: 'az' } },
    microversion: '2.1',
  });
  assert.equal(analyzeDocument(line, 'shell', ctx).valid, true);
});

test('`…` is part of its word, and the openstack commands in it run', () => {
  // each script: the `openstack` words bash ran (bash: a fake openstack logs them), as bdm-lab finds them
  const words = (script: string) => findServerCreates(script, 'shell').map((x) => x.words.map((w) => w.value).join(' '));
  const C = 'server create --flavor m1 --image cirros';
  // bash: [server create --flavor m1 --image cirros vm1]
  assert.deepEqual(words('X=`openstack server create --flavor m1 --image cirros vm1`\n'), [`${C} vm1`]);
  // bash: [server add volume srv vol]
  assert.deepEqual(words('echo `openstack server add volume srv vol`\n'), ['server add volume srv vol']);
  // bash: [… vm1, … vm2]
  assert.deepEqual(words('X=`openstack server create --flavor m1 --image cirros vm1 | cat`; openstack server create --flavor m1 --image cirros vm2\n'), [`${C} vm1`, `${C} vm2`]);
  // bash: [… vm1 -f value -c id] (its second command's words hold $X, which bash expands)
  assert.deepEqual(words('X=`openstack server create --flavor m1 --image cirros vm1 -f value -c id`\n')[0], `${C} vm1 -f value -c id`);
  // a syntax error inside fails only the substitution (bash: "command substitution: line 1: syntax
  // error near unexpected token `('"), the next line runs: bash: [… vm2]
  assert.deepEqual(words('X=`openstack server create --flavor m1 --image cirros vm1 (`\nopenstack server create --flavor m1 --image cirros vm2\n'), [`${C} vm2`]);
  // a here-document opened inside is read inside: left without its delimiter there, the lines
  // after the substitution are the script's own commands (bash: [… vm1]); read by bash inside (bash: [… vm1])
  assert.deepEqual(words('X=`cat <<EOF`\nopenstack server create --flavor m1 --image cirros vm1\nEOF\n'), [`${C} vm1`]);
  assert.deepEqual(words('X=`bash <<EOF\nopenstack server create --flavor m1 --image cirros vm1\nEOF\n`\n'), [`${C} vm1`]);
  // inside double quotes, inside $( … ), and as an `if` condition: bash: [… vm1], [… vm1], [… vm1, … vm2]
  assert.deepEqual(words('X="`openstack server create --flavor m1 --image cirros vm1`"\n'), [`${C} vm1`]);
  assert.deepEqual(words('X=$(echo `openstack server create --flavor m1 --image cirros vm1`)\n'), [`${C} vm1`]);
  assert.deepEqual(words('if `openstack server create --flavor m1 --image cirros vm1`; then openstack server create --flavor m1 --image cirros vm2; fi\n'), [`${C} vm1`, `${C} vm2`]);
  // quoted or escaped backquotes are no substitution: bash: []
  assert.deepEqual(words("echo '`openstack server create --flavor m1 --image cirros vm1`'\n"), []);
  assert.deepEqual(words('echo \\`openstack server create --flavor m1 --image cirros vm1\n'), []);
  // one word: the command is not cut at the `|` inside (bash ran one create, with a property a=b and name vm1);
  // what the substitution gives is the run's, so the command is marked unresolved, not judged
  const unread: Array<{ offset: number; length: number }> = [];
  assert.deepEqual(findServerCreates(`${B}--property a=b\`true | cat\` vm1\n`, 'shell', undefined, { unread }), []);
  assert.equal(unread.length, 1);
  const t = splitCommands(`${B}--property a=b\`true | cat\` vm1\n`).filter((x) => x.words[0].value === 'openstack');
  assert.equal(t.length, 1);
  assert.equal(t[0].words[t[0].words.length - 1].value, 'vm1');
});

test('a backquote left open is bash\'s syntax error', () => {
  // bash: "unexpected EOF while looking for matching ``'" (dash: "EOF in backquote substitution"), nothing runs
  assert.deepEqual(findServerCreates('openstack server create --flavor m1 --image cirros vm1 `x\n', 'shell').length, 0);
  assert.deepEqual(findServerCreates('openstack server create --flavor m1 --image cirros "vm1 `x"\n', 'shell').length, 0);
});

test('knownPath and backquotes stay linear on hostile input', { timeout: 300_000 }, () => {
  const paths = (n: number) => ['/..'.repeat(n) + '/dev/'.repeat(n) + 'null', './'.repeat(n), `/dev/null${'/.'.repeat(n)}`];
  const p = bestGrowth(paths, (xs) => xs.map(knownPath), 20_000, 3);
  assert.ok(p.ratio < 3, describeGrowth('knownPath', 20_000, p));
  // many substitutions, in and out of double quotes, escaped backquotes, quotes inside, one left open at the end
  const text = (n: number) => `${B}--property a=${'`x "y`'.repeat(n)} --description "${'`y | z "`'.repeat(n)}" vm1 ${'\\`'.repeat(n)} \`\n`.repeat(4) + '`'.repeat(3);
  const g = bestGrowth(text, (t) => findServerCreates(t, 'shell'), 2_000, 3);
  assert.ok(g.ratio < 3, describeGrowth('backquotes', 2_000, g));
  const many = (n: number) => `${'X=`openstack server create --flavor m1 --image cirros vm1`; '.repeat(n)}\n`;
  assert.equal(findServerCreates(many(1000), 'shell').length, 1000);
  const m = bestGrowth(many, (t) => findServerCreates(t, 'shell'), 1_000, 3);
  assert.ok(m.ratio < 3, describeGrowth('commands in backquotes', 1_000, m));
});
