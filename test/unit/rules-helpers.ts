/**
 * One-line helpers for the rule tests (in the spirit of vscode-json-languageservice's
 * `assertValidation`): judge a body with bdm-lab, check one rule fires (or not), and check
 * bdm-lab agrees with Nova itself.
 *
 * Where the expectations come from: every body a test judges is also a case in
 * test/fixtures/oracle/rules/<file>.json, next to the answer Nova's own code gave for it
 * (shared/tools/nova-oracle). Each helper asserts that bdm-lab's valid / HTTP status / Nova
 * message / driver classes agree with that stored answer, so a test expectation is never just
 * our own opinion. The rule id a case asserts is ours (Nova has no ids): the test maps Nova's
 * message to the catalogue's id.
 *
 * Relabel (after adding or changing cases; needs python3-nova):
 *   BDM_ORACLE_LABEL=1 node --import tsx --test test/unit/rules-*.test.ts
 * In that mode missing answers are not failures; the last test of each file runs the oracle
 * over the file's cases and rewrites its fixture. In normal mode a case without a stored answer
 * fails, and so does a stored case no test uses (the fixture mirrors the tests exactly, which
 * lets rules-catalogue.test.ts read the covered rule ids from the fixtures).
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync, mkdirSync, mkdtempSync } from 'node:fs';
import { join } from 'node:path';
import { tmpdir } from 'node:os';
import { analyzeJson, type Analysis, type AnalysisDiagnostic } from '../../server/src/analyze';
import { defaultContext, defaultLibvirt, mvMinor, type Context, type LibvirtContext } from '../../server/src/model/context';
import { RULE_BY_ID } from '../../server/src/rules/table';

export const FIXTURE_DIR = join(__dirname, '..', 'fixtures', 'oracle', 'rules');
export const ORACLE = '/work/shared/tools/nova-oracle/oracle.py';
const LABEL = process.env.BDM_ORACLE_LABEL === '1';

// ---------------------------------------------------------------- body builders
export const IMG = '155d900f-4e14-4e4c-a73d-069cbf4541e6';
export const IMG2 = '76fa36fc-c930-4bf3-8c8a-ea2a2420deb6';
export const VOL = ['0b6c1e35-7a1e-4d0f-9c52-1d4d6b7f0a00', '0b6c1e35-7a1e-4d0f-9c52-1d4d6b7f0a01', '0b6c1e35-7a1e-4d0f-9c52-1d4d6b7f0a02', '0b6c1e35-7a1e-4d0f-9c52-1d4d6b7f0a03'];
export const SNAP = 'a1b2c3d4-0000-4000-8000-00000000beef';

type Obj = Record<string, unknown>;
/** A POST /servers body. imageRef defaults to IMG; pass `imageRef: undefined` to leave it out. */
export function server(bdms: unknown[] | undefined, extra: Obj = {}): Obj {
  const s: Obj = { name: 's', flavorRef: '1', imageRef: IMG };
  if (bdms !== undefined) s.block_device_mapping_v2 = bdms;
  for (const [k, v] of Object.entries(extra)) {
    if (v === undefined) delete s[k];
    else s[k] = v;
  }
  return { server: s };
}
/** A boot-from-volume body (no imageRef). */
export const bfv = (bdms: unknown[], extra: Obj = {}): Obj => server(bdms, { imageRef: undefined, ...extra });
/** A legacy block_device_mapping body. */
export const legacy = (items: unknown[], extra: Obj = {}): Obj => server(undefined, { block_device_mapping: items, ...extra });
export const imgRoot = (o: Obj = {}): Obj => ({ source_type: 'image', destination_type: 'local', uuid: IMG, boot_index: 0, ...o });
export const volRoot = (o: Obj = {}): Obj => ({ source_type: 'volume', destination_type: 'volume', uuid: VOL[0], boot_index: 0, ...o });
export const vol = (i = 1, o: Obj = {}): Obj => ({ source_type: 'volume', destination_type: 'volume', uuid: VOL[i], ...o });
export const snapVol = (o: Obj = {}): Obj => ({ source_type: 'snapshot', destination_type: 'volume', uuid: SNAP, ...o });
export const imgVol = (o: Obj = {}): Obj => ({ source_type: 'image', destination_type: 'volume', uuid: IMG, volume_size: 10, ...o });
export const blankVol = (o: Obj = {}): Obj => ({ source_type: 'blank', destination_type: 'volume', volume_size: 1, ...o });
export const eph = (o: Obj = {}): Obj => ({ source_type: 'blank', destination_type: 'local', boot_index: -1, ...o });
export const swap = (o: Obj = {}): Obj => ({ source_type: 'blank', destination_type: 'local', guest_format: 'swap', boot_index: -1, ...o });
export const attach = (o: Obj = {}): Obj => ({ volumeAttachment: { volumeId: VOL[1], ...o } });

// ---------------------------------------------------------------- context
export interface CtxOverrides extends Partial<Omit<Context, 'libvirt'>> {
  libvirt?: Partial<LibvirtContext>;
}
export function ctxOf(o: CtxOverrides = {}): Context {
  return { ...defaultContext(), ...o, libvirt: { ...defaultLibvirt(), ...(o.libvirt ?? {}) } } as Context;
}
/** The context as the oracle reads it: unknown (null) values are left out, as in a context file. */
function oracleContext(c: Context): Obj {
  const out: Obj = { microversion: c.microversion, max_local_block_devices: c.max_local_block_devices, zero_disk_flavor_allowed: c.zero_disk_flavor_allowed, libvirt: c.libvirt };
  if (c.flavor) out.flavor = c.flavor;
  if (c.cinder_volume_types) out.cinder_volume_types = c.cinder_volume_types;
  return out;
}

/** Body text. Objects are serialised compactly; from 2.37 `networks: "none"` is added to server bodies (Nova requires networks there). */
export function bodyText(body: string | Obj, c: Context): string {
  if (typeof body === 'string') return body;
  const srv = body.server as Obj | undefined;
  if (srv && typeof srv === 'object' && !('networks' in srv) && c.microversion.trim() !== '2.0' && mvMinor(c.microversion) >= 37) {
    return JSON.stringify({ ...body, server: { ...srv, networks: 'none' } });
  }
  return JSON.stringify(body);
}

// ---------------------------------------------------------------- oracle fixtures
export interface OracleAnswer {
  valid: boolean;
  http_status: number | null;
  layer: string | null;
  nova_message: string | null;
  nova_message_contains?: string | null;
  invalid_entries?: number[];
  driver_classes?: Array<string | null>;
  implicit_driver_classes?: Array<string | null>;
  attachment?: Obj;
  libvirt?: { root_device_name?: string; device_names?: string[]; implicit_device_names?: string[]; build_error?: string; boot_dev_order?: string[] };
}
export interface FixtureCase {
  id: string;
  /** what the tests assert on this body: rule id + fires/not, or valid */
  checks: string[];
  payloadText: string;
  context: Obj;
  /** null only when Nova's code cannot be run on it (then `why`) */
  oracle: OracleAnswer | null;
  why?: string;
}

export function loadFixture(name: string): FixtureCase[] {
  const f = join(FIXTURE_DIR, `${name}.json`);
  return existsSync(f) ? (JSON.parse(readFileSync(f, 'utf8')) as FixtureCase[]) : [];
}

const keyOf = (payloadText: string, context: Obj) => `${payloadText}\n${JSON.stringify(context)}`;

function runOracle(cases: FixtureCase[]): Map<string, OracleAnswer> {
  const dir = mkdtempSync(join(tmpdir(), 'bdm-rules-'));
  const file = join(dir, 'cases.json');
  // payload spliced in as text: Python's json keeps 10.0 / 1e1 as floats, which is the point of some cases
  writeFileSync(file, '[' + cases.map((c) => `{"id":${JSON.stringify(c.id)},"payload":${c.payloadText},"context":${JSON.stringify(c.context)}}`).join(',\n') + ']');
  // a fixed string hash seed: words Nova builds from a set (several unknown metadata keys at 2.0)
  // come out in the same order on every relabel
  const r = spawnSync('/usr/bin/python3', [ORACLE, file], { encoding: 'utf8', maxBuffer: 1 << 28, env: { ...process.env, PYTHONHASHSEED: '0' } });
  if (r.status !== 0) throw new Error(`oracle failed: ${r.stderr}`);
  const out = new Map<string, OracleAnswer>();
  for (const line of r.stdout.split('\n')) {
    if (!line.trim().startsWith('{')) continue;
    const o = JSON.parse(line) as Obj & OracleAnswer & { id: string };
    const lv = o.libvirt;
    out.set(o.id, {
      valid: o.valid,
      http_status: o.http_status,
      layer: o.layer ?? null,
      nova_message: o.nova_message ?? null,
      ...(o.nova_message_contains !== undefined ? { nova_message_contains: o.nova_message_contains } : {}),
      ...(o.invalid_entries !== undefined ? { invalid_entries: o.invalid_entries } : {}),
      ...(o.driver_classes !== undefined ? { driver_classes: o.driver_classes } : {}),
      ...(o.implicit_driver_classes !== undefined ? { implicit_driver_classes: o.implicit_driver_classes } : {}),
      ...(o.attachment !== undefined ? { attachment: o.attachment } : {}),
      ...(lv ? { libvirt: { root_device_name: lv.root_device_name, device_names: lv.device_names, implicit_device_names: lv.implicit_device_names, build_error: lv.build_error, boot_dev_order: lv.boot_dev_order } } : {}),
    });
  }
  return out;
}

// ---------------------------------------------------------------- helpers bound to one fixture file
export interface RuleOpts {
  /** blamed entry (null = request-wide) */
  entry?: number | null;
  path?: string;
  /** the row's HTTP status; defaults to the table's */
  status?: number | null;
  /** Nova reports this one (verdict.code); default: true for error rows */
  first?: boolean;
  /** exact source text the diagnostic's span covers */
  range?: string;
  id?: string;
  /** no oracle answer possible: why */
  noOracle?: string;
}

export interface Judged {
  text: string;
  a: Analysis;
  oracle: OracleAnswer | null;
  d?: AnalysisDiagnostic;
}

export function rangeText(text: string, d: { span: { offset: number; length: number } }): string {
  return text.slice(d.span.offset, d.span.offset + d.span.length);
}

const summary = (a: Analysis) => JSON.stringify({ valid: a.valid, verdict: a.verdict, diags: a.diagnostics.map((d) => `${d.code}@${d.entry}`) });

export function rulesFile(name: string) {
  const stored = loadFixture(name);
  const byKey = new Map(stored.map((c) => [keyOf(c.payloadText, c.context), c]));
  const recorded = new Map<string, FixtureCase>();
  const counters = new Map<string, number>();
  /** a helper's assertion failed: some later helper calls of that test never ran */
  let aborted = false;
  /** run the assertions; in label mode a failure does not stop the test, so every body gets recorded */
  function checked<T extends Judged>(j: T, asserts: () => T): T {
    try {
      return asserts();
    } catch (e) {
      aborted = true;
      if (LABEL) return j;
      throw e;
    }
  }

  function record(text: string, c: Context, check: string, id: string | undefined, noOracle?: string): OracleAnswer | null {
    const octx = oracleContext(c);
    const key = keyOf(text, octx);
    let rec = recorded.get(key);
    if (!rec) {
      const base = check.replace(/[ :].*$/, '');
      const n = (counters.get(base) ?? 0) + 1;
      counters.set(base, n);
      const have = byKey.get(key);
      rec = { id: id ?? `${base}#${n}`, checks: [], payloadText: text, context: octx, oracle: noOracle ? null : (have?.oracle ?? null), ...(noOracle ? { why: noOracle } : {}) };
      recorded.set(key, rec);
    }
    if (!rec.checks.includes(check)) rec.checks.push(check);
    if (noOracle) return null;
    if (!rec.oracle) {
      if (LABEL) return null;
      assert.fail(`no stored oracle answer for this body in test/fixtures/oracle/rules/${name}.json; relabel with BDM_ORACLE_LABEL=1 (${text})`);
    }
    return rec.oracle;
  }

  /** bdm-lab agrees with Nova's stored answer: valid, HTTP status, message, driver classes. */
  function agree(a: Analysis, o: OracleAnswer | null, text: string) {
    if (!o) return;
    const ctxMsg = `\nbody: ${text}\nnova: ${JSON.stringify({ valid: o.valid, http: o.http_status, layer: o.layer, msg: o.nova_message })}\nbdm-lab: ${summary(a)}`;
    assert.equal(a.valid, o.valid, `valid disagrees with Nova${ctxMsg}`);
    if (!o.valid) {
      assert.equal(a.verdict?.httpStatus, o.http_status, `HTTP status disagrees with Nova${ctxMsg}`);
      const want = o.nova_message_contains ?? o.nova_message;
      if (want) assert.ok(a.verdict?.message.includes(want), `Nova's message ${JSON.stringify(want)} not in bdm-lab's verdict${ctxMsg}`);
    } else if (o.driver_classes && a.kind === 'server' && a.entries.every((e) => e.syntax === 'v2')) {
      assert.deepEqual(a.entries.map((e) => e.driverClass), o.driver_classes, `driver classes disagree with Nova${ctxMsg}`);
    }
  }

  function judge(body: string | Obj, ctx: CtxOverrides, check: string, id?: string, noOracle?: string): Judged {
    const c = ctxOf(ctx);
    const text = bodyText(body, c);
    const oracle = record(text, c, check, id, noOracle);
    const a = analyzeJson(text, c);
    return { text, a, oracle };
  }

  /** `code` fires, with the right entry/path/status/range, and is Nova's verdict when `first`. */
  function expectRule(body: string | Obj, ctx: CtxOverrides, code: string, opts: RuleOpts = {}): Judged {
    const row = RULE_BY_ID.get(code);
    assert.ok(row, `${code} is a rule id of the table`);
    const j = judge(body, ctx, `${code} fires`, opts.id, opts.noOracle);
    return checked(j, () => {
    const { a, text } = j;
    const ds = a.diagnostics.filter((d) => d.code === code);
    const d = opts.entry === undefined ? ds[0] : ds.find((x) => x.entry === opts.entry);
    assert.ok(d, `${code} does not fire${opts.entry !== undefined ? ` on entry ${opts.entry}` : ''}\nbody: ${text}\nbdm-lab: ${summary(a)}`);
    if (opts.entry !== undefined) assert.equal(d.entry, opts.entry, 'blamed entry');
    if (opts.path !== undefined) assert.equal(d.path, opts.path, 'path');
    assert.equal(d.novaStatus, opts.status === undefined ? row.http : opts.status, 'HTTP status of the rule');
    assert.equal(d.severity, row.severity);
    if (opts.range !== undefined) assert.equal(rangeText(text, d), opts.range, 'span text');
    const first = opts.first ?? row.severity === 'error';
    if (first) {
      assert.equal(a.verdict?.code, code, `Nova reports ${code} first\nbody: ${text}\nbdm-lab: ${summary(a)}`);
      if (j.oracle) assert.equal(j.oracle.http_status, row.http, `Nova's status for ${code}`);
    }
    agree(a, j.oracle, text);
    return { ...j, d };
    });
  }

  /** `code` does not fire (a near miss); Nova's answer still agrees. */
  function expectNot(body: string | Obj, ctx: CtxOverrides, code: string, opts: { id?: string; noOracle?: string } = {}): Judged {
    assert.ok(RULE_BY_ID.get(code), `${code} is a rule id of the table`);
    const j = judge(body, ctx, `${code} not`, opts.id, opts.noOracle);
    return checked(j, () => {
      const hit = j.a.diagnostics.find((d) => d.code === code);
      assert.equal(hit, undefined, `${code} must not fire\nbody: ${j.text}\nbdm-lab: ${summary(j.a)}`);
      agree(j.a, j.oracle, j.text);
      return j;
    });
  }

  /** Nova accepts the body and bdm-lab reports no error. */
  function expectValid(body: string | Obj, ctx: CtxOverrides = {}, opts: { id?: string; not?: string[] } = {}): Judged {
    const j = judge(body, ctx, 'valid', opts.id);
    for (const code of opts.not ?? []) record(j.text, ctxOf(ctx), `${code} not`, undefined);
    return checked(j, () => {
    for (const code of opts.not ?? []) {
      assert.ok(RULE_BY_ID.get(code), `${code} is a rule id of the table`);
      assert.equal(j.a.diagnostics.find((d) => d.code === code), undefined, `${code} must not fire`);
    }
    if (j.oracle) assert.equal(j.oracle.valid, true, `Nova refuses this body: ${j.oracle.nova_message}`);
    assert.equal(j.a.valid, true, `bdm-lab refuses a body Nova accepts\nbody: ${j.text}\nbdm-lab: ${summary(j.a)}`);
    agree(j.a, j.oracle, j.text);
    return j;
    });
  }

  /** The last test of a file: fixture and cases are in step (label mode: rewrite the fixture). */
  function finish() {
    const cases = [...recorded.values()];
    if (LABEL) {
      const todo = cases.filter((c) => !c.why);
      const answers = runOracle(todo);
      for (const c of todo) c.oracle = answers.get(c.id) ?? null;
      mkdirSync(FIXTURE_DIR, { recursive: true });
      writeFileSync(join(FIXTURE_DIR, `${name}.json`), JSON.stringify(cases, null, 1) + '\n');
      return;
    }
    if (aborted) return; // a failed case stopped its test early: its later bodies were never recorded
    const used = new Set(recorded.keys());
    const stale = stored.filter((c) => !used.has(keyOf(c.payloadText, c.context))).map((c) => c.id);
    assert.deepEqual(stale, [], `fixture ${name}.json has cases no test uses; relabel`);
    for (const c of cases) {
      const s = byKey.get(keyOf(c.payloadText, c.context))!;
      assert.deepEqual([...s.checks].sort(), [...c.checks].sort(), `fixture checks of ${c.id} are out of date; relabel`);
    }
  }

  return { expectRule, expectNot, expectValid, judge, finish, agree };
}
