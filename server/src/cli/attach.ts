/**
 * `bdm-lab attach`: replay a volume attach on a lab host and print the timeline (text) or
 * the JSON contract. Exit 0 = the flow asked for ended well (attached, or attached then
 * detached), 1 = it did not (the attach failed, the detach was never sent, failed or left the
 * volume stuck, or the real libvirt step failed), 2 = bad input (named file and place, never a stack trace).
 * The simulator (attach/) has no CLI code: options, files and output are handled here.
 */
import { findNodeAtLocation, parseTree, printParseErrorCode, type Node, type ParseError } from 'jsonc-parser';
import { simulateAttachMany, renderText, AttachInputError, planRealAttach, realAttach, realLibvirtSteps, PROFILES, DETACH_AT_STATUSES, type AttachRequest, type LabHost, type Profile, type RaceTrigger } from '../attach';
import { nodeHost } from '../host';
import { escapeLines, escapeOutput, escapeValue, toJsonText } from './safeText';
import type { CliIo } from './io';
import { InputError, UsageError, loadContextFile, loadLab, microversionOption, msg, parseCommandArgs, readInput, runCommand, baseName } from './common';
import { LineIndex } from '../text/lineIndex';
import { MAX_DEPTH, tooDeepToParse } from '../parse/json';
import { terraformSources } from '../source/terraform';

export type { CliIo } from './io';

/** The text report with every value escaped; the multi-line step texts and XML line by line. */
function escapeResult<T>(v: T, key = ''): T {
  if (typeof v === 'string') return ((key === 'text' || key === 'xml') ? escapeLines(v) : escapeValue(v)) as T;
  if (Array.isArray(v)) return v.map((x) => escapeResult(x, key)) as T;
  if (v && typeof v === 'object') return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, escapeResult(x, k)])) as T;
  return v;
}

const ATTACH_OPTIONS = {
  lab: { type: 'string' },
  context: { type: 'string' },
  microversion: { type: 'string' },
  instance: { type: 'string' },
  volume: { type: 'string' },
  profile: { type: 'string' },
  'detach-after': { type: 'string' },
  'detach-at': { type: 'string' },
  format: { type: 'string' },
  'show-secrets': { type: 'boolean' },
  'real-libvirt': { type: 'boolean' },
  'allow-libvirt-uri': { type: 'string', multiple: true },
  help: { type: 'boolean', short: 'h' },
} as const;

/** 1-based line:column as the editor shows it (the project's LineIndex). */
function lineCol(text: string, offset: number): string {
  const p = new LineIndex(text).position(offset);
  return `${p.line + 1}:${p.character + 1}`;
}

function parseJson(text: string, file: string): { root: Node; value: unknown } {
  // (jsonc-parser recurses once per level: a deeper request is refused before it is parsed)
  const deep = tooDeepToParse(text, MAX_DEPTH);
  if (deep !== null) throw new InputError(msg`${file}:${lineCol(text, deep)}: $: JSON nested deeper than ${String(MAX_DEPTH)} levels`);
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

/**
 * A Terraform file: the volumeAttachment body of each openstack_compute_volume_attach_v2, as the
 * provider sends it. Its instance_id is taken when it is a literal id on the lab host; else
 * --instance, else the lab host's first instance (an id known only after apply names none of them).
 */
function terraformRequests(text: string, file: string, lab: LabHost, instance: string | undefined, volume?: string): AttachRequest[] {
  const docs = terraformSources(text, baseName(file));
  const refused = docs.find((d) => d.body === null && (d.api === 'attach' || d.findings[0]?.code === 'BDM-TF-SYNTAX'));
  if (refused) throw new InputError(msg`${file}:${lineCol(text, refused.findings[0]?.span.offset ?? 0)}: ${String(refused.findings[0]?.args?.detail ?? 'refused')}`);
  const attaches = docs.filter((d) => d.api === 'attach' && d.body !== null);
  if (!attaches.length) throw new InputError(msg`${file}: no openstack_compute_volume_attach_v2 resource`);
  return attaches.map((d) => {
    const va = { ...((d.body as { volumeAttachment: Record<string, unknown> }).volumeAttachment) };
    if (volume !== undefined && attaches.length === 1) {
      if (!lab.volumes.some((x) => x.id === volume)) throw new InputError(msg`--volume ${volume}: not on lab host "${lab.name}" (volumes: ${lab.volumes.map((x) => x.id).join(', ')})`);
      va.volumeId = volume;
    }
    const at = lineCol(text, d.locate(['volumeAttachment', 'volumeId'], 'value')?.offset ?? 0);
    if (!lab.volumes.some((x) => x.id === va.volumeId)) throw new InputError(msg`${file}:${at}: volume ${String(va.volumeId)} is not on lab host "${lab.name}" (pass --volume; volumes: ${lab.volumes.map((x) => x.id).join(', ') || 'none'})`);
    const written = /instance_id\s*=\s*"([^"]+)"/.exec(text.slice(d.t!.resource.span.offset, d.t!.resource.span.offset + d.t!.resource.span.length))?.[1];
    const server = instance ?? (written && lab.instances.some((x) => x.uuid === written) ? written : lab.instances[0]?.uuid);
    if (!server || !lab.instances.some((x) => x.uuid === server)) throw new InputError(msg`--instance ${String(server)}: not on lab host "${lab.name}" (instances: ${lab.instances.map((x) => x.uuid).join(', ') || 'none'})`);
    return { server_id: server, volumeAttachment: va as AttachRequest['volumeAttachment'] };
  });
}

function readRequests(io: CliIo, file: string, lab: LabHost, instance: string | undefined, volume?: string): AttachRequest[] {
  const text = readInput(io, file, 'the request file', undefined, 'file first', true);
  if (/\.tf$/i.test(file)) return terraformRequests(text, file, lab, instance, volume);
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
    if (typeof vid === 'string' && !lab.volumes.some((x) => x.id === vid)) throw new InputError(msg`${file}:${placeOf(text, root, [...path, 'volumeAttachment', 'volumeId'])}: volume ${vid} is not on lab host "${lab.name}" (volumes: ${lab.volumes.map((x) => x.id).join(', ') || 'none'})`);
    if (!lab.instances.some((x) => x.uuid === server)) {
      const known = lab.instances.map((x) => x.uuid).join(', ') || 'none';
      if (!('server_id' in o) && instance !== undefined) throw new InputError(msg`--instance ${instance}: not on lab host "${lab.name}" (instances: ${known})`);
      throw new InputError(msg`${file}:${placeOf(text, root, 'server_id' in o ? [...path, 'server_id'] : path)}: instance ${server} is not on lab host "${lab.name}" (instances: ${known})`);
    }
    return { server_id: server, volumeAttachment: va as AttachRequest['volumeAttachment'] };
  };
  if (Array.isArray(value)) {
    if (value.length === 0) throw new InputError(msg`${file}:${placeOf(text, root, [])}: the request array is empty`);
    return value.map((v, i) => one(v, [i]));
  }
  return [one(value, [])];
}

/** `bdm-lab attach ARGS` with the CLI's error handling (tests call it; a leading "attach" is skipped). */
export function runAttachCli(argv: string[], io: CliIo): Promise<number> {
  return runCommand('bdm-lab attach', attachCommand, argv[0] === 'attach' ? argv.slice(1) : argv, io);
}

interface Args {
  lab: string;
  context?: string;
  microversion?: string;
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

function attachArgs(argv: string[]): Args {
  const { options: o, positional } = parseCommandArgs(argv, ATTACH_OPTIONS);
  if (o.help) throw new UsageError('');
  const format = o.format ?? 'text';
  if (format !== 'text' && format !== 'json') throw new UsageError(msg`--format must be text or json, not "${format}"`);
  if (positional.length > 1) throw new UsageError(msg`only one REQUEST_FILE may be given (got "${positional[0]}" and "${positional[1]}")`);
  if (!o.lab) throw new UsageError('--lab is required');
  return {
    lab: o.lab, context: o.context, microversion: microversionOption(o.microversion), instance: o.instance, volume: o.volume, profile: o.profile, detachAfter: o['detach-after'], detachAt: o['detach-at'],
    format, showSecrets: o['show-secrets'] ?? false, realLibvirt: o['real-libvirt'] ?? false, allowUris: o['allow-libvirt-uri'] ?? [], requestFile: positional[0],
  };
}

/** The attach subcommand; throws UsageError / InputError (see runCommand). */
export async function attachCommand(argv: string[], io: CliIo): Promise<number> {
  const args = attachArgs(argv);
  try {
    const lab = loadLab(args.lab, io);
    if (args.profile !== undefined && !PROFILES.includes(args.profile as Profile)) throw new InputError(msg`--profile must be one of ${PROFILES.join(', ')}, not "${args.profile}"`);
    if (args.detachAfter !== undefined && args.detachAt !== undefined) throw new InputError('--detach-after and --detach-at exclude each other');
    let race: RaceTrigger | undefined;
    if (args.detachAfter !== undefined) {
      const s = Number(args.detachAfter);
      if (!Number.isFinite(s) || s < 0) throw new InputError(msg`--detach-after needs seconds >= 0, not "${args.detachAfter}"`);
      race = { afterInUseS: s };
    }
    if (args.detachAt !== undefined) {
      if (!DETACH_AT_STATUSES.includes(args.detachAt)) throw new InputError(msg`--detach-at must be a volume status the attach passes through: ${DETACH_AT_STATUSES.join(', ')} (got "${args.detachAt}")`);
      race = { atStatus: args.detachAt };
    }
    // the same strict reader as check --context; attach uses its microversion
    const microversion = args.microversion ?? (args.context ? loadContextFile(args.context, io).microversion : undefined);
    let requests: AttachRequest[];
    if (args.requestFile) {
      requests = readRequests(io, args.requestFile, lab, args.instance, args.volume);
    } else {
      // A lab host with one volume needs no --volume.
      const volume = args.volume ?? (lab.volumes.length === 1 ? lab.volumes[0]!.id : undefined);
      if (!volume) throw new InputError(msg`give --volume ID (and --instance UUID) or a REQUEST_FILE; lab host "${lab.name}" has ${lab.volumes.length ? `the volumes ${lab.volumes.map((v) => v.id).join(', ')}` : 'no volumes'}`);
      const server = args.instance ?? lab.instances[0]?.uuid;
      if (!server) throw new InputError(msg`${args.lab}: the lab host has no instances`);
      if (!lab.instances.some((i) => i.uuid === server)) throw new InputError(msg`--instance ${server}: not on lab host "${lab.name}" (instances: ${lab.instances.map((i) => i.uuid).join(', ')})`);
      if (!lab.volumes.some((v) => v.id === volume)) throw new InputError(msg`--volume ${volume}: not on lab host "${lab.name}" (volumes: ${lab.volumes.map((v) => v.id).join(', ')})`);
      requests = [{ server_id: server, volumeAttachment: { volumeId: volume } }];
    }
    if (args.realLibvirt) {
      if (!lab.libvirt) throw new InputError(msg`${args.lab}: --real-libvirt needs "libvirt": {"uri", "domain"} in the lab host`);
      const vid = requests[0]!.volumeAttachment.volumeId;
      const vol = lab.volumes.find((v) => v.id === vid);
      const proto = vol ? (lab.backends[vol.backend]?.protocol ?? vol.backend) : undefined;
      // Never hand a host block device or a network disk to a real domain: only the lab file backend.
      if (proto !== 'file') throw new InputError(msg`${args.lab}: --real-libvirt attaches only volumes on a "file" backend (a raw file on this host); volume ${String(vid)} is on "${String(proto)}"`);
    }
    const host = nodeHost();
    const opts = { profile: args.profile as Profile | undefined, microversion, showSecrets: args.showSecrets, race, hashes: host.hashes };
    const result = simulateAttachMany(lab, requests, opts);
    // The flow's outcome decides: the attach, and the detach when one was asked for.
    let code = result.outcome === 'attached' || result.outcome === 'detached' ? 0 : 1;
    if (args.realLibvirt && lab.libvirt) {
      if (result.attachOutcome === 'attached' && result.xml && result.libvirtFlags !== null) {
        // The secrets-bearing XML never leaves the simulation redacted for libvirt: use the unredacted run.
        const raw = args.showSecrets ? result : simulateAttachMany(lab, requests, { ...opts, showSecrets: true });
        const planned = planRealAttach({ libvirt: lab.libvirt, xml: raw.xml, flags: raw.libvirtFlags, extraUris: args.allowUris }, host.files);
        if (!planned.ok) throw new InputError(`${args.lab}: --real-libvirt not run: ${planned.reason}`);
        const real = await realAttach(planned.plan, result.durationS, { run: io.exec ?? host.run, temp: host.temp }, undefined, args.allowUris);
        result.steps.push(...realLibvirtSteps(real));
        if (!real.ok) code = 1;
      } else {
        result.steps.push({ actor: 'libvirtd (real)', at: result.durationS, durationS: 0, text: 'not run: the simulated attach did not succeed', status: 'skipped' });
      }
    }
    io.stdout(args.format === 'json' ? toJsonText(result) : escapeOutput(renderText(escapeResult(result))));
    // The flow the user asked for includes the detach (armed on the first request): one never
    // sent, or one that leaves the volume stuck, is a failed run whatever the attach did.
    if (race) {
      const r = result;
      if (r.outcome === 'detach_not_sent' || (r.outcome === 'failed' && !r.detach)) {
        io.stderr(msg`bdm-lab attach: no detach was sent: the volume never ${'atStatus' in race ? `reached status "${race.atStatus}"` : 'reached in-use'} (statuses: ${r.statusSequence.join(' -> ')})\n`);
      } else if (r.outcome === 'stuck' || r.outcome === 'detach_failed') {
        io.stderr(msg`bdm-lab attach: the detach did not finish: the volume is left "${r.volumeStatus}"${r.detach?.error ? ` (${r.detach.error})` : ''}\n`);
      }
    }
    return code;
  } catch (e) {
    // the simulator's own input errors are about the lab host
    if (e instanceof AttachInputError) throw new InputError(`${escapeValue(args.lab)}: ${escapeValue(e.message)}`);
    throw e;
  }
}
