/**
 * The sources bdm-lab reads, and which one a document is. JSON documents are recognised by
 * content (`jsonKind`); each kind has its source module. A new source is a folder here with its
 * factory, and its line in SOURCES.
 */
import type { Node } from 'jsonc-parser';
import { parseJson, prop, toValue } from '../parse/json';
import type { BodyKind, SourceDoc } from './doc';
import { serverBodySource } from './serverBody';
import { bareListSource } from './bareList';
import { attachBodySource } from './attachBody';
import { oscSources } from './oscCli';
import { mentionsServerCreate } from './oscCli/mentions';
// The openstack CLI, Heat, Terraform and Ansible are bundles of their own, loaded on first use
// (scripts/build.mjs); their `mentions` tests are not
import { heatRequests } from './heat';
import { mentionsHeat } from './heat/mentions';
import { terraformSources } from './terraform';
import { mentionsTerraformResources } from './terraform/mentions';
import { ansibleSources } from './ansible';
import { mentionsServerTask } from './ansible/mentions';

export interface JsonSourceInput {
  text: string;
  root: Node;
  microversion: string;
}

/** One factory per kind of JSON document. */
const SOURCES: Record<BodyKind, (inp: JsonSourceInput) => SourceDoc> = {
  server: (inp) => serverBodySource(inp.text, inp.root),
  array: (inp) => bareListSource(inp.text, inp.root, toValue(inp.root) as unknown[], inp.microversion),
  attach: (inp) => attachBodySource(inp.text, inp.root),
};

/** The source of a JSON document of a recognised kind. */
export function jsonSource(kind: BodyKind, inp: JsonSourceInput): SourceDoc {
  return SOURCES[kind](inp);
}

const BDM_KEYS = new Set([
  'source_type', 'destination_type', 'uuid', 'boot_index', 'volume_size', 'device_name', 'delete_on_termination',
  'guest_format', 'device_type', 'disk_bus', 'no_device', 'volume_id', 'snapshot_id', 'image_id', 'virtual_name', 'tag', 'volume_type', 'connection_info',
]);

/**
 * Which kind of body a JSON document is, by content: a server-create body, a bare array of BDM
 * entries, or a volumeAttachment body; anything else is not ours. `forced` (the bdmLab.files glob
 * matched) accepts any JSON object or array.
 */
export function jsonKind(root: Node | undefined, forced = false): BodyKind | null {
  if (!root) return null;
  if (root.type === 'object') {
    if (prop(root, 'server')) return 'server';
    if (prop(root, 'volumeAttachment')) return 'attach';
    // A misspelt envelope is still ours: judge it, so the user learns why Nova refuses it.
    for (const p of root.children ?? []) {
      const v = p.children?.[1];
      if (v?.type !== 'object') continue;
      if (prop(v, 'volumeId')) return 'attach';
      if (prop(v, 'block_device_mapping_v2') || prop(v, 'block_device_mapping')) return 'server';
    }
    return forced ? 'server' : null;
  }
  if (root.type === 'array') {
    const items = root.children ?? [];
    if (items.length === 0) return forced ? 'array' : null;
    const looksLikeBdm = items.some((it) => it.type === 'object' && (it.children ?? []).some((p) => BDM_KEYS.has(String(p.children?.[0]?.value))));
    return looksLikeBdm || forced ? 'array' : null;
  }
  return null;
}

/** The source of a JSON text, or null when it is not a body bdm-lab judges (used by tests and tools). */
export function readJsonSource(text: string, microversion: string, forced = false): SourceDoc | null {
  const root = parseJson(text).root;
  const kind = jsonKind(root, forced);
  return kind && root ? jsonSource(kind, { text, root, microversion }) : null;
}

/**
 * The kinds of text document read for the requests they hold (not as a body themselves): shell
 * scripts and Markdown runbooks (commands), YAML (Heat templates, Ansible tasks) and Terraform.
 */
export type TextKind = 'shell' | 'markdown' | 'yaml' | 'terraform';

/**
 * A source whose requests are written inside a text: it finds them (a command, a resource, a
 * task) and gives one SourceDoc per request, in the order they are written. `mentions` is a
 * cheap test on the raw text before any parsing: a text that fails it holds none of its requests.
 */
export interface TextSource {
  /** the tool that sends the requests ('openstack-cli', 'heat', 'terraform', 'ansible') */
  tool: string;
  kinds: readonly TextKind[];
  mentions(text: string): boolean;
  read(text: string, kind: TextKind, opts?: TextSourceOptions): SourceDoc[];
}

/**
 * What a text source may take from the context: Heat's highest microversion; the cloud's highest
 * compute microversion, for tools that negotiate one (absent: their default).
 */
export interface TextSourceOptions {
  heatMaxMicroversion?: string;
  cloudMax?: string;
  /** the document's file name as its tool names it in a message (Terraform's `file:line,column`): its base name */
  fileName?: string;
  /**
   * Nova's verdict on a request, for a tool that stops at a refused one (Heat: what requires a
   * resource Nova refuses is never made): whether Nova refuses it
   */
  refuses?: (doc: SourceDoc) => boolean;
}

const TEXT_SOURCES: readonly TextSource[] = [
  // `openstack server create` (python-openstackclient 6.0.0)
  { tool: 'openstack-cli', kinds: ['shell', 'markdown'], mentions: mentionsServerCreate, read: (text, kind, opts) => oscSources(text, kind as 'shell' | 'markdown', opts?.cloudMax) },
  // OS::Nova::Server and OS::Cinder::VolumeAttachment in a HOT template (Heat 19.0.0 with novaclient 18.1)
  { tool: 'heat', kinds: ['yaml'], mentions: mentionsHeat, read: (text, _kind, opts) => { const d = heatRequests(text, { microversion: opts?.heatMaxMicroversion, refuses: opts?.refuses }); return [...d.servers, ...d.attachments]; } },
  // openstack_compute_instance_v2 / openstack_compute_volume_attach_v2 (terraform-provider-openstack)
  { tool: 'terraform', kinds: ['terraform'], mentions: mentionsTerraformResources, read: (text, _kind, opts) => terraformSources(text, opts?.fileName) },
  // `openstack.cloud.server` / `os_server` tasks (collection 1.10.0, openstacksdk 0.101.0)
  { tool: 'ansible', kinds: ['yaml'], mentions: mentionsServerTask, read: (text, _kind, opts) => ansibleSources(text, opts?.cloudMax) },
];

/** Whether some source may find requests in a text of this kind (no parsing). */
export function mayHoldRequests(text: string, kind: TextKind): boolean {
  return TEXT_SOURCES.some((s) => s.kinds.includes(kind) && s.mentions(text));
}

/** The requests a text's commands, resources or tasks become, in text order per source. */
export function textSources(text: string, kind: TextKind, opts?: TextSourceOptions): SourceDoc[] {
  const out: SourceDoc[] = [];
  for (const s of TEXT_SOURCES) if (s.kinds.includes(kind) && s.mentions(text)) out.push(...s.read(text, kind, opts));
  return out.length > 1 ? out.sort((a, b) => (a.locate([], 'whole')?.offset ?? 0) - (b.locate([], 'whole')?.offset ?? 0)) : out;
}
