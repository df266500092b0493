/**
 * A syntax error in a script or a runbook's block gets a diagnostic (BDM-OSC-SHELL-SYNTAX, a
 * warning) on the token bash names (`}`, `)`, `fi`, `(`…), on the quote or `$(` left open, or, when
 * the text ends with a construct left open (`if`, `(`, `{`, `f()`, `a &&`, `a |`), on that
 * construct: bash's own words, that bash stops there (nothing from the complete command holding
 * it on runs) and how many `openstack server create`/`server add volume` commands written there
 * are skipped. The commands before it are judged as before; a syntax error inside `bash -c '…'`,
 * `eval '…'` or a here-document body stops only that string (the outer script goes on: its
 * warning is the nested script's own, osc-syntax-nested.test.ts), and a here-document left open
 * at the end is only bash's warning (no stop, no diagnostic).
 *
 * Every `bash` (the messages and the line bash gives, without its `file: line N:` prefix), `runs`
 * (the servers the stand-in openstack was asked to create) and `rc` below is bash 5.2.15's:
 * scripts/osc-syntax-diagnostic-label.py ran `bash -n` and `bash` on each script. `token` (the
 * text under the diagnostic) and `skipped` (the commands written from the stopping command on,
 * counted by hand) are the expectations of bdm-lab's own wording. No LSP-level case: the LSP tests
 * need `npm run build`.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { analyzeDocument, type DocumentAnalysis } from '../../server/src/document';
import { defaultContext } from '../../server/src/model/context';
import { findServerCreates } from '../../server/src/source/oscCli';
import { bestGrowth, describeGrowth } from './growth';

const CODE = 'BDM-OSC-SHELL-SYNTAX';
const WATCHDOG = { timeout: 300_000 };
const C = (n: number | string) => `openstack server create --flavor m1 --image cirros vm${n}`;

interface Case { script: string; bash: Array<[number, string]>; runs: string[]; rc: number; token?: string; skipped?: number }
const CASES: Record<string, Case> = {
  "stray-brace": { script: "openstack server create --flavor m1 --image cirros vm1\necho a; }\nopenstack server create --flavor m1 --image cirros vm2\nopenstack server create --flavor m1 --image cirros vm3\n", bash: [[2, "syntax error near unexpected token `}'"]], runs: ["vm1"], rc: 2, token: "}", skipped: 2 },
  "stray-paren": { script: "openstack server create --flavor m1 --image cirros vm1\n( openstack server create --flavor m1 --image cirros vm2 ) )\nopenstack server create --flavor m1 --image cirros vm3\n", bash: [[2, "syntax error near unexpected token `)'"]], runs: ["vm1"], rc: 2, token: ")", skipped: 2 },
  "stray-fi": { script: "openstack server create --flavor m1 --image cirros vm1\nif true; then\n  openstack server create --flavor m1 --image cirros vm2\nfi\nopenstack server create --flavor m1 --image cirros vm3; fi\nopenstack server create --flavor m1 --image cirros vm4\n", bash: [[5, "syntax error near unexpected token `fi'"]], runs: ["vm1", "vm2"], rc: 2, token: "fi", skipped: 2 },
  "stray-done": { script: "openstack server create --flavor m1 --image cirros vm1\necho a; done\n", bash: [[2, "syntax error near unexpected token `done'"]], runs: ["vm1"], rc: 2, token: "done", skipped: 0 },
  "stray-esac-in-fn": { script: "openstack server create --flavor m1 --image cirros vm1\nf() {\n  openstack server create --flavor m1 --image cirros vm2\n  esac\n}\nf\nopenstack server create --flavor m1 --image cirros vm3\n", bash: [[4, "syntax error near unexpected token `esac'"]], runs: ["vm1"], rc: 2, token: "esac", skipped: 2 },
  "assign-fn": { script: "openstack server create --flavor m1 --image cirros vm1\nV=1 f() ( openstack server create --flavor m1 --image cirros vm2 )\nf\n", bash: [[2, "syntax error near unexpected token `('"]], runs: ["vm1"], rc: 2, token: "(", skipped: 1 },
  "open-if": { script: "openstack server create --flavor m1 --image cirros vm1\nif true; then\n  openstack server create --flavor m1 --image cirros vm2\n", bash: [[4, "syntax error: unexpected end of file"]], runs: ["vm1"], rc: 2, token: "if", skipped: 1 },
  "open-while-in-brace": { script: "openstack server create --flavor m1 --image cirros vm1\n{ openstack server create --flavor m1 --image cirros vm2\n  while true; do openstack server create --flavor m1 --image cirros vm3\n}\n", bash: [[4, "syntax error near unexpected token `}'"]], runs: ["vm1"], rc: 2, token: "}", skipped: 2 },
  "open-subshell": { script: "openstack server create --flavor m1 --image cirros vm1\n( openstack server create --flavor m1 --image cirros vm2\n", bash: [[3, "syntax error: unexpected end of file"]], runs: ["vm1"], rc: 2, token: "(", skipped: 1 },
  "dangling-and": { script: "openstack server create --flavor m1 --image cirros vm1\nopenstack server create --flavor m1 --image cirros vm2 &&\n", bash: [[3, "syntax error: unexpected end of file"]], runs: ["vm1"], rc: 2, token: "&&", skipped: 1 },
  "dangling-pipe": { script: "openstack server create --flavor m1 --image cirros vm1\necho a |\n", bash: [[3, "syntax error: unexpected end of file"]], runs: ["vm1"], rc: 2, token: "|", skipped: 0 },
  "open-squote": { script: "openstack server create --flavor m1 --image cirros vm1\necho 'it''s\nopenstack server create --flavor m1 --image cirros vm2\n", bash: [[2, "unexpected EOF while looking for matching `''"]], runs: ["vm1"], rc: 2, token: "'", skipped: 0 },
  "open-dquote": { script: "openstack server create --flavor m1 --image cirros vm1\necho \"abc\nopenstack server create --flavor m1 --image cirros vm2\n", bash: [[2, "unexpected EOF while looking for matching `\"'"]], runs: ["vm1"], rc: 2, token: "\"", skipped: 0 },
  "open-ansi": { script: "openstack server create --flavor m1 --image cirros vm1\necho $'abc\nopenstack server create --flavor m1 --image cirros vm2\n", bash: [[2, "unexpected EOF while looking for matching `''"]], runs: ["vm1"], rc: 2, token: "'", skipped: 0 },
  "open-comsub": { script: "openstack server create --flavor m1 --image cirros vm1\nID=$(openstack server create --flavor m1 --image cirros vm2\nopenstack server create --flavor m1 --image cirros vm3\n", bash: [[4, "unexpected EOF while looking for matching `)'"]], runs: ["vm1"], rc: 2, token: "$(", skipped: 2 },
  "open-array": { script: "openstack server create --flavor m1 --image cirros vm1\na=(1 2\nopenstack server create --flavor m1 --image cirros vm2\n", bash: [[2, "unexpected EOF while looking for matching `)'"]], runs: ["vm1"], rc: 1, token: "(", skipped: 1 },
  "fn-no-body": { script: "openstack server create --flavor m1 --image cirros vm1\nf()\n", bash: [[3, "syntax error: unexpected end of file"]], runs: ["vm1"], rc: 2, token: "f", skipped: 0 },
  "comsub-stray-paren": { script: "openstack server create --flavor m1 --image cirros vm1\necho $(echo a) )\nopenstack server create --flavor m1 --image cirros vm2\n", bash: [[2, "syntax error near unexpected token `)'"]], runs: ["vm1"], rc: 2, token: ")", skipped: 1 },
  "first-line": { script: "}\nopenstack server create --flavor m1 --image cirros vm1\n", bash: [[1, "syntax error near unexpected token `}'"]], runs: [], rc: 2, token: "}", skipped: 1 },
  "ok-heredoc-eof": { script: "openstack server create --flavor m1 --image cirros vm1\ncat <<EOF\nopenstack server create --flavor m1 --image cirros vm2\n", bash: [[3, "warning: here-document at line 2 delimited by end-of-file (wanted `EOF')"]], runs: ["vm1"], rc: 0 },
  "ok-bash-c": { script: "openstack server create --flavor m1 --image cirros vm1\nbash -c \"echo; }\"\nopenstack server create --flavor m1 --image cirros vm2\n", bash: [], runs: ["vm1", "vm2"], rc: 0 },
  "ok-eval": { script: "openstack server create --flavor m1 --image cirros vm1\neval \"echo; }\"\nopenstack server create --flavor m1 --image cirros vm2\n", bash: [], runs: ["vm1", "vm2"], rc: 0 },
  "ok-case": { script: "case x in\n  x) openstack server create --flavor m1 --image cirros vm1 ;;\nesac\n( case y in y) openstack server create --flavor m1 --image cirros vm2 ;; esac )\n", bash: [], runs: ["vm1", "vm2"], rc: 0 },
  "ok-comsub-brace": { script: "echo $(echo })\nopenstack server create --flavor m1 --image cirros vm1\n", bash: [], runs: ["vm1"], rc: 0 },
};

const lineOf = (text: string, offset: number) => text.slice(0, offset).split('\n').length;
const names = (a: DocumentAnalysis) => (a.requests ?? []).map((q) => (q.body as { server?: { name?: string } } | null)?.server?.name);
const skippedText = (n: number) => (n === 0 ? '' : `, so ${n} \`openstack server create\`/\`server add volume\` command${n === 1 ? '' : 's'} written there never run${n === 1 ? 's' : ''}`);

test('BDM-OSC-SHELL-SYNTAX: on the token bash names (or the construct left open), in bash\'s words, with the commands it skips', () => {
  for (const [id, c] of Object.entries(CASES)) {
    if (c.token === undefined) continue;
    const a = analyzeDocument(c.script, 'shell', defaultContext());
    // the commands bash runs are the requests, as before; the diagnostic is no request
    assert.deepEqual(names(a), c.runs, `${id}: requests`);
    const ds = a.diagnostics.filter((d) => d.code === CODE);
    assert.equal(ds.length, 1, `${id}: one diagnostic`);
    const d = ds[0];
    assert.equal(d.severity, 'warning', id);
    assert.equal(c.script.slice(d.span.offset, d.span.offset + d.span.length), c.token, `${id}: placed on ${c.token}`);
    assert.equal(c.bash.length, 1, `${id}: bash reports one error`);
    const [line, words] = c.bash[0];
    assert.notEqual(c.rc, 0, `${id}: bash fails`);
    // bash's line is the diagnostic's (a token, a quote, an array's `(`), or, at the end of the
    // text, the line after the last one (then the diagnostic is on the construct left open)
    const at = lineOf(c.script, d.span.offset);
    if (words.startsWith('syntax error near') || words.includes('matching `\'') || words.includes('matching `"')) assert.equal(at, line, `${id}: bash's line`);
    else assert.ok(line === at || line === c.script.split('\n').length, `${id}: bash's line ${line}, the diagnostic's ${at}`);
    assert.ok(d.message.startsWith(`bash: ${words}. bash stops reading the script here: nothing of it from line `), `${id}: ${d.message}`);
    assert.ok(d.message.includes(`(the command holding the error and all after it)${skippedText(c.skipped!)}.`), `${id}: skipped ${c.skipped}: ${d.message}`);
    // the commands bdm-lab finds equal bash's runs (no request for the stop)
    assert.deepEqual(findServerCreates(c.script, 'shell').map((x) => x.words[x.words.length - 1].value), c.runs, `${id}: found`);
  }
});

test(`${CODE}: the line it names is where the complete command holding the error starts`, () => {
  const cases: Array<[string, number]> = [['stray-brace', 2], ['stray-fi', 5], ['stray-esac-in-fn', 2], ['open-while-in-brace', 2], ['open-if', 2], ['dangling-and', 2], ['first-line', 1], ['open-comsub', 2]];
  for (const [id, from] of cases) {
    const c = CASES[id];
    const d = analyzeDocument(c.script, 'shell', defaultContext()).diagnostics.find((x) => x.code === CODE)!;
    assert.ok(d.message.includes(`nothing of it from line ${from} on runs`), `${id}: ${d.message}`);
    // bash ran every command written before that line, none from it on
    const before = c.script.split('\n').slice(0, from - 1).join('\n');
    assert.deepEqual(c.runs, [...before.matchAll(/vm\d+/g)].map((m) => m[0]).filter((v) => c.runs.includes(v)), id);
  }
});

test('BDM-OSC-SHELL-SYNTAX negative: a script bash reads to the end gets no stop of its own (an error inside bash -c or eval stops only that string, which says so; a here-document left open is a warning only)', () => {
  for (const [id, c] of Object.entries(CASES)) {
    if (c.token !== undefined) continue;
    assert.equal(c.rc, 0, `${id}: bash reads it all`);
    assert.ok(c.bash.every(([, w]) => w.startsWith('warning:')), `${id}: no syntax error`);
    const a = analyzeDocument(c.script, 'shell', defaultContext());
    const own = a.diagnostics.filter((d) => d.code === CODE && !/the outer script goes on/.test(d.message));
    assert.deepEqual(own, [], id);
    assert.deepEqual(names(a), c.runs, `${id}: requests`);
  }
});

// bash 5.2.15 on each block alone (scripts/osc-syntax-diagnostic-label.py): the first stops at `fi`
// on its line 1 (near unexpected token `fi'), runs nothing, rc 2; the second runs vm3
const BLOCK1 = 'echo a; fi\n' + C(2) + '\n';
const BLOCK2 = C(3) + '\n';

test(`${CODE}: a Markdown runbook's block stops alone, the next block runs`, () => {
  const md = `# Runbook\n\nFirst:\n\n\`\`\`bash\n${BLOCK1}\`\`\`\n\nThen:\n\n\`\`\`sh\n${BLOCK2}\`\`\`\n`;
  const a = analyzeDocument(md, 'markdown', defaultContext());
  assert.deepEqual(names(a), ['vm3']);
  const ds = a.diagnostics.filter((d) => d.code === CODE);
  assert.equal(ds.length, 1);
  assert.equal(md.slice(ds[0].span.offset, ds[0].span.offset + ds[0].span.length), 'fi');
  assert.equal(lineOf(md, ds[0].span.offset), 6);
  assert.equal(ds[0].severity, 'warning');
  assert.ok(ds[0].message.startsWith("bash: syntax error near unexpected token `fi'. bash stops reading this block here: nothing of it from line 6 on runs (the command holding the error and all after it), so 1 `openstack server create`/`server add volume` command written there never runs."), ds[0].message);
  // a console transcript: each prompt's line is read alone (bdm-lab's reading of a transcript)
  const con = `\`\`\`console\n$ echo a; }\n$ ${C(4)}\n\`\`\`\n`;
  const b = analyzeDocument(con, 'markdown', defaultContext());
  assert.deepEqual(names(b), ['vm4']);
  const e = b.diagnostics.filter((d) => d.code === CODE);
  assert.equal(e.length, 1);
  assert.ok(e[0].message.startsWith("bash: syntax error near unexpected token `}'. bash stops reading this command line here"), e[0].message);
});

test(`${CODE}: a stop is no request: the CLI's request list and the verdict are the commands bash runs`, () => {
  const a = analyzeDocument(CASES['stray-brace'].script, 'shell', defaultContext());
  assert.equal(a.requests?.length, 1);
  assert.equal(a.valid, true);
  assert.equal(a.verdict, null);
  const none = analyzeDocument(CASES['first-line'].script, 'shell', defaultContext());
  assert.deepEqual(none.requests, []);
  assert.equal(none.kind, null);
  assert.equal(none.diagnostics.filter((d) => d.code === CODE).length, 1);
});

test(`${CODE}: a script with an error at its end is read in linear time`, WATCHDOG, () => {
  const make = (n: number) => `${Array.from({ length: n }, (_, i) => `${C(i)}\n`).join('')}if true; then\n${Array.from({ length: n }, (_, i) => `  ${C(`x${i}`)}\n`).join('')}`;
  const work = (t: string) => analyzeDocument(t, 'shell', defaultContext());
  assert.equal(work(make(20)).diagnostics.filter((d) => d.code === CODE).length, 1);
  const g = bestGrowth(make, work, 200, 3);
  assert.ok(g.ratio < 3, `${describeGrowth('an if left open after n commands, n inside it', 200, g)} (linear ~2, quadratic ~4)`);
});
