/**
 * Hunt 41: `openstack` scripts with `while read` loops fed by a here-document, nested loops and
 * bash arrays, each hand-written case run by dash (`#!/bin/sh`) and bash (`#!/bin/bash`; arrays
 * by bash, and under `#!/bin/sh` for dash's syntax error). Cases: scripts/osc-hunt41-cases.ts
 * (written by hand) and scripts/osc-hunt41-gen.ts (seeds 4111 and 4121, picked by
 * scripts/osc-hunt41-pick.py: the three shapes, shells that ran to their end or dash's syntax
 * error); labels: scripts/osc-hunt34-label.py (the shell the first line names, dash 0.5.12 or
 * bash 5.2, with a fake `openstack` logging its words, then the osc-oracle and the nova-oracle on
 * each `server create` run), all kept in test/fixtures/osc-hunt41/. What they show:
 * - `while read A B; do …; done <<EOF`: each pass's `read` takes the next line of the body (its
 *   `$NAME`s expanded as the loop starts where the delimiter is unquoted), split as both shells
 *   split it, the loop ending at the last line (the names then empty); not followed where the body
 *   may read that input (`cat`), where the body is not told, or past 64 lines;
 * - loops inside a loop followed pass by pass are followed too, each pass of its own, with
 *   `break N` and `continue N` leaving the loops they name;
 * - a `case` item closed right after a compound (`done;;`, `fi;;`, `};;`) ends there: the next
 *   item's commands are its own (before, they were read as the first item's, and judged when
 *   they never ran);
 * - bash's `A=(…)` and `A+=(…)` give the array its elements, split and globbed as words are;
 *   `${A[N]}`, `${A[-1]}`, `"${A[@]}"` (one word each), `${A[*]}`, `${#A[@]}`, `${#A[N]}`,
 *   `${A[@]:O:L}` read them; `A=x` writes element 0; what is not followed (`local A=(…)`,
 *   `A[1]=…`, `read -a`, `$( … )` inside) leaves the array not told;
 * - a retry loop whose `openstack` status is not told (`while ! openstack …`, `for … && break`)
 *   judges its first pass and leaves the rest, and what the loop counts, not told.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { findServerCreates, type Unread } from '../../server/src/source/oscCli';
import { arrayEnd } from '../../server/src/source/oscCli/shell';
import { readScript, testShellCases, testOracleAnswers, loadLabelled, shellCasesOf } from './osc-labelled';
import { bestGrowth, describeGrowth } from './growth';
import { ROOT } from './cli-run';

const WATCHDOG = { timeout: 240_000 };
const MAX_RATIO = 3;
const DIR = join(ROOT, 'test', 'fixtures', 'osc-hunt41');

const hand = loadLabelled(DIR, 'cases.json', 'labels.json');
const generated = loadLabelled(DIR, 'generated-cases.json', 'generated-labels.json');
const all = [...hand, ...generated];
const { CASES } = shellCasesOf(all);

test('the fixtures hold the hand-written cases of both shells and the generated ones', () => {
  assert.equal(hand.length, 28);
  assert.ok(generated.length >= 30, `${generated.length} generated cases`);
  for (const c of all) assert.ok(c.label, `${c.id}: labelled`);
});

testShellCases(CASES.filter((c) => !c.id.startsWith('h41-')), true);
testShellCases(CASES.filter((c) => c.id.startsWith('h41-')), false);

testOracleAnswers(all.map((c) => ({ id: c.id, osc: c.label.osc })));

test('the hand-written cases are read whole but where the text does not tell a value', () => {
  // (a body that reads the loop's input, `$( … )` in a here-document; a retry loop's later passes; arrays bdm-lab does not follow)
  const partly = new Set(['read-loop-untold-dash', 'read-loop-untold-bash', 'retry-not-told-dash', 'retry-not-told-bash', 'arrays-not-told-bash']);
  for (const c of hand) {
    const unread: Unread[] = [];
    findServerCreates(c.script, 'shell', undefined, { unread });
    if (partly.has(c.id)) assert.ok(unread.length > 0, `${c.id}: something left unresolved`);
    else assert.deepEqual(unread.map((u) => u.detail), [], c.id);
  }
});

test('most generated cases are read whole (the rest: retry loops, arrays not followed)', () => {
  const whole = generated.filter((c) => readScript(c.script).unread.length === 0).length;
  assert.ok(whole >= Math.ceil(generated.length * 0.7), `${whole} of ${generated.length} read whole`);
});

test('what the shells ran, as the labels say, for a few of the shapes', () => {
  const ran = (id: string) => [...new Set(all.find((c) => c.id === id)!.label.runs.map((r) => r.argv.at(-1)))].sort();
  assert.deepEqual(ran('read-loop-ifs-jumps-dash'), ['last-stop-0', 'vm-vol1', 'vm-vol3']);
  assert.deepEqual(ran('nested-continue-2-bash'), ['last-3-vol2', 'vm-1-vol1', 'vm-1-vol2', 'vm-3-vol1', 'vm-3-vol2']);
  assert.deepEqual(ran('case-item-after-compound-dash'), ['last', 'vm-1', 'vm-2a', 'vm-group', 'vm-if']);
  const judged = (id: string) => findServerCreates(all.find((c) => c.id === id)!.script, 'shell').map((x) => x.words.map((w) => w.value).join(' '));
  assert.ok(judged('read-loop-unquoted-vars-dash').includes('server create --flavor m1.small --image cirros --block-device-mapping vdb=vol7b:volume:0 vm-vol7b'));
  assert.ok(judged('arrays-bash').includes('server create --flavor m1.small --image cirros vm-2 --block-device uuid=vol2,source_type=volume,destination_type=volume --block-device uuid=vol3,source_type=volume,destination_type=volume'));
  assert.ok(judged('arrays-bash').includes('server create --flavor m1.small --image cirros vm-4-x-vol2'));
  // (a case item's commands after `done;;` were read as the first item's: `vm-2` judged, never run)
  assert.ok(!judged('case-item-after-compound-bash').some((x) => /vm-2$|vm-never/.test(x)));
});

test("an array's parentheses are read where its words are plain words", () => {
  const end = (s: string) => arrayEnd(s, s.indexOf('('));
  assert.equal(end('A=(a "b c" \'d)\' ${X} "${Y[@]}") rest'), 'A=(a "b c" \'d)\' ${X} "${Y[@]}")'.length);
  assert.equal(end('A=(\n a\n b\n)'), 11);
  for (const s of ['A=($(ls))', 'A=(`ls`)', 'A=([1]=x)', 'A=(a # c\n)', 'A=(a; b)', 'A=(a', 'A=("$(ls)")', 'A=(${X%)})']) assert.equal(end(s), -1, s);
});

test('while-read loops, nested loops and arrays stay linear', WATCHDOG, () => {
  const H = 'openstack server create --flavor m1.small --image cirros';
  const t = (s: string) => findServerCreates(s, 'shell');
  // n `while read` loops, each over a here-document of three lines
  const reads = (n: number) => `#!/bin/sh\n${'while read -r v s; do [ "$v" = b ] && continue; N=$s; done <<EOF\na 1\nb 2\nc 3\nEOF\n'.repeat(n)}${H} --min $N last-$v\n`;
  // one `while read` loop over n lines (followed up to 64 passes, then not told)
  const lines = (n: number) => `#!/bin/bash\nwhile read -r v; do N=$v; done <<'EOF'\n${'1\n'.repeat(n)}EOF\n${H} --min $N last\n`;
  // n nested loops with `continue 2` and `break 2`
  const nested = (n: number) => `#!/bin/bash\n${'for s in 1 2 3; do for d in a b; do [ $s = 2 ] && continue 2; [ $s$d = 3b ] && break 2; N=$s; done; done\n'.repeat(n)}${H} --min $N last\n`;
  // loops nested n deep (the shared steps budget bounds their passes)
  const deep = (n: number) => `#!/bin/bash\n${'for a in 1 2; do '.repeat(n)}N=$a${'; done'.repeat(n)}\n${H} --min $N last\n`;
  // one array appended to n times (kept told up to MAX_ARRAY elements, then not told: 2n crosses it)
  const appends = (n: number) => `#!/bin/bash\nA=()\n${'A+=(x "$A")\n'.repeat(n)}${H} --min \${#A[@]} last\n`;
  // n arrays built and read
  const arrays = (n: number) => `#!/bin/bash\n${'A=(x y z)\nA+=("$A" w)\nB=("${A[@]:1}")\n'.repeat(n)}${H} --min ${'${#B[@]}'} last-\${A[-1]}\n`;
  assert.equal(t(reads(3))[0].words.map((w) => w.value).join(' '), 'server create --flavor m1.small --image cirros --min 3 last-');
  assert.equal(t(nested(3))[0].words.map((w) => w.value).join(' '), 'server create --flavor m1.small --image cirros --min 3 last');
  assert.equal(t(arrays(3))[0].words.map((w) => w.value).join(' '), 'server create --flavor m1.small --image cirros --min 4 last-w');
  for (const [name, gen, n] of [['n while-read loops', reads, 50], ['a while-read loop of n lines', lines, 2000], ['n nested loops with jumps', nested, 50], ['loops nested n deep', deep, 40], ['n arrays', arrays, 200], ['n appends to one array', appends, 500]] as const) {
    const g = bestGrowth(gen, t, n, MAX_RATIO);
    assert.ok(g.ratio < MAX_RATIO, describeGrowth(name, n, g));
  }
});
