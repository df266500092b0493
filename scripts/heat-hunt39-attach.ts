/**
 * Hunt 39: OS::Cinder::VolumeAttachment templates, labelled with Heat 19.0.0's own answers
 * (test/fixtures/heat/label.ts: the heat-oracle, Heat's checks before any resource,
 * Stack.validate; and scripts/heat-hunt39-attach.py: the volumeAttachment request Heat's own
 * resource sends once Stack.validate passes), and compared with bdm-lab's translation
 * (server/src/source/heat/attach.ts through heatRequests): no request where Heat refuses the
 * stack; else each attachment's body, microversion and server as Heat sends them.
 *
 *     nice -n 10 node --import tsx scripts/heat-hunt39-attach.ts COUNT SEED [--label]
 *
 * (`--label` writes test/fixtures/heat-hunt39/attach-labels.json, which test/unit/heat-hunt39.test.ts reads)
 * The random numbers are scripts/xorshift-rng.ts's.
 */
import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { isDeepStrictEqual } from 'node:util';
import { rng } from './xorshift-rng';
import { compareWithOracle, type HeatCase, type HeatOracle } from '../test/fixtures/heat/compare';
import { labelHeatCases } from '../test/fixtures/heat/label';
import { heatRequests } from '../server/src/source/heat';
import { analyzeDocument } from '../server/src/document';
import { defaultContext } from '../server/src/model/context';

/** what scripts/heat-hunt39-attach.py says of one attachment */
export interface AttachLabel { type?: string; stage: string; error?: string; url?: string; body?: unknown; headers?: Record<string, string>; requires?: string[]; nova?: { valid: boolean; http_status: number; message?: string } }
export type AttachCase = HeatCase & { oracle: HeatOracle; attach: Record<string, AttachLabel> };

/**
 * bdm-lab's disagreements with Heat on a labelled case (the servers by compareWithOracle, then the
 * attachments' requests, then Nova's verdict on each body sent); `judged`: how many verdicts were compared
 */
export function compareAttach(c: AttachCase): { diffs: string[]; judged: number } {
  const r = compareWithOracle(c, c.oracle);
  const diffs = r.undecided ? ['not compared (a condition on a parameter without default)'] : [...r.diffs];
  const { attachments } = heatRequests(c.template, { params: c.params, microversion: c.microversion });
  const o = c.oracle;
  const refused = o.template_error || o.stack_checks || (o.stack_validate !== undefined && o.stack_validate !== 'ok');
  if (refused) {
    if (attachments.length) diffs.push(`Heat refuses the stack; bdm-lab attaches ${attachments.map((a) => a.name).join(', ')}`);
    return { diffs, judged: 0 };
  }
  // (Heat stops making the stack where a server fails as it is created: what needs it is not made)
  const failed = (n: string) => c.oracle.servers[n] !== undefined && c.oracle.servers[n].stage !== 'sent';
  const want = Object.entries(c.attach).filter(([, a]) => a.type && !(a.requires ?? []).some(failed));
  for (const [name, a] of want) {
    const d = attachments.find((x) => x.name === name);
    if (!d) { diffs.push(`${name}: Heat ${a.stage === 'sent' ? 'sends' : `refuses (${a.error})`}; bdm-lab makes no request`); continue; }
    const t = d.translation;
    if (a.stage !== 'sent') {
      if (t.error?.message !== a.error?.replace(/^[A-Za-z]+: /, '')) diffs.push(`${name}: Heat refuses: ${a.error}; bdm-lab ${t.error ? `refuses: ${t.error.message}` : 'sends'}`);
      continue;
    }
    if (t.error) { diffs.push(`${name}: Heat sends; bdm-lab refuses: ${t.error.message}`); continue; }
    if (!isDeepStrictEqual(t.body, a.body)) diffs.push(`${name}: body ${JSON.stringify(t.body)} != ${JSON.stringify(a.body)}`);
    const mv = a.headers?.['X-OpenStack-Nova-API-Version'];
    if (mv !== d.microversion) diffs.push(`${name}: microversion ${d.microversion} != ${mv}`);
    const server = /^\/servers\/(.*)\/os-volume_attachments$/.exec(a.url ?? '')?.[1];
    if (server !== t.server) diffs.push(`${name}: server ${t.server} != ${server}`);
  }
  for (const d of attachments) if (!want.some(([n]) => n === d.name)) diffs.push(`${d.name}: bdm-lab attaches; Heat makes no such attachment`);
  // Nova's verdict on each body sent, as bdm-lab judges the template (its attachments' requests after the servers')
  if (diffs.length || r.undecided) return { diffs, judged: 0 };
  let judged = 0;
  const a = analyzeDocument(c.template, 'yaml', { ...defaultContext(), heat_max_microversion: c.microversion ?? null } as never);
  const reqs = (a.requests ?? []).slice((a.requests?.length ?? 0) - attachments.length);
  attachments.forEach((d, i) => {
    const nova = c.attach[d.name]?.nova;
    const req = reqs[i];
    if (!nova || !req || c.params) return;
    judged++;
    if (req.valid !== nova.valid || (!nova.valid && req.analysis?.verdict?.message !== nova.message)) diffs.push(`${d.name}: Nova ${nova.valid ? 'valid' : `${nova.http_status} ${nova.message}`}; bdm-lab ${req.valid ? 'valid' : `${req.analysis?.verdict?.code} ${req.analysis?.verdict?.message}`}`);
  });
  return { diffs, judged };
}

/** label cases: Heat's answers for the stack and its servers, and each attachment's request */
export function labelAttach(cases: HeatCase[]): AttachCase[] {
  const oracle = labelHeatCases(cases, { root_gb: 20, ephemeral_gb: 10, swap_mb: 1024 });
  const file = `/tmp/bdm-lab-heat-h39-attach-${process.pid}.json`;
  writeFileSync(file, JSON.stringify(cases));
  const attach = JSON.parse(execFileSync('/usr/bin/python3', [join(__dirname, 'heat-hunt39-attach.py'), file], { encoding: 'utf8', env: { PATH: '/usr/bin:/bin', PYTHONDONTWRITEBYTECODE: '1', PYTHONHASHSEED: '0' }, maxBuffer: 1 << 26 })) as Record<string, Record<string, AttachLabel>>;
  // Nova's verdict on each body Heat sends (shared/tools/nova-oracle), at Heat's microversion
  const sent = Object.entries(attach).flatMap(([id, as]) => Object.entries(as).filter(([, a]) => a.stage === 'sent').map(([name, a]) => ({ id: `${id}::${name}`, payload: a.body, context: { microversion: a.headers!['X-OpenStack-Nova-API-Version'] } })));
  writeFileSync(file, JSON.stringify(sent));
  const out = execFileSync('/usr/bin/python3', [join(__dirname, '..', '..', 'shared', 'tools', 'nova-oracle', 'oracle.py'), file], { encoding: 'utf8', maxBuffer: 1 << 26 });
  for (const line of out.split('\n').filter((l) => l.startsWith('{'))) {
    const r = JSON.parse(line) as { id: string; valid: boolean; http_status: number; nova_message?: string };
    const [id, name] = r.id.split('::');
    attach[id][name].nova = { valid: r.valid, http_status: r.http_status, ...(r.valid ? {} : { message: r.nova_message }) };
  }
  return cases.map((c) => ({ ...c, oracle: oracle[c.id], attach: attach[c.id] }));
}

// ---- the generator

function generate(count: number, seed: number): HeatCase[] {
  const rnd = rng(seed);
  for (let i = 0; i < 8; i++) rnd();
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rnd() * xs.length)];
  const chance = (p: number) => rnd() < p;
  const VERSIONS = ['2015-04-30', '2016-04-08', '2016-10-14', '2017-09-01', '2018-08-31', '2021-04-16', 'rocky', 'wallaby'];
  const INSTANCE = ['{get_resource: srv}', '{get_resource: srv}', '{get_resource: srv}', '{get_resource: srv}', '3c5e6f44-1b2a-4c3d-9e8f-0a1b2c3d4e5f', '{get_param: server_id}', "{list_join: ['', [{get_resource: srv}]]}", 'my-server', '{get_resource: nosuch}', '[a]'];
  const VOLUME = ['{get_resource: vol}', '{get_resource: vol}', '{get_resource: vol}', '{get_param: vol_id}', '6a1b7c2d-3e4f-4a5b-8c6d-7e8f9a0b1c2d', 'data', "{str_replace: {template: 'vol-X', params: {X: {get_param: n}}}}", '{get_param: [vols, 1]}', '{a: b}', '12', "''"];
  const DEVICE = ['/dev/vdb', '/dev/vdb', "''", '{get_param: dev}', '5', 'null', '/dev/sdc', 'vdc', '/dev/vdb1', "{list_join: ['', ['/dev/', vd, c]]}", '{get_param: [vols, 0]}', '[/dev/vdb]', '/dev/xvdd', '{if: [c_on, /dev/vde, /dev/vdf]}', "{str_replace: {template: '/dev/vdX', params: {X: {get_param: n}}}}"];
  const out: HeatCase[] = [];
  for (let i = 0; i < count; i++) {
    const v = pick(VERSIONS);
    const conds = v >= '2016-10-14' || /^[a-z]/.test(v);
    const attachment = (name: string) => {
      const props: string[] = [];
      if (chance(0.95)) props.push(`instance_uuid: ${pick(INSTANCE)}`);
      if (chance(0.95)) props.push(`volume_id: ${pick(VOLUME)}`);
      if (chance(0.75)) props.push(`mountpoint: ${pick(DEVICE)}`);
      if (chance(0.04)) props.push(pick(['device: /dev/vdb', 'tag: t1']));
      const cond = conds && chance(0.15) ? `    condition: ${pick(['c_on', 'c_off', '{not: c_on}'])}\n` : '';
      const dep = chance(0.1) ? `    depends_on: ${pick(['srv', 'vol'])}\n` : '';
      return `  ${name}:\n    type: OS::Cinder::VolumeAttachment\n${cond}${dep}    properties:\n${props.map((p) => `      ${p}`).join('\n')}\n`;
    };
    const atts = [attachment('att'), ...(chance(0.25) ? [attachment('att2')] : [])];
    const params = `parameters:\n  server_id: {type: string, default: 9d8e7f6a-5b4c-4d3e-8f2a-1b0c9d8e7f6a}\n  vol_id: {type: string${chance(0.8) ? ', default: 0f1e2d3c-4b5a-4968-8776-655443322110' : ''}}\n  dev: {type: string, default: ${pick(['/dev/vdc', '/dev/vdc', "''", 'sdb'])}${chance(0.1) ? ", constraints: [{allowed_pattern: '/dev/vd[b-z]'}]" : ''}}\n  n: {type: number, default: ${pick(['3', '3', '0'])}}\n  vols: {type: comma_delimited_list, default: '/dev/vdd,v2'}\n`;
    const c = conds ? 'conditions:\n  c_on: {equals: [{get_param: n}, 3]}\n  c_off: false\n' : '';
    const vol = `  vol:\n    type: OS::Cinder::Volume\n    properties:\n      size: ${pick(['1', '1', '10', '{get_param: n}'])}\n`;
    const srv = '  srv:\n    type: OS::Nova::Server\n    properties:\n      flavor: m1.small\n      image: cirros\n      networks: [{network: private}]\n';
    const template = `heat_template_version: ${v}\n${params}${c}resources:\n${vol}${chance(0.9) ? srv : ''}${atts.join('')}`;
    const mv = pick([undefined, undefined, undefined, '2.1', '2.60']);
    const given = chance(0.15) ? { params: { dev: pick(['/dev/vdz', '', 'xyz']) } } : {};
    out.push({ id: `h39-attach-${i}`, template, ...(mv ? { microversion: mv } : {}), ...given });
  }
  return out;
}

const HEAD = 'heat_template_version: 2018-08-31\nresources:\n  vol:\n    type: OS::Cinder::Volume\n    properties: {size: 1}\n';
const SRV = (nets = true) => `  srv:\n    type: OS::Nova::Server\n    properties: {flavor: m1.small, image: cirros${nets ? ', networks: [{network: private}]' : ''}}\n`;
const ATT = (name: string, props: string, extra = '') => `  ${name}:\n    type: OS::Cinder::VolumeAttachment\n${extra}    properties: {${props}}\n`;
/** hand-written cases: a device Nova refuses, an empty mountpoint, a server that fails as Heat creates it, a condition */
const HAND: HeatCase[] = [
  { id: 'h39-attach-hand-device-number', template: HEAD + SRV() + ATT('att', 'instance_uuid: {get_resource: srv}, volume_id: 6a1b7c2d-3e4f-4a5b-8c6d-7e8f9a0b1c2d, mountpoint: 5') },
  { id: 'h39-attach-hand-device-empty', template: HEAD + SRV() + ATT('att', "instance_uuid: {get_resource: srv}, volume_id: {get_resource: vol}, mountpoint: ''"), microversion: '2.60' },
  { id: 'h39-attach-hand-server-fails', template: HEAD + SRV(false) + ATT('att', "instance_uuid: {list_join: ['', [{get_resource: srv}]]}, volume_id: {get_resource: vol}, mountpoint: /dev/vdb") + ATT('att2', 'instance_uuid: 3c5e6f44-1b2a-4c3d-9e8f-0a1b2c3d4e5f, volume_id: {get_resource: vol}') },
  { id: 'h39-attach-hand-condition', template: HEAD.replace('resources:', 'conditions:\n  c_off: false\nresources:') + SRV() + ATT('att', 'instance_uuid: {get_resource: srv}, volume_id: {get_resource: vol}', '    condition: c_off\n') + ATT('att2', 'instance_uuid: {get_resource: srv}, volume_id: {get_resource: vol}, mountpoint: /dev/vdc') },
];

if (require.main === module) {
  const [count = '120', seed = '3911'] = process.argv.slice(2).filter((a) => !a.startsWith('--'));
  const cases = labelAttach([...HAND, ...generate(Number(count), Number(seed))]);
  let agree = 0;
  for (const c of cases) {
    const { diffs } = compareAttach(c);
    if (!diffs.length) { agree++; continue; }
    console.log(`${c.id}${c.params ? ' ' + JSON.stringify(c.params) : ''}${c.microversion ? ' mv' + c.microversion : ''}:\n  ${diffs.join('\n  ')}`);
  }
  console.log(`seed ${seed}: ${agree}/${cases.length} agree`);
  // (the fixture keeps every case whose stack Heat makes, and the first 12 it refuses: it stays small)
  const refused = (c: AttachCase) => c.oracle.stack_validate !== 'ok';
  const kept = [...cases.filter((c) => !refused(c) || c.id.includes('-hand-')), ...cases.filter((c) => refused(c) && !c.id.includes('-hand-')).slice(0, 12)];
  if (process.argv.includes('--label')) writeFileSync(join(__dirname, '..', 'test', 'fixtures', 'heat-hunt39', 'attach-labels.json'), JSON.stringify(kept, null, 1) + '\n');
}
