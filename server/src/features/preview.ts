/**
 * What Nova does with each entry: the driver class, the libvirt device Nova's blockinfo gives
 * it, and the <disk> XML of the whole guest. Volumes take their connection_info from the
 * active lab host when it has them (by running its boot flow), else from a built-in backend.
 */
import type { Analysis } from '../analyze';
import type { Context } from '../model/context';
import { driverClassOf, type DriverClass, type NovaBdm } from '../nova/types';
import { TRUE_STRINGS } from '../rules/novaValues';
import { computeDiskInfo, type DiskInfoResult } from '../libvirt/naming';
import { domainDisks, planDomainDisks, workaroundsFor, workaroundsNote, type DomainDisk, type PlannedDisk, type Workarounds } from '../libvirt/domainDisks';
import { needHashes, type ConnectionInfo } from '../libvirt/connectionInfo';
import { providerFormat } from '../libvirt/volumeDetails';
import { labLuksSecretUuid, simulateBoot, type LabHost } from '../attach';
import { releaseInProfile, spanText } from '../attach/engine/novaRelease';
import { confRefusal, refusalMessage, type ConfRefusal } from '../model/novaConfIni';
import { contextRelease, parseRelease, releaseMajors, releasePoint } from '../libvirt/release';
import type { NovaPoint } from '../libvirt/diskXml';
import type { Hashes } from '../ports';

export interface EntryPreviewInfo {
  entry: number | null;
  implicit?: string;
  driverClass: DriverClass | null;
  what: string;
  deviceName: string | null;
  bus: string | null;
  deviceType: string | null;
  bootIndex: string | null;
  xml: string | null;
  connectionSource: string | null;
  error: string | null;
}

export interface Preview {
  /** false when Nova refuses the request: only the entries it accepted are shown */
  accepted: boolean;
  entries: EntryPreviewInfo[];
  implicit: EntryPreviewInfo[];
  disks: DomainDisk[];
  info: DiskInfoResult | null;
  buildError: string | null;
  rootDeviceName: string | null;
  bootDevOrder: string[];
  labHost: string | null;
  /** why the lab host's connection_info was not used (too many volumes to replay its boot) */
  labNote: string | null;
  /** nova.conf options the context sets that its Nova release does not have (it ignores them) */
  confNote?: string | null;
  /**
   * With a lab host: where the Nova release and the `[workarounds]` options the XML follows came
   * from (the lab host's where it states them, else the context's), and where the two disagree.
   */
  deployment?: DeploymentSources | null;
  /**
   * What oslo.config refuses in the compute node's nova.conf (a value its option's type does not
   * take, or a line it cannot parse): nova-compute does not start, so there are no names and no XML.
   */
  novaConfError: NovaConfError | null;
}

/** oslo.config's refusal of the nova.conf, with the words the preview shows */
export interface NovaConfError extends ConfRefusal {
  /** how many more values it refuses */
  more: number;
  message: string;
}

/** What oslo.config refuses in the context's nova.conf for its Nova release, or null. */
export function novaConfErrorOf(context: Context): NovaConfError | null {
  const r = confRefusal(context.nova_conf, releaseMajors(context.nova_release));
  return r ? { ...r.refusal, more: r.more, message: refusalMessage(r.refusal, r.more) } : null;
}

const INSTANCE_UUID = '00000000-0000-4000-8000-000000000001';
/**
 * The lab host's boot flow is replayed for the preview only up to this many volumes (it logs
 * some forty steps per volume): past it, the built-in backends stand in and the preview says so.
 * Simulate Attach itself replays any number.
 */
export const LAB_PREVIEW_MAX_VOLUMES = 256;

export function previewOf(a: Analysis, given: Context, lab: LabHost | null, hashes: Hashes): Preview {
  const g = ground(a, given, lab, hashes);
  if (g.novaConfError) return refused(g, g.sized.map((b) => entryInfo(b, undefined, undefined)));
  let disks: DomainDisk[] = [];
  try {
    disks = domainDisks(g.sized, g.info, g.context, g.diskOptions);
  } catch (e) {
    disks = [];
    g.info.buildError = g.info.buildError ?? `bdm-lab could not render the disks: ${(e as Error).message}`;
  }
  const diskOf = new Map<number, DomainDisk>();
  for (const x of disks) if (x.bdmIndex !== null && !diskOf.has(x.bdmIndex)) diskOf.set(x.bdmIndex, x);
  const all = g.sized.map((b, i) => entryInfo(b, g.info.perBdm[i], diskOf.get(i)));
  return finish(g, all, disks);
}

/**
 * The preview of one entry (what its hover shows): the same names and the same <disk> as
 * previewOf gives it, without writing the other disks (a hover after an edit of a body with
 * thousands of entries). Its `disks` holds that entry's disk only; null when no BDM is that
 * entry's (the caller then has nothing to show, as with previewOf). `kept`: the version's ground
 * (entryGround), shared by its entries' previews.
 */
export function entryPreviewOf(a: Analysis, given: Context, lab: LabHost | null, hashes: Hashes, entry: number, kept: KeptGround = {}): Preview | null {
  const g = entryGround(a, given, lab, hashes, kept)!;
  const i = g.sized.findIndex((b) => b.entry === entry);
  if (i < 0) return null;
  if (g.novaConfError) return refused(g, [entryInfo(g.sized[i]!, undefined, undefined)]);
  let disk: DomainDisk | undefined;
  try {
    disk = groundPlan(g).find((p) => p.bdmIndex === i)?.render();
  } catch {
    // rendering failed: the whole preview says how, as previewOf does
    return previewOf(a, given, lab, hashes);
  }
  return finish(g, [entryInfo(g.sized[i]!, g.info.perBdm[i], disk)], disk ? [disk] : []);
}

/** One version's ground of its entries' previews (`ground`), and the version before's (`previous`) until it is looked at. */
export interface KeptGround { ground?: PreviewGround; previous?: PreviewGround }

/**
 * What every entry's preview of this version shares, worked out once (kept in `kept`, per
 * version), or taken from the previous version when it was worked out from the same BDMs and
 * inputs. `reuseOnly`: nothing is worked out; null when the previous version's is not the same
 * (or there is none): the first entry preview then works it out.
 */
export function entryGround(a: Analysis, given: Context, lab: LabHost | null, hashes: Hashes, kept: KeptGround, reuseOnly = false): PreviewGround | null {
  if (kept.ground) return kept.ground;
  const prev = kept.previous;
  kept.previous = undefined;
  const g = prev && sameGround(prev, a, given, lab, hashes) ? prev : reuseOnly ? null : ground(a, given, lab, hashes);
  if (g) kept.ground = g;
  return g;
}

/** The disks' plan of a ground (what an entry's <disk> is rendered from), worked out once; throws as planDomainDisks does. */
function groundPlan(g: PreviewGround): PlannedDisk[] {
  return (g.plan ??= planDomainDisks(g.sized, g.info, g.context, g.diskOptions));
}

/** What previewOf and entryPreviewOf share: the BDMs with their sizes, Nova's names, the volumes' connection_info. */
function ground(a: Analysis, given: Context, lab: LabHost | null, hashes: Hashes) {
  // Checked here: a missing port must fail, not turn into a build error or the built-in backends below.
  needHashes(hashes, 'previewOf');
  const configDrive = asksConfigDrive(a);
  const deployed = lab ? labDeployment(given, lab) : null;
  const context = withBodyConfigDrive(deployed?.context ?? given, configDrive);
  const accepted = !!a.novaBdms;
  const bdms: NovaBdm[] = a.novaBdms ?? a.entries.map((e) => e.bdm).filter((b): b is NovaBdm => !!b && !b.no_device);
  const sized = bdms.map((b) => withSizes(b, context));
  // nova-compute does not start with a nova.conf oslo.config refuses: no names, no disks (read
  // by the release the compute node runs: the lab host's when it states one)
  const novaConfError = novaConfErrorOf(context);
  const info = computeDiskInfo(sized, context, {
    imageRef: a.imageRef,
    configDriveFormat: context.nova_conf?.DEFAULT?.config_drive_format,
  });
  const instanceUuid = context.instance?.uuid ?? INSTANCE_UUID;
  const volumes = sized.reduce((n, b) => n + (b.destination_type === 'volume' ? 1 : 0), 0);
  const replay = !!lab && volumes <= LAB_PREVIEW_MAX_VOLUMES && !novaConfError;
  const labNote = lab && !replay ? `${volumes} volumes: the lab host's boot is replayed for at most ${LAB_PREVIEW_MAX_VOLUMES}, so the connection_info here comes from the built-in backends (Simulate Attach replays them all)` : null;
  const fromLab = lab && deployed && replay ? labConnections(bootLab(lab, deployed), sized, hashes, instanceUuid, workaroundsFor(context.nova_conf, contextRelease(context))) : new Map<number, LabConnection>();
  const diskOptions = { instanceUuid, hashes, connectionInfoFor: (_b: NovaBdm, i: number) => fromLab.get(i) ?? null };
  const from = { given, lab, hashes, bdms, imageRef: a.imageRef, configDrive };
  const confNote = workaroundsNote(context);
  const deployment = deployed?.sources ?? null;
  return { context, accepted, sized, info, labNote, confNote, deployment, labHost: replay ? lab!.name : null, diskOptions, plan: undefined as PlannedDisk[] | undefined, from, novaConfError };
}

/**
 * True when `g` was worked out from what `ground` would read now: the same context, lab host and
 * hashes (the same objects: one document's inputs), whether Nova accepted the request, and BDMs
 * and imageRef equal value for value. Typing a server's name or a uuid in an entry then reuses
 * the names and the disks' plan of the version before, or works them out again when they changed.
 */
function sameGround(g: PreviewGround, a: Analysis, given: Context, lab: LabHost | null, hashes: Hashes): boolean {
  const f = g.from;
  if (f.given !== given || f.lab !== lab || f.hashes !== hashes || f.imageRef !== a.imageRef || g.accepted !== !!a.novaBdms || f.configDrive !== asksConfigDrive(a)) return false;
  const bdms = a.novaBdms ?? a.entries.map((e) => e.bdm).filter((b): b is NovaBdm => !!b && !b.no_device);
  return bdms.length === f.bdms.length && bdms.every((b, i) => sameValue(b, f.bdms[i]));
}

/** plain data equal value for value (primitives, arrays, plain objects; keys in any order) */
function sameValue(x: unknown, y: unknown): boolean {
  if (x === y) return true;
  if (typeof x !== 'object' || typeof y !== 'object' || x === null || y === null || Array.isArray(x) !== Array.isArray(y)) return false;
  const a = x as Record<string, unknown>, b = y as Record<string, unknown>;
  let n = 0;
  for (const k in a) {
    if (!Object.prototype.hasOwnProperty.call(a, k)) continue;
    if (!Object.prototype.hasOwnProperty.call(b, k) || !sameValue(a[k], b[k])) return false;
    n++;
  }
  for (const k in b) if (Object.prototype.hasOwnProperty.call(b, k)) n--;
  return n === 0;
}

/** What the previews of one version's entries share (entryPreviewOf keeps it between entries). */
export type PreviewGround = ReturnType<typeof ground>;

function entryInfo(b: NovaBdm, d: DiskInfoResult['perBdm'][number] | undefined, disk: DomainDisk | undefined): EntryPreviewInfo {
  return {
    entry: b.entry,
    implicit: b.implicit,
    driverClass: driverClassOf(b),
    what: describe(b),
    deviceName: d ? (d.dev ? `/dev/${d.dev}` : null) : null,
    bus: d?.bus ?? null,
    deviceType: d?.type ?? null,
    bootIndex: d?.bootIndex ?? null,
    xml: disk?.xml || null,
    connectionSource: disk?.connectionSource ?? null,
    error: disk?.error ?? null,
  };
}

function finish(g: ReturnType<typeof ground>, all: EntryPreviewInfo[], disks: DomainDisk[]): Preview {
  const { info } = g;
  return {
    accepted: g.accepted,
    entries: all.filter((x) => x.entry !== null),
    implicit: all.filter((x) => x.entry === null),
    disks,
    info,
    buildError: info.buildError ?? info.defineError ?? null,
    rootDeviceName: info.rootDeviceName,
    bootDevOrder: info.bootDevOrder,
    labHost: g.labHost,
    labNote: g.labNote,
    confNote: g.confNote,
    deployment: g.deployment,
    novaConfError: null,
  };
}

/**
 * The preview when nova-compute does not start with the nova.conf: each entry's driver class (the
 * API accepted it), no device name, no bus, no XML, and why on every entry.
 */
function refused(g: ReturnType<typeof ground>, all: EntryPreviewInfo[]): Preview {
  const e = g.novaConfError!;
  const each = all.map((x) => ({ ...x, error: e.message }));
  return {
    accepted: g.accepted,
    entries: each.filter((x) => x.entry !== null),
    implicit: each.filter((x) => x.entry === null),
    disks: [],
    info: null,
    buildError: null,
    rootDeviceName: null,
    bootDevOrder: [],
    labHost: null,
    labNote: null,
    deployment: g.deployment,
    novaConfError: e,
  };
}

/**
 * What the compute node's spawn fails with first, or null: the naming's build error; else the
 * first disk, in Nova's order, whose config Nova cannot build (the guest storage config stops
 * there); else libvirt's refusal of the domain Nova writes (the XML is serialised and defined
 * only after every device's config is built). For a whole preview (previewOf).
 */
export function spawnError(p: Preview): string | null {
  if (p.novaConfError) return p.novaConfError.message;
  if (p.info?.buildError) return p.info.buildError;
  const failed = p.disks.find((d) => d.error && !d.late);
  if (failed) return `${failed.key}: ${failed.error}`;
  const late = p.disks.find((d) => d.error);
  return p.info?.defineError ?? (late ? `${late.key}: ${late.error}` : p.buildError ?? null);
}

/** Where a value the preview follows came from. */
export interface DeploymentSource {
  from: 'lab host' | 'context';
  /** the field that states it: host.nova_release, profile, host.nova_conf.workarounds; nova_release, nova_conf.workarounds */
  field: string;
}

/**
 * What the compute node of a lab host runs, as the preview renders it: the Nova release (a
 * version or a release profile) and each `[workarounds]` option either side states, each with
 * its source, and the values the context and the lab host state differently.
 */
export interface DeploymentSources {
  labHost: string;
  novaRelease: DeploymentSource & { value: string };
  workarounds: Array<DeploymentSource & { option: WorkaroundOption; value: boolean }>;
  /** one sentence per value the two state differently (the lab host's is used) */
  disagreements: string[];
}

type WorkaroundOption = keyof NonNullable<NonNullable<Context['nova_conf']>['workarounds']>;
const WORKAROUND_OPTIONS: readonly WorkaroundOption[] = ['rbd_volume_local_attach', 'disable_native_luksv1', 'disable_deep_image_inspection'];

/**
 * The context the preview renders against a lab host: the lab host's nova.conf sections under
 * the context's own `[DEFAULT]`/`[libvirt]` keys (a key the context gives wins, as before); the
 * lab host's `[workarounds]` options over the context's, key by key; and the release its Nova
 * runs: `host.nova_release`, else the context's nova_release when it is a Nova version inside
 * the lab host's profile (it says more than the profile), else the lab host's profile. The boot
 * the preview replays runs on the same lab host, so its connection_info comes from that release.
 */
export function labDeployment(context: Context, lab: LabHost): { context: Context; sources: DeploymentSources } {
  const disagreements: string[] = [];
  const host = `lab host "${lab.name}"`;
  const release = labRelease(context.nova_release ?? null, lab, host, disagreements);
  const sections = lab.host.nova_conf.sections;
  const own = context.nova_conf ?? {};
  const DEFAULT = { ...sections?.DEFAULT, ...own.DEFAULT };
  const libvirt = { ...sections?.libvirt, ...own.libvirt };
  const labWa = (sections?.workarounds ?? {}) as Record<string, unknown>;
  const ownWa = (own.workarounds ?? {}) as Record<string, unknown>;
  const workarounds: Partial<Record<WorkaroundOption, boolean>> = {};
  const waSources: DeploymentSources['workarounds'] = [];
  for (const option of WORKAROUND_OPTIONS) {
    const l = labWa[option], c = ownWa[option];
    if (typeof l === 'boolean') {
      workarounds[option] = l;
      waSources.push({ option, value: l, from: 'lab host', field: 'host.nova_conf.workarounds' });
      if (typeof c === 'boolean' && c !== l) disagreements.push(`[workarounds]${option}: the context says ${pyBool(c)}, ${host} ${pyBool(l)}; the lab host's is used`);
    } else if (typeof c === 'boolean') {
      workarounds[option] = c;
      waSources.push({ option, value: c, from: 'context', field: 'nova_conf.workarounds' });
    }
  }
  const lv = { ...context.libvirt };
  if (DEFAULT.force_config_drive) lv.config_drive = true;
  if (lv.disk_prefix === null && libvirt.disk_prefix) lv.disk_prefix = libvirt.disk_prefix;
  const hasWa = Object.keys(workarounds).length > 0;
  const nova_conf = { DEFAULT, libvirt, ...(hasWa ? { workarounds } : {}), ...(own.refusals ? { refusals: own.refusals } : {}) };
  return {
    context: { ...context, libvirt: lv, nova_conf, nova_release: release.value },
    sources: { labHost: lab.name, novaRelease: release, workarounds: waSources, disagreements },
  };
}

const pyBool = (b: boolean) => (b ? 'True' : 'False');

/** The release of labDeployment, with a sentence in `disagreements` when the context names another. */
function labRelease(given: string | null, lab: LabHost, host: string, disagreements: string[]): DeploymentSources['novaRelease'] {
  const stated = lab.host.nova_release !== undefined ? releaseInProfile(lab.host.nova_release, lab.profile) : undefined;
  if (stated) {
    if (given !== null && !sameRelease(given, stated)) disagreements.push(`the context's nova_release "${given}" is not ${host}'s host.nova_release "${lab.host.nova_release}"; the lab host's is used`);
    return { value: lab.host.nova_release!, from: 'lab host', field: 'host.nova_release' };
  }
  const r = given !== null ? parseRelease(given) : null;
  const span = releaseMajors(lab.profile);
  if (given !== null && r?.novaVersion !== undefined && r.novaVersion >= span.min && r.novaVersion <= span.max) {
    return { value: given, from: 'context', field: 'nova_release' };
  }
  if (given !== null && given.trim() !== lab.profile) {
    disagreements.push(`the context's nova_release "${given}" is outside ${host}'s profile "${lab.profile}" (${spanText(lab.profile)}), which names no host.nova_release; the lab host's profile is used`);
  }
  return { value: lab.profile, from: 'lab host', field: 'profile' };
}

/**
 * Whether a context's nova_release names the lab host's release: a profile whose span holds it,
 * or a version of the same major whose written minor and patch (if any) are its own; a series
 * name or year series stands for its whole series.
 */
function sameRelease(given: string, stated: NovaPoint): boolean {
  const r = parseRelease(given);
  if (!r) return false;
  if (r.novaVersion === undefined) {
    const { min, max } = releaseMajors(given);
    return stated.major >= min && stated.major <= max;
  }
  if (r.novaVersion !== stated.major) return false;
  const parts = given.trim().split('.');
  // only a Nova version spells minor and patch (2023.1 is a series, as releasePoint reads it)
  if (Number(parts[0]) !== stated.major || !releasePoint(given)) return true;
  return (parts[1] === undefined || Number(parts[1]) === stated.minor) && (parts[2] === undefined || Number(parts[2]) === stated.patch);
}

/**
 * The lab host whose boot the preview replays: the release and `[workarounds]` labDeployment
 * settled on, so that its Cinder answers and its host steps are that release's and options'.
 */
function bootLab(lab: LabHost, d: { context: Context; sources: DeploymentSources }): LabHost {
  const rel = d.sources.novaRelease.from === 'context' ? d.sources.novaRelease.value : undefined;
  const fromContext = d.sources.workarounds.some((w) => w.from === 'context');
  if (rel === undefined && !fromContext) return lab;
  const nc = lab.host.nova_conf;
  const workarounds = d.context.nova_conf?.workarounds;
  return {
    ...lab,
    host: {
      ...lab.host,
      ...(rel !== undefined ? { nova_release: rel.trim() } : {}),
      nova_conf: fromContext && workarounds ? { ...nc, sections: { ...nc.sections, workarounds: { ...workarounds } } } : nc,
    },
  };
}

/** The lines of the preview's note on labDeployment's sources. */
export function deploymentNotes(d: DeploymentSources | null | undefined): string[] {
  if (!d) return [];
  const src = (s: DeploymentSource) => (s.from === 'lab host' ? `lab host "${d.labHost}" ${s.field}` : `the context's ${s.field}`);
  const rel = `Nova release ${d.novaRelease.value} (${d.novaRelease.field === 'profile' ? 'a release profile, ' : ''}from ${src(d.novaRelease)})`;
  const wa = d.workarounds.map((w) => `[workarounds]${w.option} = ${pyBool(w.value)} (from ${src(w)})`);
  return [`compute node of lab host "${d.labHost}": ${[rel, ...wa].join('; ')}`, ...d.disagreements.map((x) => `the context and lab host "${d.labHost}" disagree: ${x}`)];
}

/**
 * Whether the body asks for a config drive: the compute API keeps `config_drive` as its
 * strict boolean reading (True, or a string oslo's bool_from_string takes for true; the request
 * schema has refused every other value before).
 */
function asksConfigDrive(a: Analysis): boolean {
  const v = a.source?.valueAt(['server', 'config_drive']);
  return v === true || (typeof v === 'string' && TRUE_STRINGS.includes(v.toLowerCase()));
}

/** The instance gets a config drive (`disk.config`) when its body asks for one, whatever the context says. */
function withBodyConfigDrive(context: Context, asked: boolean): Context {
  return asked && !context.libvirt.config_drive ? { ...context, libvirt: { ...context.libvirt, config_drive: true } } : context;
}

/** The sizes the compute API fills in before the BDMs reach the compute node. */
function withSizes(b: NovaBdm, ctx: Context): NovaBdm {
  if (b.volume_size || !ctx.flavor) return b;
  if (b.source_type === 'blank' && b.destination_type === 'local') {
    return { ...b, volume_size: b.guest_format === 'swap' ? ctx.flavor.swap_mb : ctx.flavor.ephemeral_gb };
  }
  return b;
}

type LabConnection = { connectionInfo: ConnectionInfo; source: string; luksSecretUuid?: string; hostEncryptor?: boolean; luksByHost?: boolean };

/**
 * The connection_info of the lab host's volumes from its replayed boot, with how Nova's spawn
 * opens an encrypted one (nova/virt/libvirt/driver.py `_attach_encryptor`, `_allow_native_luksv1`):
 * a LUKS volume gets the libvirt secret, unless `[workarounds]disable_native_luksv1` is in
 * effect (`wa`: Nova 21.0.0-23.x), when os-brick's dm-crypt encryptor opens it on the host (a
 * front-end one; a back-end one is left to the no-op encryptor).
 */
function labConnections(lab: LabHost, bdms: NovaBdm[], hashes: Hashes, instanceUuid: string, wa: Workarounds) {
  const out = new Map<number, LabConnection>();
  try {
    const r = simulateBoot(lab, bdms, { instanceUuid, hashes });
    const indexOfEntry = new Map<number, number>();
    bdms.forEach((b, i) => {
      if (b.entry !== null && !indexOfEntry.has(b.entry)) indexOfEntry.set(b.entry, i);
    });
    r.volumes.forEach((v) => {
      if (!v.connectionInfo || v.entry === null) return;
      const idx = indexOfEntry.get(v.entry);
      if (idx === undefined) return;
      const connectionInfo = v.connectionInfo as unknown as ConnectionInfo;
      out.set(idx, { connectionInfo, source: `lab host "${lab.name}"`, ...labEncryption(lab, v.volumeId, connectionInfo, wa) });
    });
  } catch {
    // The lab host does not hold every id this payload names: the built-in backends stand in.
  }
  return out;
}

/**
 * How Nova's spawn opens a lab volume's encryption (`_attach_encryptor`, 17.0.0 on): nothing
 * unless Cinder's connection_info says `encrypted`; the luks provider (or a legacy class name for
 * it) natively, through a libvirt secret (`<encryption>`), unless `[workarounds]disable_native_luksv1`
 * is in effect; any other provider but the no-op one with a front-end control location through
 * os-brick's encryptor on the host, which needs the connection's host device.
 */
function labEncryption(lab: LabHost, volumeId: string | null, ci: ConnectionInfo, wa: Workarounds): Pick<LabConnection, 'luksSecretUuid' | 'hostEncryptor' | 'luksByHost'> {
  const v = volumeId ? lab.volumes.find((x) => x.id === volumeId) : undefined;
  if (!v || !v.encrypted || ci.data?.encrypted !== true) return {};
  const format = providerFormat(v.encryption?.provider ?? 'luks');
  if (format === 'luks' && !wa.disableNativeLuksv1) return { luksSecretUuid: labLuksSecretUuid(lab, v.id) };
  if (format === null || (v.encryption?.control_location ?? 'front-end') !== 'front-end') return {};
  return { hostEncryptor: true, ...(format === 'luks' ? { luksByHost: true } : {}) };
}

const short = (id: string | null) => (id ? (id.length > 8 ? id.slice(0, 8) + '…' : id) : '?');

export function describe(b: NovaBdm): string {
  const size = b.volume_size;
  switch (driverClassOf(b)) {
    case 'DriverImageBlockDevice':
      return `Nova downloads image ${short(b.uuid)} into the compute host's image cache and boots from a qcow2 overlay of it (a local file).`;
    case 'DriverVolumeBlockDevice':
      return `Nova attaches the existing volume ${short(b.uuid)}: reserve, host connector, Cinder attachment update, os-brick connect, libvirt attach.`;
    case 'DriverVolSnapshotBlockDevice':
      return `Cinder creates a ${size ? `${size} GiB ` : ''}volume from snapshot ${short(b.uuid)}, Nova waits up to 61 polls × 3 s for it to become available, then attaches it.`;
    case 'DriverVolImageBlockDevice':
      return `Cinder creates a ${size ?? '?'} GiB volume from image ${short(b.uuid)}, Nova waits up to 61 polls × 3 s for it to become available, then attaches it.`;
    case 'DriverVolBlankBlockDevice':
      return `Cinder creates an empty ${size ?? '?'} GiB volume, Nova waits up to 61 polls × 3 s for it to become available, then attaches it.`;
    case 'DriverSwapBlockDevice':
      return size ? `Nova creates a ${size} MiB swap file (disk.swap) on the compute host.` : 'A swap entry of size 0: Nova creates no swap disk.';
    case 'DriverEphemeralBlockDevice':
      return `Nova creates a ${size ?? '?'} GiB ephemeral disk on the compute host${b.guest_format ? `, formatted ${b.guest_format}` : ''}.`;
    default:
      return b.no_device ? 'A "no device" placeholder: it becomes no disk.' : 'No driver class takes this entry: it becomes no disk.';
  }
}

/** Markdown for an entry's hover. */
export function entryPreviewMarkdown(p: Preview, entry: number): string | null {
  const e = p.entries.find((x) => x.entry === entry);
  if (!e) return null;
  // The device and its <disk> XML first, right under the hover's title (a hover is short: with
  // the prose first, only ~3 lines of the XML showed before it scrolled); the prose after.
  const lines: string[] = [];
  if (e.deviceName || e.bus) {
    lines.push(`libvirt: \`${e.deviceName ?? '(no name)'}\` on bus \`${e.bus}\`, device \`${e.deviceType}\`${e.bootIndex ? `, boot order ${e.bootIndex}` : ''}`, '');
  }
  if (e.xml) lines.push(hoverXml(e.xml), '');
  lines.push(e.what);
  if (p.buildError) lines.push('', `⚠ The compute node would fail the build: ${p.buildError}`);
  if (e.error) lines.push('', `⚠ ${e.error}`);
  if (e.xml && e.connectionSource) lines.push('', `connection_info from the ${e.connectionSource}`);
  if (e.xml && e.connectionSource) for (const x of deploymentNotes(p.deployment)) lines.push('', `_${x}._`);
  if (e.xml && e.connectionSource && p.confNote) lines.push('', `_${p.confNote}._`);
  if (!p.accepted) lines.push('', '_Nova refuses the request as it stands: names are computed from the entries it accepts._');
  return lines.join('\n');
}

/** A hover shows at most this many lines of a <disk> (the preview document has all of them). */
export const HOVER_XML_LINES = 14;

/**
 * A <disk> as a fenced XML block for a hover: at most HOVER_XML_LINES lines, the rest counted in
 * a closing comment that points at the preview.
 */
export function hoverXml(xml: string): string {
  const all = xml.trimEnd().split('\n');
  const shown = all.length <= HOVER_XML_LINES ? all : [...all.slice(0, HOVER_XML_LINES - 1), `<!-- … ${all.length - HOVER_XML_LINES + 1} more lines: BDM: Preview Domain Disks shows the whole <disk> -->`];
  return ['```xml', ...shown, '```'].join('\n');
}

/** The <devices> disks of the whole payload, as a document. */
export function previewDocument(p: Preview): string {
  const head = [
    '<!-- bdm-lab: the <disk> elements Nova would hand libvirt for this payload, in Nova\'s order.',
    `     root device ${p.rootDeviceName ?? '-'}; boot order ${p.bootDevOrder.join(', ') || '-'}${p.labHost ? `; volumes from lab host "${p.labHost}" where it has them` : ''}.`,
    p.accepted ? null : '     Nova refuses this payload as it stands: this shows the entries it accepts.',
    p.buildError ? `     The compute node would fail the build: ${p.buildError}` : null,
    p.novaConfError ? `     No XML: ${p.novaConfError.message}.` : null,
    p.labNote ? `     ${p.labNote}.` : null,
    ...deploymentNotes(p.deployment).map((x) => `     ${x}.`),
    p.confNote ? `     ${p.confNote}.` : null,
    '-->',
  ].filter(Boolean);
  const body = p.disks.map((d) => (d.xml ? d.xml.replace(/^/gm, '  ').replace(/(?<! ) +$/gm, '') : `  <!-- ${d.key}: ${d.error ?? 'no XML'} -->\n`)).join('');
  return `${head.join('\n')}\n<devices>\n${body}</devices>\n`;
}
