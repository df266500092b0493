/**
 * A small reader of nova.conf as oslo.config reads it (its INI parser): `[section]` headers
 * (names other than DEFAULT in any case), `key = value` or `key: value`, quoted values,
 * continuation lines, `#`/`;` comment lines, the last of repeated keys wins. Only the
 * options that change the `<disk>` XML are kept (the context's `nova_conf` keys); every other
 * option, and every value Nova would refuse, is named in a note, never dropped silently.
 *
 * oslo.config refuses a file it cannot parse (ConfigFileParseError, when nova-compute reads its
 * configuration) and a value its option's type does not take (ConfigFileValueError, when the
 * option is read: nova-compute reads every option as it starts, oslo.service logging them all).
 * Either way nova-compute does not start, so Nova writes no XML: such refusals travel in the
 * conf (`refusals`, see confRefusal) for the preview to refuse with. Pure.
 */
import type { ConfRefusal, NovaConf, RefusalCandidate } from './context';

export type { ConfRefusal, RefusalCandidate } from './context';
import { pyRstrip, pyStrip } from '../text/pySpace';

export interface IniResult {
  conf: NovaConf;
  /** what was not taken, one line each: "line N: ..." */
  notes: string[];
}


/** the choices of a StrOpt per run of Nova releases (before the first `from`: no choices) */
type Eras<T> = ReadonlyArray<{ from: number; value: T }>;
type Spec =
  | { type: 'bool' | 'string' | 'list'; keep: boolean; exists?: Exists }
  | { type: 'choices'; keep: boolean; eras: Eras<readonly string[]> }
  | { type: 'int'; keep: boolean; min?: Eras<number>; max?: Eras<number> };

/** the Nova majors that register an option (from `from` up to, not including, `until`); absent: every release */
type Exists = { from: number; until: number };
const bool = { type: 'bool', keep: true } as const;
/** a BoolOpt only some releases register: another release ignores it, whatever its value */
const boolIn = (from: number, until: number): Spec => ({ type: 'bool', keep: true, exists: { from, until } });
const str = { type: 'string', keep: true } as const;
const choices = (eras: Eras<readonly string[]>): Spec => ({ type: 'choices', keep: true, eras });
/** an option bdm-lab does not model but whose refusal it knows: read by nova-compute in this path */
const checkedInt = (min?: Eras<number>): Spec => ({ type: 'int', keep: false, ...(min ? { min } : {}) });
/** Liberty (12) gave these StrOpts their choices (nova/conf/*.py); Kilo's took any string */
const since12 = (values: readonly string[]) => choices([{ from: 12, value: values }]);

/**
 * The options, their oslo.config types per Nova release (nova/conf/libvirt.py, compute.py,
 * configdrive.py at each release's tag). `keep`: the context's nova_conf keys.
 */
type Group = 'DEFAULT' | 'libvirt' | 'workarounds';

const OPTIONS: Record<Group, Record<string, Spec>> = {
  DEFAULT: {
    use_cow_images: bool,
    force_raw_images: bool,
    preallocate_images: since12(['none', 'space']),
    force_config_drive: bool,
    config_drive_format: since12(['iso9660', 'vfat']),
    instances_path: str,
    // the compute manager's wait for the volumes it has Cinder create (source image/snapshot/blank)
    block_device_allocate_retries: checkedInt([{ from: 20, value: 0 }]),
    block_device_allocate_retries_interval: checkedInt([{ from: 15, value: 0 }]),
  },
  libvirt: {
    // Wallaby (23) dropped uml and xen
    virt_type: choices([{ from: 12, value: ['kvm', 'lxc', 'qemu', 'uml', 'xen', 'parallels'] }, { from: 23, value: ['kvm', 'lxc', 'qemu', 'parallels'] }]),
    disk_prefix: str,
    // a ListOpt of plain strings: oslo.config takes any entry (the driver drops modes it does not know)
    disk_cachemodes: { type: 'list', keep: true },
    hw_disk_discard: since12(['ignore', 'unmap']),
    // Newton (14) added flat
    images_type: choices([{ from: 12, value: ['raw', 'qcow2', 'lvm', 'rbd', 'ploop', 'default'] }, { from: 14, value: ['raw', 'flat', 'qcow2', 'lvm', 'rbd', 'ploop', 'default'] }]),
    images_volume_group: str,
    sparse_logical_volumes: bool,
    images_rbd_pool: str,
    images_rbd_ceph_conf: str,
    rbd_user: str,
    rbd_secret_uuid: str,
    volume_use_multipath: bool,
    // a ListOpt of arch=machine type: the default cdrom (and config drive) bus follows it
    hw_machine_type: { type: 'list', keep: true },
    // the iSCSI/FC volume drivers' scan attempts
    num_volume_scan_tries: checkedInt(),
  },
  // nova/conf/workarounds.py: these two added in 21.0.0 (Ussuri), removed in 24.0.0 (Xena)
  workarounds: {
    rbd_volume_local_attach: boolIn(21, 24),
    disable_native_luksv1: boolIn(21, 24),
    // added with the image inspection in 27.4.0, 28.2.0, 29.1.0 and 30.0.0 (read per major here: 27.0-27.3 would refuse a bad value too)
    disable_deep_image_inspection: boolIn(27, Infinity),
  },
};

/** deprecated names oslo.config reads for an option when its own name is absent */
const DEPRECATED: Record<Group, Record<string, string>> = {
  DEFAULT: {},
  workarounds: {},
  libvirt: { iscsi_use_multipath: 'volume_use_multipath', num_iscsi_scan_tries: 'num_volume_scan_tries' },
};

/** oslo.config's Boolean type: these words in any case */
const TRUE = new Set(['true', '1', 'on', 'yes']);
const FALSE = new Set(['false', '0', 'off', 'no']);

/** oslo.config's group name: DEFAULT as written, every other section in lower case ([Libvirt] is [libvirt]) */
const groupOf = (section: string) => (section === 'DEFAULT' ? section : section.toLowerCase());

/** a parse error oslo.config raises: nova-compute does not start with this file */
const REFUSED = 'oslo.config refuses the file here (ConfigFileParseError: nova-compute does not start, so the preview writes no XML); the line is ignored';

/** Python's repr() of a str, as oslo.config's messages quote values */
export function pyRepr(s: string): string {
  const q = s.includes("'") && !s.includes('"') ? '"' : "'";
  let out = q;
  for (const ch of s) {
    const c = ch.codePointAt(0)!;
    if (ch === '\\') out += '\\\\';
    else if (ch === q) out += '\\' + q;
    else if (ch === '\n') out += '\\n';
    else if (ch === '\r') out += '\\r';
    else if (ch === '\t') out += '\\t';
    else if (c < 0x20 || c === 0x7f) out += '\\x' + c.toString(16).padStart(2, '0');
    else if ((c >= 0x80 && c <= 0xa0) || c === 0xad || (c >= 0xd800 && c <= 0xdfff)) out += c <= 0xff ? '\\x' + c.toString(16).padStart(2, '0') : '\\u' + c.toString(16).padStart(4, '0');
    else out += ch;
  }
  return out + q;
}

const DIGIT = /^\p{Nd}$/u;
/** a decimal digit's value (Unicode's digits come in runs of ten from 0) */
function digitValue(ch: string): number {
  let c = ch.codePointAt(0)!;
  let n = 0;
  while (DIGIT.test(String.fromCodePoint(c - 1))) {
    c--;
    n++;
  }
  return n % 10;
}

/** Python's int(s) of a str: blanks around, a sign, decimal digits (any script's) with single `_` between them; null when it raises */
export function pyInt(s: string): bigint | null {
  const t = pyStrip(s);
  const m = /^([+-]?)((?:\p{Nd}_?)*\p{Nd})$/u.exec(t);
  if (!m || m[2]!.includes('__')) return null;
  let v = 0n;
  for (const ch of m[2]!) if (ch !== '_') v = v * 10n + BigInt(DIGIT.test(ch) && ch >= '0' && ch <= '9' ? ch.charCodeAt(0) - 48 : digitValue(ch));
  return m[1] === '-' ? -v : v;
}

const eraAt = <T>(eras: Eras<T> | undefined, major: number): T | undefined => {
  let v: T | undefined;
  for (const e of eras ?? []) if (major >= e.from) v = e.value;
  return v;
};

/** oslo.config's reason for refusing `value` for the option in Nova `major`, or null when it takes it */
function reasonAt(spec: Spec, value: string, major: number): string | null {
  // a release that does not register the option does not read its value
  if ('exists' in spec && spec.exists && (major < spec.exists.from || major >= spec.exists.until)) return null;
  switch (spec.type) {
    case 'bool':
      return TRUE.has(value.toLowerCase()) || FALSE.has(value.toLowerCase()) ? null : `Unexpected boolean value ${pyRepr(value)}`;
    case 'choices': {
      const values = eraAt(spec.eras, major);
      return !values || values.includes(value) ? null : `Valid values are [${values.join(', ')}], but found ${pyRepr(value)}`;
    }
    case 'int': {
      // an empty value is no value (None)
      if (pyStrip(value) === '') return null;
      const n = pyInt(value);
      if (n === null) return `invalid literal for int() with base 10: ${pyRepr(value)}`;
      const min = eraAt(spec.min, major);
      if (min !== undefined && n < BigInt(min)) return `Should be greater than or equal to ${min}`;
      const max = eraAt(spec.max, major);
      if (max !== undefined && n > BigInt(max)) return `Should be less than or equal to ${max}`;
      return null;
    }
    default:
      return null;
  }
}

/** the Nova majors where some option's type changes: each run between them is judged once */
const ERA_STARTS: number[] = [...new Set([0, ...Object.values(OPTIONS).flatMap((g) => Object.values(g)).flatMap((s) => [
  ...('eras' in s ? s.eras : 'min' in s || 'max' in s ? [...(s.min ?? []), ...(s.max ?? [])] : []).map((e) => e.from),
  ...('exists' in s && s.exists ? [s.exists.from, s.exists.until].filter(Number.isFinite) : []),
])])].sort((a, b) => a - b);

/** one option's value as oslo.config ends up reading it: its own name's last line, else a deprecated name's last */
type Setting = { value: string; line: number; section: string; option: string };

/**
 * Read as oslo.config's INI parser reads it: a line is right-stripped; an empty one ends a value;
 * one starting with a blank continues the value before it (joined with a line break); `[name]`
 * opens a section (the name as written between the brackets); `#` and `;` start comment lines;
 * else the key runs to the first `=` or `:` and the value, stripped, loses one pair of matching
 * quotes. No inline comments: `x = raw # files` is the value `raw # files`.
 */
export function parseNovaConfIni(text: string, file?: string): IniResult {
  const conf: NovaConf = {};
  const notes: string[] = [];
  const candidates: RefusalCandidate[] = [];
  const skipped = new Map<string, number>();
  /** per group, per option (its own name): the setting of its own name and of a deprecated one */
  const settings = new Map<string, { own?: Setting; old?: Setting }>();
  let section: string | null = null;
  let pending: { key: string; value: string[]; line: number } | null = null;
  let parseFailed = false;
  const parseError = (line: number, raw: string, what: string, reason: string) => {
    notes.push(`line ${line}: ${what}: ${REFUSED}`);
    // oslo.config stops at the first: only that one is the file's refusal
    if (!parseFailed) candidates.push({ line, error: 'ConfigFileParseError', section, option: null, group: null, name: null, value: raw, eras: [{ from: 0, reason }] });
    parseFailed = true;
  };
  const flush = () => {
    if (pending) assign(pending.key, pending.value.join('\n'), pending.line);
    pending = null;
  };
  const assign = (key: string, value: string, line: number) => {
    if (section === null) {
      parseError(line, `${key} = ${value}`, 'a "key = value" line before any [section]', 'Section must be started before assignment: None');
      return;
    }
    const group = groupOf(section);
    const known = group === 'DEFAULT' || group === 'libvirt' || group === 'workarounds' ? group : null;
    const own = known && OPTIONS[known][key] ? key : known ? DEPRECATED[known][key] : undefined;
    if (!known || !own) {
      const name = `[${section}]${key}`;
      skipped.set(name, (skipped.get(name) ?? 0) + 1);
      return;
    }
    const id = `${group}\0${own}`;
    const s = settings.get(id) ?? {};
    s[own === key ? 'own' : 'old'] = { value, line, section, option: key };
    settings.set(id, s);
  };
  const lines = text.split(/\r\n|\r|\n/);
  for (let i = 0; i < lines.length; i++) {
    const line = pyRstrip(lines[i]!);
    const n = i + 1;
    if (line === '') {
      flush();
      continue;
    }
    if (line.startsWith(' ') || line.startsWith('\t')) {
      if (pending) pending.value.push(pyStrip(line));
      else parseError(n, line, 'a continuation line with no value before it', `Unexpected continuation line: ${pyRepr(line)}`);
      continue;
    }
    flush();
    if (line.startsWith('[')) {
      if (!line.endsWith(']') || line.length <= 2) parseError(n, line, line.length <= 2 && line.endsWith(']') ? 'a section without a name' : 'a section header that does not end with "]"', line.endsWith(']') ? `Empty section name: ${pyRepr(line)}` : `Invalid section (must end with ]): ${pyRepr(line)}`);
      else section = line.slice(1, -1);
      continue;
    }
    if (line.startsWith('#') || line.startsWith(';')) continue;
    // the key runs to the first `=` or `:` (found once, no pattern retried along a long line)
    const sep = line.search(/[=:]/);
    const key = sep < 0 ? '' : pyStrip(line.slice(0, sep));
    if (key === '') {
      if (sep < 0) parseError(n, line, 'not a "key = value" line', `No ':' or '=' found in assignment: ${pyRepr(line)}`);
      else parseError(n, line, 'a value without a key', `Key cannot be empty: ${pyRepr(line)}`);
      continue;
    }
    let value = pyStrip(line.slice(sep + 1));
    if (value !== '' && (value[0] === '"' || value[0] === "'") && value[value.length - 1] === value[0]) value = value.slice(1, -1);
    pending = { key, value: [value], line: n };
  }
  flush();
  // the options in the order of their lines, as oslo.config ends up reading each
  const finals = [...settings.entries()].map(([id, s]) => ({ group: id.split('\0')[0] as Group, name: id.split('\0')[1]!, set: (s.own ?? s.old)! }))
    .sort((x, y) => x.set.line - y.set.line);
  for (const { group, name, set } of finals) take(conf, notes, candidates, group, name, set);
  // (each placed in the file by its name, when the caller gave one)
  if (file !== undefined) for (const c of candidates) c.file = file;
  if (candidates.length) conf.refusals = candidates.sort((x, y) => x.line - y.line);
  // the notes in the file's order (the values are judged after the whole file is read)
  const lineOf = (n: string) => Number(/^line (\d+)/.exec(n)?.[1] ?? 0);
  notes.sort((x, y) => lineOf(x) - lineOf(y));
  if (skipped.size > 0) {
    const names = [...skipped.keys()];
    notes.push(`not modelled by bdm-lab (no effect on the XML here): ${names.slice(0, 20).join(', ')}${names.length > 20 ? ` and ${names.length - 20} more` : ''}`);
  }
  return { conf, notes };
}

/** One option's final value: checked as its oslo.config type checks it, kept when bdm-lab models it. */
function take(conf: NovaConf, notes: string[], candidates: RefusalCandidate[], group: Group, name: string, set: Setting): void {
  const spec = OPTIONS[group][name]!;
  const { value, line, section, option } = set;
  const at = `line ${line}`;
  const shown = JSON.stringify(value);
  if (value.includes('$')) {
    notes.push(`${at}: [${section}]${option} = ${shown} refers to another option ($): not read by bdm-lab; ignored`);
    return;
  }
  const eras = ERA_STARTS.map((from) => ({ from, reason: reasonAt(spec, value, from) }))
    .filter((e, i, all) => i === 0 || e.reason !== all[i - 1]!.reason);
  const refusedSomewhere = eras.some((e) => e.reason !== null);
  // what bdm-lab keeps of it (undefined: nothing)
  let kept: unknown;
  if (spec.type === 'bool') {
    const v = value.toLowerCase();
    kept = TRUE.has(v) ? true : FALSE.has(v) ? false : undefined;
  } else if (spec.type === 'list') {
    kept = value === '' ? [] : value.split(',').map(pyStrip).filter((x) => x !== '');
  } else if (spec.type === 'string') {
    // an empty disk_prefix is no prefix, as Nova's truth test reads it
    kept = name === 'disk_prefix' && value === '' ? null : value;
  } else if (spec.type === 'choices') {
    // a value some release takes is kept (the release decides whether oslo.config refuses it)
    kept = spec.eras.some((e) => e.value.includes(value)) ? value : undefined;
  }
  if (refusedSomewhere) {
    const newest = [...eras].reverse().find((e) => e.reason !== null)!.reason!;
    const when = eras.every((e) => e.reason !== null) ? 'oslo.config refuses it' : `oslo.config refuses it in ${releasesText(eras)}`;
    notes.push(`${at}: [${section}]${option} = ${shown}: ${when} (ConfigFileValueError: ${newest}): nova-compute does not start with it, so the preview writes no XML`);
    candidates.push({ line, error: 'ConfigFileValueError', section, option, group, name, value, ...(spec.keep && kept !== undefined ? { kept } : {}), eras });
  } else if (spec.keep && kept === undefined) {
    // a release without choices takes any string (Kilo): bdm-lab has no model of it
    notes.push(`${at}: [${section}]${option} = ${shown} is not a value bdm-lab models (${spec.type === 'choices' ? spec.eras[spec.eras.length - 1]!.value.join(', ') : 'true or false'}); ignored here`);
  }
  if (!spec.keep || kept === undefined) return;
  const target = (conf[group] ??= {}) as Record<string, unknown>;
  target[name] = kept;
}

/** the Nova releases where a reason is not null, in words: "Nova 12-22, Nova 23 and later" */
function releasesText(eras: RefusalCandidate['eras']): string {
  const out: string[] = [];
  eras.forEach((e, i) => {
    if (e.reason === null) return;
    const to = i + 1 < eras.length ? eras[i + 1]!.from - 1 : null;
    out.push(e.from === 0 ? `Nova ${to} and earlier` : to === null ? `Nova ${e.from} and later` : `Nova ${e.from}-${to}`);
  });
  return out.join(', ');
}

/** the refusal candidates a conf carries (its nova.conf's reader put them there) */
export function refusalCandidates(conf: NovaConf | undefined): RefusalCandidate[] {
  return conf?.refusals ? [...conf.refusals] : [];
}

/**
 * What oslo.config refuses in the nova.conf a context's conf was read from, for a Nova release
 * whose major version lies in `majors` (null: unknown): the first refusal, in the file's order, and
 * how many more. A value only some of those releases refuse is not a refusal; an option whose value
 * a stronger layer of the context replaced is not read from this file.
 */
export function confRefusal(conf: NovaConf | undefined, majors: { min: number; max: number }): { refusal: ConfRefusal; more: number } | null {
  const refused: ConfRefusal[] = [];
  for (const c of refusalCandidates(conf)) {
    if (c.group && c.name) {
      const now = (conf?.[c.group as Group] as Record<string, unknown> | undefined)?.[c.name];
      if (now !== undefined && now !== c.kept) continue;
    }
    const inRange = c.eras.filter((e, i) => e.from <= majors.max && (i + 1 >= c.eras.length || c.eras[i + 1]!.from > majors.min));
    if (inRange.length === 0 || inRange.some((e) => e.reason === null)) continue;
    refused.push({ line: c.line, error: c.error, section: c.section, option: c.option, group: c.group, name: c.name, value: c.value, reason: inRange[inRange.length - 1]!.reason!, ...(c.file !== undefined ? { file: c.file } : {}) });
  }
  // a file oslo.config cannot parse is refused before any value is read
  const parse = refused.find((r) => r.error === 'ConfigFileParseError');
  const first = parse ?? refused[0];
  return first ? { refusal: first, more: parse ? 0 : refused.length - 1 } : null;
}

/** The refusal in words: where, what, and oslo.config's own reason. */
export function refusalMessage(r: ConfRefusal, more = 0): string {
  const at = r.file !== undefined ? `${r.file}:${r.line}` : `nova.conf line ${r.line}`;
  const what = r.error === 'ConfigFileParseError' ? `${at}: oslo.config cannot parse the file` : `${at}: [${r.section}]${r.option} = ${JSON.stringify(r.value)}: oslo.config refuses the value`;
  return `${what} (${r.error}: ${r.reason}): nova-compute does not start with it, so Nova writes no XML${more > 0 ? ` (and ${more} more refused value${more > 1 ? 's' : ''})` : ''}`;
}
