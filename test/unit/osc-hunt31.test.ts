/**
 * Hunt 31: bash's pattern and substring expansions, `set -u`, `${X:?w}` and a split
 * `--os-compute-api-version $MV` in the words of `openstack server create` (server/src/source/
 * oscCli/expand.ts, glob.ts, vars.ts, index.ts). Each script was run by bash 5.2 with a fake
 * `openstack` that logs the words it gets and the OS_COMPUTE_API_VERSION it sees (`bash:
 * [[version, ...argv]]`, in the order bash ran them; scripts/osc-hunt28-label.py, clean
 * environment, LC_ALL=C.UTF-8), and OSC's own shell on the split version's words. Where the text
 * decides the words bdm-lab finds the same commands; where bash stops (an unset name under
 * `set -u`, `${X:?}`: the shell exits; a substring length below its offset: the complete command
 * is given up) it finds none of the commands bash never ran; where the text does not decide, the
 * command is unresolved (BDM-OSC-UNRESOLVED). The differential run over generated scripts is
 * scripts/osc-hunt31-gen.ts and scripts/osc-hunt31-difftest.ts.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { findServerCreates, type StopAt } from '../../server/src/source/oscCli';
import { compile, matches, removeMatch, substitute } from '../../server/src/source/oscCli/glob';
import { bestGrowth, describeGrowth } from './growth';
import { commandRuns as runs, unresolvedCommands as unresolved } from './osc-bash-runs';

const WATCHDOG = { timeout: 120_000 };
const MAX_RATIO = 3;

const CASES: Array<{ id: string; script: string; bash: Array<[string | null, ...string[]]>; unresolved?: boolean }> = [
  {
    id: "remove-prefix-suffix",
    script: "F=m1.small.v2\nopenstack server create --flavor \"${F%.*}\" --image \"${F##*.}\" ${F#*.}\n",
    bash: [[null, "server", "create", "--flavor", "m1.small", "--image", "v2", "small.v2"]],
  },
  {
    id: "remove-longest-shortest",
    script: "V=a-b-c\nopenstack server create --flavor ${V%%-*} --image ${V%-*} \"${V##*-}${V#*-}\"\n",
    bash: [[null, "server", "create", "--flavor", "a", "--image", "a-b", "cb-c"]],
  },
  {
    id: "bracket-sets",
    script: "N=web-01.x]\nopenstack server create --flavor ${N#[a-z]} --image \"${N%[]]}\" \"${N##*[!0-9.x]}\"\n",
    bash: [[null, "server", "create", "--flavor", "eb-01.x]", "--image", "web-01.x", ""]],
  },
  {
    id: "class-and-open-bracket",
    script: "N=ab1[2\nopenstack server create --flavor \"${N#[[:alpha:]]}\" --image \"${N#*[}\" \"${N%[[:digit:]]}\"\n",
    bash: [[null, "server", "create", "--flavor", "b1[2", "--image", "2", "ab1["]],
  },
  {
    id: "quoted-pattern-literal",
    script: "X='a*b.c'\nP='a*'\nopenstack server create --flavor \"${X#\"$P\"}\" --image \"${X#$P}\" \"${X#\\*}${X#'a*'}\"\n",
    bash: [[null, "server", "create", "--flavor", "b.c", "--image", "*b.c", "a*b.cb.c"]],
  },
  {
    id: "substitute-forms",
    script: "X=vol-a-vol-b\nopenstack server create --flavor \"${X/vol/v}\" --image \"${X//vol/v}\" \"${X/#vol/V}${X/%b/B}${X/#/P}${X/%/S}\"\n",
    bash: [[null, "server", "create", "--flavor", "v-a-vol-b", "--image", "v-a-v-b", "V-a-vol-bvol-a-vol-BPvol-a-vol-bvol-a-vol-bS"]],
  },
  {
    id: "substitute-ampersand",
    script: "X=m1.small\nE='<&>'\nopenstack server create --flavor \"${X/small/&-&}\" --image \"${X/small/\\&}\" \"${X/./\"&\"}${X/m1/$E}${X/m1/\"$E\"}\"\n",
    bash: [[null, "server", "create", "--flavor", "m1.small-small", "--image", "m1.&", "m1&small<m1>.small<&>.small"]],
  },
  {
    id: "substitute-unset-empty",
    script: "unset U\nE=\nopenstack server create --flavor \"x${U/*/Z}\" --image \"y${E/*/Z}\" \"${E/%/Z}${U:+u}\"\n",
    bash: [[null, "server", "create", "--flavor", "x", "--image", "yZ", "Z"]],
  },
  {
    id: "substitute-split-unquoted",
    script: "X=a\nopenstack server create --flavor m1 ${X/a/\"--image cirros\"} vm1\n",
    bash: [[null, "server", "create", "--flavor", "m1", "--image", "cirros", "vm1"]],
  },
  {
    id: "substring",
    script: "U=0123456789\nopenstack server create --flavor \"${U:2:3}\" --image \"${U: -3}\" \"${U:(-4):2}${U:8:9}${U:20}${U: -20}${U:1:-7}${U::2}\"\n",
    bash: [[null, "server", "create", "--flavor", "234", "--image", "789", "67891201"]],
  },
  {
    id: "substring-error-discards",
    script: "U=ab\nopenstack server create --flavor \"${U:1:-5}\" --image c vm1; openstack server create --flavor same-line --image c vm2\nopenstack server create --flavor next --image c vm3\n",
    bash: [[null, "server", "create", "--flavor", "next", "--image", "c", "vm3"]],
  },
  {
    id: "substring-unset-empty",
    script: "unset U\nopenstack server create --flavor \"a${U:1:-5}\" --image c vm1\n",
    bash: [[null, "server", "create", "--flavor", "a", "--image", "c", "vm1"]],
  },
  {
    id: "substring-error-bash-c-reads-on",
    script: "bash -c 'Y=ab; openstack server create --flavor \"${Y:1:-5}\" --image c v1\nopenstack server create --flavor after --image c v2'\n",
    bash: [[null, "server", "create", "--flavor", "after", "--image", "c", "v2"]],
  },
  {
    id: "substring-error-eval-reads-on",
    script: "Y=ab; eval \"openstack server create --flavor \\${Y:1:-5} --image c v1\"; openstack server create --flavor after-eval --image c v2\n",
    bash: [[null, "server", "create", "--flavor", "after-eval", "--image", "c", "v2"]],
  },
  {
    id: "substring-error-subshell-exits",
    script: "Y=ab\n( openstack server create --flavor \"${Y:1:-5}\" --image c v1; openstack server create --flavor in-sub --image c v2 ); openstack server create --flavor same --image c v3\nopenstack server create --flavor next --image c v4\n",
    bash: [[null, "server", "create", "--flavor", "same", "--image", "c", "v3"], [null, "server", "create", "--flavor", "next", "--image", "c", "v4"]],
  },
  {
    id: "substring-error-function-in-if",
    script: "Y=ab\nf() { openstack server create --flavor \"${Y:1:-5}\" --image c v1; }\nif f; then openstack server create --flavor then --image c v2; fi; openstack server create --flavor same --image c v3\nopenstack server create --flavor next --image c v4\n",
    bash: [[null, "server", "create", "--flavor", "next", "--image", "c", "v4"]],
  },
  {
    id: "nounset-maybe-command-never-runs",
    script: "set -u\nunset N\nif [ -e /nonexistent ]; then openstack server create --flavor m1 --image c \"$N\"; fi\nopenstack server create --flavor m1 --image c after\n",
    bash: [[null, "server", "create", "--flavor", "m1", "--image", "c", "after"]],
  },
  {
    id: "nounset-unset-stops",
    script: "set -u\nunset N\nopenstack server create --flavor m1 --image c \"$N\"\nopenstack server create --flavor m1 --image c after\n",
    bash: [],
  },
  {
    id: "nounset-defaults-ok",
    script: "set -euo pipefail\nunset N\nopenstack server create --flavor \"${N:-m1}\" --image \"${N-c}\" \"vm${N+x}\"\n",
    bash: [[null, "server", "create", "--flavor", "m1", "--image", "c", "vm"]],
  },
  {
    id: "nounset-off-again",
    script: "set -u\nset +u\nunset N\nopenstack server create --flavor m1 --image c \"vm$N\"\n",
    bash: [[null, "server", "create", "--flavor", "m1", "--image", "c", "vm"]],
  },
  {
    id: "nounset-subshell-only",
    script: "unset N\n( set -u )\nopenstack server create --flavor m1 --image c \"vm$N\"\n",
    bash: [[null, "server", "create", "--flavor", "m1", "--image", "c", "vm"]],
  },
  {
    id: "nounset-in-subshell-stops-it",
    script: "unset N\n( set -o nounset; openstack server create --flavor m1 --image c \"$N\"; openstack server create --flavor m1 --image c in-sub )\nopenstack server create --flavor m1 --image c after\n",
    bash: [[null, "server", "create", "--flavor", "m1", "--image", "c", "after"]],
  },
  {
    id: "nounset-function-sets",
    script: "f() { set -u; }\nunset N\nf\nopenstack server create --flavor m1 --image c \"${#N}\"\nopenstack server create --flavor m1 --image c after\n",
    bash: [],
  },
  {
    id: "nounset-bash-c-fresh",
    script: "set -u\nunset N\nbash -c 'openstack server create --flavor m1 --image c \"vm$N\"'\n",
    bash: [[null, "server", "create", "--flavor", "m1", "--image", "c", "vm"]],
  },
  {
    id: "nounset-undecided",
    script: "unset N\nif [ -e /nonexistent ]; then set -u; fi\nopenstack server create --flavor m1 --image c \"vm$N\"\n",
    bash: [[null, "server", "create", "--flavor", "m1", "--image", "c", "vm"]],
    unresolved: true,
  },
  {
    id: "nounset-assignment-stops",
    script: "set -u\nunset N\nX=$N\nopenstack server create --flavor m1 --image c after\n",
    bash: [],
  },
  {
    id: "colon-question-unset",
    script: "unset N\nopenstack server create --flavor m1 --image c \"${N:?no name}\"\nopenstack server create --flavor m1 --image c after\n",
    bash: [],
  },
  {
    id: "colon-question-set",
    script: "N=vm9\nopenstack server create --flavor m1 --image c \"${N:?no name}\" \n",
    bash: [[null, "server", "create", "--flavor", "m1", "--image", "c", "vm9"]],
  },
  {
    id: "question-empty-ok",
    script: "N=\nopenstack server create --flavor m1 --image c \"x${N?unset}\"\n",
    bash: [[null, "server", "create", "--flavor", "m1", "--image", "c", "x"]],
  },
  {
    id: "colon-question-subshell",
    script: "N=\n( openstack server create --flavor m1 --image c \"${N:?}\" )\nopenstack server create --flavor m1 --image c after\n",
    bash: [[null, "server", "create", "--flavor", "m1", "--image", "c", "after"]],
  },
  {
    id: "mv-quoted-empty",
    script: "MV=\nopenstack --os-compute-api-version \"$MV\" server create --flavor m1 --image c vm1\n",
    bash: [[null, "--os-compute-api-version", "", "server", "create", "--flavor", "m1", "--image", "c", "vm1"]],
  },
  {
    id: "mv-lead-blank",
    script: "MV=\" 2.67\"\nopenstack --os-compute-api-version $MV server create --flavor m1 --image c vm1\n",
    bash: [[null, "--os-compute-api-version", "2.67", "server", "create", "--flavor", "m1", "--image", "c", "vm1"]],
  },];


for (const c of CASES) {
  test(`as bash runs it: ${c.id}`, () => {
    if (c.unresolved) {
      assert.ok(c.bash.length <= 1);
      assert.deepEqual(runs(c.script), []);
      assert.equal(unresolved(c.script).length, 1, 'one BDM-OSC-UNRESOLVED');
      return;
    }
    assert.deepEqual(runs(c.script), c.bash.map(([mv, ...argv]) => [mv === null && argv[0] === '--os-compute-api-version' ? argv[1] || '2.1' : mv, ...argv.filter((_, k) => argv[0] !== '--os-compute-api-version' || k > 1)]));
    assert.equal(unresolved(c.script).length, 0);
  });
}

test('`--os-compute-api-version $MV` with MV empty: the option takes `server`, which OSC\'s shell refuses (as the osc-oracle and `openstack` itself do)', () => {
  const [x, ...more] = findServerCreates('MV=\nopenstack --os-compute-api-version $MV server create --flavor m1 --image c vm1\n', 'shell');
  assert.equal(more.length, 0);
  assert.equal(x.translation.microversion, 'server');
  assert.equal(x.translation.error?.stage, 'osc-client');
  // osc-oracle (scripts/osc_shell.py run_create): UnsupportedVersion: Invalid format of client version 'server'. …
  assert.equal(x.translation.error?.message, "Invalid format of client version 'server'. Expected format 'X.Y', where X is a major part and Y is a minor part of version.");
  assert.deepEqual(x.words.map((w) => w.value), ['server', 'create', '--flavor', 'm1', '--image', 'c', 'vm1']);
});

test('`--os-compute-api-version $MV` with MV="2.67 2.1": cliff refuses `2.1 server create …` as no openstack command; only the next command is judged', () => {
  // bash ran both; `openstack --os-compute-api-version 2.67 2.1 server create …` prints "'2.1 server create …' is not a openstack command"
  assert.deepEqual(runs('MV="2.67 2.1"\nopenstack --os-compute-api-version $MV server create --flavor m1 --image c vm1\nopenstack server create --flavor m1 --image c vm2\n'), [[null, 'server', 'create', '--flavor', 'm1', '--image', 'c', 'vm2']]);
  assert.equal(unresolved('MV="2.67 2.1"\nopenstack --os-compute-api-version $MV server create --flavor m1 --image c vm1\n').length, 0);
});

test('what bdm-lab does not follow stays unresolved: dash\'s `${X#p}` past ASCII, a shopt that changes patterns, classes it does not read', () => {
  for (const s of [
    // (dash's `${X/p/r}` is its "Bad substitution", where it stops: test/unit/osc-hunt33-dash-stop.test.ts; its
    // `${X#p}` on ASCII is followed since hunt 43: test/unit/osc-hunt43.test.ts; past ASCII dash matches bytes)
    '#!/bin/sh\nX=\u00e91\nopenstack server create --flavor m1 --image c "${X#?}"\n',
    'shopt -s extglob\nX=abc\nopenstack server create --flavor m1 --image c "${X#@(a|b)}"\n',
    // (arithmetic offsets, `${X:$((1)):1}` and `${X:010}`, are followed since hunt 32: test/unit/osc-hunt32.test.ts)
    'X=abc\nopenstack server create --flavor m1 --image c "${X#[[=a=]]}"\n',
    'X=é1\nopenstack server create --flavor m1 --image c "${X#[!0-9]}"\n',
  ]) {
    assert.deepEqual(runs(s), [], s);
    assert.equal(unresolved(s).length, 1, s);
  }
});

test('glob matching as bash\'s strmatch: `*`, `?`, sets, escapes, quoted characters', () => {
  const p = (t: string, quoted = '') => [...t].map((ch, k) => ({ ch, active: !quoted.includes(String(k)) }));
  const tok = (t: string, q = '') => { const c = compile(p(t, q)); assert.ok('toks' in c); return c.toks; };
  const m = (pat: string, s: string, q = '') => matches(tok(pat, q), [...s], 0, [...s].length, { n: 1e6 });
  assert.equal(m('a*b?c', 'axxbyc'), true);
  assert.equal(m('a*b?c', 'axxbc'), false);
  assert.equal(m('[]a]*', ']x'), true);
  assert.equal(m('[!]]', ']'), false);
  assert.equal(m('[a-c]', 'b'), true);
  assert.equal(m('[^a-c]', 'b'), false);
  assert.equal(m('a[', 'a['), true);
  assert.equal(m('\\*', '*'), true);
  assert.equal(m('\\*', 'x'), false);
  assert.equal(m('*', 'x', '0'), false);
  assert.equal(removeMatch(tok('*.'), [...'a.b.c'], true, true, { n: 1e6 }), 'c');
  assert.equal(substitute(tok('b*'), [...'abcb'], '/', (x) => `<${x}>`, { n: 1e6 }), 'a<bcb>');
});

test('pattern removal and substitution over a long value: bounded (past the step budget the command is unresolved), growth linear in the commands', WATCHDOG, () => {
  // `//` with a pattern that runs to the end from every start (n·n·m steps, as bash's own search): past the budget, unresolved;
  // `%%*b` runs once from the end (n·m steps), and bash leaves the value as it is (no `b`)
  const long = 'a'.repeat(8000);
  const s = `X=${long}\nopenstack server create --flavor m1 --image c "\${X//a*b/x}"\nopenstack server create --flavor m1 --image c "\${X%%*b}"\n`;
  assert.deepEqual(runs(s), [[null, 'server', 'create', '--flavor', 'm1', '--image', 'c', long]]);
  assert.equal(unresolved(s).length, 1);
  const many = (n: number) => Array.from({ length: n }, (_, k) => `V${k}=m1.small-${k}.x\nopenstack server create --flavor "\${V${k}%.*}" --image "\${V${k}//[0-9]/d}" "\${V${k}:2:-1}"\n`).join('');
  assert.equal(findServerCreates(many(50), 'shell').length, 50);
  const g = bestGrowth(many, (t) => findServerCreates(t, 'shell'), 400, MAX_RATIO);
  assert.ok(g.ratio < MAX_RATIO, describeGrowth('n commands with pattern expansions', 400, g));
  const wide = (n: number) => `X=${'ab'.repeat(n)}\nopenstack server create --flavor m1 --image c "\${X//b/c}" "\${X#*a}" "\${X%%b*}"\n`;
  const w = bestGrowth(wide, (t) => findServerCreates(t, 'shell'), 1000, MAX_RATIO);
  assert.ok(w.ratio < MAX_RATIO, describeGrowth('a value of n characters through `//`, `#`, `%%`', 1000, w));
});

test('a `${` the text never closes (`${X#\\}`: the backslash takes the `}`) is bash\'s syntax error at the end of the text: the commands before it run, none after', () => {
  // bash 5.2 (scripts/osc-hunt28-label.py): ran v1 only; "FILE: line 3: unexpected EOF while looking for matching `}'" (in double quotes: `"')
  for (const [script, message] of [
    ['X=1\nopenstack server create --flavor a --image c v1\nopenstack server create --flavor ${X#\\} --image c v2\nopenstack server create --flavor a --image c v3\n', "unexpected EOF while looking for matching `}'"],
    ['X=1\nopenstack server create --flavor a --image c v1\nopenstack server create --flavor "${X#\\}" --image c v2\n', 'unexpected EOF while looking for matching `"\''],
  ]) {
    const stops: StopAt[] = [];
    const got = findServerCreates(script, 'shell', undefined, { stops }).map((x) => x.words.map((w) => w.value).at(-1));
    assert.deepEqual(got, ['v1']);
    assert.equal(stops.length, 1);
    assert.equal(stops[0].message, message);
    assert.equal(script.slice(0, stops[0].at).split('\n').length, 3);
  }
});
