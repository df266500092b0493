/**
 * `bdm-lab attach`: replay a volume attach on a lab host and print the timeline (text) or
 * the JSON contract. Exit 0 = attached, 1 = the simulated attach failed (or the real
 * libvirt step did), 2 = bad input (named file and place, never a stack trace).
 */
import { isAbsolute, resolve } from 'node:path';
import { findNodeAtLocation, parseTree, printParseErrorCode, type Node, type ParseError } from 'jsonc-parser';
import { EMBEDDED_LAB_HOSTS } from './embedded';
import { formatLabHostError, loadLabHost } from './labhost';
import { simulateAttachMany } from './simulate';
import { renderText } from './textReport';
import { AttachInputError, PROFILES, type AttachRequest, type LabHost, type Profile, type RaceTrigger } from './types';
import { planRealAttach, realAttach, type ExecFn } from './virsh';
import { escapeLines, escapeOutput, escapeValue, toJsonText } from '../cli/safeText';
import { describeReadError } from '../cli/io';

export interface CliIo {
  stdout: (s: string) => void;
  stderr: (s: string) => void;
  readFile: (p: string) => string;
  cwd: string;
  /** tests inject a fake virsh */
  exec?: ExecFn;
}

const USAGE = `usage: bdm-lab attach --lab FILE|NAME [--context FILE] [--instance UUID] [--volume ID] [--profile P]
                      [--detach-after S | --detach-at STATUS] [--format text|json] [--show-secrets]
                      [--real-libvirt [--allow-libvirt-uri URI]...] [REQUEST_FILE]
  --lab           a *.labhost.json file, or an embedded lab host: ${Object.keys(EMBEDDED_LAB_HOSTS).join(', ')}
  --context       context file (microversion), shape of .bdm-context.json
  --profile       ${PROFILES.join(' | ')} (default: the lab host's)
  --real-libvirt  after a successful simulation, attach the disk for real with virsh: only a file-backed
                  volume inside the lab host's libvirt.allowed_paths, only qemu:///system, qemu:///session,
                  test:///default or a URI given with --allow-libvirt-uri (never an ext transport)
  REQUEST_FILE    a volumeAttachment body, {"server_id", "volumeAttachment"}, or an array of those run at once
exit status: 0 attached, 1 attach failed, 2 bad input
`;

class InputError extends Error {}

/** A message template whose interpolated values (file names, ids, keys) are escaped for the terminal. */
function msg(strings: TemplateStringsArray, ...values: unknown[]): string {
  return strings.reduce((out, s, i) => out + (i > 0 ? escapeValue(String(values[i - 1])) : '') + s, '');
}

/** The text report with every value escaped; the multi-line step texts and XML line by line. */
function escapeResult<T>(v: T, key = ''): T {
  if (typeof v === 'string') return ((key === 'text' || key === 'xml') ? escapeLines(v) : escapeValue(v)) as T;
  if (Array.isArray(v)) return v.map((x) => escapeResult(x, key)) as T;
  if (v && typeof v === 'object') return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, escapeResult(x, k)])) as T;
  return v;
}

interface Args {
  lab?: string;
  context?: string;
  instance?: string;
  volume?: string;
  profile?: string;
  detachAfter?: string;
  detachAt?: string;
  format: 'text' | 'json';
  showSecrets: boolean;
  realLibvirt: boolean;
  allowUris: string[];
  requestFile?: string;
}

function parseArgs(argv: string[]): Args {
  const a: Args = { format: 'text', showSecrets: false, realLibvirt: false, allowUris: [] };
  const list = argv[0] === 'attach' ? argv.slice(1) : argv;
  const value = (i: number, flag: string): string => {
    const v = list[i + 1];
    if (v === undefined || v.startsWith('--')) throw new InputError(msg`${flag} needs a value`);
    return v;
  };
  for (let i = 0; i < list.length; i++) {
    const arg = list[i]!;
    const eq = arg.indexOf('=');
    const [flag, inline] = arg.startsWith('--') && eq > 0 ? [arg.slice(0, eq), arg.slice(eq + 1)] : [arg, undefined];
    const take = (): string => {
      if (inline !== undefined) return inline;
      const v = value(i, flag);
      i++;
      return v;
    };
    switch (flag) {
      case '--lab':
        a.lab = take();
        break;
      case '--context':
        a.context = take();
        break;
      case '--instance':
        a.instance = take();
        break;
      case '--volume':
        a.volume = take();
        break;
      case '--profile':
        a.profile = take();
        break;
      case '--detach-after':
        a.detachAfter = take();
        break;
      case '--detach-at':
        a.detachAt = take();
        break;
      case '--format': {
        const f = take();
        if (f !== 'text' && f !== 'json') throw new InputError(msg`--format must be text or json, not "${f}"`);
        a.format = f;
        break;
      }
      case '--show-secrets':
        a.showSecrets = true;
        break;
      case '--real-libvirt':
        a.realLibvirt = true;
        break;
      case '--allow-libvirt-uri':
        a.allowUris.push(take());
        break;
      case '-h':
      case '--help':
        throw new InputError('');
      default:
        if (arg.startsWith('-')) throw new InputError(msg`unknown option ${arg}`);
        if (a.requestFile !== undefined) throw new InputError(msg`only one REQUEST_FILE may be given (got "${a.requestFile}" and "${arg}")`);
        a.requestFile = arg;
    }
  }
  return a;
}

function readInput(io: CliIo, p: string, what: string): string {
  const full = isAbsolute(p) ? p : resolve(io.cwd, p);
  try {
    return io.readFile(full);
  } catch (e) {
    const r = describeReadError(e);
    throw new InputError(msg`${p}: cannot read ${what}: ${r.code} (${r.message.replace(/^cannot read: /, '')})`);
  }
}

function lineCol(text: string, offset: number): string {
  const before = text.slice(0, offset).split('\n');
  return `${before.length}:${before[before.length - 1]!.length + 1}`;
}

function parseJson(text: string, file: string): { root: Node; value: unknown } {
  const errors: ParseError[] = [];
  const root = parseTree(text, errors, { allowTrailingComma: true });
  if (errors.length || !root) {
    const e = errors[0];
    throw new InputError(msg`${file}:${lineCol(text, e?.offset ?? 0)}: $: JSON syntax error: ${e ? printParseErrorCode(e.error) : 'empty document'}`);
  }
  const value = JSON.parse(JSON.stringify(nodeToValue(root)));
  return { root, value };
}

function nodeToValue(n: Node): unknown {
  if (n.type === 'object') return Object.fromEntries((n.children ?? []).map((p) => [String(p.children![0]!.value), p.children![1] ? nodeToValue(p.children![1]) : null]));
  if (n.type === 'array') return (n.children ?? []).map(nodeToValue);
  return n.value;
}

function placeOf(text: string, root: Node, path: Array<string | number>): string {
  const n = findNodeAtLocation(root, path);
  const jp = '$' + path.map((s) => (typeof s === 'number' ? `[${s}]` : `.${s}`)).join('');
  return `${lineCol(text, n?.offset ?? 0)}: ${jp}`;
}

const CONTEXT_KEYS = new Set(['$schema', 'microversion', 'flavor', 'max_local_block_devices', 'zero_disk_flavor_allowed', 'cinder_volume_types', 'libvirt']);

function readContext(io: CliIo, file: string): string | undefined {
  const text = readInput(io, file, 'the context file');
  const { root, value } = parseJson(text, file);
  if (value === null || typeof value !== 'object' || Array.isArray(value)) throw new InputError(msg`${file}:${placeOf(text, root, [])}: the context must be an object`);
  for (const k of Object.keys(value)) if (!CONTEXT_KEYS.has(k)) throw new InputError(msg`${file}:${placeOf(text, root, [k])}: unknown key "${k}"`);
  const mv = (value as Record<string, unknown>).microversion;
  if (mv === undefined) return undefined;
  if (typeof mv !== 'string' || !/^2\.\d+$/.test(mv)) throw new InputError(msg`${file}:${placeOf(text, root, ['microversion'])}: microversion must be a string "2.N"`);
  return mv;
}

function readRequests(io: CliIo, file: string, lab: LabHost, instance: string | undefined, volume?: string): AttachRequest[] {
  const text = readInput(io, file, 'the request file');
  const { root, value } = parseJson(text, file);
  const one = (v: unknown, path: Array<string | number>): AttachRequest => {
    if (v === null || typeof v !== 'object' || Array.isArray(v)) throw new InputError(msg`${file}:${placeOf(text, root, path)}: expected an object with "volumeAttachment"`);
    const o = v as Record<string, unknown>;
    if (!('volumeAttachment' in o)) throw new InputError(msg`${file}:${placeOf(text, root, path)}: missing "volumeAttachment"`);
    const server = o.server_id ?? instance ?? lab.instances[0]?.uuid;
    if (typeof server !== 'string') throw new InputError(msg`${file}:${placeOf(text, root, [...path, 'server_id'])}: "server_id" must be a string (or pass --instance)`);
    let va = o.volumeAttachment;
    if (va === null || typeof va !== 'object' || Array.isArray(va)) throw new InputError(msg`${file}:${placeOf(text, root, [...path, 'volumeAttachment'])}: "volumeAttachment" must be an object`);
    // --volume names the volume for a single request, whatever the file says.
    if (volume !== undefined && !Array.isArray(value)) {
      if (!lab.volumes.some((x) => x.id === volume)) throw new InputError(msg`--volume ${volume}: not on lab host "${lab.name}" (volumes: ${lab.volumes.map((x) => x.id).join(', ')})`);
      va = { ...(va as Record<string, unknown>), volumeId: volume };
    }
    const vid = (va as Record<string, unknown>).volumeId;
    if (typeof vid === 'string' && !lab.volumes.some((x) => x.id === vid)) throw new InputError(msg`${file}:${placeOf(text, root, [...path, 'volumeAttachment', 'volumeId'])}: volume ${vid} is not on lab host "${lab.name}"`);
    if (!lab.instances.some((x) => x.uuid === server)) throw new InputError(msg`${file}:${placeOf(text, root, 'server_id' in o ? [...path, 'server_id'] : path)}: instance ${server} is not on lab host "${lab.name}"`);
    return { server_id: server, volumeAttachment: va as AttachRequest['volumeAttachment'] };
  };
  if (Array.isArray(value)) {
    if (value.length === 0) throw new InputError(msg`${file}:${placeOf(text, root, [])}: the request array is empty`);
    return value.map((v, i) => one(v, [i]));
  }
  return [one(value, [])];
}

function loadLab(io: CliIo, name: string): LabHost {
  const embedded = EMBEDDED_LAB_HOSTS[name];
  const looksLikeName = !name.includes('/') && !name.endsWith('.json');
  const text = embedded !== undefined && looksLikeName ? embedded : readInput(io, name, 'the lab host');
  const r = loadLabHost(text, embedded !== undefined && looksLikeName ? `embedded:${name}` : name);
  if (!r.ok) throw new InputError(r.errors.map((e) => escapeValue(formatLabHostError(e))).join('\n'));
  return r.labHost;
}

export async function runAttachCli(argv: string[], rawIo: CliIo): Promise<number> {
  // stderr is always text: the safety net escapes whatever a message forgot (LF passes).
  const io: CliIo = { ...rawIo, stderr: (s) => rawIo.stderr(escapeOutput(s)) };
  let args: Args;
  try {
    args = parseArgs(argv);
    if (!args.lab) throw new InputError('--lab is required');
  } catch (e) {
    if (e instanceof InputError && e.message) io.stderr(`bdm-lab attach: ${e.message}\n`);
    io.stderr(USAGE);
    return 2;
  }
  try {
    const lab = loadLab(io, args.lab);
    if (args.profile !== undefined && !PROFILES.includes(args.profile as Profile)) throw new InputError(msg`--profile must be one of ${PROFILES.join(', ')}, not "${args.profile}"`);
    if (args.detachAfter !== undefined && args.detachAt !== undefined) throw new InputError('--detach-after and --detach-at exclude each other');
    let race: RaceTrigger | undefined;
    if (args.detachAfter !== undefined) {
      const s = Number(args.detachAfter);
      if (!Number.isFinite(s) || s < 0) throw new InputError(msg`--detach-after needs seconds >= 0, not "${args.detachAfter}"`);
      race = { afterInUseS: s };
    }
    if (args.detachAt !== undefined) race = { atStatus: args.detachAt };
    const microversion = args.context ? readContext(io, args.context) : undefined;
    let requests: AttachRequest[];
    if (args.requestFile) {
      requests = readRequests(io, args.requestFile, lab, args.instance, args.volume);
    } else {
      if (!args.volume) throw new InputError('give --volume ID (and --instance UUID) or a REQUEST_FILE');
      const server = args.instance ?? lab.instances[0]?.uuid;
      if (!server) throw new InputError(msg`${args.lab}: the lab host has no instances`);
      if (!lab.instances.some((i) => i.uuid === server)) throw new InputError(msg`--instance ${server}: not on lab host "${lab.name}" (instances: ${lab.instances.map((i) => i.uuid).join(', ')})`);
      if (!lab.volumes.some((v) => v.id === args.volume)) throw new InputError(msg`--volume ${args.volume}: not on lab host "${lab.name}" (volumes: ${lab.volumes.map((v) => v.id).join(', ')})`);
      requests = [{ server_id: server, volumeAttachment: { volumeId: args.volume } }];
    }
    if (args.realLibvirt) {
      if (!lab.libvirt) throw new InputError(msg`${args.lab}: --real-libvirt needs "libvirt": {"uri", "domain"} in the lab host`);
      const vid = requests[0]!.volumeAttachment.volumeId;
      const vol = lab.volumes.find((v) => v.id === vid);
      const proto = vol ? (lab.backends[vol.backend]?.protocol ?? vol.backend) : undefined;
      // Never hand a host block device or a network disk to a real domain: only the lab file backend.
      if (proto !== 'file') throw new InputError(msg`${args.lab}: --real-libvirt attaches only volumes on a "file" backend (a raw file on this host); volume ${String(vid)} is on "${String(proto)}"`);
    }
    const opts = { profile: args.profile as Profile | undefined, microversion, showSecrets: args.showSecrets, race };
    const result = simulateAttachMany(lab, requests, opts);
    let code = result.outcome === 'attached' ? 0 : 1;
    if (args.realLibvirt && lab.libvirt) {
      if (result.outcome === 'attached' && result.xml && result.libvirtFlags !== null) {
        // The secrets-bearing XML never leaves the simulation redacted for libvirt: use the unredacted run.
        const raw = args.showSecrets ? result : simulateAttachMany(lab, requests, { ...opts, showSecrets: true });
        const planned = planRealAttach({ libvirt: lab.libvirt, xml: raw.xml, flags: raw.libvirtFlags, extraUris: args.allowUris });
        if (!planned.ok) throw new InputError(`${args.lab}: --real-libvirt not run: ${planned.reason}`);
        const real = await realAttach(planned.plan, result.durationS, io.exec, undefined, args.allowUris);
        result.steps.push(...real.steps);
        if (!real.ok) code = 1;
      } else {
        result.steps.push({ actor: 'libvirtd (real)', at: result.durationS, durationS: 0, text: 'not run: the simulated attach did not succeed' });
      }
    }
    io.stdout(args.format === 'json' ? toJsonText(result) : escapeOutput(renderText(escapeResult(result))));
    return code;
  } catch (e) {
    if (e instanceof InputError || e instanceof AttachInputError) {
      io.stderr(`bdm-lab attach: ${e instanceof AttachInputError ? `${escapeValue(args.lab ?? '')}: ` : ''}${e instanceof AttachInputError ? escapeValue(e.message) : e.message}\n`);
      return 2;
    }
    io.stderr(`bdm-lab attach: internal error: ${escapeValue((e as Error)?.message ?? String(e))}\n`);
    return 2;
  }
}
