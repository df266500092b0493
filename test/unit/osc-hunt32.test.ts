/**
 * Hunt 32: bash's case modification (`${X^^p}`, `${X,p}`, `${X~~}`…), its transformations
 * `${X@Q}`, `${X@U}`, `${X@u}`, `${X@L}`, indirection `${!X}`, arithmetic `$((…))` (words, inside
 * words, a substring's offset and length) and single quotes inside a double-quoted `${…}` in the
 * words of `openstack server create` (server/src/source/oscCli/expand.ts, arith.ts, shell.ts).
 * Each script's `bash` runs were printed by bash 5.2 itself (`env -i bash --norc --noprofile -c`,
 * a function `openstack` printing the words it gets; [version, ...argv], in the order bash ran
 * them; the dash ones by Debian's dash 0.5.12). Where bash gives up a command (an invalid
 * indirect name, division by 0, a digit too great for its base) bdm-lab finds none of what bash
 * never ran; what the text does not decide stays BDM-OSC-UNRESOLVED. The differential run over
 * generated scripts is scripts/osc-hunt32-gen.ts and scripts/osc-hunt32-difftest.ts.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { findServerCreates } from '../../server/src/source/oscCli';
import { evalArith } from '../../server/src/source/oscCli/arith';
import { bestGrowth, describeGrowth } from './growth';
import { commandRuns as runs, unresolvedCommands as unresolved } from './osc-bash-runs';

const WATCHDOG = { timeout: 120_000 };
const MAX_RATIO = 3;

const CASES: Array<{ id: string; script: string; bash: Array<[string | null, ...string[]]> }> = [
  {
    id: "case-modification",
    script: "unset E\nX=aBc\nP='[ab]'\nopenstack server create --flavor \"${X^^}\" --image \"${X,,}\" \"${X^}${X,}${X~~}${X~}\" \"${X^^$P}\" \"${X,,[A-B]}\" \"${X^^\"$P\"}\" \"${X^^'b'}\" \"${X^^$E}\"\n",
    bash: [[null,"server","create","--flavor","ABC","--image","abc","ABcaBcAbCABc","ABc","abc","aBc","aBc","ABC"]],
  },
  {
    id: "transformations",
    script: "unset U\nX='it'\\''s a b'\nE=\nopenstack server create --flavor \"${X@Q}\" --image \"${X@U}\" ${X@u} \"${X@L}\" \"${E@Q}\" \"${U@Q}\" ${X@Q}\n",
    bash: [[null,"server","create","--flavor","'it'\\''s a b'","--image","IT'S A B","It's","a","b","it's a b","''","","'it'\\''s","a","b'"]],
  },
  {
    id: "indirection",
    script: "F=m1.small\nR=F\nE=R\nopenstack server create --flavor ${!R} --image \"${!R%.*}\" \"${!R^^}\" \"${!E}\" \"${!R:1:2}\"\n",
    bash: [[null,"server","create","--flavor","m1.small","--image","m1","M1.SMALL","F","1."]],
  },
  {
    id: "indirection-unset-target",
    script: "R=NOPE\nunset NOPE\nopenstack server create --flavor m1 --image c \"vm${!R}\" \"${!R-d}\"\n",
    bash: [[null,"server","create","--flavor","m1","--image","c","vm","d"]],
  },
  {
    id: "indirection-bad-name",
    script: "R=a-b\nopenstack server create --flavor m1 --image c \"${!R}\"; openstack server create --flavor m1 --image c same-line\nopenstack server create --flavor m1 --image c next-line\n",
    bash: [[null,"server","create","--flavor","m1","--image","c","next-line"]],
  },
  {
    id: "indirection-unset",
    script: "unset R\nopenstack server create --flavor m1 --image c \"${!R:-d}\"\nopenstack server create --flavor m1 --image c next-line\n",
    bash: [[null,"server","create","--flavor","m1","--image","c","next-line"]],
  },
  {
    id: "arithmetic-words",
    script: "N=3\nopenstack server create --flavor m$((N-2)).small --image c --min $((N*2-5)) --max $(( (N+1)/2 )) \"vm-$((N<<2))-$((0x10))-$((010))-$((2#101))-$((N>2?7:8))-$((-7/2))-$((-7%2))-$((2**10))\"\n",
    bash: [[null,"server","create","--flavor","m1.small","--image","c","--min","1","--max","2","vm-12-16-8-5-7--3--1-1024"]],
  },
  {
    id: "arithmetic-variables",
    script: "unset U N\nA=B+1\nB=' 4 '\nC=\nopenstack server create --flavor m1 --image c \"$((A*2))\" \"$(( $A*2 ))\" \"$((C+1))\" \"$((U+1))\" \"$(($((1))+N))\" \"$((0 && 1/0))\" \"$((1 || 1/0))\"\n",
    bash: [[null,"server","create","--flavor","m1","--image","c","10","6","1","1","1","0","1"]],
  },
  {
    id: "arithmetic-splits",
    script: "IFS=1\nopenstack server create --flavor m1 --image c $((111)) \"$((111))\" x$((21))y\n",
    bash: [[null,"server","create","--flavor","m1","--image","c","","","","111","x2","y"]],
  },
  {
    id: "arithmetic-wraps",
    script: "openstack server create --flavor m1 --image c $((9223372036854775807+1)) $((2**63)) $((-9223372036854775807-1/-1)) $((~5)) $((!0))$((5^3))$((5|2))$((1,2))\n",
    bash: [[null,"server","create","--flavor","m1","--image","c","-9223372036854775808","-9223372036854775808","-9223372036854775806","-6","1672"]],
  },
  {
    id: "arithmetic-division-by-zero",
    script: "N=0\nopenstack server create --flavor m1 --image c \"$((1/N))\"; openstack server create --flavor m1 --image c same-line\nopenstack server create --flavor m1 --image c next-line\n",
    bash: [[null,"server","create","--flavor","m1","--image","c","next-line"]],
  },
  {
    id: "arithmetic-bad-constant",
    script: "openstack server create --flavor m1 --image c \"$((08))\"\nopenstack server create --flavor m1 --image c \"$((2**-1))\"\nopenstack server create --flavor m1 --image c next-line\n",
    bash: [[null,"server","create","--flavor","m1","--image","c","next-line"]],
  },
  {
    id: "arithmetic-nounset",
    script: "unset U\nset -u\nopenstack server create --flavor m1 --image c \"$((U+1))\"\nopenstack server create --flavor m1 --image c next-line\n",
    bash: [],
  },
  {
    id: "substring-arithmetic",
    script: "unset U\nX=abcdef\nN=2\nopenstack server create --flavor ${X:N:N} --image ${X:$((1)):2} \"${X:010}\" \"${X: -1*2}\" \"${X:(N)}\" \"${X:1+1:N+1}\" \"${U:1/0}\"\n",
    bash: [[null,"server","create","--flavor","cd","--image","bc","","ef","cdef","cde",""]],
  },
  {
    id: "substring-division-by-zero",
    script: "X=abcd\nopenstack server create --flavor m1 --image c \"${X:1/0}\"\nopenstack server create --flavor m1 --image c next-line\n",
    bash: [[null,"server","create","--flavor","m1","--image","c","next-line"]],
  },
  {
    id: "dq-single-quotes-default",
    script: "X=\nopenstack server create --flavor \"${X:-'a b'}\" --image \"${X:-'}'}\" \"${X:-'\"'}\" \"${X:-'a\"b'}\" \"${X:-'$X'}\"\n",
    bash: [[null,"server","create","--flavor","'a b'","--image","'}'","''","'ab'","''"]],
  },
  {
    id: "dq-single-quotes-alternate",
    script: "X=1\nunset U\nopenstack server create --flavor \"${X+'\"'}\" --image \"${U+'\"'}\" \"${X:+'a b'}\" \"${U:='\"'}\" \"$U\"\n",
    bash: [[null,"server","create","--flavor","''","--image","","'a b'","''","''"]],
  },
  {
    id: "dq-single-quotes-patterns",
    script: "X='\"a}b'\nopenstack server create --flavor \"${X#'\"'}\" --image \"${X%'b'}\" \"${X/'}'/'\"'}\" \"${X//a/'x y'}\" \"${X^^'a'}\"\n",
    bash: [[null,"server","create","--flavor","a}b","--image","\"a}","\"a\"b","\"x y}b","\"A}b"]],
  },
  {
    id: "dq-single-quote-open",
    script: "X=\nopenstack server create --flavor m1 --image c first\nopenstack server create --flavor \"${X:-'}\" --image c vm\nopenstack server create --flavor m1 --image c after\n",
    bash: [[null,"server","create","--flavor","m1","--image","c","first"]],
  },
  {
    id: "dq-nested-single-quotes",
    script: "X=\nY=\nopenstack server create --flavor \"${X:-${Y:-'}'}}\" --image ${X:-${Y:-'}'}} \"${X:-${Y:-\"}\"}}\" \"${X:-\"${Y:-'a b'}\"}\" \"${X:-${Y#'}'}}\"\n",
    bash: [[null,"server","create","--flavor","'}'","--image","}","}","'a b'",""]],
  },
  {
    id: "dq-backslash-brace",
    script: "X=\nopenstack server create --flavor \"${X:-\\}}\" --image ${X:-\"\\}\"} \"${X:-\"\\}\"}\" \"${X:-\\a}\" \"${X:-\\{}\" ${X:-\\}} \"${X:-${X:-\\}}}\" \"a${X:-\\}}b\"\n",
    bash: [[null,"server","create","--flavor","}","--image","\\}","}","\\a","\\{","}","}","a}b"]],
  },
];


for (const c of CASES) {
  test(`as bash runs it: ${c.id}`, () => {
    assert.deepEqual(runs(c.script), c.bash);
    assert.equal(unresolved(c.script).length, 0);
  });
}

test('dash reads a `\'` in a double-quoted `${…}` as a character, bash as a quote: each shell\'s reading', () => {
  // dash 0.5.12 (`env -i dash -c`, `sh -c`, `sh <<'EOF'`) and bash 5.2 (`bash -c`), with a program `openstack` printing its words
  const w = ['server', 'create', '--flavor', 'm1', '--image', 'c'];
  for (const [script, want] of [
    ["#!/bin/sh\nX=\nopenstack server create --flavor m1 --image c \"${X:-'}'}\" z\n", [...w, "''}", 'z']],
    ["#!/bin/sh\nX=\nopenstack server create --flavor m1 --image c \"${X:-'}\" z\n", [...w, "'", 'z']],
    ["export X=\nsh -c 'openstack server create --flavor m1 --image c \"${X:-'\\''}\" z'\n", [...w, "'", 'z']],
    ["export X=\nbash -c 'openstack server create --flavor m1 --image c \"${X:-'\\''}'\\''}\" z'\n", [...w, "'}'", 'z']],
    ["export X=\nsh <<'EOF'\nopenstack server create --flavor m1 --image c \"${X:-'}\" z\nEOF\n", [...w, "'", 'z']],
  ] as const) assert.deepEqual(findServerCreates(script, 'shell').map((x) => x.words.map((v) => v.value)), [want], script);
});

test('the words arithmetic makes keep the place of the `$((…))` they come from', () => {
  // bash (IFS=1): `$((111))` gives three empty fields' separators, `x$((21))y` gives `x2` and `y`
  const s = 'IFS=1\nopenstack server create --flavor m1 --image c x$((21))y "$((7))"\n';
  const [x] = findServerCreates(s, 'shell');
  const words = x.words.slice(-3);
  assert.deepEqual(words.map((v) => v.value), ['x2', 'y', '7']);
  const at = s.indexOf('x$((21))y');
  // (`x2`: the `x` where it is written to the end of the expansion; `y` where it is written)
  assert.deepEqual(words.map((v) => [v.start, v.end]), [[at, at + 8], [at + 8, at + 9], [s.indexOf('"$((7))"'), s.indexOf('"$((7))"') + 8]]);
});

test('what bdm-lab does not follow stays unresolved', () => {
  for (const s of [
    'X=abc\nopenstack server create --flavor m1 --image c "${X@E}"\n',
    'X=abc\nopenstack server create --flavor m1 --image c "${X@A}"\n',
    "X=$'a\\tb'\nopenstack server create --flavor m1 --image c \"${X@Q}\"\n",
    'X=é\nopenstack server create --flavor m1 --image c "${X^^}"\n',
    "X=abc\nopenstack server create --flavor m1 --image c \"${X^^''}\"\n",
    'R=1\nopenstack server create --flavor m1 --image c "${!R}"\n',
    "R='A[0]'\nopenstack server create --flavor m1 --image c \"${!R}\"\n",
    'R=X\nopenstack server create --flavor m1 --image c "${!R:=v}"\n',
    'openstack server create --flavor m1 --image c "${!BASH*}"\n',
    // (`$((N++))`, `$((N=4))` are followed since round 34: test/unit/osc-hunt34.test.ts)
    'openstack server create --flavor m1 --image c "$((1<<64))"\n',
    'X=X\nopenstack server create --flavor m1 --image c "$((X))"\n',
    "X=abc\nopenstack server create --flavor m1 --image c \"${X:0:'1'}\"\n",
    'openstack server create --flavor m1 --image c "$((A[1]))"\n',
    // (dash's `${X^^}` is its "Bad substitution", where it stops: test/unit/osc-hunt33-dash-stop.test.ts)
  ]) {
    assert.deepEqual(runs(s), [], s);
    assert.equal(unresolved(s).length, 1, s);
  }
});

test('arithmetic as bash 5.2 evaluates it (values printed by `echo $((…))`)', () => {
  const vars = { get: (n: string) => ({ A: 'B*2', B: '3', E: '' } as Record<string, string>)[n] ?? null, why: () => '', nounset: false };
  const ev = (t: string) => evalArith(t, vars, { n: 1e6 });
  for (const [t, v] of [
    ['-2**2', 4n], ['2**3**2', 512n], ['1?2,3:4', 3n], ['0?1:2?3:4', 3n], [' 2 > 1 == 1', 1n], ['7&3==3', 1n], ['64#_', 63n], ['36#z', 35n],
    ['0x', 0n], ['-0x10', -16n], ['A+1', 7n], ['E+1', 1n], ['U', 0n], ['0 && 1/0', 0n], ['1 || 1/0', 1n], ['', 0n], ['62#Z', 61n], ['37#1', 1n],
  ] as const) assert.equal(ev(t), v, t);
  for (const t of ['1/0', '08', '2**-1', '1#1', '65#1', '37#Z', '12abc', '0 && 08', '1 ? 2 : 09', '0 && 2**-1', '0 && 65#1']) {
    const r = ev(t);
    assert.ok(typeof r !== 'bigint' && r.fatal, t);
  }
});

test('hostile arithmetic and expansions are bounded: linear in the commands, in nesting and in names that refer on', WATCHDOG, () => {
  const t = (s: string) => findServerCreates(s, 'shell');
  const many = (n: number) => Array.from({ length: n }, (_, k) => `V${k}=m1.Small-${k}\nR=V${k}\nopenstack server create --flavor "\${V${k},,}" --image "\${!R^^[a-m]}" --min $((${k % 3}+1)) "\${V${k}@Q}" "\${V${k}:$((1)):${k % 5}+1}"\n`).join('');
  assert.equal(t(many(40)).length, 40);
  const g = bestGrowth(many, t, 300, MAX_RATIO);
  assert.ok(g.ratio < MAX_RATIO, describeGrowth('n commands with case changes, indirection and arithmetic', 300, g));
  // names whose values name others many times over: past the step budget, unresolved
  const fan = (n: number) => `${Array.from({ length: 12 }, (_, k) => `A${k}=${Array.from({ length: n }, () => `A${k + 1}`).join('+')}`).join('\n')}\nA12=1\nopenstack server create --flavor m1 --image c "$((A0))"\n`;
  assert.deepEqual(runs(fan(50)), []);
  const f = bestGrowth(fan, t, 200, MAX_RATIO);
  assert.ok(f.ratio < MAX_RATIO, describeGrowth('arithmetic on names that each name the next n times', 200, f));
  // deep unary operators and parentheses, long `**` chains, long constants
  const deep = (n: number) => `openstack server create --flavor m1 --image c "$((${'- '.repeat(n)}1))" "$((${'('.repeat(n)}1${')'.repeat(n)}))" "$((${'2**'.repeat(n)}1))" "$((${'9'.repeat(n)}))"\n`;
  assert.deepEqual(runs(deep(100)), []);
  const d = bestGrowth(deep, t, 2000, MAX_RATIO);
  assert.ok(d.ratio < MAX_RATIO, describeGrowth('arithmetic n operators deep', 2000, d));
  // many double-quoted `${'` left open: each looks for its `'` within a bound
  const open = (n: number) => `openstack server create --flavor m1 --image c vm\n${'echo "${X:-\' '.repeat(n)}\n`;
  const o = bestGrowth(open, t, 2000, MAX_RATIO);
  assert.ok(o.ratio < MAX_RATIO, describeGrowth('n open `"${X:-\'` on a line', 2000, o));
  // a long value through case changes and `@Q`
  const wide = (n: number) => `X=${"a'B".repeat(n)}\nopenstack server create --flavor m1 --image c "\${X^^[a-z]}" "\${X~~}" "\${X@Q}"\n`;
  const w = bestGrowth(wide, t, 1000, MAX_RATIO);
  assert.ok(w.ratio < MAX_RATIO, describeGrowth('a value of n characters through case changes and @Q', 1000, w));
});

test('a version word that split in two: the shell checks the version before cliff looks for the command', () => {
  // openstackclient.shell.main (OSC 6.0.0) on the words bash ran: `--os-compute-api-version 2.999 2.1 server create …`
  // prints "versions supported by client: 2.1 - 2.92" and returns 1; with 2.67 it prints "'2.1 server create …' is not
  // a … command" and returns 2 (scripts/osc_shell.py run_create labels that stage `cliff`: no command runs)
  const [x, ...more] = findServerCreates('MV="2.999 2.1"\nopenstack --os-compute-api-version $MV server create --flavor m1 --image c vm1\n', 'shell');
  assert.equal(more.length, 0);
  assert.equal(x.translation.error?.stage, 'osc-client');
  assert.equal(x.translation.error?.message, 'versions supported by client: 2.1 - 2.92');
  assert.deepEqual(x.words.map((w) => w.value), ['2.1', 'server', 'create', '--flavor', 'm1', '--image', 'c', 'vm1']);
  assert.deepEqual(runs('MV="2.67 2.1"\nopenstack --os-compute-api-version $MV server create --flavor m1 --image c vm1\n'), []);
  assert.equal(unresolved('MV="2.67 2.1"\nopenstack --os-compute-api-version $MV server create --flavor m1 --image c vm1\n').length, 0);
});
