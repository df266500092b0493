/**
 * Heat HOT templates (`heat_template_version`, YAML): each OS::Nova::Server is one request (and
 * each AWS::EC2::Instance once the stack is made: instance.ts),
 * translated as Heat 19.0.0 and novaclient 18.1 do (translate.ts) and seen through SourceDoc, its
 * body paths mapped back to the properties that write them. Heat's own refusals (the properties
 * check, the block device validation, novaclient's) are the source's findings: Heat answers
 * before Nova, and sends nothing. Values bdm-lab cannot know (a parameter without default, an id
 * the stack creates) are named in notes.
 *
 * Heat asks Nova for its highest microversion at run time (novaclient 18.1 goes up to 2.92): the
 * microversion is the context's `heat_max_microversion` (a setting), 2.92 when it is unset.
 */
import type { Span } from '../../text/span';
import type { BodyPath, Part, SourceDoc, SourceFinding, SourceFix } from '../doc';
import { BuiltBodyDoc } from '../builtBody';
import { parseTemplate, entry, type Template, type TemplateNote } from './template';
import { checkParameterValues } from './paramValues';
import { translateServer, makeServer, HEAT_DEFAULT_MICROVERSION, type HeatTranslation, type ServerInput } from './translate';
import { heatFixes } from './fixes';
import { HEAT_RESOURCE_TYPES } from './resourceTypes';
import { HeatConditions, scanStack, checkNamesAndReferences, checkOutputs, checkReferencedAttributes, externalId } from './conditions';
import { resolve, paramStandIn, checkOutputAttributes, checkParsedFunction } from './resolve';
import { validateStackResource, validationOrder, dependsOn, makeValue, circularDependency, someRequiresNothing } from './stackResources';
import { translateAttachment, HeatAttachDoc, ATTACH_TYPES } from './attach';
import { translateInstance } from './instance';
import { resourceFindings } from './placedDoc';
import { locateWritten } from '../places';

export { translateServer, HEAT_DEFAULT_MICROVERSION, USER_DATA_STANDIN } from './translate';
export { HeatAttachDoc, translateAttachment } from './attach';
export { translateInstance, translateInstanceVolumes } from './instance';
export { parseTemplate } from './template';
export { standInId } from './standIn';

export { mentionsHeat } from './mentions';


/** One OS::Nova::Server (or AWS::EC2::Instance) as the rules see it: the body Heat sends, its paths placed on the properties. */
export class HeatDoc extends BuiltBodyDoc implements SourceDoc {
  readonly kind = 'server' as const;
  readonly api = 'server' as const;
  readonly tool = 'heat';
  readonly toolLabel: string;
  readonly microversion: string;
  readonly body: unknown;
  readonly imageRef: string | null;
  readonly findings: readonly SourceFinding[];

  constructor(readonly text: string, readonly name: string, readonly whole: Span, readonly head: Span, readonly translation: HeatTranslation, readonly type = 'OS::Nova::Server') {
    super();
    const t = translation;
    this.toolLabel = `Heat 19.0.0 (\`${type}\` ${name}, through novaclient 18.1)`;
    this.microversion = t.microversion;
    this.body = t.body;
    this.imageRef = t.imageRef;
    this.findings = resourceFindings(t.error, t.notes);
    if (t.body) this.readBody(t.body, 'server', [{ path: ['server', 'block_device_mapping_v2'], syntax: 'v2' }, { path: ['server', 'block_device_mapping'], syntax: 'v1' }]);
  }

  /** where a body path is written: the property (or entry key) that writes it; else the nearest written ancestor; else the resource's type */
  locate(path: BodyPath, part: Part): Span | undefined {
    return locateWritten(this.translation.places, path, part, this.whole, this.head);
  }

  /** everything Heat sends comes from the template (a default is Heat's doing for a property) */
  covers(): boolean { return true; }
  printPath(path: string): string { return path; }

  fixes(d: { code: string; span: Span; path: string; entry: number | null }): SourceFix[] {
    return heatFixes(this, d);
  }
}

function resourceSpan(tmpl: Template, i: number): { whole: Span; head: Span } {
  const r = tmpl.resources[i];
  const end = r.node.span.offset + r.node.span.length;
  const type = entry(r.node, 'type');
  return { whole: { offset: r.keySpan.offset, length: end - r.keySpan.offset }, head: type?.span ?? r.keySpan };
}

export interface HeatOptions {
  /** the highest microversion the cloud offers Heat (default 2.92) */
  microversion?: string;
  /** the stack's parameter values */
  params?: Record<string, unknown>;
  /**
   * Nova's verdict on a request Heat posts (a server's, an instance's, an attachment's): whether
   * Nova refuses it. Heat's create posts it through novaclient with nothing to catch Nova's
   * refusal, so the resource fails as it does when novaclient refuses it, and what requires it is
   * never made. Asked only of a request something else requires. Absent: Nova takes every request.
   */
  refuses?: (doc: SourceDoc) => boolean;
}

/** The OS::Nova::Server resources of a HOT template, in the order written. */
export function heatSources(text: string, opts: HeatOptions = {}): HeatDoc[] {
  return heatRequests(text, opts).servers;
}

/**
 * Every request a HOT template makes Heat send: its OS::Nova::Server resources (or the template's
 * refusal) and, once Stack.validate passes, its AWS::EC2::Instance resources' servers, then its
 * volume attachments (attach.ts), each in the order written. An instance's server or an attachment
 * is made only when Stack.validate passes. No resource is made (a server, an instance, an
 * attachment) when one it requires (directly or not) fails as Heat creates it (Heat's own refusal,
 * novaclient's, or Nova's where `opts.refuses` gives Nova's verdict): Heat starts a
 * resource only once those it requires are made, and a failure ends the stack's creation (what
 * requires nothing of the failed one may already have been started; it is kept).
 */
export function heatRequests(text: string, opts: HeatOptions = {}): { servers: HeatDoc[]; attachments: HeatAttachDoc[] } {
  const attachments: HeatAttachDoc[] = [];
  return { servers: heatServers(text, opts, attachments), attachments };
}

/** the servers' documents (or the template's refusal); the attachments Heat makes pushed on `attachments` */
function heatServers(text: string, opts: HeatOptions, attachments: HeatAttachDoc[]): HeatDoc[] {
  const tmpl = parseTemplate(text);
  const mv = opts.microversion || HEAT_DEFAULT_MICROVERSION;
  if (tmpl.error) {
    const t: HeatTranslation = { microversion: mv, body: null, error: { stage: tmpl.error.limit ? 'limit' : 'template', message: tmpl.error.message, span: tmpl.error.span }, notes: [], places: new Map(), imageRef: null, props: null };
    return [new HeatDoc(text, '(template)', { offset: 0, length: text.length }, tmpl.error.span, t)];
  }
  // Stack.validate checks the parameters (their values against their constraints, the groups)
  // before any resource: a refusal there is the whole template's
  const paramNotes: TemplateNote[] = [];
  const paramError = checkParameterValues(tmpl, opts.params ?? {}, paramNotes);
  if (paramError) {
    const t: HeatTranslation = { microversion: mv, body: null, error: { stage: 'template', message: paramError.message, span: paramError.span }, notes: [], places: new Map(), imageRef: null, props: null };
    return [new HeatDoc(text, '(template)', { offset: 0, length: text.length }, paramError.span, t)];
  }
  // Heat validates every condition and reads every resource definition (keys, `if`, conditions): a
  // bad one fails the stack; a resource whose condition is false is not created (no request)
  const conds = new HeatConditions(tmpl, opts.params ?? {});
  conds.standIn = (name) => paramStandIn(tmpl, name);
  conds.resolveValue = (n, notes) => resolve({ tmpl, notes, given: opts.params ?? {}, conds, atValidate: true }, n, ['DeletionPolicy'], 1);
  conds.parseCheck = (fn, arg, at) => checkParsedFunction(tmpl, conds, fn, arg, at);
  const scan = scanStack(tmpl, conds);
  const input = (r: Template['resources'][number]): ServerInput => ({ tmpl, name: r.name, node: r.node, keySpan: r.keySpan, microversion: mv, given: opts.params, conds, disabled: scan.disabled });
  // then it makes the resources, and checks the names and the references; it reads the outputs
  // for the first resource its sort yields (a cycle among all of them is found before any)
  const outputsFirst = someRequiresNothing(tmpl, scan.disabled);
  const stackError = scan.error ?? makeResources(tmpl, scan.disabled, input) ?? checkNamesAndReferences(tmpl, conds, scan.disabled)
    ?? (outputsFirst ? checkOutputs(tmpl, conds) : null) ?? circularDependency(tmpl, scan.disabled) ?? (outputsFirst ? null : checkOutputs(tmpl, conds))
    ?? checkReferencedAttributes(tmpl, conds, scan.disabled);
  const refused = (message: string, span: Span): HeatTranslation => ({ microversion: mv, body: null, error: { stage: 'template', message, span }, notes: [], places: new Map(), imageRef: null, props: null });
  // a server with an external_id is adopted: Heat looks it up instead of validating it, and sends nothing for it
  const servers = tmpl.resources.map((r, i) => ({ r, i })).filter(({ r }) => r.type === 'OS::Nova::Server' && !scan.disabled.has(r.name) && externalId(r.node, conds) === null);
  // no server is made (none is written, or every one's condition is false) and Heat refuses the
  // stack: the refusal is the template's, as a refusal of its parameters is
  if (stackError && !servers.length) {
    return [new HeatDoc(text, '(template)', { offset: 0, length: text.length }, stackError.span, refused(stackError.message, stackError.span))];
  }
  const ts = servers.map(({ r }) => {
    // a refusal may hang on a condition bdm-lab cannot decide: its notes go with it
    if (stackError) return { ...refused(stackError.message, stackError.span), notes: [...(scan.notes.get(r.name) ?? [])] };
    const t = translateServer(input(r));
    t.notes.unshift(...paramNotes, ...(scan.notes.get(r.name) ?? []));
    return t;
  });
  // Stack.validate validates every resource before Heat makes any, each after those it refers to: a
  // resource it refuses (a server, a volume, a port ...) refuses the stack, and no server is made.
  // Among resources that do not depend on each other Heat's order is its set's, which Python's
  // string hashing decides: a server refused itself keeps its refusal unless a resource it depends
  // on is refused (validated before it), and the others take the first refused, as written
  const byServer = new Map(servers.map(({ r }, k) => [r.name, ts[k]]));
  const errors = new Map<string, NonNullable<HeatTranslation['error']>>();
  const order = stackError ? [] : validationOrder(tmpl, scan.disabled);
  for (const r of order) {
    const t = byServer.get(r.name);
    // (an adopted resource is looked up, not validated)
    const error = t ? t.error : r.type === 'OS::Nova::Server' || externalId(r.node, conds) !== null ? null : validateStackResource(input(r), r.type);
    if (error && !error.atCreate && error.stage !== 'limit') errors.set(r.name, error);
  }
  // every resource passes: Stack.validate validates the outputs' values last
  const outputError = stackError || errors.size ? null : checkOutputAttributes(tmpl, conds, scan.disabled);
  const first = order.map((r) => errors.get(r.name)).find(Boolean) ?? (outputError ? { stage: 'template' as const, message: outputError.message, span: outputError.span } : undefined);
  const deps = dependsOn(tmpl, scan.disabled);
  const instances: Array<{ i: number; r: Template['resources'][number]; t: HeatTranslation }> = [];
  // the resources Heat makes: a resource that requires (directly or not) one that fails as Heat
  // creates it (a server, an instance's server, an attachment) is never started, whatever it is
  const failed = new Set<string>();
  const made = (r: Template['resources'][number]) => !scan.disabled.has(r.name) && externalId(r.node, conds) === null && ![...deps.get(r.name)!].some((n) => failed.has(n));
  if (!stackError && !first) {
    // (bdm-lab's own limit is no failure of Heat's)
    const fails = (e: HeatTranslation['error']) => !!e && e.stage !== 'limit';
    servers.forEach(({ r }, k) => { if (fails(ts[k].error)) failed.add(r.name); });
    // a request Nova refuses fails its resource when Heat posts it: asked only where that leaves
    // something unmade (what requires it), of the request Heat posts
    const required = new Set(tmpl.resources.flatMap((r) => [...(deps.get(r.name) ?? [])]));
    const refusedByNova = (name: string, doc: () => SourceDoc) => !!opts.refuses && required.has(name) && opts.refuses(doc());
    servers.forEach(({ r, i }, k) => {
      if (failed.has(r.name) || !made(r) || !ts[k].body) return;
      if (refusedByNova(r.name, () => { const { whole, head } = resourceSpan(tmpl, i); return new HeatDoc(text, r.name, whole, head, ts[k]); })) failed.add(r.name);
    });
    // each AWS::EC2::Instance's server, and its Volumes attached once that server is made
    const instanceDocs: HeatAttachDoc[] = [];
    const made0 = tmpl.resources.map((r) => (r.type === 'AWS::EC2::Instance' || ATTACH_TYPES.has(r.type)) && made(r));
    tmpl.resources.forEach((r, i) => {
      if (r.type !== 'AWS::EC2::Instance' || !made0[i]) return;
      const { head } = resourceSpan(tmpl, i);
      const t = translateInstance(input(r));
      if (fails(t.server.error)) failed.add(r.name);
      instances.push({ i, r, t: t.server });
      // (Nova refuses its server: its Volumes are never attached)
      if (!failed.has(r.name) && t.server.body && refusedByNova(r.name, () => new HeatDoc(text, r.name, resourceSpan(tmpl, i).whole, head, t.server, r.type))) { failed.add(r.name); return; }
      t.volumes.forEach((v, k) => instanceDocs.push(new HeatAttachDoc(text, `${r.name}.Volumes[${k}]`, v.places.get(JSON.stringify(['volumeAttachment']))!.whole, head, v, r.type)));
    });
    tmpl.resources.forEach((r, i) => {
      if (!ATTACH_TYPES.has(r.type) || !made0[i]) return;
      const { whole, head } = resourceSpan(tmpl, i);
      const t = translateAttachment(input(r), r.type);
      const doc = new HeatAttachDoc(text, r.name, whole, head, t, r.type);
      if (fails(t.error) || (t.body && refusedByNova(r.name, () => doc))) failed.add(r.name);
      attachments.push(doc);
    });
    // (each failure known: what requires one is left out, an instance's Volumes with it)
    const byName = new Map(tmpl.resources.map((r) => [r.name, r]));
    const keep = (name: string) => made(byName.get(name)!);
    const kept = attachments.filter((a) => keep(a.name));
    attachments.length = 0;
    attachments.push(...kept, ...instanceDocs.filter((a) => keep(a.name.slice(0, a.name.lastIndexOf('.Volumes[')))));
    const live = instances.filter((x) => made(x.r));
    instances.length = 0;
    instances.push(...live);
    // a failed server's or instance's note: what Heat never makes for it
    const own = new Map([...servers.map(({ r }, k) => [r.name, ts[k]] as const), ...instances.map((x) => [x.r.name, x.t] as const)]);
    const leftOf = new Map<string, string[]>();
    for (const r of tmpl.resources) for (const d of deps.get(r.name) ?? []) if (failed.has(d) && own.has(d)) (leftOf.get(d) ?? leftOf.set(d, []).get(d)!).push(r.name);
    for (const [f, left] of leftOf) {
      const t = own.get(f);
      const named = left.length > 10 ? `${left.slice(0, 10).join(', ')} and ${left.length - 10} more` : left.join(', ');
      t!.notes.push({ code: 'BDM-HEAT-NOT-CREATED', span: byName.get(f)!.keySpan, message: `Heat never makes ${named}: ${left.length > 1 ? 'each requires' : 'it requires'} ${f} (directly or not), and creating the stack stops where ${f} fails.` });
    }
  }
  const instanceDoc = (x: (typeof instances)[number]) => {
    const { whole, head } = resourceSpan(tmpl, x.i);
    return { i: x.i, doc: new HeatDoc(text, x.r.name, whole, head, x.t, x.r.type) };
  };
  // no server is created (each one adopted or left out) and Heat refuses the stack: the template's refusal
  if (!servers.length) return first ? [new HeatDoc(text, '(template)', { offset: 0, length: text.length }, first.span, refused(first.message, first.span))] : instances.map((x) => instanceDoc(x).doc);
  const refusal = (name: string) => order.map((r) => r.name).filter((n) => n === name || deps.get(name)!.has(n)).map((n) => errors.get(n)).find(Boolean) ?? first;
  const docs = servers.flatMap(({ r, i }, k) => {
    // (a server that requires one Heat fails to create is never started: no request)
    if (!made(r)) return [];
    const { whole, head } = resourceSpan(tmpl, i);
    let t = ts[k];
    const e = stackError ? null : refusal(r.name);
    if (e && e !== t.error && t.error?.stage !== 'limit') t = { ...t, body: null, imageRef: null, places: new Map(), props: null, error: { stage: e.stage, message: e.message, span: e.span } };
    return [{ i, doc: new HeatDoc(text, r.name, whole, head, t) }];
  });
  // the servers and the instances, in the order written
  return [...docs, ...instances.map(instanceDoc)].sort((a, b) => a.i - b.i).map((x) => x.doc);
}

/**
 * Heat makes each resource of the stack (in its set's order, which Python's string hashing decides;
 * bdm-lab takes them as written) before it validates any: a type it does not know (a type that
 * names a template file is a provider template, which Heat loads from the stack's files), a name
 * with a slash, a server or a value whose properties it cannot read, each fails the stack.
 */
function makeResources(tmpl: Template, disabled: Set<string>, input: (r: Template['resources'][number]) => ServerInput): { message: string; span: Span } | null {
  for (const r of tmpl.resources) {
    if (disabled.has(r.name)) continue;
    if (!HEAT_RESOURCE_TYPES.has(r.type) && !/[/.]|^$/.test(r.type.replace(/::/g, ''))) return { message: `The Resource Type (${r.type}) could not be found.`, span: entry(r.node, 'type')?.span ?? r.keySpan };
    if (r.name.includes('/')) return { message: 'Resource name may not contain "/"', span: r.keySpan };
    const bad = r.type === 'OS::Nova::Server' ? makeServer(input(r)) : r.type === 'OS::Heat::Value' ? makeValue(input(r)) : null;
    if (bad) return bad;
  }
  return null;
}
