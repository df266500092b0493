/**
 * Every code a check can report has a row: in the Nova rule table (server/src/rules/table.ts)
 * or, for libvirt XML, in its rule table or OTHER_CODES (server/src/libvirtxml/rules.ts).
 * Checked two ways: statically (every code literal in the sources) and by running every
 * analysis path over the stored bodies (difftest corpus, oracle fixtures, XML fixtures).
 * A finding whose code has no row must make the analysis throw, not vanish.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { RULES, RULE_BY_ID, ruleRow, isRuleId, type RuleId } from '../../server/src/rules/table';
import { analyzeJson } from '../../server/src/analyze';
import { analyzeDocument } from '../../server/src/document';
import { diagnose } from '../../server/src/model/diagnostic';
import { mergeContext, type PartialContext } from '../../server/src/model/contextLoad';
import { analyzeLibvirtXml, INTERNAL_ERROR_ID } from '../../server/src/libvirtxml/analyze';
import { NOTE_ROWS, STAGE, placedRows } from '../../server/src/rules/order';
import { VALIDATE_BDM, VALIDATE_BDM_STEPS } from '../../server/src/rules/nova/validateBdm';
import { codeInfo, type LibvirtXmlCode } from '../../server/src/libvirtxml/rules';
import { PARSE_IDS } from '../../server/src/libvirtxml/parse';
import { SCHEMA_ID } from '../../server/src/libvirtxml/schemaCheck';

const here = dirname(fileURLToPath(import.meta.url));
const repo = join(here, '..', '..');
const fixtures = join(here, '..', 'fixtures');

function* files(dir: string, ext: RegExp): Generator<string> {
  for (const f of readdirSync(dir)) {
    const p = join(dir, f);
    if (statSync(p).isDirectory()) yield* files(p, ext);
    else if (ext.test(p)) yield p;
  }
}

test('every BDM-* code written in the server sources is a row of the rule table', () => {
  const missing: string[] = [];
  let seen = 0;
  for (const f of files(join(repo, 'server', 'src'), /\.(ts|cts|cjs|mjs|js)$/)) {
    for (const m of readFileSync(f, 'utf8').matchAll(/['"`](BDM-[A-Z0-9-]+)['"`]/g)) {
      seen++;
      if (!RULE_BY_ID.has(m[1])) missing.push(`${f.slice(repo.length + 1)}: ${m[1]}`);
    }
  }
  assert.ok(seen > 100, `only ${seen} code literals found: the scan is broken`);
  assert.deepEqual(missing, []);
});

test('every LIBVIRT-* code written in the libvirt XML sources has a row or an OTHER_CODES entry', () => {
  const missing: string[] = [];
  let seen = 0;
  for (const f of files(join(repo, 'server', 'src', 'libvirtxml'), /\.ts$/)) {
    for (const m of readFileSync(f, 'utf8').matchAll(/['"`](LIBVIRT-[A-Z0-9-]+)['"`]/g)) {
      seen++;
      if (!codeInfo(m[1])) missing.push(`${f.slice(repo.length + 1)}: ${m[1]}`);
    }
  }
  assert.ok(seen > 30, `only ${seen} code literals found: the scan is broken`);
  assert.deepEqual(missing, []);
});

test('a code without a row throws instead of vanishing', () => {
  assert.throws(() => ruleRow('BDM-NO-SUCH-RULE'), /BDM-NO-SUCH-RULE has no row/);
  assert.equal(ruleRow('BDM-JSON-SYNTAX').id, 'BDM-JSON-SYNTAX');
});

test('rule ids are typed: a typo in a code fails the typecheck (npm run typecheck)', () => {
  const ok: RuleId = 'BDM-COMPUTE-BOOT-SEQUENCE';
  // @ts-expect-error a code that is not a row of the table is not a RuleId
  const typo: RuleId = 'BDM-COMPUTE-BOOT-SEQUENCES';
  assert.equal(isRuleId(ok), true);
  assert.equal(isRuleId(typo), false);
  // the libvirt XML codes raised outside its table are typed codes too
  const xmlCodes: LibvirtXmlCode[] = [...Object.values(PARSE_IDS), SCHEMA_ID, INTERNAL_ERROR_ID];
  // @ts-expect-error not a libvirt XML code
  const xmlTypo: LibvirtXmlCode = 'LIBVIRT-DISK-TYPO';
  for (const c of xmlCodes) assert.ok(codeInfo(c), `${c} has a row`);
  assert.equal(codeInfo(xmlTypo), undefined);
});

interface StoredCase { id: string; payloadText: string; context: unknown }

test('every finding of the stored bodies (difftest corpus, oracle fixtures) has a row', () => {
  const cases: StoredCase[] = [];
  const corpus = JSON.parse(readFileSync(join(fixtures, 'difftest', 'corpus.json'), 'utf8')) as { cases: StoredCase[] };
  cases.push(...corpus.cases);
  for (const f of files(join(fixtures, 'oracle'), /\.json$/)) {
    const list = JSON.parse(readFileSync(f, 'utf8')) as unknown;
    if (Array.isArray(list)) for (const c of list as StoredCase[]) if (typeof c?.payloadText === 'string') cases.push(c);
  }
  assert.ok(cases.length > 300, `only ${cases.length} stored bodies`);
  const codes = new Set<string>();
  for (const c of cases) {
    const ctx = mergeContext([{ source: 'cli', context: (c.context ?? {}) as PartialContext }]).context;
    // analyzeJson throws on a finding without a row (ruleRow); each diagnostic is checked as well
    const a = analyzeJson(c.payloadText, ctx);
    for (const d of a.diagnostics) {
      assert.ok(RULE_BY_ID.has(d.code), `${c.id}: ${d.code} has no row`);
      codes.add(d.code);
    }
  }
  assert.ok(codes.size > 40, `only ${codes.size} distinct codes fired: the run is not covering the rules`);
});

test('every problem of the libvirt XML fixtures has a row', () => {
  let n = 0;
  for (const f of files(fixtures, /\.xml$/)) {
    for (const p of analyzeLibvirtXml(readFileSync(f, 'utf8')).problems) {
      n++;
      assert.ok(codeInfo(p.id), `${f}: ${p.id} has no row`);
    }
  }
  assert.ok(n > 20, `only ${n} problems found in the XML fixtures`);
});

test('the notes stage takes its order from its declared rows, and holds no error of Nova', () => {
  for (const code of NOTE_ROWS) assert.notEqual(ruleRow(code).severity, 'error', `${code} is an error: it cannot be a note`);
  const ctx = mergeContext([{ source: 'cli', context: { microversion: '2.0' } }]).context;
  const body = { server: { name: 's', flavorRef: '1', block_device_mapping_v2: [
    { source_type: 'volume', destination_type: 'volume', uuid: '155d900f-4e14-4e4c-a73d-069cbf4541e6', boot_index: 0, device_name: '/dev/vdb' },
    { source_type: 'volume', destination_type: 'volume', uuid: '255d900f-4e14-4e4c-a73d-069cbf4541e6', device_name: '/dev/vdz', boot_index: 1, bar: 2 },
  ] } };
  const a = analyzeJson(JSON.stringify(body), ctx);
  assert.equal(a.verdict, null);
  const onEntry1 = a.diagnostics.filter((d) => d.entry === 1).map((d) => d.code);
  assert.deepEqual(onEntry1, ['BDM-SCHEMA-LEGACY-V2-STRIP', 'BDM-LIBVIRT-DEVICE-NAMES-IGNORED']);
  assert.deepEqual(onEntry1, NOTE_ROWS.filter((c) => onEntry1.includes(c)), 'per-entry notes follow the declared rows');
  // request-wide notes come after the notes of the entries
  assert.equal(a.diagnostics[a.diagnostics.length - 1].code, 'BDM-CONTEXT-FLAVOR-UNKNOWN');
});

test('_validate_bdm takes its order keys from its declared steps', () => {
  const cmp = (a: number[], b: number[]) => {
    for (let i = 0; i < Math.max(a.length, b.length); i++) if ((a[i] ?? -1) !== (b[i] ?? -1)) return (a[i] ?? -1) - (b[i] ?? -1);
    return 0;
  };
  // the declared steps, flattened in their order, give increasing keys on one entry
  const keys = VALIDATE_BDM_STEPS.flatMap((s) => (typeof s === 'string' ? [VALIDATE_BDM.wide(s)] : Array.isArray(s) ? [VALIDATE_BDM.wide((s as readonly RuleId[])[0])] : (s as { each: readonly (readonly RuleId[])[] }).each.map((group) => VALIDATE_BDM.each(group[0], 3))));
  for (let i = 1; i < keys.length; i++) assert.ok(cmp(keys[i - 1], keys[i]) < 0, `${JSON.stringify(keys[i - 1])} before ${JSON.stringify(keys[i])}`);
  for (const k of keys) assert.equal(k[0], STAGE.validateBdm);
  // rows of one group share a place; an earlier entry comes first
  assert.deepEqual(VALIDATE_BDM.each('BDM-COMPUTE-VOLUME-STATE', 2), VALIDATE_BDM.each('BDM-COMPUTE-SNAPSHOT-EXISTS', 2));
  assert.ok(cmp(VALIDATE_BDM.each('BDM-COMPUTE-DISK-BUS', 1), VALIDATE_BDM.each('BDM-COMPUTE-VOLUME-TYPE-EXISTS', 2)) < 0);
  // a check the stage does not declare has no place in it
  assert.throws(() => VALIDATE_BDM.wide('BDM-COMPUTE-DISK-BUS'), /not a request-wide check/);
  assert.throws(() => VALIDATE_BDM.each('BDM-DICT-MISSING-UUID', 0), /not a per-entry check/);
});

/** Rows of a Nova stage that no check raises yet (so no stage places them). */
const NOT_RAISED = new Set(['BDM-COMPUTE-VOLUME-AZ']);

test('every row a Nova stage raises is placed in its stage of rules/order.ts', () => {
  // schema rows take jsonschema's walk order (schema.ts); syntax rows come before everything;
  // attach-state rows are the simulator's (no order key); definition-only rows never fire
  const unordered = new Set(['schema', 'attach-schema', 'syntax', 'attach-state']);
  const placed = placedRows();
  const missing = RULES.filter((r) => !r.definitionOnly && !unordered.has(r.layer) && !NOT_RAISED.has(r.id) && !placed.has(r.id as RuleId)).map((r) => r.id);
  assert.deepEqual(missing, [], 'rows no stage of rules/order.ts lists');
  for (const id of NOT_RAISED) assert.ok(RULE_BY_ID.has(id) && !placed.has(id as RuleId), `${id}: now placed, remove it from NOT_RAISED`);
  for (const id of placed) assert.ok(RULE_BY_ID.has(id), `${id} is placed but has no row`);
});

test('each Nova stage module names its upstream file and takes its order keys from its stage list', () => {
  const dir = join(repo, 'server', 'src', 'rules', 'nova');
  const stages = readdirSync(dir).filter((f) => f.endsWith('.ts') && !['index.ts', 'judging.ts'].includes(f));
  assert.ok(stages.length >= 7, `only ${stages.length} stage modules`);
  for (const f of stages) {
    const text = readFileSync(join(dir, f), 'utf8');
    const header = /^\/\*\*([\s\S]*?)\*\//.exec(text)?.[1] ?? '';
    assert.match(header, /upstream: nova\//, `${f}: its header names the Nova file it follows`);
    assert.doesNotMatch(text, /order:\s*\[/, `${f}: an order key written by hand`);
    assert.match(text, /order: [A-Z_]+\.(wide|each)\(|order: (entryNoteOrder|requestNoteOrder)\(/, `${f}: takes its keys from a stage list`);
  }
});

test('one factory makes every diagnostic: a finding must come with its own row', () => {
  const row = ruleRow('BDM-COMPUTE-BOOT-SEQUENCE');
  const d = diagnose(row, { code: 'BDM-COMPUTE-BOOT-SEQUENCE', span: { offset: 1, length: 2 }, entry: 0, path: 'p', args: { detail: 'x' } });
  assert.equal(d.novaMessage, row.nova);
  assert.equal(d.explanation, row.explain.replace('{detail}', 'x'));
  assert.equal(d.message, `${d.novaMessage}\n${d.explanation}`);
  assert.throws(() => diagnose(row, { code: 'BDM-NO-SUCH-RULE', span: { offset: 0, length: 0 }, entry: null, path: '' }), /BDM-NO-SUCH-RULE has no row/);
  // libvirt XML problems go through the same factory: a row's words, no explanation
  const xml = '<disk type="file" device="disk"><source file="relative.img"/><target dev="vda" bus="virtio"/></disk>';
  const a = analyzeDocument(xml, 'xml', mergeContext([]).context, { forced: true });
  assert.ok(a.diagnostics.length > 0);
  for (const x of a.diagnostics) {
    assert.ok(codeInfo(x.code), `${x.code} has a row`);
    assert.equal(x.message, x.novaMessage);
    assert.equal(x.explanation, '');
  }
});
