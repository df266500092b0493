/**
 * bash's brace expansion of the words of the `openstack` commands bdm-lab judges
 * (server/src/source/oscCli/braces.ts, the splitter's Word.braces, the hook in index.ts
 * serverCreate). Every expected answer is the real tool's, kept beside its case:
 * - "bash": GNU bash 5.2.15 on this machine, `env -i HOME=/tmp x=X bash --norc -c 'for w in WORD;
 *   do printf "%s\0" "$w"; done'` (the words bash makes of WORD; `${x}` is X there, where bdm-lab
 *   keeps `${x}` as written: the comparison puts X in its place);
 * - "dash": Debian's dash, `dash -c "printf '<%s>' vm{1,2} {1..3} x{a,b}y"` prints
 *   `<vm{1,2}><{1..3}><x{a,b}y>`: no brace expansion;
 * - "oracle": scripts/osc-hunt22-label.py --bash (the words bash gives a fake `openstack`, then
 *   shared/tools/osc-oracle: python-openstackclient 6.0.0's parser and take_action).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { findServerCreates, splitCommands } from '../../server/src/source/oscCli';
import { expandBraces, MAX_BRACE_WORDS } from '../../server/src/source/oscCli/braces';
import { bestGrowth, describeGrowth } from './growth';

/** [word as written, the words bash makes of it] */
const BASH: Array<[string, string[]]> = [
    ["vm{1,2}", ["vm1", "vm2"]],
    ["a{b,c}d", ["abd", "acd"]],
    ["{a,b}{1,2}", ["a1", "a2", "b1", "b2"]],
    ["x{a,{b,c}}y", ["xay", "xby", "xcy"]],
    ["{}", ["{}"]],
    ["{a}", ["{a}"]],
    ["{a,}", ["a"]],
    ["{,}", []],
    ["\\{a,b}", ["{a,b}"]],
    ["{a\\,b}", ["{a,b}"]],
    ["\"{a,b}\"", ["{a,b}"]],
    ["{a,\"b\"}", ["a", "b"]],
    ["{a,\"\"}", ["a", ""]],
    ["{1..3}", ["1", "2", "3"]],
    ["{3..1}", ["3", "2", "1"]],
    ["{01..3}", ["01", "02", "03"]],
    ["{1..010..3}", ["001", "004", "007", "010"]],
    ["{-01..2}", ["-01", "000", "001", "002"]],
    ["{1..-02}", ["001", "000", "-01", "-02"]],
    ["{-0..3}", ["0", "1", "2", "3"]],
    ["{+01..3}", ["1", "2", "3"]],
    ["{+1..03}", ["01", "02", "03"]],
    ["{-3..3..2}", ["-3", "-1", "1", "3"]],
    ["{1..3..-1}", ["1", "2", "3"]],
    ["{1..3..0}", ["1", "2", "3"]],
    ["{a..e..2}", ["a", "c", "e"]],
    ["{z..a..3}", ["z", "w", "t", "q", "n", "k", "h", "e", "b"]],
    ["{a..1}", ["{a..1}"]],
    ["{1.5..3}", ["{1.5..3}"]],
    ["{1..}", ["{1..}"]],
    ["{1..3..}", ["{1..3..}"]],
    ["{ab..c}", ["{ab..c}"]],
    ["{Z..b}", ["Z", "[", "", "]", "^", "_", "`", "a", "b"]],
    ["{\"1\"..3}", ["{1..3}"]],
    ["{1..3..\\2}", ["{1..3..2}"]],
    ["{99999999999999999999..1}", ["{99999999999999999999..1}"]],
    ["{1..9223372036854775807..4611686018427387904}", ["1", "4611686018427387905"]],
    ["{a}{b,c}", ["{a}b", "{a}c"]],
    ["{a}b,c}", ["a}b", "c"]],
    ["{{a,b}", ["{a", "{b"]],
    ["{a,{b}", ["{a,{b}"]],
    ["{a,{b},c}", ["a", "{b}", "c"]],
    ["{{a}}", ["{{a}}"]],
    ["{1..3}}", ["1}", "2}", "3}"]],
    ["{1..2,3}", ["1..2", "3"]],
    ["${x}{a,b}", ["Xa", "Xb"]],
    ["{a,${x}}", ["a", "X"]],
    ["$\\{a,b}", ["${a,b}"]],
    ["\"$\"{a,b}", ["$a", "$b"]],
    ["{a,b}\"{c,d}\"", ["a{c,d}", "b{c,d}"]],
    ["{a\"b\",c}", ["ab", "c"]],
    ["vd{b,c}=vol:::0", ["vdb=vol:::0", "vdc=vol:::0"]],
    ["--block-device-mapping=vd{b..c}=v{1,2}:::0", ["--block-device-mapping=vdb=v1:::0", "--block-device-mapping=vdb=v2:::0", "--block-device-mapping=vdc=v1:::0", "--block-device-mapping=vdc=v2:::0"]],
    ["{,,}", []],
    ["{a,,b}", ["a", "b"]],
];

const wordsOf = (written: string): string[] | null => {
  const c = splitCommands(`printf %s ${written}\n`).find((x) => x.words[0].value === 'printf')!;
  const w = expandBraces(c.words.slice(2));
  return w && w.map((x) => x.value.replace(/\$\{x\}/g, 'X'));
};

for (const [written, want] of BASH) {
  test(`bash's brace expansion of ${written}`, () => {
    assert.deepEqual(wordsOf(written), want);
  });
}

test('a made word keeps where each of its characters is written, and the whole word as its span', () => {
  const text = 'printf %s vd{b,c}=vol:::0\n';
  const c = splitCommands(text)[0];
  const w = expandBraces(c.words.slice(2))!;
  assert.deepEqual(w.map((x) => x.value), ['vdb=vol:::0', 'vdc=vol:::0']);
  for (const x of w) {
    assert.equal(x.start, text.indexOf('vd{'));
    assert.equal(x.end, text.indexOf('\n'));
    assert.equal(x.offs.length, x.value.length);
    for (let k = 0; k < x.value.length; k++) assert.equal(text[x.offs[k]], x.value[k]);
  }
  // a sequence's made characters are placed at its `{`
  const s = expandBraces(splitCommands('printf %s vd{b..c}\n')[0].words.slice(2))!;
  assert.deepEqual(s.map((x) => x.offs), [[10, 11, 12], [10, 11, 12]]);
});

const B = 'openstack server create --image cirros --flavor m1 ';
const one = (text: string) => {
  const r = findServerCreates(text, 'shell');
  assert.equal(r.length, 1, `one command in ${JSON.stringify(text)}`);
  return r[0].translation;
};
const serverName = (text: string) => (one(text).body as { server: { name: string } }).server.name;

// the oracle's answers (osc-hunt22-label.py --bash, osc-oracle: python-openstackclient 6.0.0)
const ORACLE: Array<[string, string]> = [
  [`${B}vm{1,2}`, 'openstack server create: error: unrecognized arguments: vm2'],
  [`${B}--block-device-mapping vd{b,c}=vol:::0 vm`, 'openstack server create: error: unrecognized arguments: vm'],
  [`${B}--block-device uuid=vol,source_type=volume,destination_type=volume,boot_index=1,device_name=vd{b..c} vm`, 'openstack server create: error: unrecognized arguments: vm'],
  [`${B}--block-device-mapping{,} vdb=vol:::0 vm`, 'openstack server create: error: argument --block-device-mapping: expected one argument'],
  [`${B}--block-device-mapping\\ vd{b..d}=vol:::0 vm`, 'openstack server create: error: unrecognized arguments: --block-device-mapping vdc=vol:::0 --block-device-mapping vdd=vol:::0 vm'],
];
for (const [line, message] of ORACLE) {
  test(`OSC after bash's brace expansion: ${line}`, () => {
    assert.equal(one(`${line}\n`).error?.message, message);
  });
}

test('OSC after bash\'s brace expansion: four --block-device-mapping= words, each sent (oracle)', () => {
  // oracle: argv --block-device-mapping=vdb=vol1:::0 …=vdb=vol2:::0 …=vdc=vol1:::0 …=vdc=vol2:::0 vm;
  // sent: the image's entry, then vdb vol1, vdb vol2, vdc vol1, vdc vol2 (Nova: 202)
  const t = one(`${B}--block-device-mapping=vd{b,c}=vol{1..2}:::0 vm\n`);
  assert.equal(t.error, null);
  const bdms = (t.body as { server: { block_device_mapping_v2: Array<{ device_name?: string; uuid: string }> } }).server.block_device_mapping_v2;
  assert.deepEqual(bdms.map((b) => b.device_name ?? null), [null, 'vdb', 'vdb', 'vdc', 'vdc']);
  assert.equal(bdms[1].uuid, bdms[3].uuid);
  assert.equal(bdms[2].uuid, bdms[4].uuid);
  assert.notEqual(bdms[1].uuid, bdms[2].uuid);
});

test('quoted or escaped braces stay as written (oracle: device_name vd{b,c} sent)', () => {
  const t = one(`${B}--block-device-mapping 'vd{b,c}=vol:::0' vm\n`);
  assert.equal(t.error, null);
  const bdms = (t.body as { server: { block_device_mapping_v2: Array<{ device_name?: string }> } }).server.block_device_mapping_v2;
  assert.equal(bdms[1].device_name, 'vd{b,c}');
  assert.equal(serverName(`${B}vm\\{1,2}\n`), 'vm{1,2}');
  assert.equal(serverName(`${B}vm{1","2}\n`), 'vm{1,2}');
});

test('dash (sh) makes no brace expansion: a #!/bin/sh script, sh -c, dash -c, sh <<EOF', () => {
  for (const text of [
    `#!/bin/sh\n${B}vm{1,2}\n`,
    `#!/usr/bin/env sh\n${B}vm{1,2}\n`,
    `sh -c '${B}vm{1,2}'\n`,
    `dash -c '${B}vm{1,2}'\n`,
    `sh <<'EOF'\n${B}vm{1,2}\nEOF\n`,
  ]) assert.equal(serverName(text), 'vm{1,2}', text);
  // bash does, also inside a #!/bin/sh script
  for (const text of [`#!/bin/bash\n${B}vm{1,2}\n`, `#!/bin/sh\nbash -c '${B}vm{1,2}'\n`, `bash <<'EOF'\n${B}vm{1,2}\nEOF\n`, `sh -c "bash -c '${B}vm{1,2}'"\n`]) {
    assert.equal(one(text).error?.message, 'openstack server create: error: unrecognized arguments: vm2', text);
  }
});

test('past the bounds bdm-lab cannot tell the words: the command is not judged', () => {
  // bash would make 2^30 words of the first, 100 000 000 of the second
  assert.equal(findServerCreates(`${B}vm${'{a,b}'.repeat(30)}\n`, 'shell').length, 0);
  assert.equal(findServerCreates(`${B}--min {1..100000000} vm\n`, 'shell').length, 0);
  assert.equal(findServerCreates(`${B}vm{1..${MAX_BRACE_WORDS + 1}}\n`, 'shell').length, 0);
  // within them, judged (oracle: bash gives 13 names; argparse refuses the second on)
  assert.match(one(`${B}vm{1..13}\n`).error?.message ?? '', /unrecognized arguments: vm2 vm3 .* vm13$/);
  assert.equal(expandBraces(splitCommands(`printf {1..${MAX_BRACE_WORDS}}\n`)[0].words.slice(1))?.length, MAX_BRACE_WORDS);
});

test('brace expansion stays linear on hostile words', { timeout: 300_000 }, () => {
  const shapes: Record<string, (n: number) => string> = {
    'many in a row': (n) => `${B}vm${'{a,b}'.repeat(n)}\n`,
    'deep nesting': (n) => `${B}vm${'{a,'.repeat(n)}b${'}'.repeat(n)}\n`,
    'unmatched opens': (n) => `${B}vm${'{'.repeat(n)}a,b\n`,
    'braces with no comma': (n) => `${B}vm${'{a}'.repeat(n)}\n`,
    'level-0 closes': (n) => `${B}vm{a${'}'.repeat(n)}\n`,
    'parameter braces': (n) => `${B}vm{${'${'.repeat(n)},\n`,
    'huge sequences': (n) => `${B}vm${'{1..100000000}'.repeat(n)}\n`,
    'many words': (n) => `${B}${'vm{a,b} '.repeat(n)}\n`,
    'many commas': (n) => `${B}vm{${','.repeat(n)}}\n`,
  };
  for (const [what, make] of Object.entries(shapes)) {
    const g = bestGrowth(make, (t) => findServerCreates(t, 'shell'), 2_000, 3);
    assert.ok(g.ratio < 3, describeGrowth(what, 2_000, g));
  }
});
