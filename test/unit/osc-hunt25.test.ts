/**
 * Hunt 25 of the openstack CLI source: what hunt 24 left, as bash runs it:
 * - a syntax error: bash reads a script one complete command at a time (a list up to a newline
 *   outside any construct, here-document bodies and all) and runs it before reading on; at a
 *   syntax error it stops: the complete commands before the one it is in have run, nothing of that
 *   one nor after. Mid-text: `V=1 f() ( … )` (a name after assignments is a command's, its `(` an
 *   error), `V=1 function f { …; }` and a `}`, `)`, `fi`… that closes nothing; at the end: a `(`,
 *   `{`, `if`, `while`, `f() {`, `$(` or quote left open, `a &&`, `a |`. Inside `bash -c '…'`,
 *   `eval '…'` or a here-document a shell reads, only that string or body stops (the script goes
 *   on); a backslash that ends the text is a word's own character.
 * - `sudo --preserve-env=BASH_FUNC_f%%` keeps exported f for a bash it runs (not a name without
 *   `%%`, not after `env -i`, not for sh);
 * - `true`, `:` and `false` (also after `!`) are conditions bdm-lab knows: after `true &&`, `false ||` and in the
 *   `then` part of `if true` (the `else` part of `if false`) a command surely runs, so a function
 *   calling itself there never returns (as plain endless recursion); after `false &&`, `true ||`,
 *   in `if false`'s `then` part and after `if true`'s, it never runs.
 * Every expected answer is the oracle's: scripts/osc-hunt24-label.py ran each script with bash (a
 * fake `openstack`, real sudo and su). The generated batch (node scripts/osc-hunt25-generate.mjs
 * 300 2501; held out: 200 2599; valid syntax near these: scripts/osc-hunt25-valid-generate.mjs
 * 300 2511) is compared by scripts/osc-hunt24-difftest.ts. Left: a test bdm-lab
 * does not evaluate (`[ $# -lt 2 ] && f x x`), `while true` (the loop never ends). The syntax
 * error itself gets its warning in bash's words: osc-syntax-diagnostic.test.ts.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { findServerCreates } from '../../server/src/source/oscCli';
import { bestGrowth, describeGrowth } from './growth';
import { describeCommand, shellQuote, sortedSet } from './osc-bash-runs';

const V = 'OS_COMPUTE_API_VERSION';
const C = (n: number | string) => `openstack server create --flavor m1 --image cirros vm${n}`;
const WATCHDOG = { timeout: 300_000 };
const MAX_RATIO = 3;

/** bash's runs ([command, its words (a string: split at spaces), the value the program saw]), each as bdm-lab translates it */
const ran = (runs: Array<[string, string | string[], string | null]>) => sortedSet(runs.map(([cmd, a, mv]) => {
  const words = typeof a === 'string' ? (a ? a.split(' ') : []) : a;
  return describeCommand(findServerCreates(`${mv === null ? '' : `${V}=${shellQuote(mv)} `}openstack server ${cmd} ${words.map(shellQuote).join(' ')}\n`, 'shell')[0]);
}));
const found = (script: string) => sortedSet(findServerCreates(script, 'shell').map(describeCommand));

/** each script with the `openstack server create`/`add volume` runs bash made of it (scripts/osc-hunt24-label.py) */
const BASH: Record<string, [string, Array<[string, string | string[], string | null]>]> = {
  "assign-fn-subshell": ["openstack server create --flavor m1 --image cirros vm1\nOS_COMPUTE_API_VERSION=2.67 f() ( openstack server create --flavor m1 --image cirros vm2 )\nf\nopenstack server create --flavor m1 --image cirros vm3\n", [["create", "--flavor m1 --image cirros vm1", null]]],
  "assign-fn-brace": ["openstack server create --flavor m1 --image cirros vm1\nf() { openstack server create --flavor m1 --image cirros vm2; }\nf\nOS_COMPUTE_API_VERSION=2.67 f() { openstack server create --flavor m1 --image cirros vm3; }\nf\nopenstack server create --flavor m1 --image cirros vm4\n", [["create", "--flavor m1 --image cirros vm1", null], ["create", "--flavor m1 --image cirros vm2", null]]],
  "assign-function-kw": ["openstack server create --flavor m1 --image cirros vm1\nA=1 function f { openstack server create --flavor m1 --image cirros vm2; }\nopenstack server create --flavor m1 --image cirros vm3\n", [["create", "--flavor m1 --image cirros vm1", null]]],
  "assign-procsub-ok": ["OS_COMPUTE_API_VERSION=2.67 cat <(true) >/dev/null\nopenstack server create --flavor m1 --image cirros vm1\n", [["create", "--flavor m1 --image cirros vm1", null]]],
  "assign-array-ok": ["A=1 b=(1 2)\nopenstack server create --flavor m1 --image cirros vm1\n", [["create", "--flavor m1 --image cirros vm1", null]]],
  "stray-brace": ["openstack server create --flavor m1 --image cirros vm1\nopenstack server create --flavor m1 --image cirros vm2; }\nopenstack server create --flavor m1 --image cirros vm3\n", [["create", "--flavor m1 --image cirros vm1", null]]],
  "stray-brace-2": ["openstack server create --flavor m1 --image cirros vm1\n{ openstack server create --flavor m1 --image cirros vm2; } }\nopenstack server create --flavor m1 --image cirros vm3\n", [["create", "--flavor m1 --image cirros vm1", null]]],
  "stray-paren": ["openstack server create --flavor m1 --image cirros vm1\n( openstack server create --flavor m1 --image cirros vm2 ) )\nopenstack server create --flavor m1 --image cirros vm3\n", [["create", "--flavor m1 --image cirros vm1", null]]],
  "stray-fi": ["openstack server create --flavor m1 --image cirros vm1\nopenstack server create --flavor m1 --image cirros vm2; fi\nopenstack server create --flavor m1 --image cirros vm3\n", [["create", "--flavor m1 --image cirros vm1", null]]],
  "case-paren-ok": ["case x in x) openstack server create --flavor m1 --image cirros vm1;; esac\ncase y in (y) openstack server create --flavor m1 --image cirros vm2;; esac\nopenstack server create --flavor m1 --image cirros vm3\n", [["create", "--flavor m1 --image cirros vm1", null], ["create", "--flavor m1 --image cirros vm2", null], ["create", "--flavor m1 --image cirros vm3", null]]],
  "open-paren-same-line": ["openstack server create --flavor m1 --image cirros vm1\nopenstack server create --flavor m1 --image cirros vm2; ( openstack server create --flavor m1 --image cirros vm3\n", [["create", "--flavor m1 --image cirros vm1", null]]],
  "open-paren-line": ["openstack server create --flavor m1 --image cirros vm1\n(\nopenstack server create --flavor m1 --image cirros vm2\n", [["create", "--flavor m1 --image cirros vm1", null]]],
  "open-brace": ["openstack server create --flavor m1 --image cirros vm1\n{ openstack server create --flavor m1 --image cirros vm2\n", [["create", "--flavor m1 --image cirros vm1", null]]],
  "open-if": ["openstack server create --flavor m1 --image cirros vm1\nif true; then openstack server create --flavor m1 --image cirros vm2\n", [["create", "--flavor m1 --image cirros vm1", null]]],
  "open-while": ["openstack server create --flavor m1 --image cirros vm1\nwhile false; do openstack server create --flavor m1 --image cirros vm2\n", [["create", "--flavor m1 --image cirros vm1", null]]],
  "open-fn-body": ["openstack server create --flavor m1 --image cirros vm1\nf() {\nopenstack server create --flavor m1 --image cirros vm2\n", [["create", "--flavor m1 --image cirros vm1", null]]],
  "open-fn-name": ["openstack server create --flavor m1 --image cirros vm1\nf()\n", [["create", "--flavor m1 --image cirros vm1", null]]],
  "dangling-and": ["openstack server create --flavor m1 --image cirros vm1\nopenstack server create --flavor m1 --image cirros vm2 &&\n", [["create", "--flavor m1 --image cirros vm1", null]]],
  "dangling-pipe": ["openstack server create --flavor m1 --image cirros vm1\nopenstack server create --flavor m1 --image cirros vm2 |\n", [["create", "--flavor m1 --image cirros vm1", null]]],
  "open-comsub": ["openstack server create --flavor m1 --image cirros vm1\nx=$(openstack server create --flavor m1 --image cirros vm2\n", [["create", "--flavor m1 --image cirros vm1", null]]],
  "open-squote": ["openstack server create --flavor m1 --image cirros vm1\necho 'openstack server create --flavor m1 --image cirros vm2\n", [["create", "--flavor m1 --image cirros vm1", null]]],
  "open-dquote": ["openstack server create --flavor m1 --image cirros vm1\nopenstack server create --flavor m1 --image cirros vm2; echo \"x\n", [["create", "--flavor m1 --image cirros vm1", null]]],
  "open-ansi": ["openstack server create --flavor m1 --image cirros vm1\necho $'x\nopenstack server create --flavor m1 --image cirros vm2\n", [["create", "--flavor m1 --image cirros vm1", null]]],
  "trailing-backslash": ["openstack server create --flavor m1 --image cirros vm1\nopenstack server create --flavor m1 --image cirros vm2 \\", [["create", "--flavor m1 --image cirros vm1", null], ["create", ["--flavor", "m1", "--image", "cirros", "vm2", "\\"], null]]],
  "continued-and-ok": ["openstack server create --flavor m1 --image cirros vm1 &&\nopenstack server create --flavor m1 --image cirros vm2\n", [["create", "--flavor m1 --image cirros vm1", null], ["create", "--flavor m1 --image cirros vm2", null]]],
  "fn-newline-body-ok": ["f()\n{ openstack server create --flavor m1 --image cirros vm1; }\nf\n", [["create", "--flavor m1 --image cirros vm1", null]]],
  "open-after-calls": ["f() { openstack server create --flavor m1 --image cirros vm1; }\nf\nOS_COMPUTE_API_VERSION=2.67 f; (\n", [["create", "--flavor m1 --image cirros vm1", null]]],
  "open-in-bash-c": ["bash -c 'openstack server create --flavor m1 --image cirros vm1\n( openstack server create --flavor m1 --image cirros vm2'\nopenstack server create --flavor m1 --image cirros vm3\n", [["create", "--flavor m1 --image cirros vm1", null], ["create", "--flavor m1 --image cirros vm3", null]]],
  "open-in-eval": ["eval 'openstack server create --flavor m1 --image cirros vm1\n{ openstack server create --flavor m1 --image cirros vm2'\nopenstack server create --flavor m1 --image cirros vm3\n", [["create", "--flavor m1 --image cirros vm1", null], ["create", "--flavor m1 --image cirros vm3", null]]],
  "open-in-heredoc": ["bash <<'EOF'\nopenstack server create --flavor m1 --image cirros vm1\nif true; then openstack server create --flavor m1 --image cirros vm2\nEOF\nopenstack server create --flavor m1 --image cirros vm3\n", [["create", "--flavor m1 --image cirros vm1", null], ["create", "--flavor m1 --image cirros vm3", null]]],
  "stray-in-eval": ["eval 'openstack server create --flavor m1 --image cirros vm1\nopenstack server create --flavor m1 --image cirros vm2; }'\nopenstack server create --flavor m1 --image cirros vm3\n", [["create", "--flavor m1 --image cirros vm1", null], ["create", "--flavor m1 --image cirros vm3", null]]],
  "sudo-keep-fn": ["f() { openstack server create --flavor m1 --image cirros vm1; }\nexport -f f\nsudo --preserve-env=BASH_FUNC_f%% bash -c f\n", [["create", "--flavor m1 --image cirros vm1", null]]],
  "sudo-keep-other-fn": ["f() { openstack server create --flavor m1 --image cirros vm1; }\nexport -f f\nsudo --preserve-env=BASH_FUNC_g%% bash -c f\n", []],
  "sudo-keep-no-suffix": ["f() { openstack server create --flavor m1 --image cirros vm1; }\nexport -f f\nsudo --preserve-env=BASH_FUNC_f bash -c f\n", []],
  "sudo-keep-env-i": ["f() { openstack server create --flavor m1 --image cirros vm1; }\nexport -f f\nenv -i sudo --preserve-env=BASH_FUNC_f%% bash -c f\n", []],
  "sudo-keep-sh": ["f() { openstack server create --flavor m1 --image cirros vm1; }\nexport -f f\nsudo --preserve-env=BASH_FUNC_f%% sh -c f\n", []],
  "sudo-keep-list": ["f() { openstack server create --flavor m1 --image cirros vm1; }\nexport -f f\nexport OS_COMPUTE_API_VERSION=2.67\nsudo --preserve-env=OS_COMPUTE_API_VERSION,BASH_FUNC_f%% bash -c f\nsudo --preserve-env=BASH_FUNC_f%% bash -c f\n", [["create", "--flavor m1 --image cirros vm1", "2.67"], ["create", "--flavor m1 --image cirros vm1", null]]],
  "sudo-keep-login": ["f() { openstack server create --flavor m1 --image cirros vm1; }\nexport -f f\nsudo -i --preserve-env=BASH_FUNC_f%% bash -c f\n", [["create", "--flavor m1 --image cirros vm1", null]]],
  "sudo-keep-su": ["f() { openstack server create --flavor m1 --image cirros vm1; }\nexport -f f\nsudo --preserve-env=BASH_FUNC_f%% su -c f\n", [["create", "--flavor m1 --image cirros vm1", null]]],
  "sudo-keep-unexported": ["f() { openstack server create --flavor m1 --image cirros vm1; }\nsudo --preserve-env=BASH_FUNC_f%% bash -c f\n", []],
  "rec-if-true": ["f() { if true; then f; fi; }\nopenstack server create --flavor m1 --image cirros vm1\nf\nopenstack server create --flavor m1 --image cirros vm2\n", [["create", "--flavor m1 --image cirros vm1", null]]],
  "rec-true-and": ["f() { true && f; }\nopenstack server create --flavor m1 --image cirros vm1\nf\nopenstack server create --flavor m1 --image cirros vm2\n", [["create", "--flavor m1 --image cirros vm1", null]]],
  "rec-colon-and": ["f() { : && f; }\nopenstack server create --flavor m1 --image cirros vm1\nf\nopenstack server create --flavor m1 --image cirros vm2\n", [["create", "--flavor m1 --image cirros vm1", null]]],
  "rec-false-or": ["f() { false || f; }\nopenstack server create --flavor m1 --image cirros vm1\nf\nopenstack server create --flavor m1 --image cirros vm2\n", [["create", "--flavor m1 --image cirros vm1", null]]],
  "rec-if-false-else": ["f() { if false; then :; else f; fi; }\nopenstack server create --flavor m1 --image cirros vm1\nf\nopenstack server create --flavor m1 --image cirros vm2\n", [["create", "--flavor m1 --image cirros vm1", null]]],
  "rec-false-and": ["f() { openstack server create --flavor m1 --image cirros vm1; false && f; }\nf\nopenstack server create --flavor m1 --image cirros vm2\n", [["create", "--flavor m1 --image cirros vm1", null], ["create", "--flavor m1 --image cirros vm2", null]]],
  "rec-true-or": ["f() { openstack server create --flavor m1 --image cirros vm1; true || f; }\nf\nopenstack server create --flavor m1 --image cirros vm2\n", [["create", "--flavor m1 --image cirros vm1", null], ["create", "--flavor m1 --image cirros vm2", null]]],
  "rec-if-true-subshell": ["f() { if true; then f; fi; }\n( f )\nopenstack server create --flavor m1 --image cirros vm1\n", [["create", "--flavor m1 --image cirros vm1", null]]],
  "if-true-else": ["if true; then openstack server create --flavor m1 --image cirros vm1; else openstack server create --flavor m1 --image cirros vm2; fi\n", [["create", "--flavor m1 --image cirros vm1", null]]],
  "if-false-else": ["if false; then openstack server create --flavor m1 --image cirros vm1; else openstack server create --flavor m1 --image cirros vm2; fi\n", [["create", "--flavor m1 --image cirros vm2", null]]],
  "if-colon-elif": ["if :; then openstack server create --flavor m1 --image cirros vm1; elif true; then openstack server create --flavor m1 --image cirros vm2; else openstack server create --flavor m1 --image cirros vm3; fi\n", [["create", "--flavor m1 --image cirros vm1", null]]],
  "if-false-elif": ["if false; then openstack server create --flavor m1 --image cirros vm1; elif [ -z \"$X\" ]; then openstack server create --flavor m1 --image cirros vm2; fi\n", [["create", "--flavor m1 --image cirros vm2", null]]],
  "and-or-consts": ["false && openstack server create --flavor m1 --image cirros vm1\ntrue || openstack server create --flavor m1 --image cirros vm2\nfalse && openstack server create --flavor m1 --image cirros vm3 || openstack server create --flavor m1 --image cirros vm4\ntrue && openstack server create --flavor m1 --image cirros vm5\nfalse || openstack server add volume srv6 vol --tag t6\n", [["create", "--flavor m1 --image cirros vm4", null], ["create", "--flavor m1 --image cirros vm5", null], ["add volume", "srv6 vol --tag t6", null]]],
  "never-groups": ["false && { openstack server create --flavor m1 --image cirros vm1; }\ntrue || ( openstack server create --flavor m1 --image cirros vm2 )\nfalse && if true; then openstack server create --flavor m1 --image cirros vm3; fi\nopenstack server create --flavor m1 --image cirros vm4\n", [["create", "--flavor m1 --image cirros vm4", null]]],
  "never-defines": ["if false; then f() { openstack server create --flavor m1 --image cirros vm1; }; fi\nf\nopenstack server create --flavor m1 --image cirros vm2\n", [["create", "--flavor m1 --image cirros vm2", null]]],
  "if-true-export": ["if true; then export OS_COMPUTE_API_VERSION=2.67; fi\nopenstack server create --flavor m1 --image cirros vm1\nif false; then export OS_COMPUTE_API_VERSION=2.19; fi\nopenstack server create --flavor m1 --image cirros vm2\n", [["create", "--flavor m1 --image cirros vm1", "2.67"], ["create", "--flavor m1 --image cirros vm2", "2.67"]]],
  "exec-after-true-or": ["true || exec openstack server create --flavor m1 --image cirros vm1\nopenstack server create --flavor m1 --image cirros vm2\n", [["create", "--flavor m1 --image cirros vm2", null]]],
  "exec-in-if-true": ["if true; then exec openstack server create --flavor m1 --image cirros vm1; fi\nopenstack server create --flavor m1 --image cirros vm2\n", [["create", "--flavor m1 --image cirros vm1", null]]],
  "negated-consts": ["if ! true; then openstack server create --flavor m1 --image cirros vm1; else openstack server create --flavor m1 --image cirros vm2; fi\n! false && openstack server create --flavor m1 --image cirros vm3\n! true && openstack server create --flavor m1 --image cirros vm4\n! ! true || openstack server create --flavor m1 --image cirros vm5\nf() { if ! false; then f; fi; }\nf\nopenstack server create --flavor m1 --image cirros vm6\n", [["create", "--flavor m1 --image cirros vm2", null], ["create", "--flavor m1 --image cirros vm3", null]]],
  // (guards: a `case` pattern's `)` in a subshell or a `$( )` is no syntax error)
  "case-in-subshell": ["echo x | ( case y in\n  x|y) openstack server create --flavor m1 --image cirros vm1\n  ;;\nesac ) && openstack server create --flavor m1 --image cirros vm2\nopenstack server create --flavor m1 --image cirros vm3\n", [["create", "--flavor m1 --image cirros vm1", null], ["create", "--flavor m1 --image cirros vm2", null], ["create", "--flavor m1 --image cirros vm3", null]]],
  "case-in-comsub": ["x=$(case x in x) openstack server create --flavor m1 --image cirros vm1;; esac)\ny=\"$(case x in (x) openstack server create --flavor m1 --image cirros vm2;; esac)\"\nopenstack server create --flavor m1 --image cirros vm3\n", [["create", "--flavor m1 --image cirros vm1", null], ["create", "--flavor m1 --image cirros vm2", null], ["create", "--flavor m1 --image cirros vm3", null]]],
};

for (const [id, [script, runs]] of Object.entries(BASH)) {
  test(`as bash runs it: ${id}`, () => {
    assert.deepEqual(found(script), ran(runs), script);
  });
}

const mvs = (s: string) => findServerCreates(s, 'shell').map((x) => `${x.words[x.words.length - 1].value}@${x.translation.microversion}`);

test('a syntax error stops the script where bash stops: the commands found keep their places', () => {
  const s = `${C(1)}\n${C(2)}; ( ${C(3)}\n`;
  const got = findServerCreates(s, 'shell');
  assert.deepEqual(got.map((x) => x.program.start), [0]);
  // a command after the error is not read, also one a function's body would run
  assert.deepEqual(mvs(`f() { ${C(1)}; }\n${C(2)} )\nf\n`), []);
  // a here-document body a shell reads is that shell's script: its error stops only it
  assert.deepEqual(mvs(`bash <<EOF\n${C(1)}\n${C(2)} &&\nEOF\n${C(3)}\n`), ['vm1@2.1', 'vm3@2.1']);
  // Markdown: each block is read alone (a block left open loses only its own last command)
  const md = `# Runbook\n\n\`\`\`bash\n${C(1)}\n{ ${C(2)}\n\`\`\`\n\n\`\`\`sh\n${C(3)}\n\`\`\`\n`;
  assert.deepEqual(findServerCreates(md, 'markdown').map((x) => x.words[x.words.length - 1].value), ['vm1', 'vm3']);
});

test('syntax errors, constant conditions and sudo\'s kept functions are read in linear time', WATCHDOG, () => {
  const shapes: Record<string, [(n: number) => string, (n: number) => number]> = {
    'complete commands, one left open at the end': [(n) => `${Array.from({ length: n }, (_, i) => `if true; then ${C(i)}; else ${C(`x${i}`)}; fi\n`).join('')}( ${C('last')}\n`, (n) => n],
    'nested open groups': [(n) => `${C(0)}\n${'{ ( '.repeat(n)}${C(1)}\n`, () => 1],
    'constant and-or lists': [(n) => `${Array.from({ length: n }, (_, i) => `false && ${C(`a${i}`)} || true && ${C(i)}\n`).join('')}`, (n) => n],
    'functions kept by sudo': [(n) => `${Array.from({ length: n }, (_, i) => `f${i}() { ${C(i)}; }\nexport -f f${i}\nsudo --preserve-env=BASH_FUNC_f${i}%% bash -c f${i}\n`).join('')}`, (n) => n],
  };
  for (const [what, [make, count]] of Object.entries(shapes)) {
    assert.equal(findServerCreates(make(50), 'shell').length, count(50), what);
    const g = bestGrowth(make, (t) => findServerCreates(t, 'shell'), 1000, MAX_RATIO);
    assert.ok(g.ratio < MAX_RATIO, `${describeGrowth(what, 1000, g)} (linear ~2, quadratic ~4)`);
  }
});
