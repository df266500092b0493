/**
 * Hunt 42: `openstack` scripts whose `while read` loops read a pipeline, bash's `< <(…)` or a
 * file, bash's element assignments, loops inside a loop that runs once, and retry loops, each
 * hand-written case run by dash (`#!/bin/sh`) and bash (`#!/bin/bash`; bash's arrays and `< <(…)`
 * by bash, and under `#!/bin/sh` for dash's syntax errors). Cases: scripts/osc-hunt42-cases.ts
 * (written by hand) and scripts/osc-hunt42-gen.ts (seeds 4201 and 4221, picked by
 * scripts/osc-hunt42-pick.py: the shapes, shells that ran to their end or dash's syntax errors);
 * labels: scripts/osc-hunt42-label.py (the shell the first line names, dash 0.5.12 or bash 5.2,
 * with a fake `openstack` logging its words and the files the scripts read present, then the
 * osc-oracle and the nova-oracle on each `server create` run), all kept in
 * test/fixtures/osc-hunt42/. What they show:
 * - `printf …`, `echo …`, `seq …` or `cat <<EOF` piped into `while read` (or into a `{ …; }` group
 *   that opens with the loop), and bash's `done < <(printf …)`: each pass's `read` takes the next
 *   line that command writes (a last line with no newline: none); the piped loop is a subshell
 *   (what it sets is gone after it), `< <(…)`'s loop is not;
 * - a loop that is a pipeline's part (`for …; done | cat`) follows its own `break`/`continue`
 *   (before, a skipped pass's command was judged, though it never ran);
 * - a compound inside a piped group (`| { while …; done; …; }`, `| { if …; fi; …; }`) runs in the
 *   group's subshell (before, what it set was lost, and a later command judged with the old value);
 * - dash stops at `< <(` ("redirection unexpected") and `<(` ("\"(\" unexpected");
 * - a `for` over one word, a loop that runs once, and a `while` head right after `do`/`then` are
 *   followed, and the loops inside them pass by pass;
 * - bash's `A[N]=x`, `A[-1]=x`, `A[N]+=x` set the element where the array stays without gaps;
 *   dash runs `A[1]=x` as a command name; a gap, `unset 'A[N]'`, `declare -A`, `A[i]=x` stay not told;
 * - what is not told gets a note that says why: a `read` from a file (named) or from a command
 *   bdm-lab does not run, and a retry loop's name after a `break` that depends on an exit status.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { findServerCreates, type Unread } from '../../server/src/source/oscCli';
import { readScript, testShellCases, testOracleAnswers, loadLabelled, shellCasesOf } from './osc-labelled';
import { bestGrowth, describeGrowth } from './growth';
import { ROOT } from './cli-run';

const WATCHDOG = { timeout: 240_000 };
const MAX_RATIO = 3;
const DIR = join(ROOT, 'test', 'fixtures', 'osc-hunt42');

const hand = loadLabelled(DIR, 'cases.json', 'labels.json');
const generated = loadLabelled(DIR, 'generated-cases.json', 'generated-labels.json');
const all = [...hand, ...generated];
const { CASES, byId } = shellCasesOf(all);

test('the fixtures hold the hand-written cases of both shells and the generated ones', () => {
  assert.equal(hand.length, 25);
  assert.ok(generated.length >= 30, `${generated.length} generated cases`);
  for (const c of all) assert.ok(c.label, `${c.id}: labelled`);
});

// (strict but where a loop bdm-lab does not follow pass by pass, a file's or `seq 1 $N`'s, leaves one command for several runs)
testShellCases(CASES.filter((c) => !c.id.startsWith('h42-') && !c.id.startsWith('file-read-')), true);
testShellCases(CASES.filter((c) => c.id.startsWith('h42-') || c.id.startsWith('file-read-')), false);

testOracleAnswers(all.map((c) => ({ id: c.id, osc: c.label.osc })));

test('the hand-written cases are read whole but where the text does not tell a value', () => {
  // (a file's lines, a command bdm-lab does not run, a retry loop's later passes, arrays with gaps or keys)
  const partly = new Set(['file-read-not-told-dash', 'file-read-not-told-bash', 'retry-notes-dash', 'retry-notes-bash', 'elements-not-told-bash']);
  for (const c of hand) {
    const unread: Unread[] = [];
    findServerCreates(c.script, 'shell', undefined, { unread });
    if (partly.has(c.id)) assert.ok(unread.length > 0, `${c.id}: something left unresolved`);
    else assert.deepEqual(unread.map((u) => u.detail), [], c.id);
  }
});

test('most generated cases are read whole (the rest: files, retry loops, arrays not followed)', () => {
  const whole = generated.filter((c) => readScript(c.script).unread.length === 0).length;
  assert.ok(whole >= Math.ceil(generated.length * 0.5), `${whole} of ${generated.length} read whole`);
});

test('what the shells ran, as the labels say, and what bdm-lab judges, for a few of the shapes', () => {
  const ran = (id: string) => [...new Set(byId(id).label.runs.map((r) => r.argv.at(-1)))].sort();
  const judged = (id: string) => [...new Set(findServerCreates(byId(id).script, 'shell').map((x) => x.words.at(-1)!.value))].sort();
  // (the piped loop is a subshell: after it, n and v are as they were)
  assert.deepEqual(ran('pipe-printf-jumps-dash'), ['last-x-0', 'vm-vol1-1', 'vm-vol3-2']);
  assert.deepEqual(judged('pipe-printf-jumps-bash'), ran('pipe-printf-jumps-bash'));
  assert.deepEqual(ran('pipe-group-dash'), ['after-x-0', 'in-group--3', 'vm-1-vol1', 'vm-2-', 'vm-3-vol2']);
  assert.deepEqual(judged('pipe-group-bash'), ran('pipe-group-bash'));
  // (before: `vm-c-a` and `vm-b-b`, `vm-b-c` judged, never run; `while-0`, `if-0` judged with n as it was before the group)
  assert.deepEqual(judged('piped-loop-jumps-dash'), ['last', 'vm-b-a', 'vm-c-b', 'vm-c-c']);
  assert.deepEqual(judged('pipe-group-compounds-bash'), ['after-0', 'if-7', 'while-3']);
  // (`< <(…)`: bash's loop runs in the script's shell)
  assert.deepEqual(ran('procsubst-read-bash'), ['last--2', 'vm-vol1-1', 'vm-vol2-2']);
  assert.deepEqual(judged('procsubst-read-bash'), ran('procsubst-read-bash'));
  assert.deepEqual(ran('dash-procsubst-stops-dash'), ['first']);
  assert.match(byId('dash-procsubst-stops-dash').label.stderr, /redirection unexpected/);
  assert.deepEqual(readScript(byId('dash-procsubst-stops-dash').script).stops.map((s) => s.message), ['Syntax error: redirection unexpected']);
  assert.deepEqual(judged('once-loops-dash'), ran('once-loops-dash'));
  assert.deepEqual(judged('elements-bash'), ran('elements-bash'));
  assert.ok(ran('elements-bash').includes('vm-2-vol1y volX volZ w'));
  assert.deepEqual(ran('element-assign-dash-dash'), ['first', 'last']);
});

test('what is not told says why: a file, a command not run, a retry loop', () => {
  const details = (id: string) => readScript(byId(id).script).unread.map((u) => u.detail ?? '').join('\n');
  assert.match(details('file-read-not-told-dash'), /`\$[sv]` is set by `read` from the file `vols\.txt`, whose lines bdm-lab does not read/);
  assert.match(details('file-read-not-told-bash'), /`\$s` is set by `read` from what `seq 1 \$N` writes, which bdm-lab does not run/);
  assert.match(details('retry-notes-dash'), /`\$i` holds one of its `for` loop's words \(1, 2, 3\): which one depends on the pass where a `break` or `continue` left the loop/);
  // (the retry loop's first pass is judged, and `until`'s one command is the same on every pass)
  const found = readScript(byId('retry-notes-bash').script).found;
  assert.ok(found.some((f) => f.endsWith(' vm-1')) && found.some((f) => f.endsWith(' vm-u')) && found.some((f) => f.endsWith(' after')), found.join(' | '));
});

test('piped loops, process substitutions, once loops and element assignments stay linear', WATCHDOG, () => {
  const H = 'openstack server create --flavor m1.small --image cirros';
  const t = (s: string) => findServerCreates(s, 'shell');
  // n piped loops, each over three lines printf writes
  const piped = (n: number) => `#!/bin/sh\nv=x\n${'printf \'a 1\\nb 2\\nc 3\\n\' | while read -r v s; do [ "$v" = b ] && continue; N=$s; done\n'.repeat(n)}${H} --min 1 last-$v\n`;
  // one piped loop over printf's format used again for n arguments (followed up to 64 passes, then not told)
  const args = (n: number) => `#!/bin/bash\nprintf '%s\\n' ${'x '.repeat(n)}| while read -r v; do N=$v; done\n${H} --min 1 last\n`;
  // n loops fed by `< <(printf …)` and by seq
  const subst = (n: number) => `#!/bin/bash\n${'while read -r v; do N=$v; done < <(printf \'1\\n2\\n\')\nseq 2 | while read -r s; do M=$s; done\n'.repeat(n)}${H} --min $N last\n`;
  // n once loops around a loop of two passes
  const once = (n: number) => `#!/bin/sh\n${'for s in 1; do for d in a b; do N=$s; done; done\nwhile :; do for d in a b; do M=$d; done; break; done\n'.repeat(n)}${H} --min $N last-$M\n`;
  // n element assignments to one array (kept told up to its bound)
  const elements = (n: number) => `#!/bin/bash\nA=()\n${Array.from({ length: n }, (_, k) => `A[${k}]=x${k}\nA[-1]+=y\n`).join('')}${H} --min \${#A[@]} last\n`;
  assert.equal(t(piped(3))[0].words.map((w) => w.value).join(' '), 'server create --flavor m1.small --image cirros --min 1 last-x');
  assert.equal(t(subst(3))[0].words.map((w) => w.value).join(' '), 'server create --flavor m1.small --image cirros --min 2 last');
  assert.equal(t(once(3))[0].words.map((w) => w.value).join(' '), 'server create --flavor m1.small --image cirros --min 1 last-b');
  assert.equal(t(elements(5))[0].words.map((w) => w.value).join(' '), 'server create --flavor m1.small --image cirros --min 5 last');
  for (const [name, gen, n] of [['n piped loops', piped, 50], ['printf of n arguments', args, 2000], ['n process substitutions and seq', subst, 50], ['n once loops', once, 50], ['n element assignments', elements, 400]] as const) {
    const g = bestGrowth(gen, t, n, MAX_RATIO);
    assert.ok(g.ratio < MAX_RATIO, describeGrowth(name, n, g));
  }
});
