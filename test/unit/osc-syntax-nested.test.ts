/**
 * A syntax error inside a nested script — a `bash -c '…'` string, an `eval '…'` string, a
 * here-document body bash reads as its script (`bash <<EOF`, `cat <<EOF | bash`) — stops only that
 * nested script: bash reports it, skips the rest of it and goes on with the outer script. It gets a
 * BDM-OSC-SHELL-SYNTAX warning inside the string/body, on the token bash names (or the construct
 * left open), in bash's words for that case, saying how many `openstack server create`/`server add
 * volume` commands of the nested script never run and that the outer script goes on.
 *
 * Every `bash` (stderr, the quoted-line echo dropped) and `runs` (the servers a stand-in
 * `openstack` that logs its last argument was asked to create) below is bash 5.2.15's: each
 * script run with `bash FILE`, stdin /dev/null, stderr captured, env PATH/LANG=C/HOME only (the
 * same harness as scripts/osc-syntax-diagnostic-label.py, which runs `bash FILE` the same way).
 * For eval bash prefixes the script's name and a line number of its own count; bdm-lab gives
 * `eval: line N: ` (bash's count) and the words. `token` and `skipped` (counted by hand) are bdm-lab's expectations.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { analyzeDocument, type DocumentAnalysis } from '../../server/src/document';
import { defaultContext } from '../../server/src/model/context';
import { findServerCreates } from '../../server/src/source/oscCli';

const CODE = 'BDM-OSC-SHELL-SYNTAX';
const C = (n: number) => `openstack server create --flavor m1 --image cirros vm${n}`;
const names = (a: DocumentAnalysis) => (a.requests ?? []).map((q) => (q.body as { server?: { name?: string } } | null)?.server?.name);
const skippedText = (n: number) => (n === 0 ? '' : `, so ${n} \`openstack server create\`/\`server add volume\` command${n === 1 ? '' : 's'} written there never run${n === 1 ? 's' : ''}`);

interface Case { script: string; bash: string[]; runs: string[]; token?: string; skipped?: number; prefix?: string }
const CASES: Record<string, Case> = {
  'bash-c-brace': { script: `${C(1)}\nbash -c '${C(2)}\necho a; }\n${C(3)}'\n${C(4)}\n`, bash: ["bash: -c: line 2: syntax error near unexpected token `}'"], runs: ['vm1', 'vm2', 'vm4'], token: '}', skipped: 1, prefix: 'bash: -c: line 2: ' },
  'bash-c-quote': { script: `bash -c '${C(1)}; echo "x'\n${C(2)}\n`, bash: ["bash: -c: line 1: unexpected EOF while looking for matching `\"'"], runs: ['vm2'], token: '"', skipped: 1, prefix: 'bash: -c: line 1: ' },
  'bash-c-eof': { script: `bash -c 'if true; then\n  ${C(1)}\n'\n${C(2)}\n`, bash: ['bash: -c: line 3: syntax error: unexpected end of file'], runs: ['vm2'], token: 'if', skipped: 1, prefix: 'bash: -c: line 3: ' },
  'eval-paren': { script: `eval '${C(1)}\necho a )\n${C(2)}\n${C(3)}'\n${C(4)}\n`, bash: ["FILE: eval: line 5: syntax error near unexpected token `)'"], runs: ['vm1', 'vm4'], token: ')', skipped: 2, prefix: 'eval: line 5: ' },
  'eval-words': { script: `eval ${C(1)} '; fi;' ${C(2)}\n${C(3)}\n`, bash: ["FILE: eval: line 1: syntax error near unexpected token `fi'"], runs: ['vm3'], token: 'fi', skipped: 2, prefix: 'eval: line 1: ' },
  'heredoc-fi': { script: `bash <<'EOF'\n${C(1)}\nfi\n${C(2)}\nEOF\n${C(3)}\n`, bash: ["bash: line 2: syntax error near unexpected token `fi'"], runs: ['vm1', 'vm3'], token: 'fi', skipped: 1, prefix: 'bash: line 2: ' },
  'heredoc-open-if': { script: `bash <<EOF\n${C(1)}\nif true; then\n\t${C(2)}\nEOF\n${C(3)}\n`, bash: ['bash: line 4: syntax error: unexpected end of file'], runs: ['vm1', 'vm3'], token: 'if', skipped: 1, prefix: 'bash: line 4: ' },
  'heredoc-cat-pipe': { script: `cat <<'EOF' | bash\n${C(1)}\necho )\n${C(2)}\nEOF\n${C(3)}\n`, bash: ["bash: line 2: syntax error near unexpected token `)'"], runs: ['vm1', 'vm3'], token: ')', skipped: 1, prefix: 'bash: line 2: ' },
  // bash never reads a string it never runs: no error, no diagnostic
  'never-runs': { script: `false && bash -c 'echo; }'\n${C(1)}\n`, bash: [], runs: ['vm1'] },
  // a function called twice reads its string twice (bash reports it twice): one diagnostic
  'fn-twice': { script: `f() { bash -c 'echo; }'; }\nf\nf\n${C(1)}\n`, bash: ["bash: -c: line 1: syntax error near unexpected token `}'", "bash: -c: line 1: syntax error near unexpected token `}'"], runs: ['vm1'], token: '}', skipped: 0, prefix: 'bash: -c: line 1: ' },
};

/** bash's words without its prefix (`bash: -c: line N: `, `FILE: eval: line N: `, `bash: line N: `) */
const words = (s: string) => s.replace(/^[^:]*: (?:-c: |eval: )?line \d+: /, '');

test(`${CODE} nested: inside the string/body, in bash's words, the nested script stops and the outer goes on`, () => {
  for (const [id, c] of Object.entries(CASES)) {
    const a = analyzeDocument(c.script, 'shell', defaultContext());
    // the requests are bash's runs: the outer script goes on after the nested one stops
    assert.deepEqual(names(a), c.runs, `${id}: requests`);
    assert.deepEqual(findServerCreates(c.script, 'shell').map((x) => x.words[x.words.length - 1].value), c.runs, `${id}: found`);
    const ds = a.diagnostics.filter((d) => d.code === CODE);
    if (c.token === undefined) { assert.deepEqual(ds, [], id); continue; }
    assert.equal(ds.length, 1, `${id}: one diagnostic`);
    const d = ds[0];
    assert.equal(d.severity, 'warning', id);
    assert.equal(c.script.slice(d.span.offset, d.span.offset + d.span.length), c.token, `${id}: placed on ${c.token}`);
    assert.ok(d.message.startsWith(`${c.prefix}${words(c.bash[0])}. `), `${id}: ${d.message}`);
    assert.ok(c.bash[0].replace(/^FILE: (?=eval: )/, '').startsWith(c.prefix!), `${id}: bash's prefix`);
    assert.ok(d.message.includes(`nothing of it from the command holding the error on runs${skippedText(c.skipped!)}; the outer script goes on`), `${id}: skipped ${c.skipped}: ${d.message}`);
  }
});

test(`${CODE} nested: the diagnostic sits inside the nested string/body, after the outer text's commands before it`, () => {
  for (const [id, c] of Object.entries(CASES)) {
    if (c.token === undefined) continue;
    const d = analyzeDocument(c.script, 'shell', defaultContext()).diagnostics.find((x) => x.code === CODE)!;
    // within the command that holds the nested script (its line and the lines of its string/body)
    const open = c.script.search(/bash -c '|eval |bash <<|cat <</);
    assert.ok(d.span.offset > open, `${id}: inside the nested script`);
    assert.ok(d.span.offset < c.script.lastIndexOf('\n', c.script.length - 2), `${id}: before the outer script's last line`);
  }
});
