/**
 * Reading a context from a `.bdm-context.json` text or from `bdmLab.*` settings, and merging
 * the layers (CLI file > nearest .bdm-context.json > folder settings > defaults), keeping
 * where each value came from. Pure: the caller reads the files.
 */
import * as validators from '../generated/validators.cjs';
import { parseJson, toValue, findAt } from '../parse/json';
import type { Span } from '../text/span';
import { defaultContext, machineTypeItem, type Context, type ContextSource, type ComputeHost, type Flavor, type LibvirtContext, type NovaConf, type VolumeDetails, type VolumeType } from './context';

export interface PartialContext {
  microversion?: string;
  flavor?: Flavor | null;
  max_local_block_devices?: number;
  zero_disk_flavor_allowed?: boolean;
  cinder_volume_types?: VolumeType[] | null;
  libvirt?: Partial<LibvirtContext>;
  /** the options, or a path to a nova.conf the caller reads (novaConfPath); a path left unread is ignored */
  nova_conf?: NovaConf | string;
  compute_host?: ComputeHost;
  nova_release?: string;
  cloud_max_microversion?: string;
  instance?: { uuid?: string };
  volumes?: Record<string, VolumeDetails>;
  heat_max_microversion?: string;
}

export interface ContextProblem {
  span: Span;
  message: string;
  path: string;
}

export function parseContextText(text: string): { context: PartialContext; problems: ContextProblem[] } {
  const parsed = parseJson(text, { allowComments: true });
  const problems: ContextProblem[] = parsed.syntax.map((s) => ({ span: s.span, message: s.message.replace('Nova cannot parse this body', 'The context file is not valid JSON'), path: '' }));
  if (!parsed.root) return { context: {}, problems };
  const value = toValue(parsed.root);
  const validate = (validators as unknown as Record<string, ((v: unknown) => boolean) & { errors?: Array<{ instancePath: string; message?: string; keyword: string; params: Record<string, unknown> }> | null }>).context;
  if (!validate(value)) {
    for (const e of validate.errors ?? []) {
      const segs = e.instancePath ? e.instancePath.slice(1).split('/').map((s) => (/^\d+$/.test(s) ? Number(s) : s.replace(/~1/g, '/').replace(/~0/g, '~'))) : [];
      let node = findAt(parsed.root, segs);
      let what = e.message ?? 'is invalid';
      if (e.keyword === 'additionalProperties') {
        const key = String(e.params.additionalProperty);
        const child = findAt(parsed.root, [...segs, key]);
        if (child?.parent?.children?.[0]) node = child.parent.children[0];
        what = `unknown key "${key}"`;
        segs.push(key);
      }
      const path = segs.map(String).join('.') || '(root)';
      problems.push({ span: node ? { offset: node.offset, length: node.length } : { offset: 0, length: 1 }, message: `${path}: ${what}`, path });
    }
    return { context: {}, problems };
  }
  return { context: value as PartialContext, problems };
}

/** The nova.conf path a context names (`"nova_conf": "compute/nova.conf"`), for the caller to read; else null. */
export function novaConfPath(context: PartialContext): string | null {
  return typeof context.nova_conf === 'string' ? context.nova_conf : null;
}

/** bdmLab.* settings (camelCase) -> the context's keys. Unset settings stay undefined. */
export function contextFromSettings(s: Record<string, unknown> | undefined): PartialContext {
  if (!s) return {};
  const out: PartialContext = {};
  if (typeof s.microversion === 'string' && s.microversion) out.microversion = s.microversion;
  const f = s.flavor as Record<string, unknown> | null | undefined;
  if (f && typeof f === 'object' && [f.rootGb, f.ephemeralGb, f.swapMb].every((x) => typeof x === 'number' && Number.isInteger(x) && x >= 0)) {
    out.flavor = { root_gb: f.rootGb as number, ephemeral_gb: f.ephemeralGb as number, swap_mb: f.swapMb as number };
  }
  if (typeof s.maxLocalBlockDevices === 'number') out.max_local_block_devices = s.maxLocalBlockDevices;
  if (typeof s.zeroDiskFlavorAllowed === 'boolean') out.zero_disk_flavor_allowed = s.zeroDiskFlavorAllowed;
  if (Array.isArray(s.cinderVolumeTypes)) out.cinder_volume_types = (s.cinderVolumeTypes as VolumeType[]).filter((t) => t && typeof t.id === 'string' && typeof t.name === 'string');
  const l = s.libvirt as Record<string, unknown> | undefined;
  if (l && typeof l === 'object') {
    const lv: Partial<LibvirtContext> = {};
    if (typeof l.virtType === 'string') lv.virt_type = l.virtType as LibvirtContext['virt_type'];
    if (typeof l.arch === 'string') lv.arch = l.arch;
    if (typeof l.machineType === 'string') lv.machine_type = l.machineType;
    if (l.imageProperties && typeof l.imageProperties === 'object') lv.image_properties = l.imageProperties as Record<string, string>;
    if (typeof l.configDrive === 'boolean') lv.config_drive = l.configDrive;
    if (typeof l.diskPrefix === 'string' || l.diskPrefix === null) lv.disk_prefix = l.diskPrefix as string | null;
    out.libvirt = lv;
  }
  return out;
}

export interface ResolvedContext {
  context: Context;
  sources: Record<string, ContextSource>;
}

/** Merge layers, strongest first. */
export function mergeContext(layers: Array<{ source: ContextSource; context: PartialContext }>): ResolvedContext {
  const ctx = defaultContext();
  const sources: Record<string, ContextSource> = {
    microversion: 'default', flavor: 'default', max_local_block_devices: 'default', zero_disk_flavor_allowed: 'default', cinder_volume_types: 'default', libvirt: 'default',
  };
  // nova.conf's [libvirt]hw_machine_type, when no stronger layer (nor its own libvirt object) names the machine type
  let confMachines: string[] | null = null;
  for (const { source, context } of [...layers].reverse()) {
    if (context.libvirt?.machine_type !== undefined) confMachines = null;
    if (context.microversion !== undefined) { ctx.microversion = context.microversion; sources.microversion = source; }
    if (context.flavor !== undefined) { ctx.flavor = context.flavor; sources.flavor = source; }
    if (context.max_local_block_devices !== undefined) { ctx.max_local_block_devices = context.max_local_block_devices; sources.max_local_block_devices = source; }
    if (context.zero_disk_flavor_allowed !== undefined) { ctx.zero_disk_flavor_allowed = context.zero_disk_flavor_allowed; sources.zero_disk_flavor_allowed = source; }
    if (context.cinder_volume_types !== undefined) { ctx.cinder_volume_types = context.cinder_volume_types; sources.cinder_volume_types = source; }
    if (context.libvirt !== undefined) { ctx.libvirt = { ...ctx.libvirt, ...context.libvirt, image_properties: { ...(context.libvirt.image_properties ?? ctx.libvirt.image_properties) } }; sources.libvirt = source; }
    const nc = context.nova_conf;
    if (nc !== undefined && typeof nc === 'object') {
      ctx.nova_conf = {
        ...(ctx.nova_conf?.DEFAULT || nc.DEFAULT ? { DEFAULT: { ...ctx.nova_conf?.DEFAULT, ...nc.DEFAULT } } : {}),
        ...(ctx.nova_conf?.libvirt || nc.libvirt ? { libvirt: { ...ctx.nova_conf?.libvirt, ...nc.libvirt } } : {}),
        ...(ctx.nova_conf?.workarounds || nc.workarounds ? { workarounds: { ...ctx.nova_conf?.workarounds, ...nc.workarounds } } : {}),
        // what oslo.config refuses in each layer's nova.conf file (confRefusal drops an option a stronger layer sets)
        ...(ctx.nova_conf?.refusals || nc.refusals ? { refusals: [...(ctx.nova_conf?.refusals ?? []), ...(nc.refusals ?? [])] } : {}),
      };
      sources.nova_conf = source;
      // nova.conf's own spelling of options the context's libvirt object also carries; the
      // same layer's libvirt object wins.
      const lv = context.libvirt ?? {};
      const changed: Partial<LibvirtContext> = {};
      if (nc.libvirt?.virt_type !== undefined && lv.virt_type === undefined) changed.virt_type = nc.libvirt.virt_type;
      if (nc.libvirt?.disk_prefix !== undefined && lv.disk_prefix === undefined) changed.disk_prefix = nc.libvirt.disk_prefix;
      if (nc.DEFAULT?.force_config_drive === true && lv.config_drive === undefined) changed.config_drive = true;
      if (Array.isArray(nc.libvirt?.hw_machine_type) && lv.machine_type === undefined) confMachines = nc.libvirt.hw_machine_type;
      if (Object.keys(changed).length > 0) { ctx.libvirt = { ...ctx.libvirt, ...changed }; sources.libvirt = source; }
    }
    if (context.compute_host !== undefined) { ctx.compute_host = { ...ctx.compute_host, ...context.compute_host }; sources.compute_host = source; }
    if (context.nova_release !== undefined) { ctx.nova_release = context.nova_release; sources.nova_release = source; }
    if (context.heat_max_microversion !== undefined) ctx.heat_max_microversion = context.heat_max_microversion;
    if (context.cloud_max_microversion !== undefined) { ctx.cloud_max_microversion = context.cloud_max_microversion; sources.cloud_max_microversion = source; }
    if (context.instance !== undefined) { ctx.instance = { uuid: context.instance.uuid ?? ctx.instance?.uuid ?? null }; sources.instance = source; }
    // per volume id: a stronger layer's entry replaces the weaker one's
    if (context.volumes !== undefined) { ctx.volumes = { ...ctx.volumes, ...context.volumes }; sources.volumes = source; }
  }
  // (its item for the arch the layers settled on; a list naming no type for that arch leaves the
  // weaker layers' machine type, Nova's default for x86 when none names one)
  const confMachine = confMachines ? machineTypeItem(confMachines, ctx.libvirt.arch) : null;
  if (confMachine !== null) ctx.libvirt = { ...ctx.libvirt, machine_type: confMachine };
  return { context: ctx, sources };
}

/** The keys each object setting takes, with the context file's spelling when it differs. */
const SETTING_KEYS: Record<string, Record<string, string>> = {
  flavor: { rootGb: 'root_gb', ephemeralGb: 'ephemeral_gb', swapMb: 'swap_mb' },
  libvirt: { virtType: 'virt_type', arch: 'arch', machineType: 'machine_type', imageProperties: 'image_properties', configDrive: 'config_drive', diskPrefix: 'disk_prefix' },
};

/**
 * What in the bdmLab.* settings is ignored, and why, in words that name the setting's own keys
 * (the settings take camelCase, a .bdm-context.json takes Nova's snake_case: a flavor written
 * with `root_gb` in the settings would otherwise be dropped without a word).
 */
export function settingsProblems(s: Record<string, unknown> | undefined): string[] {
  if (!s) return [];
  const out: string[] = [];
  for (const [setting, keys] of Object.entries(SETTING_KEYS)) {
    const v = s[setting];
    if (v === undefined || v === null) continue;
    if (typeof v !== 'object' || Array.isArray(v)) {
      out.push(`bdmLab.${setting} must be an object: it is ignored.`);
      continue;
    }
    const bySnake = new Map(Object.entries(keys).map(([camel, snake]) => [snake, camel]));
    for (const k of Object.keys(v)) {
      if (k in keys) continue;
      const camel = bySnake.get(k);
      out.push(camel ? `bdmLab.${setting}: "${k}" is the .bdm-context.json spelling; the setting takes "${camel}".` : `bdmLab.${setting}: unknown key "${k}" (it takes ${Object.keys(keys).map((x) => `"${x}"`).join(', ')}).`);
    }
  }
  const f = s.flavor as Record<string, unknown> | null | undefined;
  if (f && typeof f === 'object' && !Array.isArray(f)) {
    const need = Object.keys(SETTING_KEYS.flavor);
    const bad = need.filter((k) => !(typeof f[k] === 'number' && Number.isInteger(f[k]) && (f[k] as number) >= 0));
    if (bad.length) out.push(`bdmLab.flavor is ignored (the flavor stays unknown): ${bad.map((k) => `"${k}"`).join(', ')} ${bad.length > 1 ? 'need' : 'needs'} an integer ≥ 0; it takes {"rootGb": 20, "ephemeralGb": 0, "swapMb": 0}.`);
  }
  return out;
}
