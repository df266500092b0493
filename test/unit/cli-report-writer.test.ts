/**
 * The JSON report is a contract: `bdm-lab check --format json` writes the bytes of
 * JSON.stringify(report, null, 2) (with toJsonText's escapes of DEL, C1, bidi controls and the
 * line separators) of the report object toJson makes. writeJsonReport writes each diagnostic and
 * entry as one concatenation of constant text and values (cli/report.ts); these tests hold its
 * output, and the CLI's JSON and SARIF output, to JSON.stringify of the report objects, byte for
 * byte, on valid, invalid and mixed bodies (capped and not), and on entries and diagnostics of
 * the odd kinds the general writer is kept for.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { judge, toSarif } from '../../server/src/cli/check';
import { toJson, writeJsonReport, type Outcome } from '../../server/src/cli/report';
import { toJsonText } from '../../server/src/cli/safeText';
import { defaultContext } from '../../server/src/model/context';
import { capDiagnostics } from '../../server/src/document';
import { cliRunner, ROOT } from './cli-run';

const UUID = '70a599e0-31e7-49b7-b260-868f441e862b';
/** The bench's kind of body (bench/run.ts payload), and a mixed one: some entries refused for their boot_index, some for their volume_size, some device names with a bidi override and a C1 control. */
function body(n: number, kind: 'valid' | 'invalid' | 'mixed'): string {
  const entries = Array.from({ length: n }, (_, i) => {
    const e: Record<string, unknown> = i === 0
      ? { source_type: 'image', destination_type: 'volume', uuid: UUID, volume_size: 10, boot_index: 0, delete_on_termination: true }
      : { source_type: 'volume', destination_type: 'volume', uuid: `a26887c6-c47b-4654-abb5-${String(i).padStart(12, '0')}`, boot_index: -1, device_name: `/dev/vd${i}`.slice(0, 12) };
    if (kind === 'invalid' || (kind === 'mixed' && i % 7 === 3)) e.boot_index = 'first';
    if (kind === 'mixed' && i % 11 === 5) e.volume_size = -1;
    if (kind === 'mixed' && i % 13 === 6) e.device_name = 'x\u202e\u0085y';
    if (kind === 'mixed' && i % 17 === 8) e.source_type = 'blank';
    return e;
  });
  return JSON.stringify({ server: { name: 'report', flavorRef: '1', block_device_mapping_v2: entries } }, null, 2) + '\n';
}

const FILES: Record<string, string> = {
  'valid-1500.json': body(1500, 'valid'),
  'invalid-1200.json': body(1200, 'invalid'),
  'mixed-2500.json': body(2500, 'mixed'),
  'mixed-40.json': body(40, 'mixed'),
  'valid-2.json': body(2, 'valid'),
};

function outcomes(maxProblems: number): Outcome[] {
  return Object.entries(FILES).map(([file, text]) => {
    // as runCheck puts them together
    const analysis = judge(file, text, defaultContext());
    const total = analysis.diagnostics.length;
    return { file, text, analysis: { ...analysis, diagnostics: capDiagnostics(analysis.diagnostics, maxProblems, `--max-problems ${total} lists them all`) }, total };
  });
}

/** What JSON.stringify writes of the report object (the contract), next to what writeJsonReport writes. */
function both(results: Outcome[]): { written: string; contract: string } {
  const pieces: string[] = [];
  writeJsonReport(results, (s) => pieces.push(s));
  return { written: pieces.join(''), contract: toJsonText(toJson(results)) };
}

test('writeJsonReport: the bytes JSON.stringify writes of the report object, on valid, invalid and mixed bodies, capped and not', () => {
  for (const max of [1000, 100_000]) {
    const results = outcomes(max);
    const { written, contract } = both(results);
    assert.equal(written, contract, `--max-problems ${max}`);
    // and read back, the report object itself
    assert.deepEqual(JSON.parse(written), JSON.parse(JSON.stringify(toJson(results))));
  }
  // the mixed body's escapes: the bidi override and the C1 control written as \u escapes, never raw
  const { written } = both(outcomes(100_000));
  assert.match(written, /\\u202e\\u0085/);
  assert.doesNotMatch(written, /[\u0085\u202e]/);
});

test('writeJsonReport: entries and diagnostics of every kind of value (the general writer\'s) are the bytes of JSON.stringify', () => {
  const text = '{\n  "a": [1, 2]\n}\n';
  const entries: Array<Record<string, unknown>> = [
    { index: 0, driverClass: null },
    { index: 1, driverClass: 'DriverVolumeBlockDevice' },
    { index: 2, driverClass: 'line\nbreak "quoted" \u2028\u202e \\ \u0000 é😀' },
    { index: 3.5, driverClass: null },
    { index: -0, driverClass: 'x' },
    { index: Number.NaN, driverClass: null },
    { index: '4', driverClass: null },
    { index: 5, driverClass: undefined },
    { index: 6, driverClass: { odd: [1, 'two'] } },
    { index: 7, driverClass: 8 },
    { index: 1e21, driverClass: true },
  ];
  const base = { code: 'BDM-X', severity: 'error', message: 'm', novaMessage: 'n', entry: 0, path: 'a', novaStatus: 400, span: { offset: 4, length: 3 } };
  const diagnostics: Array<Record<string, unknown>> = [
    base,
    { ...base, entry: null, novaStatus: null, summary: 'a: is not valid' },
    { ...base, entry: 1e21, novaStatus: -0 },
    { ...base, entry: 2.5 },
    { ...base, novaStatus: Number.POSITIVE_INFINITY },
    { ...base, path: undefined },
    { ...base, code: 7 },
    { ...base, summary: 3 },
    { ...base, message: 'é\u2028', novaMessage: '\u0085', summary: '"q"' },
    { ...base, span: { offset: 1000, length: 2 } },
    base,
  ];
  const analysis = { valid: false, diagnostics, entries } as unknown as Extract<Outcome, { analysis: unknown }>['analysis'];
  const results: Outcome[] = [{ file: 'odd.json', text, analysis, total: diagnostics.length }];
  const { written, contract } = both(results);
  assert.equal(written, contract);
});

test('bdm-lab check --format json|sarif: the CLI\'s output is the bytes of JSON.stringify of its report object', async () => {
  const run = cliRunner(FILES);
  const names = Object.keys(FILES);
  const results = outcomes(1000);
  for (const format of ['json', 'sarif']) {
    const r = await run(['check', '--format', format, ...names]);
    assert.equal(r.code, 1, r.err);
    assert.equal(r.out, toJsonText(format === 'json' ? toJson(results) : toSarif(results, ROOT)), format);
  }
});
