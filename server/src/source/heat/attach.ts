/**
 * OS::Cinder::VolumeAttachment: the volumeAttachment request Heat 19.0.0 sends when it creates
 * one (facts from heat/engine/resources/volume_base.py BaseVolumeAttachment.handle_create,
 * clients/os/nova.py attach_volume, novaclient 18.1 VolumeManager.create_server_volume): once
 * Stack.validate has passed and the resources it refers to are made, its properties are read again
 * with every value (get_resource gives the resource's id); the body names the volume, and the
 * mountpoint as the device only where Python finds it true (an empty one is none: no device);
 * novaclient adds no tag and no delete_on_termination. Heat's nova client asks for Heat's highest
 * microversion, and posts to /servers/{instance_uuid}/os-volume_attachments.
 *
 * Stack.validate's checks of the properties are stackResources.ts's (a refusal there is the
 * stack's: Heat sends nothing); here only the request.
 */
import type { Span } from '../../text/span';
import type { BodyPath, Part, SourceDoc, SourceFinding } from '../doc';
import { BuiltBodyDoc } from '../builtBody';
import { entry, type TemplateNote } from './template';
import { validateMap, type PVal } from './props';
import { resolve } from './resolve';
import type { PSchema } from './schema';
import { validateAtStack, heatRefusal, type HeatTranslation, type Place, type ServerInput } from './translate';
import { resourceFindings } from './placedDoc';
import { locateWritten } from '../places';

/** the resource types whose creation bdm-lab translates into a volumeAttachment request */
export const ATTACH_TYPES: ReadonlySet<string> = new Set(['OS::Cinder::VolumeAttachment']);

/** CinderVolumeAttachment's properties schema, in its order */
export const VOLUME_ATTACHMENT_SCHEMA: Readonly<Record<string, PSchema>> = {
  instance_uuid: { t: 'String', req: true }, volume_id: { t: 'String', req: true }, mountpoint: { t: 'String' },
};

export interface AttachTranslation {
  microversion: string;
  body: { volumeAttachment: Record<string, unknown> } | null;
  error: HeatTranslation['error'];
  notes: TemplateNote[];
  places: Map<string, Place>;
  /** the server the request is posted to, as Heat names it (instance_uuid's value), or null */
  server: string | null;
}

/** Python's truth of a property's value (a text: not empty) */
const pyTrue = (v: unknown): boolean => !(v === undefined || v === null || v === false || v === 0 || v === '');

const placeOf = (v: PVal | undefined, fallback: Span): Place => {
  const n = v?.node;
  return n ? { key: n.keySpan, value: n.span, whole: n.keySpan ? { offset: n.keySpan.offset, length: n.span.offset + n.span.length - n.keySpan.offset } : n.span } : { whole: fallback };
};

/** One volume attachment resource: its properties as Heat reads them when it creates it, and the request it sends. */
export function translateAttachment(inp: ServerInput): AttachTranslation {
  const out: AttachTranslation = { microversion: inp.microversion, body: null, error: null, notes: [], places: new Map(), server: null };
  const typeSpan = entry(inp.node, 'type')?.span ?? inp.keySpan;
  try {
    // (Stack.validate's refusals are the stack's, found before: its notes are not this request's)
    const { input } = validateAtStack(inp, VOLUME_ATTACHMENT_SCHEMA, []);
    const { r, props, at, where } = input;
    r.notes = out.notes;
    const p = validateMap(input.ctx(out.notes), VOLUME_ATTACHMENT_SCHEMA, props, [], where, (k, x) => resolve(r, x, [...at, k], 1));
    const va: Record<string, unknown> = { volumeId: p.volume_id?.v ?? null };
    const put = (path: BodyPath, v: PVal | undefined) => out.places.set(JSON.stringify(path), placeOf(v, typeSpan));
    out.places.set(JSON.stringify(['volumeAttachment']), { key: inp.keySpan, whole: typeSpan });
    put(['volumeAttachment', 'volumeId'], p.volume_id);
    if (pyTrue(p.mountpoint?.v)) {
      va.device = p.mountpoint!.v;
      put(['volumeAttachment', 'device'], p.mountpoint);
    }
    const server = p.instance_uuid?.v;
    out.server = typeof server === 'string' ? server : null;
    out.body = { volumeAttachment: va };
  } catch (e) {
    const err = heatRefusal(e, true);
    if (!err) throw e;
    out.error = err;
  }
  return out;
}

/** One volume attachment as the rules see it: the volumeAttachment body Heat sends, its paths placed on the properties. */
export class HeatAttachDoc extends BuiltBodyDoc implements SourceDoc {
  readonly kind = 'attach' as const;
  readonly api = 'attach' as const;
  readonly tool = 'heat';
  readonly toolLabel: string;
  readonly microversion: string;
  readonly body: unknown;
  readonly imageRef = null;
  readonly findings: readonly SourceFinding[];

  constructor(readonly text: string, readonly name: string, readonly whole: Span, readonly head: Span, readonly translation: AttachTranslation, type: string) {
    super();
    const t = translation;
    this.toolLabel = `Heat 19.0.0 (\`${type}\` ${name}, through novaclient 18.1)`;
    this.microversion = t.microversion;
    this.body = t.body;
    this.findings = resourceFindings(t.error, t.notes);
    if (t.body) this.readBody(t.body, 'attach', []);
  }

  /** where a body path is written: the property that writes it; else the nearest written ancestor; else the resource's type */
  locate(path: BodyPath, part: Part): Span | undefined {
    return locateWritten(this.translation.places, path, part, this.whole, this.head);
  }

  /** everything Heat sends comes from the template */
  covers(): boolean { return true; }
  printPath(path: string): string { return path; }
}
