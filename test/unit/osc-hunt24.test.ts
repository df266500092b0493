/**
 * Hunt 24 of the openstack CLI source: what hunt 23 left, as bash runs it:
 * - `f() ( … )` and `function f ( … )`: the body is a subshell made anew at each call (what it
 *   sets or exports stays in it, `exec` in it ends only it);
 * - `export -f f` (`declare -fx`, `typeset -xf`; `export -nf`, `unset -f`): a bash started with the
 *   environment (`bash -c f`, `env A=1 bash -c`, `su -c f`, `bash <<EOF`) can call f; not `sh`
 *   (dash), `env -i`, `sudo` (which strips functions even with -E), `su -` or ssh;
 * - `sudo -i cmd` (the environment reset, also with --preserve-env naming the variable kept; -i
 *   with -E refused: nothing runs), `su [-] [user] -c '…'` (the environment kept, none for a login
 *   but what -w names; -s another shell), here-documents read by a shell started with another
 *   environment (`env -i bash <<EOF`, `sudo bash <<EOF`, `V=… bash <<EOF`, `su - <<EOF`, `cat
 *   <<EOF | env -i bash`);
 * - a function that surely calls itself (or another that calls it back) never returns: in one shell
 *   bash runs out of stack and that shell dies, through new shells (pipelines, `( … )`, `$( … )`)
 *   every shell waiting for it waits for ever; a call after a test may end (read on);
 * - `local V` in `V=1 f`'s body is the temporary variable itself: `export` of it (also in an eval,
 *   or `local -x`) gives its value to the caller when f returns.
 * Every expected answer is the oracle's: scripts/osc-hunt24-label.py runs each script with bash (a
 * fake `openstack`, real sudo and su, `ssh` standing in for OpenSSH). test/fixtures/osc-hunt24/:
 * cases.json (written by hand) and generated-cases.json (node scripts/osc-hunt24-generate.mjs 300
 * 2401), each with its oracle (runs that repeat alike kept once). Each side is a set of
 * `words @microversion => body digest or OSC's refusal` (bash's runs as bdm-lab translates them).
 * Hand cases left out, where bash and bdm-lab differ: `V=1 f() ( … )` (a syntax error in bash);
 * `sudo --preserve-env=BASH_FUNC_f%%` (sudo keeps a function named so); `f() { …; f; }; ( f )`
 * and `f | cat` (the stand-in labels them by a time-out; bash dies of its stack after thousands of
 * runs, then goes on); `f() { …; bash -c f; }` with f exported (command strings nest at most
 * MAX_STRING_NESTING deep: the recursion is not seen as endless); `true && f`, `if true; then f; fi`
 * (a condition bdm-lab does not evaluate: the recursion may end). Since hunt 25
 * (test/unit/osc-hunt25.test.ts) the syntax error, `BASH_FUNC_f%%` and `true`/`:`/`false`
 * conditions are read as bash reads them.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { findServerCreates } from '../../server/src/source/oscCli';
import { describeCommand, fixtures, shellQuote, sortedSet, testBashTables, type Oracle } from './osc-bash-runs';
import { bestGrowth, describeGrowth } from './growth';

const load = fixtures('osc-hunt24');
const WATCHDOG = { timeout: 300_000 };
const MAX_RATIO = 3;
const V = 'OS_COMPUTE_API_VERSION';
const C = (n: number | string) => `openstack server create --flavor m1 --image cirros vm${n}`;

const isOsc = (a: string[]) => a[0] === 'server' && (a[1] === 'create' || (a[1] === 'add' && a[2] === 'volume'));
/** bash's runs, each as bdm-lab translates `openstack ARGV` run with the value the program saw */
const ran = (o: Oracle[string]) => sortedSet(o.runs.filter((r) => isOsc(r.argv)).map((r) => describeCommand(findServerCreates(`${r.mv === null ? '' : `${V}=${shellQuote(r.mv)} `}openstack ${r.argv.map(shellQuote).join(' ')}\n`, 'shell')[0])));
const found = (script: string) => sortedSet(findServerCreates(script, 'shell').map(describeCommand));

testBashTables(load, { found, ran });

const mvs = (s: string) => findServerCreates(s, 'shell').map((x) => `${x.words[x.words.length - 1].value}@${x.translation.microversion}`);

test('a subshell body keeps its exports; an exported function runs in a child bash with the child\'s environment', () => {
  assert.deepEqual(mvs(`f() ( export ${V}=2.67; ${C(1)} )\nf\n${C(2)}\n`), ['vm1@2.67', 'vm2@2.1']);
  assert.deepEqual(mvs(`f() { ${C(1)}; }\nexport -f f\nexport ${V}=2.42\nbash -c f\nsh -c f\nenv -i bash -c f\nsudo -E bash -c f\n`), ['vm1@2.42']);
  assert.deepEqual(mvs(`f() { ${C(1)}; }\nbash -c f\n`), []);
  assert.deepEqual(mvs(`f() { ${C(1)}; }\nexport -f f\nunset -f f\nf\nbash -c f\n`), []);
  // the body is placed where the function is written
  const s = `f() { ${C(1)}; }; export -f f; su -c f`;
  assert.equal(findServerCreates(s, 'shell')[0].program.start, s.indexOf('openstack'));
});

test('recursion that surely never ends stops the shells that wait for it; bounded, and linear in the text', WATCHDOG, () => {
  assert.deepEqual(mvs(`f() { ${C(1)}; f; }\nf\n${C(2)}\n`), ['vm1@2.1']);
  assert.deepEqual(mvs(`f() { ${C(1)}; [ $# -lt 2 ] && f x x; }\nf\n${C(2)}\n`), ['vm1@2.1', 'vm2@2.1']);
  // in a subshell of its own the shell that dies is that one
  assert.deepEqual(mvs(`f() { ${C(1)}; f; }\n( f )\n${C(2)}\n`), ['vm1@2.1', 'vm2@2.1']);
  // through pipelines: every level waits for the next
  assert.deepEqual(mvs(`f() { g | cat; }\ng() { ${C(1)}; f; }\n( f )\n${C(2)}\n`), ['vm1@2.1']);
  const shapes: Record<string, [(n: number) => string, (n: number) => number]> = {
    'subshell bodies calling themselves': [(n) => `${Array.from({ length: n }, (_, i) => `f${i}() ( ${C(i)}; [ -n "$x" ] && f${i} | cat )\n`).join('')}${Array.from({ length: n }, (_, i) => `f${i}\n`).join('')}`, (n) => n],
    'mutual recursion through pipelines, in subshells': [(n) => `f() { g | cat; }\ng() { ${C(1)}; f; }\n${'( f )\n'.repeat(n)}`, () => 1],
    'exported functions run by many child shells': [(n) => `${Array.from({ length: n }, (_, i) => `f${i}() { ${C(i)}; }\nexport -f f${i}\n`).join('')}${Array.from({ length: n }, (_, i) => `bash -c 'su -c f${i}'\n`).join('')}`, (n) => n],
    'locals of temporary variables': [(n) => `h() { local ${V}; eval "export ${V}=2.67"; }\n${`${V}=2.19 h\n${C(1)}\n`.repeat(n)}`, (n) => n],
    'an endless call deep in subshells': [(n) => `f() { ${C(1)}; f; }\n${'( '.repeat(n)}f${' )'.repeat(n)}\n${C(2)}\n`, () => 2],
  };
  for (const [what, [make, count]] of Object.entries(shapes)) {
    assert.equal(findServerCreates(make(50), 'shell').length, count(50), what);
    const g = bestGrowth(make, (t) => findServerCreates(t, 'shell'), 1000, MAX_RATIO);
    assert.ok(g.ratio < MAX_RATIO, `${describeGrowth(what, 1000, g)} (linear ~2, quadratic ~4)`);
  }
});

test('a function defined inside a command substitution inside another body (found by the fuzzer: a TypeError before) is read without a throw, as bash runs it', () => {
  // the body around a definition may hold no command of its own: it gets its list first
  assert.deepEqual(found('createopenstack({ $(function 0 {'), []);
  // f's $( ) defines g in a subshell and never calls it: nothing runs
  assert.deepEqual(mvs(`f() { $(function g {\n${C(1)}\n}\n) }\nf\n`), []);
  // the same, g called inside the substitution: one run
  assert.deepEqual(mvs(`f() { x=$(function g {\n${C(2)}\n}\ng) ; }\nf\n`), ['vm2@2.1']);
});
