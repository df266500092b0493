/**
 * Hunt 23b of the openstack CLI source: three ways bash runs commands that bdm-lab read in the
 * wrong place or not at all:
 * - `exec PROGRAM` ends its shell (nothing after it in that shell runs), while a conditional one
 *   (`[ "$(id -u)" = 0 ] || exec sudo "$0" "$@"`), one in `( … )`, `$( … )`, a pipeline's part or a
 *   function called there, and `exec >file` (redirections only) end nothing;
 * - command strings: `bash -c '…'`, `sh -c "…"`, `sudo sh -c`, `env X=1 bash -c`, `ssh host '…'`
 *   (a remote shell: none of the local variables), `eval "…"` (the shell itself: its exports stay),
 *   nested; their commands are found at their places inside the quoted words;
 * - functions: a body runs where the function is called, with the caller's shell (a subshell's
 *   too), `NAME=VAL f` in force while it runs, several times (a finding once per distinct
 *   environment) or never; defined when its definition runs, not in `bash -c`, recursion bounded.
 * Every expected answer is the oracle's: scripts/osc-hunt23-label.py runs each script with bash (a
 * fake `openstack`, and `ssh` standing in for OpenSSH and a remote host). test/fixtures/osc-hunt23b/:
 * cases.json (written by hand) and generated-cases.json (node scripts/osc-hunt23-generate.mjs 400
 * 2311 b), each with its oracle (/usr/bin/python3 scripts/osc-hunt23-label.py CASES OUT; runs and
 * exit status kept). A command bash runs more than once alike counts once on both sides.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { findServerCreates } from '../../server/src/source/oscCli';
import { MAX_CALL_DEPTH, MAX_STRING_NESTING } from '../../server/src/source/oscCli/index';
import { fixtures, found as foundAll, ran as ranAll, testBashTables, type Oracle } from './osc-bash-runs';
import { bestGrowth, describeGrowth } from './growth';

const load = fixtures('osc-hunt23b');
const WATCHDOG = { timeout: 120_000 };
const MAX_RATIO = 3;
const V = 'OS_COMPUTE_API_VERSION';
const C = (n: number | string) => `openstack server create --flavor m1 --image cirros vm${n}`;

/** a command bash runs more than once alike counts once on both sides */
const once = (xs: string[]) => [...new Set(xs)];
const ran = (o: Oracle[string]) => once(ranAll(o));
const found = (script: string) => once(foundAll(script));

// the generated table agrees in full since hunt 24 (test/unit/osc-hunt24.test.ts): h23b-102 (f and h
// call each other through pipelines for ever: bash never gets past them) and h23b-256 (`local` of
// a variable of a call's temporary environment, then `export` in an eval: bash keeps the value after the call)
testBashTables(load, { found, ran });

test("a command string's commands are placed inside its quoted word, quoting removed as bash does", () => {
  const place = (s: string, k = 0) => {
    const c = findServerCreates(s, 'shell')[k];
    return { program: s.slice(c.program.start, c.program.end), words: c.words.map((w) => s.slice(w.start, w.end)), mv: c.microversionWord && s.slice(c.microversionWord.start, c.microversionWord.end) };
  };
  const s1 = `bash -c '${V}=2.67 ${C(1)}'`;
  assert.deepEqual(place(s1), { program: 'openstack', words: ['server', 'create', '--flavor', 'm1', '--image', 'cirros', 'vm1'], mv: '2.67' });
  assert.equal(findServerCreates(s1, 'shell')[0].program.start, s1.indexOf('openstack'));
  // escaped quotes inside a double-quoted string: each character of the inner value is where it is
  // written (the inner word starts at its quote, the backslash before it is the outer string's)
  const s2 = `sh -c "openstack server create --flavor \\"m1\\" --image cirros vm2"`;
  const m1 = findServerCreates(s2, 'shell')[0].words[3];
  assert.equal(m1.value, 'm1');
  assert.equal(m1.offs.map((x) => s2[x]).join(''), 'm1');
  assert.equal(s2.slice(m1.start, m1.end), '"m1\\"');
  // ssh joins its words and the remote shell splits them again: 'm 1' is two words there, each where it is written
  const s3 = `ssh host openstack server create --flavor 'm 1' --image cirros vm3`;
  assert.deepEqual(place(s3).words.slice(3, 5), ['m', '1']);
  // nested: eval inside bash -c
  const s4 = `bash -c "eval '${C(4)}'"`;
  assert.equal(findServerCreates(s4, 'shell')[0].program.start, s4.indexOf('openstack'));
});

test('exec ends the shell only where it surely runs; functions run at their calls, once per distinct environment', () => {
  const mvs = (s: string) => findServerCreates(s, 'shell').map((x) => `${x.words[x.words.length - 1].value}@${x.translation.microversion}`);
  assert.deepEqual(mvs(`exec ${C(1)}\n${C(2)}\n`), ['vm1@2.1']);
  assert.deepEqual(mvs(`[ -n "$X" ] || exec ${C(1)}\n${C(2)}\n`), ['vm1@2.1', 'vm2@2.1']);
  // (after `true ||` the exec never runs, nor its openstack: osc-hunt25)
  assert.deepEqual(mvs(`true || exec ${C(1)}\n${C(2)}\n`), ['vm2@2.1']);
  assert.deepEqual(mvs(`if [ -n "$X" ]; then exec ${C(1)}; fi\n${C(2)}\n`), ['vm1@2.1', 'vm2@2.1']);
  assert.deepEqual(mvs(`f() { ${C(1)}; }\nf\nexport ${V}=2.67\nf\nf\n`), ['vm1@2.1', 'vm1@2.67']);
  assert.deepEqual(mvs(`f() { ${C(1)}; }\n`), []);
  // recursion stops at MAX_CALL_DEPTH: each level exports a new value (seen by the next level)
  const deep = `f() { ${C(1)}; export ${V}=2.$((1)); f; }\nf\n`;
  assert.ok(findServerCreates(deep, 'shell').length <= MAX_CALL_DEPTH);
  // command strings nested past MAX_STRING_NESTING are not read
  assert.equal(findServerCreates(`${'eval '.repeat(MAX_STRING_NESTING)}${C(1)}`, 'shell').length, 1);
  assert.equal(findServerCreates(`${'eval '.repeat(MAX_STRING_NESTING + 1)}${C(1)}`, 'shell').length, 0);
});

test('command strings and calls are read in linear time: nested strings, many calls, calls that fan out, recursion', WATCHDOG, () => {
  const shapes: Record<string, [(n: number) => string, (n: number) => number]> = {
    'eval eval … (each level a string holding the next)': [(n) => `${'eval '.repeat(n)}${C(1)}\n`, (n) => (n <= MAX_STRING_NESTING ? 1 : 0)],
    'ssh host ssh host …': [(n) => `${'ssh h '.repeat(n)}${C(1)}\n`, (n) => (n <= MAX_STRING_NESTING ? 1 : 0)],
    'bash -c with many commands': [(n) => `bash -c '${`${C('x')}; `.repeat(n)}'\n`, (n) => n],
    'many calls': [(n) => `f() { ${C(1)}; export ${V}=2.67; }\n${'f\n'.repeat(n)}`, () => 2],
    'many calls with a value each': [(n) => `f() { ${C(1)}; }\n${Array.from({ length: n }, (_, i) => `${V}=2.${10 + (i % 80)} f\n`).join('')}`, (n) => Math.min(n, 80)],
    'calls that fan out': [(n) => `f0() { ${C(0)}; }\n${Array.from({ length: n }, (_, i) => `f${i + 1}() { f${i}; f${i}; }\n`).join('')}f${n}\n`, (n) => (n < MAX_CALL_DEPTH ? 1 : 0)],
    'recursion after a test': [(n) => `${Array.from({ length: n }, (_, i) => `f${i}() { ${C(i)}; [ -n "$x" ] && f${i}; }\n`).join('')}${Array.from({ length: n }, (_, i) => `f${i}\n`).join('')}`, (n) => n],
    // the first call never returns (hunt 24): nothing after it runs
    'endless recursion': [(n) => `${Array.from({ length: n }, (_, i) => `f${i}() { ${C(i)}; f${i}; }\n`).join('')}${Array.from({ length: n }, (_, i) => `f${i}\n`).join('')}`, () => 1],
    'eval of a call in many calls': [(n) => `f() { eval 'g'; }\ng() { ${C(1)}; }\n${'f; '.repeat(n)}\n`, () => 1],
  };
  for (const [what, [make, count]] of Object.entries(shapes)) {
    assert.equal(findServerCreates(make(50), 'shell').length, count(50), what);
    const g = bestGrowth(make, (t) => findServerCreates(t, 'shell'), 2000, MAX_RATIO);
    assert.ok(g.ratio < MAX_RATIO, `${describeGrowth(what, 2000, g)} (linear ~2, quadratic ~4)`);
  }
});
