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

/** The kinds of text document read for the commands they hold (not as a body themselves). */
export type CommandTextKind = 'shell' | 'markdown';

/**
 * The sources whose requests are commands written in a text (a script, a runbook): each finds
 * its commands in the text and gives one SourceDoc per command, in the order they are written.
 */
const COMMAND_SOURCES: ReadonlyArray<(text: string, kind: CommandTextKind) => SourceDoc[]> = [
  (text, kind) => oscSources(text, kind), // `openstack server create` (python-openstackclient 6.0.0)
];

/** The requests a shell script's or a Markdown runbook's commands become, in text order. */
export function commandSources(text: string, kind: CommandTextKind): SourceDoc[] {
  return COMMAND_SOURCES.flatMap((f) => f(text, kind));
}
