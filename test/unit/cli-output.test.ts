/**
 * The CLI's JSON and SARIF output is a contract: the same bytes for the same input. Its places
 * come from the project's LineIndex (line starts found only as far as the report reads); these
 * tests hold them to a whole-text index on the reports of valid, invalid, capped, libvirt XML and
 * script bodies with LF, CRLF and CR line breaks.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { judge, toSarif } from '../../server/src/cli/check';
import { toJson, writeJsonReport, type Outcome } from '../../server/src/cli/report';
import { toJsonText } from '../../server/src/cli/safeText';
import { LineIndex } from '../../server/src/text/lineIndex';
import { defaultContext } from '../../server/src/model/context';
import { capDiagnostics } from '../../server/src/document';
import { cliRunner } from './cli-run';

const ROOT = resolve(__dirname, '../..');


const UUID = '70a599e0-31e7-49b7-b260-868f441e862b';
/** The benchmark's kind of body: N entries, one image->volume root, the rest volume->volume with a device_name. */
function body(n: number, invalid = false, eol = '\n'): string {
  const entries = Array.from({ length: n }, (_, i) => {
    const e: Record<string, unknown> = i === 0
      ? { source_type: 'image', destination_type: 'volume', uuid: UUID, volume_size: 10, boot_index: 0, delete_on_termination: true }
      : { source_type: 'volume', destination_type: 'volume', uuid: `a26887c6-c47b-4654-abb5-${String(i).padStart(12, '0')}`, boot_index: -1, device_name: `/dev/vd${i}`.slice(0, 12) };
    if (invalid) e.boot_index = 'first';
    return e;
  });
  return JSON.stringify({ server: { name: 'bench', flavorRef: '1', block_device_mapping_v2: entries } }, null, 2).replaceAll('\n', eol) + eol;
}

const SHELL = `#!/bin/sh\nopenstack server create --flavor m1 --image ${UUID} --block-device source_type=blank,destination_type=volume,volume_size=1 a\nopenstack server create --flavor m1 --block-device source_type=image,destination_type=local,uuid=${UUID} b\n`;
const FILES: Record<string, string> = {
  'valid-2000.json': body(2000),
  'invalid-1500.json': body(1500, true),
  'crlf-300.json': body(300, true, '\r\n'),
  'cr-50.json': body(50, false, '\r'),
  'syntax.json': '{"server": {"block_device_mapping_v2": [ {"boot_index": 0,, } ]}',
  'run.sh': SHELL,
  'run.md': `# Boot\n\n\`\`\`sh\n${SHELL}\`\`\`\n`,
  'unicode.json': JSON.stringify({ server: { name: 'é\u2028\u202e😀', flavorRef: '1', block_device_mapping_v2: [{ source_type: 'blank\u0085', destination_type: 'volume', boot_index: 0, 'x\u0000': 1 }] } }, null, 2),
  'domain.xml': readFileSync(resolve(ROOT, 'samples/workspace/libvirt/instance-iscsi-rbd.xml'), 'utf8'),
  'broken.xml': readFileSync(resolve(ROOT, 'samples/workspace/libvirt/broken-iscsi-disk.xml'), 'utf8'),
};

function outcomes(maxProblems: number): Outcome[] {
  return Object.entries(FILES).map(([file, text]) => {
    // as runCheck puts them together (without the libvirt schema step)
    const analysis = judge(file, text, defaultContext());
    const total = analysis.diagnostics.length;
    const bad = analysis.diagnostics.find((d) => d.code === 'BDM-JSON-SYNTAX' || d.code === 'LIBVIRT-XML-WELLFORMED');
    const diagnostics = capDiagnostics(analysis.diagnostics, maxProblems, `--max-problems ${total} lists them all`);
    return { file, text, analysis: { ...analysis, diagnostics }, total, error: bad ? { code: bad.code, message: `cannot parse: ${bad.explanation || bad.message}` } : undefined };
  });
}

test('the places in the reports are LineIndex\'s: every diagnostic and request, LF, CRLF and CR files', () => {
  for (const r of outcomes(100_000)) {
    if (!('analysis' in r)) continue;
    const idx = new LineIndex(r.text);
    assert.ok(idx.lineCount >= 1); // the reference finds every line start at once; the report only as far as it reads
    const json = toJson([r]).files[0] as { diagnostics: Array<{ range: unknown }>; requests?: Array<{ range: unknown }> };
    r.analysis.diagnostics.forEach((d, i) => {
      assert.deepEqual(json.diagnostics[i].range, { start: idx.position(d.span.offset), end: idx.position(d.span.offset + d.span.length) }, `${r.file} #${i}`);
    });
    r.analysis.requests?.forEach((q, i) => assert.deepEqual(json.requests![i].range, { start: idx.position(q.span.offset), end: idx.position(q.span.offset + q.span.length) }));
  }
});

test('writeJsonReport: diagnostics of every member kind (absent, null, odd numbers, escapes, a summary, a long message) are the bytes of toJsonText(toJson(...))', () => {
  const text = '{\n  "a": 1\n}\n';
  const base = { code: 'BDM-X', severity: 'error', message: 'm', novaMessage: 'n', entry: 0, path: 'a', novaStatus: 400, span: { offset: 4, length: 3 } };
  const odd: Array<Record<string, unknown>> = [
    base,
    { ...base, entry: null, novaStatus: null },
    { ...base, entry: undefined, path: undefined, severity: undefined },
    { ...base, message: 'line\nbreak "quoted" \u2028\u202e \\ tab\t\u0000 é😀', novaMessage: '\u0085' },
    { ...base, summary: 'a.b: is not valid' },
    { ...base, summary: '' },
    { ...base, novaStatus: 1.5, entry: -0 },
    { ...base, novaStatus: Number.NaN },
    { ...base, entry: { odd: [1, 'two'] } },
    { ...base, message: 'x'.repeat(70_000), novaMessage: 'y'.repeat(70_000) },
    { ...base, span: { offset: 100, length: 5 } },
    base,
  ];
  const analysis = { valid: false, diagnostics: odd, entries: [] } as unknown as Extract<Outcome, { analysis: unknown }>['analysis'];
  const results: Outcome[] = [{ file: 'odd.json', text, analysis, total: odd.length }];
  const pieces: string[] = [];
  writeJsonReport(results, (s) => pieces.push(s));
  const whole = pieces.join('');
  assert.equal(whole, toJsonText(toJson(results)));
  assert.match(whole, /"summary": "a\.b: is not valid"/);
  assert.doesNotMatch(whole, /"summary": ""/);
});

test('bdm-lab check --format json|sarif: the whole output, as the CLI writes it, equals toJsonText of its report', async () => {
  const run = cliRunner(FILES);
  const names = Object.keys(FILES);
  for (const format of ['json', 'sarif']) {
    const r = await run(['check', '--format', format, '--no-libvirt-schema', ...names]);
    assert.equal(r.code, 2, r.err);
    const results = outcomes(1000);
    const report = format === 'json' ? toJson(results) : toSarif(results, ROOT);
    assert.equal(r.out, toJsonText(report));
  }
});

test('writeJsonReport writes, in pieces, the bytes of toJsonText(toJson(...)): unread files, no files, a report of many pieces', () => {
  const unread: Outcome = { file: 'gone\u2028.json', error: { code: 'ENOENT', message: 'cannot read: no such file' } };
  for (const results of [[], [unread], [...outcomes(100_000), unread], outcomes(1000)]) {
    const pieces: string[] = [];
    writeJsonReport(results, (s) => pieces.push(s));
    assert.equal(pieces.join(''), toJsonText(toJson(results)));
    // a large report is written in several pieces, each whole characters (no surrogate pair cut in two)
    if (results.length > 2) assert.ok(pieces.length > 1, `${pieces.length} pieces`);
    for (const p of pieces) assert.ok(!/[\ud800-\udbff]$/.test(p), 'a piece ends inside a surrogate pair');
  }
});
