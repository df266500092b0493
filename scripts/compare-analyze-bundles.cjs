// Compares analyzeJson's outputs of two domain bundles (built by /work/mebench/build.mjs-style
// builds): OLD=dir NEW=dir node scripts/compare-analyze-bundles.cjs file.json...
// Every diagnostic's code, severity, messages, span, related, path and entry, the entries,
// the verdict and Nova's BDMs must be identical; prints the first difference per file.
const fs = require('node:fs');
const oldB = require(process.env.OLD + '/domain.cjs');
const newB = require(process.env.NEW + '/domain.cjs');
const norm = (a) => JSON.stringify({
  kind: a.kind, valid: a.valid, verdict: a.verdict, imageRef: a.imageRef, novaBdms: a.novaBdms,
  entries: a.entries.map((e) => ({ index: e.index, syntax: e.syntax, span: { offset: e.span.offset, length: e.span.length }, driverClass: e.driverClass, bdm: e.bdm })),
  diagnostics: a.diagnostics.map((d) => ({ code: d.code, severity: d.severity, message: d.message, novaMessage: d.novaMessage, summary: d.summary, explanation: d.explanation, span: { offset: d.span.offset, length: d.span.length }, entry: d.entry, path: d.path, novaStatus: d.novaStatus, upstream: d.upstream, related: d.related.map((r) => ({ message: r.message, offset: r.span.offset, length: r.span.length })) })),
  json: JSON.parse(JSON.stringify(a.diagnostics)),
});
let bad = 0, n = 0;
for (const f of process.argv.slice(2)) {
  const text = fs.readFileSync(f, 'utf8');
  for (const opts of [{ maxEntries: 1e9 }, { maxEntries: 1e9, forced: true, allowComments: true }]) {
    n++;
    let x, y;
    try { x = norm(oldB.analyzeJson(text, oldB.defaultContext(), opts)); } catch (e) { x = 'throw ' + e.message; }
    try { y = norm(newB.analyzeJson(text, newB.defaultContext(), opts)); } catch (e) { y = 'throw ' + e.message; }
    if (x !== y) {
      bad++;
      let i = 0; while (x[i] === y[i]) i++;
      console.log('DIFF', f, JSON.stringify(opts), '\n old:', x.slice(Math.max(0, i - 150), i + 150), '\n new:', y.slice(Math.max(0, i - 150), i + 150));
    }
  }
}
console.log(`${n - bad}/${n} identical`);
process.exitCode = bad ? 1 : 0;
