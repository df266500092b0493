/**
 * The resources operators write next to a server's block devices, as Heat 19.0.0's Stack.validate
 * checks them before it makes anything (facts from
 * heat/engine/resources/openstack/cinder/volume.py, neutron/port.py, net.py, neutron.py,
 * aws/ec2/volume.py, instance.py, heat/value.py, heat/none_resource.py, resource.py
 * validate_template; words checked with test/fixtures/heat/stack_validate.py): each type's
 * properties schema (as data, in the schema's order, which is the order Heat checks them in), its
 * REPLACE rules, and the checks its validate() adds after the properties. A refusal of one of them
 * is the stack's: Heat makes nothing.
 *
 * The custom constraints that ask the cloud (cinder.vtype, cinder.backup, glance.image,
 * neutron.network ...) are not modelled: the heat-oracle's cloud says every value exists, as for
 * the server's; Heat's own (ip_addr, mac_addr, ip_or_cidr) are (props.ts); dns_name and dns_domain
 * are not yet. The resources no type here describes are checked up to
 * their deletion policy (their properties are not read).
 */
import type { Span } from '../../text/span';
import { entry, type RNode, type Template, type TemplateNote } from './template';
import { HeatError, LooseFailure, readProperty, type PVal } from './props';
import { MAC, type PSchema, type Replaced } from './schema';
import { resolve } from './resolve';
import { pyTruth as truthy } from './py';
import { standInId } from './standIn';
import { HEAT_RESOURCE_CLASSES } from './resourceTypes';
import { VOLUME_ATTACHMENT_SCHEMA, AWS_VOLUME_ATTACHMENT_SCHEMA, INSTANCE_SCHEMA } from './attach';
import { validateAtStack, heatRefusal, checkUpdatePolicy, type ServerInput, type PropsInput, type HeatTranslation } from './translate';

const S: PSchema = { t: 'String' };
const B: PSchema = { t: 'Boolean' };
const MAP: PSchema = { t: 'Map' };
const LIST: PSchema = { t: 'List' };
const STR_LIST: PSchema = { t: 'List', item: S };

interface TypeRules {
  schema: Readonly<Record<string, PSchema>>;
  replaced?: Replaced;
  /** the type's validate() after the properties: Heat's refusal, worded as Heat words it, or null */
  after?: (p: Record<string, PVal | undefined>) => string | null;
}

/** Python's truth of a converted value */

/** Python's repr of a list of strings */
const pyList = (xs: string[]): string => `[${xs.map((x) => `'${x}'`).join(', ')}]`;

/** OS::Cinder::Volume (imageRef is Heat's hidden old name of image: a REPLACE rule) */
const VOLUME: TypeRules = {
  schema: {
    availability_zone: S, size: { t: 'Integer', range: [1, null] }, snapshot_id: S, backup_id: S, name: S, description: S,
    volume_type: S, metadata: { t: 'Map', def: {} }, imageRef: S, image: S, source_volid: S, scheduler_hints: MAP,
    read_only: B, multiattach: { t: 'Boolean', def: false },
  },
  replaced: [['', 'imageRef', 'image']],
  // CinderVolume.validate: unless a backup is the source, the sources Python finds true (the old
  // imageRef is image by then) against the size
  after: (p) => {
    const v = (k: string) => p[k]?.v;
    if (truthy(v('backup_id'))) return null;
    const sources = ['snapshot_id', 'source_volid', 'image'].filter((k) => truthy(v(k)));
    const sized = sources.filter((k) => k !== 'image');
    const size = v('size');
    if ((size === undefined || size === null) && (sized.length !== 1 || sources.length !== 1)) {
      return `If neither "backup_id" nor "size" is provided, one and only one of "source_volid", "snapshot_id" must be specified, but currently specified options: ${pyList(sources)}.`;
    }
    if (truthy(size) && sources.length > 1) {
      return `If "size" is provided, only one of "image", "imageRef", "source_volid", "snapshot_id" can be specified, but currently specified options: ${pyList(sources)}.`;
    }
    return null;
  },
};

const VOLUME_ATTACHMENT: TypeRules = { schema: VOLUME_ATTACHMENT_SCHEMA };

/** AWS::EC2::Volume (heat/engine/resources/aws/ec2/volume.py; cinder.backup asks the cloud) */
const AWS_VOLUME: TypeRules = {
  schema: {
    AvailabilityZone: { t: 'String', req: true }, Size: { t: 'Integer', range: [1, null] }, SnapshotId: S,
    Tags: { t: 'List', item: { t: 'Map', keys: { Key: { t: 'String', req: true }, Value: { t: 'String', req: true } } } },
  },
};

/**
 * AWS::EC2::Instance: its properties, then Instance.validate: security groups (SecurityGroups and
 * SecurityGroupIds together) beside NetworkInterfaces, then each BlockDeviceMappings entry's Ebs
 * (written, even empty: its DeleteOnTermination default makes it true) and its SnapshotId
 */
const INSTANCE: TypeRules = {
  schema: INSTANCE_SCHEMA,
  after: (p) => {
    const groups = ['SecurityGroups', 'SecurityGroupIds'].flatMap((k) => (Array.isArray(p[k]?.v) ? p[k]!.v as unknown[] : []));
    if (groups.length && truthy(p.NetworkInterfaces?.v)) return 'Cannot define the following properties at the same time: SecurityGroups/SecurityGroupIds, NetworkInterfaces.';
    for (const m of p.BlockDeviceMappings?.list ?? []) {
      const ebs = m.map?.Ebs;
      if (!ebs || !(ebs.map || truthy(ebs.v))) return 'Ebs is missing, this is required when specifying BlockDeviceMappings.';
      if (!truthy(ebs.map?.SnapshotId?.v)) return 'SnapshotId is missing, this is required when specifying BlockDeviceMappings.';
    }
    return null;
  },
};

/** OS::Neutron::Port (network_id and fixed_ips' subnet_id are Heat's hidden old names: REPLACE rules) */
const PORT: TypeRules = {
  schema: {
    name: S, network_id: S, network: { t: 'String', req: true }, device_id: { t: 'String', def: '' }, device_owner: { t: 'String', def: '' },
    fixed_ips: { t: 'List', item: { t: 'Map', keys: { subnet_id: S, subnet: S, ip_address: { t: 'String', custom: 'ip_addr' } } } },
    security_groups: LIST, replacement_policy: { t: 'String', def: 'AUTO', allowed: ['REPLACE_ALWAYS', 'AUTO'] }, dns_name: S, tags: STR_LIST,
    value_specs: { t: 'Map', def: {} }, admin_state_up: { t: 'Boolean', def: true }, mac_address: MAC,
    allowed_address_pairs: { t: 'List', item: { t: 'Map', keys: { mac_address: MAC, ip_address: { t: 'String', req: true, custom: 'ip_or_cidr' } } } },
    'binding:vnic_type': { t: 'String', def: 'normal', allowed: ['normal', 'direct', 'macvtap', 'direct-physical', 'baremetal', 'virtio-forwarder', 'smart-nic'] },
    qos_policy: S, port_security_enabled: B, propagate_uplink_status: B, no_fixed_ips: { t: 'Boolean', def: false },
  },
  replaced: [['', 'network_id', 'network'], ['fixed_ips', 'subnet_id', 'subnet']],
  // Port.validate (the value_specs check of NeutronResource is made, and its answer dropped)
  after: (p) => truthy(p.fixed_ips?.v) && truthy(p.no_fixed_ips?.v) ? 'Cannot define the following properties at the same time: fixed_ips, no_fixed_ips.' : null,
};

const NET: TypeRules = {
  schema: {
    name: S, value_specs: { t: 'Map', def: {} }, admin_state_up: { t: 'Boolean', def: true }, tenant_id: S, shared: { t: 'Boolean', def: false },
    dhcp_agent_ids: LIST, port_security_enabled: B, qos_policy: S, dns_domain: S, availability_zone_hints: LIST, tags: STR_LIST,
  },
  // NeutronResource.validate_properties: value_specs may not name a property, shared or tenant_id
  // (Heat joins a set: the order of the names is its string hashing's; bdm-lab keeps the written one)
  after: (p) => {
    const specs = p.value_specs?.v;
    if (!specs || typeof specs !== 'object' || Array.isArray(specs)) return null;
    const banned = new Set(['shared', 'tenant_id', ...Object.keys(NET.schema)]);
    const found = Object.keys(specs).filter((k) => banned.has(k));
    return found.length ? `${found.join(', ')} not allowed in value_specs` : null;
  },
};

/** OS::Heat::Value: `type` (a HOT parameter type) gives `value` its schema type when Heat makes the resource */
const VALUE_TYPES: Readonly<Record<string, PSchema['t']>> = { string: 'String', number: 'Number', comma_delimited_list: 'List', json: 'Map', boolean: 'Boolean' };
const VALUE: TypeRules = {
  schema: { value: { t: 'Any', req: true }, type: { t: 'String', allowed: Object.keys(VALUE_TYPES) } },
};

const RULES: Readonly<Record<string, TypeRules>> = {
  'OS::Cinder::Volume': VOLUME,
  'OS::Cinder::VolumeAttachment': VOLUME_ATTACHMENT,
  'AWS::EC2::Volume': AWS_VOLUME,
  'AWS::EC2::VolumeAttachment': { schema: AWS_VOLUME_ATTACHMENT_SCHEMA },
  'AWS::EC2::Instance': INSTANCE,
  'OS::Neutron::Port': PORT,
  'OS::Neutron::Net': NET,
  'OS::Heat::Value': VALUE,
};

/** the types whose resources Heat can snapshot on delete (they have handle_snapshot_delete) */
const SNAPSHOT_TYPES: ReadonlySet<string> = new Set(['AWS::EC2::Volume', 'OS::Cinder::Volume', 'OS::Heat::DeployedServer', 'OS::Nova::Server']);

/** the types validate_template is run for here (the server has its own: translate.ts) */
export const stackValidated = (type: string): boolean => type !== 'OS::Nova::Server' && type !== 'OS::Heat::None';

/** Value's reparse: the type Heat reads when it makes the resource (written, or a parameter's) */
function valueSchema(inp: ServerInput): Readonly<Record<string, PSchema>> {
  const t = entry(entry(inp.node, 'properties'), 'type');
  if (!t) return VALUE.schema;
  let v: RNode | undefined;
  try {
    v = resolve({ tmpl: inp.tmpl, notes: [], given: inp.given ?? {}, conds: inp.conds, disabled: inp.disabled, atValidate: true }, t, [`${inp.name}.Properties`, 'type'], 1);
  } catch {
    return VALUE.schema;
  }
  const name = v?.kind === 'scalar' && typeof v.value === 'string' ? v.value : '';
  return Object.hasOwn(VALUE_TYPES, name) ? { ...VALUE.schema, value: { t: VALUE_TYPES[name], req: true } } : VALUE.schema;
}

/**
 * What Heat reads of an OS::Heat::Value when it makes the resource, before it validates any (its
 * reparse reads `type`): a `type` it cannot read as a string fails the stack, in Heat's bare words.
 */
export function makeValue(inp: ServerInput): { message: string; span: Span } | null {
  const t = entry(entry(inp.node, 'properties'), 'type');
  if (!t) return null;
  try {
    const v = resolve({ tmpl: inp.tmpl, notes: [], given: inp.given ?? {}, conds: inp.conds, disabled: inp.disabled, atValidate: true }, t, [`${inp.name}.Properties`, 'type'], 1);
    if (v && !v.absent) readProperty(VALUE.schema.type, v, []);
  } catch (e) {
    if (e instanceof LooseFailure) return { message: e.message, span: e.span };
    // the rest (a function's failure) is Heat's when it validates the resource
    return null;
  }
  return null;
}

/** the deletion policy Heat reads (written, or a parameter's) */
function deletionPolicy(inp: ServerInput, p: PropsInput): { policy: string; span: Span } | null {
  const d = entry(inp.node, 'deletion_policy');
  if (!d) return null;
  let v: RNode | undefined;
  try {
    v = resolve({ ...p.r, notes: [], atValidate: true }, d, [`${inp.name}.DeletionPolicy`], 1);
  } catch {
    return null;
  }
  return v?.kind === 'scalar' && typeof v.value === 'string' ? { policy: v.value, span: d.span } : null;
}

/**
 * Stack.validate on one resource that is not a server: Resource.validate_template (the functions,
 * the deletion policy, the properties) and the checks of the type's validate(); Heat's refusal,
 * or null. OS::Heat::None validates nothing.
 */
export function validateStackResource(inp: ServerInput, type: string): HeatTranslation['error'] {
  if (!stackValidated(type)) return null;
  const rules = RULES[type];
  const notes: TemplateNote[] = [];
  try {
    const between = (p: PropsInput) => {
      const d = deletionPolicy(inp, p);
      // the definition holds the policy capitalised (`snapshot` is `Snapshot`)
      if (d && (d.policy === 'Snapshot' || d.policy === 'snapshot') && !SNAPSHOT_TYPES.has(type)) throw new HeatError('heat-validate', `resources.${inp.name}.deletion_policy: "Snapshot" deletion policy not supported`, d.span);
      // a type bdm-lab does not describe: its properties (and its update policy's schema) are not read
      if (!rules) throw DONE;
      checkUpdatePolicy(inp);
    };
    const schema = type === 'OS::Heat::Value' ? valueSchema(inp) : rules?.schema ?? {};
    const { input, props } = validateAtStack(inp, schema, notes, { replaced: rules?.replaced, between });
    const bad = rules.after?.(props);
    if (bad) throw new HeatError('heat-validate', bad, input.typeSpan);
  } catch (e) {
    if (e === DONE) return null;
    const err = heatRefusal(e);
    if (!err) throw e;
    return err;
  }
  return null;
}

const DONE = new Error('done');

/**
 * The order Stack.validate validates the resources in: the stack's dependencies, each resource after
 * those it refers to (get_resource, get_attr, depends_on). Among those that do not depend on each
 * other Heat's order is its set's (Python's string hashing decides it): bdm-lab takes them as written.
 */
export function validationOrder(tmpl: Template, disabled: Set<string>): Array<Template['resources'][number]> {
  const live = tmpl.resources.filter((r) => !disabled.has(r.name));
  const byName = new Map(live.map((r) => [r.name, r]));
  const out: Array<Template['resources'][number]> = [];
  const state = new Map<string, 'visiting' | 'done'>();
  const visit = (r: Template['resources'][number]) => {
    if (state.has(r.name)) return;
    state.set(r.name, 'visiting');
    for (const d of references(r.node)) {
      const x = byName.get(d);
      if (x && x !== r) visit(x);
    }
    state.set(r.name, 'done');
    out.push(r);
  };
  for (const r of live) visit(r);
  return out;
}

/** each resource's dependencies, direct and indirect (by name) */
export function dependsOn(tmpl: Template, disabled: Set<string>): Map<string, Set<string>> {
  const live = tmpl.resources.filter((r) => !disabled.has(r.name));
  const direct = new Map(live.map((r) => [r.name, references(r.node)]));
  const out = new Map<string, Set<string>>();
  for (const r of live) {
    const seen = new Set<string>();
    const todo = [...direct.get(r.name)!];
    while (todo.length) {
      const n = todo.pop()!;
      if (seen.has(n) || !direct.has(n)) continue;
      seen.add(n);
      todo.push(...direct.get(n)!);
    }
    out.set(r.name, seen);
  }
  return out;
}

/**
 * Whether a resource of the stack requires no other (Heat's sort yields it first, before it can
 * find a cycle among the rest: Stack.validate reads the outputs for that resource's node data)
 */
export function someRequiresNothing(tmpl: Template, disabled: Set<string>): boolean {
  const live = tmpl.resources.filter((r) => !disabled.has(r.name));
  const names = new Set(live.map((r) => r.name));
  return live.some((r) => !references(r.node).some((n) => names.has(n)));
}

/**
 * Stack.validate sorts the stack's resources by their dependencies (get_resource, get_attr,
 * depends_on) before it validates any: a cycle (a resource that refers to itself, or two that refer
 * to each other) refuses the stack. Heat's words name what is left once every resource that can be
 * sorted is taken out (the cycle and the resources that depend on it), each with what it still
 * requires, as Heat writes a resource: its class, its name and the stack's (bdm-lab's stand-in
 * stack, named as the heat-oracle names it). Heat's order of them is its set's (Python's string
 * hashing decides it); bdm-lab writes them as the template does.
 */
export function circularDependency(tmpl: Template, disabled: Set<string>): { message: string; span: Span } | null {
  const live = tmpl.resources.filter((r) => !disabled.has(r.name));
  const byName = new Map(live.map((r) => [r.name, r]));
  const left = new Map(live.map((r) => [r.name, new Set(references(r.node).filter((n) => byName.has(n)))]));
  // Kahn's order (linear in the resources and references): take out what requires nothing left
  const requiredBy = new Map<string, string[]>();
  for (const [n, req] of left) {
    for (const d of req) {
      const by = requiredBy.get(d);
      if (by) by.push(n);
      else requiredBy.set(d, [n]);
    }
  }
  const free = [...left].filter(([, req]) => !req.size).map(([n]) => n);
  while (free.length) {
    const n = free.pop()!;
    left.delete(n);
    for (const m of requiredBy.get(n) ?? []) {
      const req = left.get(m);
      if (req?.delete(n) && !req.size) free.push(m);
    }
  }
  if (!left.size) return null;
  const stack = `Stack "oracle" [${standInId('stack', 'oracle')}]`;
  const named = (n: string) => `${HEAT_RESOURCE_CLASSES[byName.get(n)!.type] ?? 'GenericResource'} "${n}" ${stack}`;
  const graph = [...left].map(([n, req]) => `${named(n)}: {${[...req].map(named).join(', ')}}`).join(', ');
  return { message: `Circular Dependency Found: {${graph}}`, span: byName.get(left.keys().next().value!)!.keySpan };
}

/** the resource names a definition refers to (its get_resource and get_attr calls, its depends_on) */
function references(node: RNode): string[] {
  const out: string[] = [];
  const dep = entry(node, 'depends_on');
  for (const n of dep ? (dep.kind === 'seq' ? dep.items! : [dep]) : []) if (typeof n.value === 'string') out.push(n.value);
  const stack: Array<{ n: RNode; depth: number }> = [];
  for (const k of ['properties', 'metadata']) { const v = entry(node, k); if (v) stack.push({ n: v, depth: 0 }); }
  while (stack.length) {
    const { n, depth } = stack.pop()!;
    if (depth > 64) continue;
    if (n.kind === 'map' && n.entries!.length === 1) {
      const [fn, arg] = n.entries![0];
      const name = fn === 'get_resource' ? arg.value : fn === 'get_attr' && arg.kind === 'seq' ? arg.items![0]?.value : undefined;
      if (typeof name === 'string') out.push(name);
    }
    for (const [, v] of n.entries ?? []) stack.push({ n: v, depth: depth + 1 });
    for (const v of n.items ?? []) stack.push({ n: v, depth: depth + 1 });
  }
  return out;
}
