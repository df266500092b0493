/**
 * `openstack server create` as python-openstackclient 6.0.0 runs it (with python-novaclient 18.1):
 * its argument parsing (argparse as argparse.ts reads the words, and its Actions for --block-device,
 * --block-device-mapping, --ephemeral), its own refusals, and the Nova body it then posts, with the
 * microversion header.
 * Facts: shared/spec/sources.md (OSC section) and shared/tools/osc-oracle, which labels the tests.
 * Names that OSC looks up (an image, a volume, a flavor, a network) become stand-in ids: the real
 * ids live in the cloud; `resolved` lists them so a test can put the oracle's ids in their place.
 */
import type { Span } from '../../text/span';
import type { BodyPath } from '../doc';
import { subWord, type Word } from './shell';
import { optionSpecs, parseArgs, type ParserSpec } from './argparse';
import { isPySpace, pyStrRepr } from '../../parse/pyrepr';

export interface Place {
  key?: Span;
  value?: Span;
  whole: Span;
}

export type OscStage = 'osc-client' | 'osc-argparse' | 'osc' | 'novaclient';

export interface OscError {
  /**
   * which part of OSC answers: the compute client it builds from --os-compute-api-version (before
   * any option of the command is read), its argument parser (and Actions), the command itself,
   * or novaclient under it
   */
  stage: OscStage;
  message: string;
  span: Span;
}

export interface Translation {
  microversion: string;
  /** the server-create body (with its top-level scheduler hints), or the volumeAttachment body of `server add volume` */
  body: { server: Record<string, unknown>; 'os:scheduler_hints'?: Record<string, unknown> } | { volumeAttachment: Record<string, unknown> } | null;
  error: OscError | null;
  /** where each written body path is (keyed by JSON.stringify(path)) */
  places: Map<string, Place>;
  /** body paths whose value is a name OSC looks up, with the kind of thing it names */
  resolved: Array<{ path: BodyPath; kind: string; name: string }>;
  imageRef: string | null;
}

const PROG = 'openstack server create: error: ';
const BDM_KEYS = ['uuid', 'source_type', 'destination_type', 'disk_bus', 'device_type', 'device_name', 'volume_size', 'guest_format', 'boot_index', 'delete_on_termination', 'tag', 'volume_type'];
// OSC prints the valid keys from a Python set; this is the order it shows (PYTHONHASHSEED=0)
const BDM_KEYS_SHOWN = 'uuid, guest_format, volume_type, volume_size, tag, device_type, disk_bus, source_type, destination_type, boot_index, device_name, delete_on_termination';

const BOOT_GROUP = ['--image', '--image-property', '--volume', '--snapshot'];
const CONFIG_DRIVE_GROUP = ['--use-config-drive', '--no-config-drive', '--config-drive'];
/** CreateServer's parser: cliff's help and output options, then its own, in the order it adds them ('!': takes no value) */
const PARSER: ParserSpec = {
  prog: 'openstack server create',
  options: optionSpecs([
    '-h/--help!', '-f/--format', '-c/--column', '--noindent!', '--variable', '--prefix', '--max-width', '--fit-width!', '--print-empty!',
    '--flavor', '--image', '--image-property', '--volume', '--snapshot', '--boot-from-volume', '--block-device-mapping', '--block-device', '--swap', '--ephemeral',
    '--network', '--port', '--nic', '--password', '--security-group', '--key-name', '--property', '--file', '--user-data', '--description', '--availability-zone',
    '--host', '--hypervisor-hostname', '--hint', '--use-config-drive!', '--no-config-drive!', '--config-drive', '--min', '--max', '--tag', '--hostname', '--wait!', '--trusted-image-cert',
  ]),
  exclusive: [BOOT_GROUP, CONFIG_DRIVE_GROUP],
  positionals: 1,
};

const UUID_RE = /^[0-9a-f]{8}-?[0-9a-f]{4}-?[0-9a-f]{4}-?[0-9a-f]{4}-?[0-9a-f]{12}$/i;

/** An id for a name OSC looks up: a UUID stays itself, any other name gets a stable stand-in UUID. */
export function standInId(kind: string, name: string): string {
  if (UUID_RE.test(name)) {
    const h = name.replace(/-/g, '').toLowerCase();
    return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
  }
  let hex = '';
  let h = 0x811c9dc5;
  for (let round = 0; round < 4; round++) {
    for (const ch of `${round}:${kind}:${name}`) h = Math.imul(h ^ ch.charCodeAt(0), 0x01000193) >>> 0;
    hex += h.toString(16).padStart(8, '0');
  }
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-5${hex.slice(13, 16)}-8${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}

/** the spaces Python's int() strips around a number: ASCII's own (not \x1c-\x1f, which str.isspace() also takes) and Unicode's */
const PY_SPACE = '[\\t\\n\\v\\f\\r\\x20\\x85\\xa0\\u1680\\u2000-\\u200a\\u2028\\u2029\\u202f\\u205f\\u3000]';
const PY_INT = new RegExp(`^${PY_SPACE}*([+-]?)(\\p{Nd}+(?:_\\p{Nd}+)*)${PY_SPACE}*$`, 'u');

/** the value of a Unicode decimal digit: its place in its run of digits (each run counts 0-9 over and over) */
function digitValue(ch: string): number {
  let cp = ch.codePointAt(0)!;
  let n = 0;
  while (/\p{Nd}/u.test(String.fromCodePoint(cp - 1))) { cp--; n++; }
  return n % 10;
}

/** Python's int() of a command-line string (any Unicode decimal digits, '_' between them, spaces around), or null */
function pyInt(s: string): number | null {
  const m = PY_INT.exec(s);
  if (!m) return null;
  const digits = [...m[2].replace(/_/g, '')].map((c) => (c >= '0' && c <= '9' ? c : String(digitValue(c)))).join('');
  // -0 is Python's 0
  return Number(m[1] + digits) || 0;
}


/** Python's str.strip(): those characters off both ends (a scan, not a regex: a regex anchored at the end backtracks over long runs) */
function pyStrip(s: string): string {
  let a = 0;
  let b = s.length;
  while (a < b && isPySpace(s.charCodeAt(a))) a++;
  while (b > a && isPySpace(s.charCodeAt(b - 1))) b--;
  return s.slice(a, b);
}

/** oslo strutils.bool_from_string(strict=True) */
function pyBool(s: string): boolean | null {
  const v = pyStrip(s).toLowerCase();
  if (['1', 't', 'true', 'on', 'y', 'yes'].includes(v)) return true;
  if (['0', 'f', 'false', 'off', 'n', 'no'].includes(v)) return false;
  return null;
}

/**
 * What a path is on any machine OSC runs on, where the text alone decides it: a directory (a
 * non-empty path made only of '.', '..' and '/' parts: the working directory, one of its
 * ancestors or the root; also /dev), the null device (/dev/null: it reads as empty), a name
 * that is never there (''), a path that goes on past the null device (`/dev/null/`,
 * `/dev/null/..`: ENOTDIR); else null (whether it is there, and what it holds, is the
 * operator's machine's). Linear: one pass over the parts.
 */
export function knownPath(p: string): 'dir' | 'null-device' | 'missing' | 'not-dir' | null {
  if (p === '') return 'missing';
  const parts = p.split('/');
  // a relative path: only '.', '..' and empty parts
  if (parts[0] !== '') return parts.every((x) => x === '' || x === '.' || x === '..') ? 'dir' : null;
  // an absolute one: the root, /dev and /dev/null are known
  let at: 'root' | 'dev' | 'null' = 'root';
  for (const x of parts.slice(1)) {
    if (at === 'null') return 'not-dir';
    if (x === '' || x === '.') continue;
    if (x === '..') at = 'root';
    else if (at === 'root' && x === 'dev') at = 'dev';
    else if (at === 'dev' && x === 'null') at = 'null';
    else return null;
  }
  return at === 'null' ? 'null-device' : 'dir';
}

/** Python's OSError text for opening a known path that does not open (a directory, a missing name), or null */
function openError(p: string): string | null {
  const k = knownPath(p);
  if (k === 'dir') return `[Errno 21] Is a directory: ${pyStrRepr(p)}`;
  if (k === 'missing') return `[Errno 2] No such file or directory: ${pyStrRepr(p)}`;
  if (k === 'not-dir') return `[Errno 20] Not a directory: ${pyStrRepr(p)}`;
  return null;
}

/** Python's code-point order of two strings (sorted() on str), not UTF-16's */
function pyCompare(a: string, b: string): number {
  const x = [...a];
  const y = [...b];
  for (let i = 0; i < Math.min(x.length, y.length); i++) {
    const d = x[i].codePointAt(0)! - y[i].codePointAt(0)!;
    if (d) return d;
  }
  return x.length - y.length;
}

function spanOf(w: { start: number; end: number }): Span {
  return { offset: w.start, length: Math.max(0, w.end - w.start) };
}
function join(a: { start: number }, b: { end: number }): Span {
  return { offset: a.start, length: Math.max(0, b.end - a.start) };
}

/** an option as argparse gave it; `empty`: its value is an empty list (argparse.ts) */
interface Opt { name: string; nameWord: Word; value: Word | null; whole: Span; empty?: boolean }

/**
 * What reading an empty list (a value `--`, argparse.ts) as text makes an option's Action fail
 * with (cliff prints Python's error): KeyValueAction's own refusal, or a TypeError/AttributeError.
 */
const EMPTY_LIST_FAILS: Record<string, string> = {
  '--property': "Expected 'key=value' type, but got: []",
  '--hint': "Expected 'key=value' type, but got: []",
  '--image-property': "Expected 'key=value' type, but got: []",
  '--nic': "'list' object has no attribute 'split'",
  '--ephemeral': "'list' object has no attribute 'split'",
  '--network': 'sequence item 1: expected str instance, list found',
  '--port': 'sequence item 1: expected str instance, list found',
  '--block-device': 'stat: path should be string, bytes, os.PathLike or integer, not list',
  '--block-device-mapping': "'list' object has no attribute 'partition'",
};
/** options whose empty list OSC looks up by its text (`[]`); the others read it as false, as an empty text */
const EMPTY_LIST_LOOKED_UP = ['--flavor', '--security-group'];

interface KV { key: string; keyWord: Word; valueWord: Word }

class Refusal extends Error {
  constructor(readonly stage: OscStage, message: string, readonly span: Span) {
    super(message);
  }
}

/** KeyValueAction / KeyValueAppendAction values (`k=v` each, split at the first '='): every value per key, in order; null when none */
function keyValueOpts(os: ReadonlyArray<{ value: Word | null }>): Map<string, string[]> | null {
  if (!os.length) return null;
  const out = new Map<string, string[]>();
  for (const o of os) {
    const raw = o.value!.value;
    const eq = raw.indexOf('=');
    const k = raw.slice(0, eq);
    out.set(k, [...(out.get(k) ?? []), raw.slice(eq + 1)]);
  }
  return out;
}

/** `k=v,k=v` as osc_lib's MultiKeyValueAction reads it (the last value of a duplicated key wins). */
function keyValues(w: Word, required: string[], optional: string[], shownValid: string): Map<string, KV> {
  const params = new Map<string, KV>();
  let base = 0;
  for (const part of w.value.split(',')) {
    const pw = subWord(w, base, base + part.length);
    const eq = part.indexOf('=');
    if (eq < 0) throw new Refusal('osc-argparse', `Expected comma separated 'key=value' pairs, but got: ${part}`, spanOf(pw));
    const key = part.slice(0, eq);
    if (key === '') throw new Refusal('osc-argparse', `Each property key must be specified: ${part}`, spanOf(pw));
    // a repeated key keeps the place of its first writing (a Python dict's update), with the last value
    params.set(key, { key, keyWord: subWord(w, base, base + eq), valueWord: subWord(w, base + eq + 1, base + part.length) });
    base += part.length + 1;
  }
  // validate_keys: the keys it does not know first, then the required ones missing
  const invalid = [...params.keys()].filter((k) => !required.includes(k) && !optional.includes(k));
  if (invalid.length) {
    const first = params.get(invalid[0])!;
    throw new Refusal('osc-argparse', `Invalid keys ${invalid.join(', ')} specified.\nValid keys are: ${shownValid}`, spanOf(first.keyWord));
  }
  const missing = required.filter((k) => !params.has(k));
  if (missing.length) throw new Refusal('osc-argparse', `Missing required keys ${missing.join(', ')}.\nRequired keys are: ${required.join(', ')}`, spanOf(w));
  return params;
}

/** cliff's formatters of a command that shows one item (ShowOne), as -f/--format lists them */
const FORMATS = ['json', 'shell', 'table', 'value', 'yaml'];

/** What argparse refuses in a value of cliff's output options (-f/--format one of the formatters, --max-width an int), after `<prog>: error: `; else null. */
export function outputRefusal(name: string, value: string): string | null {
  if (name === '--max-width' && pyInt(value) === null) return `argument --max-width: invalid int value: ${pyStrRepr(value)}`;
  if (name === '--format' && !FORMATS.includes(value)) return `argument -f/--format: invalid choice: ${pyStrRepr(value)} (choose from ${FORMATS.map((f) => `'${f}'`).join(', ')})`;
  return null;
}

/** python-novaclient 18.1's highest microversion (novaclient.API_MAX_VERSION) */
export const NOVACLIENT_MAX_MINOR = 92;

/**
 * The microversion the compute client is built with, from the --os-compute-api-version text (or
 * OS_COMPUTE_API_VERSION), as OSC 6.0.0's shell checks it before any command runs (the compute
 * plugin's check_api_version, novaclient's get_api_version): its refusal of the text, or the
 * header sent (2.0 sends none, which Nova reads as 2.1). A version above novaclient's maximum is
 * refused; X.latest is bypassed by the check, and make_client builds the client at novaclient's maximum.
 */
export function clientMicroversion(text: string): { microversion: string } | { error: string } {
  // an integer-like text N means N.0
  const v = /^[+-]?\d+$/.test(text.trim()) && String(Number(text)) === text ? `${text}.0` : text;
  const m = /^([1-9]\d*)\.([1-9]\d*|0|latest)$/.exec(v);
  if (!m) return { error: `Invalid format of client version '${v}'. Expected format 'X.Y', where X is a major part and Y is a minor part of version.` };
  if (m[1] !== '2') return { error: `Invalid client version '${m[1]}.${m[2]}'. Major part should be '2'` };
  if (m[2] === 'latest') return { microversion: `2.${NOVACLIENT_MAX_MINOR}` };
  if (Number(m[2]) > NOVACLIENT_MAX_MINOR) return { error: `versions supported by client: 2.1 - 2.${NOVACLIENT_MAX_MINOR}` };
  return { microversion: m[2] === '0' ? '2.1' : `2.${Number(m[2])}` };
}

/** Translate the words after `server create` (and the global microversion) as OSC 6.0.0 does. */
export function translate(words: Word[], microversionText: string, commandSpan: Span): Translation {
  const places = new Map<string, Place>();
  const resolved: Translation['resolved'] = [];
  const put = (path: BodyPath, p: Place) => places.set(JSON.stringify(path), p);
  const client = clientMicroversion(microversionText);
  // a refused version is refused before the command's options are read
  if ('error' in client) return { microversion: microversionText, body: null, error: { stage: 'osc-client', message: client.error, span: commandSpan }, places, resolved, imageRef: null };
  const microversion = client.microversion;
  try {
    return run();
  } catch (e) {
    if (!(e instanceof Refusal)) throw e;
    return { microversion, body: null, error: { stage: e.stage, message: e.message, span: e.span }, places, resolved, imageRef: null };
  }

  function run(): Translation {
    // argparse (argparse.ts): each option as it is taken, its Action's checks then
    const opts: Opt[] = [];
    const { positionals, extras } = parseArgs(words, PARSER, (t) => {
      // cliff's help: argparse prints it and exits (the openstack shell takes -h/--help itself first)
      if (t.name === '--help') throw new Refusal('osc-argparse', `${t.nameWord.value} is -h/--help of openstack server create: it prints its help and sends nothing`, spanOf(t.word));
      const o: Opt = { name: t.name, nameWord: t.nameWord, value: t.value, whole: t.whole };
      if (t.empty) {
        if (EMPTY_LIST_FAILS[t.name]) throw new Refusal('osc-argparse', EMPTY_LIST_FAILS[t.name], spanOf(t.value!));
        o.empty = true;
        if (!EMPTY_LIST_LOOKED_UP.includes(t.name)) o.value = { ...t.value!, value: '', offs: [] };
      } else if (o.value) actionCheck(o);
      opts.push(o);
    }, (message, span) => { throw new Refusal('osc-argparse', message, span); });
    const last = (n: string) => { let r: Opt | undefined; for (const o of opts) if (o.name === n) r = o; return r; };
    const all = (n: string) => opts.filter((o) => o.name === n);

    /**
     * The server's other fields from OSC's options (take_action's checks in its order), split by
     * where novaclient's _boot writes them: before min_count, between max_count and the block
     * devices, after the networks; the scheduler hints go beside "server".
     */
    const serverOptions = (imageBoot: boolean) => {
      const before: Record<string, unknown> = {};
      const middle: Record<string, unknown> = {};
      const after: Record<string, unknown> = {};
      const place = (path: BodyPath, o: Opt) => put(path, { key: spanOf(o.nameWord), value: o.value ? spanOf(o.value) : spanOf(o.nameWord), whole: o.whole });
      // the user data's bytes are known only for /dev/null (none): novaclient sends them, base64
      if (userData && knownPath(userData.value!.value) === 'null-device') { before.user_data = ''; place(['server', 'user_data'], userData); }
      const props = keyValueOpts(all('--property'));
      if (props) { before.metadata = Object.fromEntries([...props].map(([k, v]) => [k, v[v.length - 1]])); place(['server', 'metadata'], all('--property')[0]); }
      const keyName = last('--key-name');
      if (keyName?.value!.value) { before.key_name = keyName.value.value; place(['server', 'key_name'], keyName); }
      const cd = configDrive();
      if (cd) { before.config_drive = cd.value; place(['server', 'config_drive'], cd.opt); }
      const pw = last('--password');
      if (pw?.value!.value) { before.adminPass = pw.value.value; place(['server', 'adminPass'], pw); }
      const sgs = all('--security-group');
      if (sgs.length) {
        middle.security_groups = sgs.map((o, i) => {
          resolved.push({ path: ['server', 'security_groups', i, 'name'], kind: 'security_group', name: o.value!.value });
          return { name: standInId('security_group', o.value!.value) };
        });
        place(['server', 'security_groups'], sgs[0]);
      }
      // personality files, sorted by path, when every source's bytes are known (/dev/null: none)
      if (files.size && [...files.values()].every((c) => c !== null)) {
        middle.personality = [...files].sort(([a], [b]) => pyCompare(a, b)).map(([path, contents]) => ({ path, contents }));
        place(['server', 'personality'], all('--file')[0]);
      }
      const az = last('--availability-zone');
      if (az?.value!.value) { middle.availability_zone = az.value.value; place(['server', 'availability_zone'], az); }
      const desc = last('--description');
      if (desc?.value!.value) { after.description = desc.value.value; place(['server', 'description'], desc); }
      const tags = all('--tag');
      if (tags.length) {
        if (!atLeast(52)) throw new Refusal('osc', '--os-compute-api-version 2.52 or greater is required to support the --tag option', tags[0].whole);
        after.tags = tags.map((o) => (o.empty ? [] : o.value!.value));
        place(['server', 'tags'], tags[0]);
      }
      for (const [opt, key] of [['--host', 'host'], ['--hypervisor-hostname', 'hypervisor_hostname']] as const) {
        const o = last(opt);
        if (!o?.value!.value) continue;
        if (!atLeast(74)) throw new Refusal('osc', `--os-compute-api-version 2.74 or greater is required to support the ${opt} option`, o.whole);
        after[key] = o.value.value;
        place(['server', key], o);
      }
      const hostname = last('--hostname');
      if (hostname?.value!.value) {
        if (!atLeast(90)) throw new Refusal('osc', '--os-compute-api-version 2.90 or greater is required to support the --hostname option', hostname.whole);
        after.hostname = hostname.value.value;
        place(['server', 'hostname'], hostname);
      }
      const certs = all('--trusted-image-cert');
      if (certs.length) {
        if (!imageBoot) throw new Refusal('osc', '--trusted-image-cert option is only supported for servers booted directly from images', certs[0].whole);
        if (!atLeast(63)) throw new Refusal('osc', '--os-compute-api-version 2.63 or greater is required to support the --trusted-image-cert option', certs[0].whole);
        // novaclient writes it before host and hostname
        const { host, hypervisor_hostname: hh, hostname: hn, ...rest } = after;
        Object.keys(after).forEach((k) => delete after[k]);
        Object.assign(after, rest, { trusted_image_certificates: certs.map((o) => (o.empty ? [] : o.value!.value)) }, host === undefined ? {} : { host }, hh === undefined ? {} : { hypervisor_hostname: hh }, hn === undefined ? {} : { hostname: hn });
        place(['server', 'trusted_image_certificates'], certs[0]);
      }
      const hintMap = keyValueOpts(all('--hint'));
      const hints = hintMap ? Object.fromEntries([...hintMap].map(([k, v]) => [k, v.length === 1 ? v[0] : v])) : null;
      return { before, middle, after, hints };
    };

    /** --use-config-drive, --no-config-drive, --config-drive VALUE: what novaclient sends (nothing for false) */
    const configDrive = (): { value: unknown; opt: Opt } | null => {
      const o = [...opts].reverse().find((x) => x.name === '--use-config-drive' || x.name === '--no-config-drive' || x.name === '--config-drive');
      if (!o || o.name === '--no-config-drive') return null;
      if (o.name === '--use-config-drive') return { value: true, opt: o };
      const v = o.value!.value;
      if (['true', '1'].includes(v.toLowerCase())) return { value: true, opt: o };
      if (['false', '0', '', 'none'].includes(v.toLowerCase())) return null;
      return { value: v, opt: o };
    };
    const required: string[] = [];
    if (!last('--flavor')) required.push('--flavor');
    if (!positionals.length) required.push('<server-name>');
    if (required.length) throw new Refusal('osc-argparse', `${PROG}the following arguments are required: ${required.join(', ')}`, commandSpan);
    if (!opts.some((o) => BOOT_GROUP.includes(o.name))) throw new Refusal('osc-argparse', `${PROG}one of the arguments ${BOOT_GROUP.join(' ')} is required`, commandSpan);
    if (extras.length) throw new Refusal('osc-argparse', `${PROG}unrecognized arguments: ${extras.map((w) => w.value).join(' ')}`, spanOf(extras[0]));

    // take_action
    const mv = microversion.split('.').map(Number);
    const atLeast = (minor: number) => mv[0] > 2 || (mv[0] === 2 && mv[1] >= minor);
    const nameWord = positionals[0];
    // take_action reads --image, --volume and --snapshot only when the value is not empty
    const given = (o: Opt | undefined) => (o && o.value!.value !== '' ? o : undefined);
    const imageOpt = given(last('--image')) ?? last('--image-property');
    // --image-property picks an image in the cloud by its properties: its id is a stand-in named by the option's text
    const imageKind = imageOpt?.name === '--image-property' ? 'image-property' : 'image';
    let image: string | null = imageOpt ? standInId(imageKind, imageOpt.value!.value) : null;
    const volumeOpt = given(last('--volume'));
    const snapshotOpt = given(last('--snapshot'));
    const bfvOpt = last('--boot-from-volume');
    const bfv = bfvOpt ? pyInt(bfvOpt.value!.value)! : 0;
    if (volumeOpt && bfv) throw new Refusal('osc', '--volume is not allowed with --boot-from-volume', bfvOpt!.whole);
    if (snapshotOpt && bfv) throw new Refusal('osc', '--snapshot is not allowed with --boot-from-volume', bfvOpt!.whole);
    const flavorOpt = last('--flavor')!;
    const fileO = last('--file');
    if (fileO && atLeast(57)) throw new Refusal('osc', 'Personality files are deprecated and are not supported for --os-compute-api-version greater than 2.56; use user data instead', fileO.whole);
    // each --file, in order, is split at its first '=' into two parts (Python's unpacking fails
    // without one; an empty list, from a value `--`, has no split) before its source is opened.
    // Whether a source opens is mostly the operator's machine's, not read here; but one that opens
    // on no machine (knownPath: a directory, an empty name, a path past /dev/null) is refused as it
    // is reached, and /dev/null surely opens empty: a personality file of no bytes
    const files = new Map<string, string | null>();
    for (const o of all('--file')) {
      if (o.empty || !o.value!.value.includes('=')) throw new Refusal('novaclient', o.empty ? "'list' object has no attribute 'split'" : 'not enough values to unpack (expected 2, got 1)', o.whole);
      const raw = o.value!.value;
      const src = raw.slice(raw.indexOf('=') + 1);
      const bad = openError(src);
      if (bad) throw new Refusal('osc', `Can't open '${src}': ${bad}`, o.whole);
      files.set(raw.slice(0, raw.indexOf('=')), knownPath(src) === 'null-device' ? '' : null);
    }
    const minO = last('--min');
    const maxO = last('--max');
    const min = minO ? pyInt(minO.value!.value)! : 1;
    const max = maxO ? pyInt(maxO.value!.value)! : 1;
    // an empty list (a value `--`) compares only with another list: Python's TypeError on the first comparison with a number
    if (minO?.empty || maxO?.empty) {
      const [a, b, op] = minO?.empty && maxO?.empty ? ['list', 'int', '<'] : [minO?.empty ? 'list' : 'int', maxO?.empty ? 'list' : 'int', '>'];
      throw new Refusal('novaclient', `'${op}' not supported between instances of '${a}' and '${b}'`, (minO?.empty ? minO : maxO)!.whole);
    }
    if (min > max) throw new Refusal('osc', 'min instances should be <= max instances', (minO ?? maxO)!.whole);
    if (min < 1) throw new Refusal('osc', 'min instances should be > 0', minO!.whole);
    if (max < 1) throw new Refusal('osc', 'max instances should be > 0', maxO!.whole);
    // --user-data is opened when not empty: a directory refuses; /dev/null is sure to read empty
    const userDataO = last('--user-data');
    const userData = userDataO?.value!.value ? userDataO : undefined;
    if (userData) {
      const bad = openError(userData.value!.value);
      if (bad) throw new Refusal('osc', `Can't open '${userData.value!.value}': ${bad}`, userData.whole);
    }
    const descO = last('--description');
    if (descO && descO.value!.value && !atLeast(19)) throw new Refusal('osc', 'Description is not supported for --os-compute-api-version less than 2.19', descO.whole);

    const L = ['server', 'block_device_mapping_v2'];
    const bdms: Array<Record<string, unknown>> = [];
    const entryPlaces: Array<{ whole: Span; start?: Span; keys: Map<string, { key?: Span; value?: Span }> }> = [];
    const entry = (m: Record<string, unknown>, whole: Span, keys: Array<[string, { key?: Span; value?: Span }]>, start?: Span) => {
      bdms.push(m);
      entryPlaces.push({ whole, start, keys: new Map(keys) });
    };
    const valueSpan = (o: Opt) => spanOf(o.value!);
    if (volumeOpt) {
      entry({ uuid: standInId('volume', volumeOpt.value!.value), boot_index: '0', source_type: 'volume', destination_type: 'volume' }, volumeOpt.whole, [['uuid', { key: spanOf(volumeOpt.nameWord), value: valueSpan(volumeOpt) }]], valueSpan(volumeOpt));
      resolved.push({ path: [...L, 0, 'uuid'], kind: 'volume', name: volumeOpt.value!.value });
    } else if (snapshotOpt) {
      entry({ uuid: standInId('snapshot', snapshotOpt.value!.value), boot_index: '0', source_type: 'snapshot', destination_type: 'volume', delete_on_termination: false }, snapshotOpt.whole, [['uuid', { key: spanOf(snapshotOpt.nameWord), value: valueSpan(snapshotOpt) }]], valueSpan(snapshotOpt));
      resolved.push({ path: [...L, 0, 'uuid'], kind: 'snapshot', name: snapshotOpt.value!.value });
    } else if (bfv) {
      // no image (an empty --image): OSC reads image.id of None
      if (!image) throw new Refusal('novaclient', "'NoneType' object has no attribute 'id'", bfvOpt!.whole);
      entry({ uuid: image, boot_index: '0', source_type: 'image', destination_type: 'volume', volume_size: bfv }, bfvOpt!.whole, [
        ['volume_size', { key: spanOf(bfvOpt!.nameWord), value: valueSpan(bfvOpt!) }],
        ...(imageOpt ? [['uuid', { key: spanOf(imageOpt.nameWord), value: valueSpan(imageOpt) }] as [string, Place]] : []),
      ], valueSpan(bfvOpt!));
      if (imageOpt) resolved.push({ path: [...L, 0, 'uuid'], kind: imageKind, name: imageOpt.value!.value });
      image = null;
    }
    const swapO = last('--swap');
    const swap = swapO ? pyInt(swapO.value!.value)! : 0;
    if (swap) entry({ boot_index: -1, source_type: 'blank', destination_type: 'local', guest_format: 'swap', volume_size: swap, delete_on_termination: true }, swapO!.whole, [['volume_size', { key: spanOf(swapO!.nameWord), value: valueSpan(swapO!) }]], valueSpan(swapO!));
    for (const o of all('--ephemeral')) {
      const kv = keyValues(o.value!, ['size'], ['format'], 'format, size');
      const m: Record<string, unknown> = { boot_index: -1, source_type: 'blank', destination_type: 'local', delete_on_termination: true, volume_size: kv.get('size')!.valueWord.value };
      const keys: Array<[string, { key?: Span; value?: Span }]> = [['volume_size', { key: spanOf(kv.get('size')!.keyWord), value: spanOf(kv.get('size')!.valueWord) }]];
      const fmt = kv.get('format');
      if (fmt) { m.guest_format = fmt.valueWord.value; keys.push(['guest_format', { key: spanOf(fmt.keyWord), value: spanOf(fmt.valueWord) }]); }
      entry(m, o.whole, keys, valueSpan(o));
    }
    for (const o of all('--block-device-mapping')) {
      const w = o.value!;
      const eq = w.value.indexOf('=');
      const devName = subWord(w, 0, eq);
      const parts: Word[] = [];
      let at = eq + 1;
      for (const p of w.value.slice(eq + 1).split(':')) { parts.push(subWord(w, at, at + p.length)); at += p.length + 1; }
      const m: Record<string, unknown> = { device_name: devName.value, uuid: parts[0].value, source_type: 'volume', destination_type: 'volume' };
      const keys: Array<[string, { key?: Span; value?: Span }]> = [['device_name', { value: spanOf(devName) }], ['uuid', { value: spanOf(parts[0]) }]];
      if (parts[1]?.value) { m.source_type = parts[1].value; keys.push(['source_type', { value: spanOf(parts[1]) }]); }
      if (parts[2]?.value) { m.volume_size = parts[2].value; keys.push(['volume_size', { value: spanOf(parts[2]) }]); }
      if (parts[3]?.value) { m.delete_on_termination = parts[3].value; keys.push(['delete_on_termination', { value: spanOf(parts[3]) }]); }
      const kind = m.source_type === 'image' ? 'image' : m.source_type === 'snapshot' ? 'snapshot' : 'volume';
      resolved.push({ path: [...L, bdms.length, 'uuid'], kind, name: parts[0].value });
      m.uuid = standInId(kind, parts[0].value);
      entry(m, o.whole, keys, valueSpan(o));
    }
    for (const o of all('--block-device')) {
      const kv = keyValues(o.value!, [], BDM_KEYS, BDM_KEYS_SHOWN);
      const m: Record<string, unknown> = {};
      const keys: Array<[string, { key?: Span; value?: Span }]> = [];
      for (const [k, v] of kv) { m[k] = v.valueWord.value; keys.push([k, { key: spanOf(v.keyWord), value: spanOf(v.valueWord) }]); }
      const pair = (k: string) => { const v = kv.get(k)!; return join(v.keyWord, v.valueWord); };
      if (kv.has('boot_index')) {
        const n = pyInt(String(m.boot_index));
        if (n === null) throw new Refusal('osc', 'The boot_index key of --block-device should be an integer', pair('boot_index'));
        m.boot_index = n;
      }
      if (kv.has('tag') && !atLeast(42)) throw new Refusal('osc', '--os-compute-api-version 2.42 or greater is required to support the tag key of --block-device', pair('tag'));
      if (kv.has('volume_type') && !atLeast(67)) throw new Refusal('osc', '--os-compute-api-version 2.67 or greater is required to support the volume_type key of --block-device', pair('volume_type'));
      if (kv.has('source_type')) {
        if (!['volume', 'image', 'snapshot', 'blank'].includes(String(m.source_type))) throw new Refusal('osc', 'The source_type key of --block-device should be one of: volume, image, snapshot, blank', pair('source_type'));
      } else m.source_type = 'blank';
      if (kv.has('destination_type')) {
        if (!['local', 'volume'].includes(String(m.destination_type))) throw new Refusal('osc', 'The destination_type key of --block-device should be one of: local, volume', pair('destination_type'));
      } else m.destination_type = m.source_type === 'blank' ? 'local' : 'volume';
      if (kv.has('delete_on_termination')) {
        const b = pyBool(String(m.delete_on_termination));
        if (b === null) throw new Refusal('osc', 'The delete_on_termination key of --block-device should be a boolean-like value', pair('delete_on_termination'));
        m.delete_on_termination = b;
      } else if (m.destination_type === 'local') m.delete_on_termination = true;
      entry(m, o.whole, keys, valueSpan(o));
    }

    // nics; novaclient's refusals come after all of OSC's checks, so they wait in `deferred`
    let deferred: Refusal | undefined;
    const nicOpts = opts.filter((o) => o.name === '--nic' || o.name === '--network' || o.name === '--port');
    // NICAction: auto and none are taken as they are from any of the three options
    const special = nicOpts.find((o) => o.value!.value === 'auto' || o.value!.value === 'none');
    let networks: unknown;
    if (special) {
      if (nicOpts.length > 1) throw new Refusal('osc', 'Specifying a --nic of auto or none cannot be used with any other --nic, --network or --port value.', special.whole);
      networks = special.value!.value;
      // novaclient takes the strings auto/none only from 2.37 on (it answers after OSC's own checks)
      if (!atLeast(37)) deferred ??= new Refusal('novaclient', "nics must be a list or a tuple, not <class 'str'>", special.whole);
    } else if (nicOpts.length) {
      const infos = nicOpts.map(nicInfo);
      // take_action: a tag needs 2.43 (checked nic by nic, before any lookup)
      infos.forEach((kv, i) => { if (kv.has('tag') && !atLeast(43)) throw new Refusal('osc', '--os-compute-api-version 2.43 or greater is required to support the --nic tag field', nicOpts[i].whole); });
      networks = infos.map((kv, i) => {
        const looked = (kind: string, key: string, name: string) => { resolved.push({ path: ['server', 'networks', i, key], kind, name }); return standInId(kind, name); };
        const n: Record<string, unknown> = {};
        if (kv.get('net-id')) n.uuid = looked('network', 'uuid', kv.get('net-id')!);
        // novaclient builds each network, and refuses both fixed addresses
        if (kv.get('v4-fixed-ip') && kv.get('v6-fixed-ip')) deferred ??= new Refusal('novaclient', "Only one of 'v4-fixed-ip' and 'v6-fixed-ip' may be provided.", nicOpts[i].whole);
        if (kv.get('v4-fixed-ip')) n.fixed_ip = kv.get('v4-fixed-ip');
        else if (kv.get('v6-fixed-ip')) n.fixed_ip = kv.get('v6-fixed-ip');
        if (kv.get('port-id')) n.port = looked('port', 'port', kv.get('port-id')!);
        if (kv.get('tag')) n.tag = kv.get('tag');
        return n;
      });
    } else networks = atLeast(37) ? 'auto' : undefined;

    // novaclient: with an image and any entry, the image becomes an image->local root first
    if (image && bdms.length) {
      bdms.unshift({ uuid: image, boot_index: 0, source_type: 'image', destination_type: 'local', delete_on_termination: true });
      // the implicit root's boot_index 0 is the doing of --image itself
      entryPlaces.unshift({ whole: imageOpt!.whole, start: valueSpan(imageOpt!), keys: new Map([['uuid', { key: spanOf(imageOpt!.nameWord), value: valueSpan(imageOpt!) }], ['boot_index', { key: spanOf(imageOpt!.nameWord), value: imageOpt!.whole }]]) });
      for (const r of resolved) if (r.path[1] === L[1]) r.path = [...L, (r.path[2] as number) + 1, ...r.path.slice(3)];
      resolved.push({ path: [...L, 0, 'uuid'], kind: imageKind, name: imageOpt!.value!.value });
    }
    const more = serverOptions(image !== null && !bfv);
    if (deferred) throw deferred;
    // the body as novaclient's _boot writes it, key by key in its order
    const server: Record<string, unknown> = { name: nameWord.value, imageRef: image ?? '', flavorRef: standInId('flavor', flavorOpt.value!.value) };
    if (image) resolved.push({ path: ['server', 'imageRef'], kind: imageKind, name: imageOpt!.value!.value });
    resolved.push({ path: ['server', 'flavorRef'], kind: 'flavor', name: flavorOpt.value!.value });
    Object.assign(server, more.before, { min_count: min, max_count: max }, more.middle);
    if (bdms.length) server.block_device_mapping_v2 = bdms;
    if (networks !== undefined) server.networks = networks;
    Object.assign(server, more.after);
    const body: NonNullable<Translation['body']> = { server };
    if (more.hints) body['os:scheduler_hints'] = more.hints;

    put([], { whole: commandSpan });
    put(['server'], { whole: commandSpan });
    put(['server', 'name'], { value: spanOf(nameWord), whole: spanOf(nameWord) });
    put(['server', 'flavorRef'], { key: spanOf(flavorOpt.nameWord), value: valueSpan(flavorOpt), whole: flavorOpt.whole });
    if (imageOpt) put(['server', 'imageRef'], { key: spanOf(imageOpt.nameWord), value: valueSpan(imageOpt), whole: imageOpt.whole });
    if (nicOpts.length) put(['server', 'networks'], { key: spanOf(nicOpts[0].nameWord), value: valueSpan(nicOpts[0]), whole: nicOpts[0].whole });
    if (bdms.length) put(L, { key: entryPlaces[0].whole, whole: entryPlaces[0].whole });
    entryPlaces.forEach((p, i) => {
      put([...L, i], { key: p.start, value: p.whole, whole: p.whole });
      for (const [k, s] of p.keys) put([...L, i, k], { key: s.key ?? s.value, value: s.value ?? s.key, whole: s.key && s.value ? { offset: s.key.offset, length: s.value.offset + s.value.length - s.key.offset } : (s.value ?? s.key)! });
    });
    return { microversion, body, error: null, places, resolved, imageRef: image };
  }

  /** what an option's argparse Action (or type) refuses as soon as it reads the value */
  function actionCheck(o: Opt): void {
    const v = o.value!;
    if (['--boot-from-volume', '--swap', '--min', '--max'].includes(o.name) && pyInt(v.value) === null) {
      throw new Refusal('osc-argparse', `${PROG}argument ${o.name}: invalid int value: ${pyStrRepr(v.value)}`, spanOf(v));
    }
    const output = outputRefusal(o.name, v.value);
    if (output) throw new Refusal('osc-argparse', `${PROG}${output}`, spanOf(v));
    if (o.name === '--nic' || o.name === '--network' || o.name === '--port') nicInfo(o);
    if (o.name === '--property' || o.name === '--hint' || o.name === '--image-property') {
      if (!v.value.includes('=')) throw new Refusal('osc-argparse', `Expected 'key=value' type, but got: ${v.value}`, spanOf(v));
      if (v.value.startsWith('=')) throw new Refusal('osc-argparse', `Property key must be specified: ${v.value}`, spanOf(v));
    }
    if (o.name === '--block-device') {
      // BDMAction reads a value that names a path that is there as a JSON file (as the value is read)
      const k = knownPath(v.value);
      if (k === 'dir') throw new Refusal('osc-argparse', `IsADirectoryError: [Errno 21] Is a directory: ${pyStrRepr(v.value)}`, spanOf(v));
      if (k === 'null-device') throw new Refusal('osc-argparse', 'JSONDecodeError: Expecting value: line 1 column 1 (char 0)', spanOf(v));
      keyValues(v, [], BDM_KEYS, BDM_KEYS_SHOWN);
    }
    if (o.name === '--ephemeral') keyValues(v, ['size'], ['format'], 'format, size');
    if (o.name === '--block-device-mapping') {
      const eq = v.value.indexOf('=');
      const dev = eq < 0 ? v.value : v.value.slice(0, eq);
      const map = eq < 0 ? '' : v.value.slice(eq + 1);
      // more than four ':'-parts is refused too
      if (!dev || !map || map.split(':').length > 4) throw new Refusal('osc-argparse', `Invalid argument ${v.value}; argument must be of form 'dev-name=id[:type[:size[:delete-on-terminate]]]'`, spanOf(v));
      const type = map.split(':')[1];
      if (type && !['volume', 'snapshot', 'image'].includes(type)) throw new Refusal('osc-argparse', `Invalid argument ${v.value}; 'type' must be one of: volume, snapshot, image`, spanOf(v));
    }
  }

  /**
   * NICAction: a --nic value's keys (--network and --port name one network or port: the value is
   * that key's, and may hold neither ',' nor '='); auto and none are kept as they are (empty map).
   */
  function nicInfo(o: Opt): Map<string, string> {
    const raw = o.value!.value;
    const info = new Map<string, string>();
    if (raw === 'auto' || raw === 'none') return info;
    const key = o.name === '--network' ? 'net-id' : o.name === '--port' ? 'port-id' : null;
    if (key && (raw.includes(',') || raw.includes('='))) throw new Refusal('osc-argparse', `Invalid argument ${raw}; characters ',' and '=' are not allowed`, spanOf(o.value!));
    const values = key ? `${key}=${raw}` : raw;
    for (const part of values.split(',')) {
      const eq = part.indexOf('=');
      const k = eq < 0 ? part : part.slice(0, eq);
      const v = eq < 0 ? '' : part.slice(eq + 1);
      if (!['net-id', 'port-id', 'v4-fixed-ip', 'v6-fixed-ip', 'tag'].includes(k) || !v) {
        throw new Refusal('osc-argparse', `Invalid argument ${values}; argument must be of form 'net-id=net-uuid,port-id=port-uuid,v4-fixed-ip=ip-addr,v6-fixed-ip=ip-addr,tag=tag'`, spanOf(o.value!));
      }
      info.set(k, v);
    }
    if (info.get('net-id') && info.get('port-id')) throw new Refusal('osc-argparse', `Invalid argument ${values}; either network or port should be specified but not both`, spanOf(o.value!));
    return info;
  }
}
