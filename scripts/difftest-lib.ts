/**
 * Shared pieces of the differential test: judging a case with bdm-lab, running Nova's oracle
 * on a batch, mapping Nova's answer to our rule ids (loosely), and comparing the two.
 * Used by scripts/difftest-run.ts and test/unit/difftest-corpus.test.ts.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, mkdirSync, writeFileSync, rmSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { analyzeJson } from '../server/src/analyze';
import { mergeContext, type PartialContext } from '../server/src/model/contextLoad';
import type { DiffCase, DiffContext } from './difftest-gen';

export const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
export const ORACLE = process.env.NOVA_ORACLE ?? join(ROOT, '..', 'shared', 'tools', 'nova-oracle', 'oracle.py');
export const PYTHON = process.env.NOVA_PYTHON ?? '/usr/bin/python3';

export interface OracleVerdict {
  id: string;
  valid: boolean;
  http_status: number;
  layer: string | null;
  nova_message: string | null;
  driver_classes?: Array<string | null>;
  implicit_driver_classes?: Array<string | null>;
  invalid_entries?: number[];
  /** where a schema error is (server create only) */
  schema_path?: Array<string | number>;
}

export interface BdmLabVerdict {
  kind: string | null;
  valid: boolean;
  httpStatus: number | null;
  code: string | null;
  message: string | null;
  driverClasses: Array<string | null>;
}

export function judgeWithBdmLab(payloadText: string, context: DiffContext): BdmLabVerdict {
  const ctx = mergeContext([{ source: 'cli', context: context as PartialContext }]).context;
  const a = analyzeJson(payloadText, ctx);
  return {
    kind: a.kind,
    valid: a.valid,
    httpStatus: a.verdict ? a.verdict.httpStatus : null,
    code: a.verdict ? a.verdict.code : null,
    message: a.verdict ? a.verdict.message : null,
    driverClasses: a.entries.map((e) => e.driverClass),
  };
}

/** Is Nova's code importable by the oracle's Python? */
export function oracleAvailable(): { ok: boolean; why: string } {
  if (!existsSync(ORACLE)) return { ok: false, why: `oracle not found at ${ORACLE}` };
  const r = spawnSync(PYTHON, ['-c', 'import nova'], { encoding: 'utf8' });
  if (r.error) return { ok: false, why: `${PYTHON} cannot run: ${r.error.message}` };
  if (r.status !== 0) return { ok: false, why: `python3-nova is not installed (${PYTHON} -c "import nova" failed)` };
  return { ok: true, why: '' };
}

/** Runs the oracle once on a batch; payloads go in as raw text so `10.0` stays a float for Nova. */
export function runOracle(cases: Array<Pick<DiffCase, 'id' | 'payloadText' | 'context'>>): Map<string, OracleVerdict> {
  const dir = mkdtempSync(join(tmpdir(), 'bdm-difftest-'));
  try {
    const file = join(dir, 'cases.json');
    const body = cases.map((c) => `{"id": ${JSON.stringify(c.id)}, "context": ${JSON.stringify(c.context)}, "payload": ${c.payloadText.trim()}}`).join(',\n');
    writeFileSync(file, '[\n' + body + '\n]\n');
    const r = spawnSync(PYTHON, [ORACLE, file], { encoding: 'utf8', maxBuffer: 1 << 30 });
    if (r.status !== 0 && !r.stdout) throw new Error(`oracle failed (exit ${r.status}): ${r.stderr.slice(-2000)}`);
    const out = new Map<string, OracleVerdict>();
    for (const line of r.stdout.split('\n')) {
      if (!line.trim().startsWith('{')) continue;
      const v = JSON.parse(line) as OracleVerdict;
      out.set(v.id, v);
    }
    return out;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/**
 * Labels hand-written cases with the oracle's whole output (less its id and microversion, kept as
 * `oracle` beside each case) and writes them to `fixture` (a path under the repository, with `/`),
 * creating its folder; prints how many were labelled.
 */
export function writeOracleLabels<C extends Pick<DiffCase, 'id' | 'payloadText' | 'context'>>(cases: C[], fixture: string): void {
  const file = join(ROOT, ...fixture.split('/'));
  mkdirSync(dirname(file), { recursive: true });
  const oracle = runOracle(cases);
  const out = cases.map((c) => {
    const o = oracle.get(c.id);
    if (!o) throw new Error(`no oracle answer for ${c.id}`);
    const { id: _id, microversion: _mv, ...rest } = o as unknown as Record<string, unknown>;
    return { ...c, oracle: rest };
  });
  writeFileSync(file, JSON.stringify(out, null, 1) + '\n');
  console.log(`${out.length} cases labelled -> ${fixture}`);
}

const SERVER_FIELD_RULE: Record<string, string[]> = {
  source_type: ['BDM-SCHEMA-SOURCE-TYPE'],
  destination_type: ['BDM-SCHEMA-DESTINATION-TYPE'],
  uuid: ['BDM-SCHEMA-UUID'],
  volume_id: ['BDM-SCHEMA-ID-FIELDS'],
  snapshot_id: ['BDM-SCHEMA-ID-FIELDS'],
  image_id: ['BDM-SCHEMA-ID-FIELDS'],
  boot_index: ['BDM-SCHEMA-BOOT-INDEX'],
  volume_size: ['BDM-SCHEMA-VOLUME-SIZE'],
  device_name: ['BDM-SCHEMA-DEVICE-NAME'],
  delete_on_termination: ['BDM-SCHEMA-BOOLEAN'],
  guest_format: ['BDM-SCHEMA-STRING-LENGTHS'],
  device_type: ['BDM-SCHEMA-STRING-LENGTHS'],
  disk_bus: ['BDM-SCHEMA-STRING-LENGTHS'],
  virtual_name: ['BDM-SCHEMA-STRING-LENGTHS'],
  no_device: ['BDM-SCHEMA-STRING-LENGTHS', 'BDM-SCHEMA-LEGACY-ITEM'],
  connection_info: ['BDM-SCHEMA-STRING-LENGTHS', 'BDM-SCHEMA-LEGACY-ITEM'],
  tag: ['BDM-SCHEMA-TAG-FORMAT'],
  volume_type: ['BDM-SCHEMA-VOLUME-TYPE-FORMAT'],
  imageRef: ['BDM-SCHEMA-IMAGEREF'],
  block_device_mapping_v2: ['BDM-SCHEMA-ARRAY'],
  block_device_mapping: ['BDM-SCHEMA-ARRAY'],
};

const ATTACH_FIELD_RULE: Record<string, string[]> = {
  volumeId: ['BDM-ATTACH-SCHEMA-VOLUME-ID'],
  device: ['BDM-ATTACH-SCHEMA-DEVICE'],
  tag: ['BDM-ATTACH-SCHEMA-TAG-FORMAT'],
  delete_on_termination: ['BDM-ATTACH-SCHEMA-DOT-FORMAT'],
};

const MESSAGE_RULE: Array<[RegExp, string[]]> = [
  [/Using different block_device_mapping syntaxes/, ['BDM-API-MIXED-SYNTAX']],
  [/Missing imageRef attribute/, ['BDM-API-MISSING-IMAGEREF']],
  [/min_count must be <= max_count/, ['BDM-API-MIN-MAX-COUNT']],
  [/was specified twice: you cannot attach a port/, ['BDM-API-NETWORK-PORT-TWICE']],
  [/cannot be used with port .*: the two cannot be specified together/, ['BDM-API-NETWORK-PORT-FIXED-IP']],
  [/Bad network format: missing 'uuid'/, ['BDM-API-NETWORK-MISSING-UUID']],
  [/Bad networks format: network uuid is not in proper format/, ['BDM-API-NETWORK-UUID-FORMAT']],
  [/max_count cannot be greater than 1 if an fixed_ip is specified/, ['BDM-COMPUTE-MULTI-FIXED-IP']],
  [/Unable to launch multiple instances with a single configured port ID/, ['BDM-COMPUTE-MULTI-PORT']],
  [/Unable to allocate a single hostname to multiple instances/, ['BDM-COMPUTE-MULTI-HOSTNAME']],
  [/Mapping image to local is not supported/, ['BDM-DICT-IMAGE-LOCAL-BOOT']],
  [/Invalid device UUID/, ['BDM-DICT-BLANK-WITH-UUID']],
  [/Missing device UUID/, ['BDM-DICT-MISSING-UUID']],
  [/Following fields are invalid/, ['BDM-DICT-INVALID-FIELDS']],
  [/volume_type with destination_type=local/, ['BDM-DICT-VOLTYPE-LOCAL']],
  [/volume type to existing volume/, ['BDM-DICT-VOLTYPE-EXISTING-VOLUME']],
  [/Invalid volume_size/, ['BDM-DICT-VOLUME-SIZE', 'BDM-LEGACY-ITEM-INVALID']],
  [/Boot index is invalid/, ['BDM-DICT-BOOT-INDEX-COERCE']],
  [/Device name (empty|contains)/, ['BDM-DICT-DEVICE-NAME']],
  [/Unrecognized legacy format/, ['BDM-LEGACY-CONVERSION', 'BDM-LEGACY-ITEM-INVALID']],
  [/same device name as the root device/, ['BDM-COMPUTE-ROOT-DEVNAME-CONFLICT']],
  [/attach one or more volumes to multiple instances/, ['BDM-COMPUTE-MULTI-INSTANCE-VOLUME']],
  [/flavors with zero disk/, ['BDM-COMPUTE-ZERO-DISK-FLAVOR']],
  [/Boot sequence for the instance/, ['BDM-COMPUTE-BOOT-SEQUENCE']],
  [/Volume type .* could not be found/, ['BDM-COMPUTE-VOLUME-TYPE-EXISTS']],
  [/Images with destination_type 'volume'/, ['BDM-COMPUTE-IMAGE-VOLUME-SIZE']],
  [/Blank volumes \(source: 'blank'/, ['BDM-COMPUTE-BLANK-VOLUME-SIZE']],
  [/^Block Device Mapping is Invalid\.$/, ['BDM-COMPUTE-DISK-BUS']],
  [/Ephemeral disks requested are larger/, ['BDM-COMPUTE-EPHEMERAL-SIZE']],
  [/More than one swap drive/, ['BDM-COMPUTE-SWAP-COUNT']],
  [/Swap drive requested is larger/, ['BDM-COMPUTE-SWAP-SIZE']],
  [/more local devices than the limit/, ['BDM-COMPUTE-LOCALS-LIMIT']],
  [/Can not find requested image/, ['BDM-COMPUTE-IMAGEREF-EXISTS']],
  [/Volume .* could not be found/, ['BDM-COMPUTE-VOLUME-EXISTS', 'BDM-ATTACH-VOLUME-NOT-FOUND']],
];

/**
 * Nova's answer -> the rule ids of ours that name it. Loose on purpose: Nova's messages do not
 * carry our ids, and some schema messages fit several of our rows. [] = not mapped.
 */
export function oracleRuleIds(o: OracleVerdict, kind: 'server' | 'attach'): string[] {
  if (o.valid) return [];
  const msg = o.nova_message ?? '';
  if (/Unexpected API Error/.test(msg)) {
    if (o.layer === 'BlockDeviceDict') return ['BDM-DICT-SOURCE-TYPE-MISSING'];
    if (o.layer === 'compute-api') return ['BDM-COMPUTE-DEVICE-TYPE'];
    return ['BDM-DICT-SOURCE-TYPE-MISSING', 'BDM-COMPUTE-DEVICE-TYPE'];
  }
  if (o.layer === 'schema') {
    // the extra keys jsonschema names (sorted): which of them picks the rule is looked up by name
    const extras = /\(((?:'[^']+'(?:, )?)+) (?:was|were) unexpected\)/.exec(msg)?.[1].split(', ').map((x) => x.slice(1, -1)) ?? [];
    const unexpected = extras.includes('tag') ? 'tag' : extras.includes('volume_type') ? 'volume_type' : extras.includes('delete_on_termination') ? 'delete_on_termination' : extras[0];
    const field = /Invalid input for field\/attribute ([^.]+)\./.exec(msg)?.[1];
    if (kind === 'attach') {
      if (/'volumeAttachment' is a required property/.test(msg)) return ['BDM-ATTACH-SCHEMA-ENVELOPE-REQUIRED'];
      if (/'volumeId' is a required property/.test(msg)) return ['BDM-ATTACH-SCHEMA-VOLUME-ID-REQUIRED'];
      // both named: jsonschema lists them sorted, in one message that either of our rows writes
      if (extras.includes('tag') && extras.includes('delete_on_termination')) return ['BDM-ATTACH-SCHEMA-TAG-MICROVERSION', 'BDM-ATTACH-SCHEMA-DOT-MICROVERSION'];
      if (unexpected === 'tag') return ['BDM-ATTACH-SCHEMA-TAG-MICROVERSION'];
      if (unexpected === 'delete_on_termination') return ['BDM-ATTACH-SCHEMA-DOT-MICROVERSION'];
      if (unexpected) return field ? ['BDM-ATTACH-SCHEMA-ADDITIONAL-PROPERTIES'] : ['BDM-ATTACH-SCHEMA-ENVELOPE-ADDITIONAL'];
      if (/is not of type 'object'/.test(msg)) return ['BDM-ATTACH-SCHEMA-ENVELOPE-TYPE'];
      if (field && ATTACH_FIELD_RULE[field]) return ATTACH_FIELD_RULE[field];
      return ['BDM-ATTACH-SCHEMA-*'];
    }
    // an error outside the BDM lists (a network's tag, a server field): the request schema's
    const where = o.schema_path;
    if (where && where[0] === 'server' && where.length > 1 && where[1] !== 'block_device_mapping_v2' && where[1] !== 'block_device_mapping' && where[1] !== 'imageRef') return ['BDM-SCHEMA-REQUEST'];
    if (extras.includes('tag') && extras.includes('volume_type')) return ['BDM-SCHEMA-TAG-MICROVERSION', 'BDM-SCHEMA-VOLUME-TYPE-MICROVERSION', 'BDM-SCHEMA-ADDITIONAL-PROPERTIES', 'BDM-SCHEMA-LEGACY-ITEM'];
    if (unexpected === 'tag') return ['BDM-SCHEMA-TAG-MICROVERSION', 'BDM-SCHEMA-ADDITIONAL-PROPERTIES', 'BDM-SCHEMA-LEGACY-ITEM'];
    if (unexpected === 'volume_type') return ['BDM-SCHEMA-VOLUME-TYPE-MICROVERSION', 'BDM-SCHEMA-ADDITIONAL-PROPERTIES', 'BDM-SCHEMA-LEGACY-ITEM'];
    if (unexpected && field !== undefined && /^\d+$/.test(field)) return ['BDM-SCHEMA-ADDITIONAL-PROPERTIES', 'BDM-SCHEMA-LEGACY-ITEM'];
    // a list item: a BDM list's (the entry is not an object) or another list's (tags, security_groups)
    if (field && /^\d+$/.test(field)) return ['BDM-SCHEMA-ARRAY', 'BDM-SCHEMA-REQUEST'];
    if (field && SERVER_FIELD_RULE[field]) return SERVER_FIELD_RULE[field];
    return ['BDM-SCHEMA-REQUEST'];
  }
  for (const [re, ids] of MESSAGE_RULE) if (re.test(msg)) return ids;
  return [];
}

export type Category = 'agree' | 'valid' | 'status' | 'rule' | 'classes';

export interface Comparison {
  /** valid/invalid agree */
  valid: boolean;
  /** both refuse with the same HTTP status (true when both accept) */
  status: boolean;
  /** our verdict's code is among the ids Nova's message maps to (true when unmapped or both accept) */
  rule: boolean;
  /** driver classes of the request's entries agree (accepted server bodies only) */
  classes: boolean;
  /** valid/status disagreements fail CI; rule/classes are reported */
  hard: boolean;
  category: Category;
  oracleRules: string[];
}

export function compare(kind: 'server' | 'attach', o: OracleVerdict, b: BdmLabVerdict): Comparison {
  const valid = o.valid === b.valid;
  const status = !valid ? false : o.valid ? true : o.http_status === b.httpStatus;
  const oracleRules = oracleRuleIds(o, kind);
  let rule = true;
  if (valid && !o.valid && oracleRules.length) {
    rule = oracleRules.some((id) => (id.endsWith('*') ? (b.code ?? '').startsWith(id.slice(0, -1)) : id === b.code));
  }
  let classes = true;
  if (valid && o.valid && kind === 'server' && o.driver_classes) {
    classes = JSON.stringify(o.driver_classes) === JSON.stringify(b.driverClasses);
  }
  const hard = !valid || !status;
  const category: Category = !valid ? 'valid' : !status ? 'status' : !rule ? 'rule' : !classes ? 'classes' : 'agree';
  return { valid, status, rule, classes, hard, category, oracleRules };
}

/** A short key grouping similar disagreements, e.g. "valid: nova 400 BDM-DICT-MISSING-UUID / bdm-lab accepts". */
export function disagreementKey(kind: string, o: OracleVerdict, b: BdmLabVerdict, c: Comparison): string {
  const nova = o.valid ? 'nova accepts' : `nova ${o.http_status} ${c.oracleRules.join('|') || (o.nova_message ?? '').slice(0, 60)}`;
  const ours = b.valid ? 'bdm-lab accepts' : `bdm-lab ${b.httpStatus} ${b.code}`;
  if (c.category === 'classes') return `${kind} classes: nova ${JSON.stringify(o.driver_classes)} / bdm-lab ${JSON.stringify(b.driverClasses)}`;
  return `${kind} ${c.category}: ${nova} / ${ours}`;
}
