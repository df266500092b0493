/**
 * A generator of varied HOT templates with OS::Nova::Server resources (block_device_mapping_v2
 * and legacy entries of every source, keys of the right and wrong type, parameters with and
 * without defaults, get_resource to volumes, networks, user data formats, microversions), for
 * the differential test against Heat's own code (scripts/heat-difftest.ts).
 * Usage: node --import tsx scripts/heat-gen.ts COUNT SEED [conditions|ops|wild|resources|cfn|yaml] > cases.json
 * (`conditions`: templates with a conditions section, resource conditions and `if`, of every
 * template version, for the conditions differential run; `ops`: templates as operators write
 * them, literal values rather than parameters: boot from an image-made volume, a volume or a
 * snapshot, data volumes by get_resource or id, several ephemerals and a swap, device names,
 * buses and cdroms, legacy block_device_mapping, one or two servers). Some properties refer to
 * the stack's volume (get_resource, get_attr), which Heat's Stack.validate reads without
 * validation before it makes any resource; a few servers' whole `properties` is an `if`.
 * `resources`: a server next to volumes, a volume attachment, a port, a network, a value and a
 * None resource whose properties take odd values (types, ranges, allowed values, unknown keys,
 * conflicting keys, references, deletion policies), for Stack.validate's checks of every resource.
 */

let seed = Number(process.argv[3] ?? 1) >>> 0 || 1;
function rnd(): number {
  seed ^= seed << 13; seed >>>= 0;
  seed ^= seed >> 17;
  seed ^= seed << 5; seed >>>= 0;
  return seed / 0x100000000;
}
const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rnd() * xs.length)];
const chance = (p: number) => rnd() < p;

const SOURCES = ['volume_id: vol-data', 'volume_id: {get_resource: vol}', 'volume_id: {get_param: vol_id}', 'snapshot_id: snap-1', 'image: cirros', 'image_id: ubuntu-22.04', 'image: {get_param: image}', 'swap_size: 512', 'swap_size: {get_param: swap}', 'ephemeral_size: 1', 'ephemeral_format: ext4', 'ephemeral_size: 2', ''];
const EXTRA: Record<string, readonly string[]> = {
  boot_index: ['0', '1', '-1', "'1'", '2', 'null', 'first', '1.0', '{get_attr: [vol, size]}'],
  volume_size: ['10', '1', "'5'", '0', '20', '{get_resource: vol_size_missing}', '{get_param: size}', '2.5'],
  delete_on_termination: ['true', 'false', 'yes', "'True'", "'yes'", 'no', '1'],
  device_name: ['vdb', "''", '/dev/vdc', 'sda', 'vda'],
  device_type: ['disk', 'cdrom', 'floppy'],
  disk_bus: ['virtio', 'scsi', 'sata', 'ide', 'usb', 'lame_bus'],
  ephemeral_format: ['ext4', 'xfs', 'vfat'],
};

function v2Entry(): string {
  const lines: string[] = [];
  const src = pick(SOURCES);
  if (src) lines.push(src);
  if (chance(0.08)) lines.push(pick(['snapshot_id: snap-2', 'swap_size: 64']));
  for (const [k, vals] of Object.entries(EXTRA)) if (chance(k === 'boot_index' || k === 'volume_size' ? 0.45 : 0.15)) lines.push(`${k}: ${pick(vals)}`);
  if (chance(0.05)) lines.push(pick(['source_type: volume', 'volume_type: fast', 'uuid: x']));
  if (!lines.length) return '        - {}\n';
  return lines.map((l, i) => `        ${i ? '  ' : '- '}${l}\n`).join('');
}

function v1Entry(): string {
  const lines: string[] = [];
  if (chance(0.9)) lines.push(`device_name: ${pick(['vda', 'vdb', 'vdc'])}`);
  lines.push(pick(['volume_id: v1', 'snapshot_id: s1', 'volume_id: {get_resource: vol}', 'volume_id: v2', '']));
  if (chance(0.5)) lines.push(`volume_size: ${pick(['10', "'3'", '0'])}`);
  if (chance(0.5)) lines.push(`delete_on_termination: ${pick(['true', 'false', "'false'"])}`);
  const ls = lines.filter(Boolean);
  if (!ls.length) return '        - {}\n';
  return ls.map((l, i) => `        ${i ? '  ' : '- '}${l}\n`).join('');
}

function networks(): string {
  switch (pick(['none', 'net', 'net', 'port', 'subnet', 'auto', 'fixed', 'two', 'param'])) {
    case 'none': return '';
    case 'net': return '      networks: [{network: private}]\n';
    case 'port': return '      networks:\n        - port: p1\n';
    case 'subnet': return '      networks:\n        - subnet: sub1\n';
    case 'auto': return '      networks: [{allocate_network: auto}]\n';
    case 'fixed': return '      networks:\n        - network: private\n          fixed_ip: 10.0.0.5\n';
    case 'two': return '      networks: [{network: a}, {network: b, tag: nic1}]\n';
    default: return '      networks: [{network: {get_param: net}}]\n';
  }
}

/** a template Heat accepts (one bootable source), so that Nova's verdict on the body is exercised too */
function saneEntries(image: boolean): string {
  const out: string[] = [];
  if (!image) out.push(pick(['volume_id: {get_resource: vol}', 'image: cirros', 'snapshot_id: snap-1', 'volume_id: {get_param: vol_id}']) + (chance(0.5) ? '\n  boot_index: 0' : '') + (chance(0.6) ? `\n  volume_size: ${pick(['10', '20', '{get_param: size}', "'8'"])}` : '') + (chance(0.4) ? `\n  delete_on_termination: ${pick(['true', 'false', "'True'", 'yes'])}` : ''));
  const n = Math.floor(rnd() * 3);
  for (let k = 0; k < n; k++) {
    out.push(pick([
      `volume_id: ${pick(['vol-data', '{get_resource: vol}'])}\n  boot_index: ${pick(['1', '-1', '2', "'1'"])}`,
      `swap_size: ${pick(['512', '1024', '{get_param: swap}'])}`,
      `ephemeral_size: ${pick(['1', '5', '10'])}${chance(0.5) ? `\n  ephemeral_format: ${pick(['ext4', 'xfs'])}` : ''}`,
      `image: cirros\n  volume_size: 5\n  boot_index: ${pick(['1', '-1'])}`,
      `snapshot_id: snap-2\n  boot_index: -1${chance(0.5) ? `\n  device_name: ${pick(['vdc', '/dev/vdd', "''"])}` : ''}${chance(0.5) ? `\n  disk_bus: ${pick(['virtio', 'scsi', 'ide'])}` : ''}`,
      `volume_id: {get_resource: vol}\n  boot_index: 1\n  device_type: ${pick(['disk', 'cdrom'])}`,
    ]));
  }
  return out.map((e) => e.split('\n').map((l, i) => `        ${i ? '  ' : '- '}${l.replace(/^  /, '')}\n`).join('')).join('');
}

function saneTemplate(i: number): { id: string; template: string; microversion?: string } {
  const image = chance(0.5);
  let res = '  vol:\n    type: OS::Cinder::Volume\n    properties:\n      size: 10\n      image: cirros\n';
  res += '  srv:\n    type: OS::Nova::Server\n    properties:\n';
  res += `      name: ${pick(["{list_join: ['-', [{get_param: 'OS::stack_name'}, web]]}", 'web-1', '{str_replace: {template: db-$n, params: {$n: 2}}}'])}\n`;
  res += `      flavor: ${pick(['m1.small', '{get_param: flavor}'])}\n`;
  if (image) res += '      image: {get_param: image}\n';
  const entries = saneEntries(image);
  if (entries) res += `      block_device_mapping_v2:\n${entries}`;
  else if (!image) res += '      image: cirros\n';
  res += networks() || '      networks: [{network: private}]\n';
  if (chance(0.3)) res += `      metadata: {role: db, n: ${pick(['3', '[1, 2]', '{a: b}', 'true'])}}\n`;
  if (chance(0.3)) res += '      user_data_format: RAW\n';
  if (chance(0.2)) res += '      config_drive: true\n';
  const params = '  image:\n    type: string\n    default: cirros\n  vol_id:\n    type: string\n  size:\n    type: number\n    default: 12\n  swap:\n    type: number\n    default: 256\n  net:\n    type: string\n    default: private\n  flavor:\n    type: string\n    constraints: [{allowed_values: [m1.small, m1.large]}]\n';
  return { id: `sane-${i}`, template: `heat_template_version: 2018-08-31\nparameters:\n${params}resources:\n${res}` };
}

function template(i: number): { id: string; template: string; microversion?: string } {
  if (chance(0.4)) return saneTemplate(i);
  const params: string[] = [];
  params.push(`  image:\n    type: string\n${chance(0.7) ? '    default: cirros\n' : ''}`);
  params.push(`  vol_id:\n    type: string\n${chance(0.6) ? '    default: 6f2e0c5a-0b7e-4d39-9d8c-2b1c4a9e0f11\n' : ''}`);
  params.push(`  size:\n    type: number\n${chance(0.7) ? `    default: ${pick(['8', "'12'", '4'])}\n` : ''}`);
  params.push(`  swap:\n    type: number\n    default: ${pick(['256', '0'])}\n`);
  params.push('  net:\n    type: string\n    default: private\n');
  let res = '  vol:\n    type: OS::Cinder::Volume\n    properties:\n      size: 10\n';
  res += '  srv:\n    type: OS::Nova::Server\n    properties:\n';
  res += `      flavor: ${pick(['m1.small', 'm1.tiny', '{get_param: flavor_missing}'.replace('{get_param: flavor_missing}', 'ds1G')])}\n`;
  const img = pick(['none', 'lit', 'lit', 'param', 'empty']);
  if (img === 'lit') res += '      image: cirros\n';
  if (img === 'param') res += '      image: {get_param: image}\n';
  if (img === 'empty') res += '      image:\n';
  const kind = pick(['v2', 'v2', 'v2', 'v2', 'v1', 'none', 'both']);
  if (kind === 'v2' || kind === 'both') {
    res += '      block_device_mapping_v2:\n';
    const n = 1 + Math.floor(rnd() * 3);
    for (let k = 0; k < n; k++) res += v2Entry();
  }
  if (kind === 'v1' || kind === 'both') {
    res += '      block_device_mapping:\n';
    const n = 1 + Math.floor(rnd() * 2);
    for (let k = 0; k < n; k++) res += v1Entry();
  }
  res += networks();
  if (chance(0.2)) res += '      user_data_format: RAW\n';
  else if (chance(0.05)) res += '      user_data_format: {get_resource: vol}\n';
  if (chance(0.2)) res += '      user_data: "#!/bin/sh\\necho hi\\n"\n';
  if (chance(0.2)) res += '      key_name: mykey\n';
  if (chance(0.15)) res += '      metadata: {role: db, n: 3}\n';
  if (chance(0.15)) res += '      security_groups: [default]\n';
  if (chance(0.1)) res += '      config_drive: true\n';
  if (chance(0.1)) res += '      name: my-server\n';
  if (chance(0.05)) res += `      ${pick(['bdm: []', 'diskConfig: AUTO', 'availability_zone: nova', 'scheduler_hints: {group: g1}'])}\n`;
  const text = `heat_template_version: ${pick(['2013-05-23', '2016-10-14', '2018-08-31', 'wallaby'])}\nparameters:\n${params.join('')}resources:\n${res}`;
  const mv = pick(['2.92', '2.92', '2.92', '2.92', '2.36', '2.60', '2.41']);
  return { id: `gen-${i}`, template: text, ...(mv === '2.92' ? {} : { microversion: mv }) };
}

// ---- conditions, the condition key and `if` (HOT 2016-10-14 on; earlier versions refuse them)

const CNAMES = ['c1', 'c2', 'c3'];
function condExpr(depth: number, names: string[]): string {
  const leaf = () => pick([
    '{equals: [{get_param: env}, prod]}', '{equals: [{get_param: env}, dev]}', '{get_param: flag}', 'true', 'false',
    '{contains: [b, {get_param: zones}]}', '{equals: [{get_param: n}, 1]}', '{equals: [{get_param: nodef}, x]}',
    ...(names.length ? [`{not: ${pick(names)}}`] : []),
  ]);
  if (depth > 1 || chance(0.5)) return leaf();
  const args = () => Array.from({ length: 2 + Math.floor(rnd() * 2) }, () => (names.length && chance(0.4) ? pick(names) : condExpr(depth + 1, names))).join(', ');
  return pick([`{and: [${args()}]}`, `{or: [${args()}]}`, `{not: ${condExpr(depth + 1, names)}}`]);
}

function badCond(): string {
  return pick(['{equals: [a]}', '{and: [true]}', '{or: x}', '{not: nope}', 'hello', '{get_resource: vol}', '{contains: [a]}', '{contains: [a, 5]}', 'c9']);
}

function condTemplate(i: number): { id: string; template: string; params?: Record<string, unknown> } {
  const version = pick(['2016-04-08', '2016-10-14', '2016-10-14', '2017-02-24', '2017-09-01', '2017-09-01', '2018-08-31', 'rocky', '2021-04-16']);
  const params = '  env: {type: string, default: ' + pick(['dev', 'prod']) + '}\n  flag: {type: boolean, default: ' + pick(['true', 'false']) + '}\n'
    + "  zones: {type: comma_delimited_list, default: '" + pick(['a,b', 'a,c']) + "'}\n  n: {type: number, default: " + pick(['1', '2']) + '}\n  nodef: {type: string}\n';
  const k = 1 + Math.floor(rnd() * 3);
  const names = CNAMES.slice(0, k);
  let conds = '';
  names.forEach((nm, j) => { conds += `  ${nm}: ${chance(0.06) ? badCond() : condExpr(0, names.slice(0, j))}\n`; });
  const cref = () => (chance(0.08) ? pick(['nope', '5', '{get_resource: vol}']) : chance(0.25) ? condExpr(1, names) : chance(0.15) ? pick(['true', 'false']) : pick(names));
  const ifv = (a: string, b: string) => `{if: [${chance(0.07) ? 'nope' : chance(0.2) ? condExpr(1, names) : pick(names)}, ${a}${chance(0.05) ? '' : `, ${b}`}]}`;
  let res = '';
  const volCond = chance(0.3);
  res += `  vol:\n    type: OS::Cinder::Volume\n${volCond ? `    condition: ${cref()}\n` : ''}    properties: {size: ${chance(0.2) ? ifv('1', '2') : '1'}}\n`;
  const servers = 1 + Math.floor(rnd() * 2);
  for (let s = 0; s < servers; s++) {
    res += `  srv${s}:\n    type: OS::Nova::Server\n`;
    if (chance(0.6)) res += `    condition: ${cref()}\n`;
    // a whole `properties` that is an `if`: Heat cannot look a property up in it
    if (chance(0.04)) {
      res += `    properties: ${ifv('{flavor: m1.small, image: cirros, networks: [{network: private}]}', '{flavor: m1.small, image: ubuntu}')}\n`;
      continue;
    }
    res += '    properties:\n      flavor: m1.small\n      networks: [{network: private}]\n';
    const shape = pick(['image', 'image-if', 'bdm-if', 'size-if', 'vol-ref']);
    if (shape === 'image') res += '      image: cirros\n';
    if (shape === 'image-if') res += `      image: ${ifv('cirros', 'ubuntu')}\n`;
    if (shape === 'bdm-if') res += `      block_device_mapping_v2: ${ifv('[{image: cirros, volume_size: 10, boot_index: 0}]', '[{volume_id: v1, boot_index: 0}]')}\n`;
    if (shape === 'size-if') res += `      block_device_mapping_v2:\n        - image: cirros\n          boot_index: 0\n          volume_size: ${ifv('20', pick(['0', '5', "'x'"]))}\n`;
    if (shape === 'vol-ref') res += '      block_device_mapping_v2: [{volume_id: {get_resource: vol}, boot_index: 0}]\n';
    if (chance(0.15)) res += `      key_name: ${ifv('k1', 'k2')}\n`;
  }
  const text = `heat_template_version: ${version}\nparameters:\n${params}${chance(0.95) ? `conditions:\n${conds}` : ''}resources:\n${res}`;
  const given = chance(0.3) ? { env: pick(['prod', 'dev', 'test']), ...(chance(0.5) ? { nodef: 'x' } : {}) } : undefined;
  return { id: `cond-gen-${i}`, template: text, ...(given ? { params: given } : {}) };
}

// ---- operators' templates: literal values

const OPS_VOL = '6f2e0c5a-0b7e-4d39-9d8c-2b1c4a9e0f11';
function opsEntry(role: string): string[] {
  const kv: string[] = [];
  if (role === 'root') {
    const src = pick(['image', 'image', 'image_id', 'volume', 'snapshot']);
    if (src === 'image' || src === 'image_id') kv.push(`${src}: ${pick(['cirros', 'ubuntu-22.04'])}`);
    if (src === 'volume') kv.push(`volume_id: ${pick([OPS_VOL, '{get_resource: boot_vol}', 'boot-vol'])}`);
    if (src === 'snapshot') kv.push('snapshot_id: snap-1');
    if (chance(src.startsWith('image') ? 0.85 : 0.2)) kv.push(`volume_size: ${pick(['20', '10', '40', "'30'", '1'])}`);
    if (chance(0.85)) kv.push(`boot_index: ${pick(['0', '0', '0', "'0'", '1'])}`);
    if (chance(0.5)) kv.push(`delete_on_termination: ${pick(['true', 'false', 'True', 'yes'])}`);
  } else if (role === 'data') {
    kv.push(pick([`volume_id: {get_resource: ${pick(['data_vol', 'log_vol'])}}`, `volume_id: ${OPS_VOL}`, 'volume_id: vol-data', 'snapshot_id: snap-2', 'image: cirros']));
    if (/image|snapshot/.test(kv[0]) || chance(0.1)) kv.push(`volume_size: ${pick(['5', '10'])}`);
    if (chance(0.6)) kv.push(`boot_index: ${pick(['-1', '1', '2', "'-1'"])}`);
  } else if (role === 'eph') {
    kv.push(`ephemeral_size: ${pick(['1', '2', '5', '10', '11'])}`);
    if (chance(0.5)) kv.push(`ephemeral_format: ${pick(['ext4', 'xfs', 'vfat'])}`);
  } else kv.push(`swap_size: ${pick(['512', '1024', '2048', '64'])}`);
  if (chance(0.2)) kv.push(`device_name: ${pick(['vdb', 'vdc', '/dev/vdd', 'sdb', 'vda'])}`);
  if (chance(0.15)) kv.push(`disk_bus: ${pick(['virtio', 'scsi', 'sata', 'ide'])}`);
  if (chance(role === 'data' ? 0.15 : 0.04)) kv.push(`device_type: ${pick(['disk', 'cdrom'])}`);
  return kv;
}

const yamlList = (rows: string[][]) => rows.map((e) => e.map((l, i) => `        ${i ? '  ' : '- '}${l}\n`).join('')).join('');

function opsServer(name: string): string {
  let res = `  ${name}:\n    type: OS::Nova::Server\n    properties:\n`;
  res += `      flavor: ${pick(['m1.small', 'm1.medium'])}\n`;
  const style = pick(['image', 'image', 'bfv', 'bfv', 'bfv', 'legacy', 'image+legacy']);
  if (style === 'image' || style === 'image+legacy' || (style === 'bfv' && chance(0.1))) res += `      image: ${pick(['cirros', 'ubuntu-22.04'])}\n`;
  const entries: string[][] = [];
  if (style === 'bfv') entries.push(opsEntry('root'));
  if (style !== 'legacy' && style !== 'image+legacy') for (let k = Math.floor(rnd() * 4); k > 0; k--) entries.push(opsEntry(pick(['data', 'data', 'eph', 'swap'])));
  if (entries.length) res += '      block_device_mapping_v2:\n' + yamlList(entries);
  if (style === 'legacy' || style === 'image+legacy') {
    const rows: string[][] = [];
    if (style === 'legacy') rows.push([`device_name: ${pick(['vda', '/dev/vda'])}`, `volume_id: ${pick([OPS_VOL, '{get_resource: boot_vol}'])}`, `delete_on_termination: ${pick(['false', 'true'])}`]);
    for (let k = style === 'legacy' ? Math.floor(rnd() * 2) : 1 + Math.floor(rnd() * 2); k > 0; k--) {
      rows.push([`device_name: ${pick(['vdb', 'vdc', 'sdb'])}`, pick(['volume_id: {get_resource: data_vol}', 'snapshot_id: snap-2', `volume_id: ${OPS_VOL}`]), ...(chance(0.4) ? [`volume_size: ${pick(['10', '20'])}`] : [])]);
    }
    res += '      block_device_mapping:\n' + yamlList(rows);
  }
  res += pick(['      networks: [{network: private}]\n', '      networks:\n        - port: {get_resource: port}\n', '      networks: [{network: private, tag: nic1}]\n', '']);
  if (chance(0.2)) res += '      key_name: ops\n';
  if (chance(0.1)) res += '      config_drive: true\n';
  return res;
}

function opsTemplate(i: number): { id: string; template: string; microversion?: string } {
  let res = '  boot_vol:\n    type: OS::Cinder::Volume\n    properties: {size: 20, image: cirros}\n  data_vol:\n    type: OS::Cinder::Volume\n    properties: {size: 10}\n';
  res += '  log_vol:\n    type: OS::Cinder::Volume\n    properties: {size: 5}\n  port:\n    type: OS::Neutron::Port\n    properties: {network: private}\n';
  res += opsServer('web');
  if (chance(0.25)) res += opsServer('db');
  const text = `heat_template_version: ${pick(['2016-10-14', '2018-08-31', '2021-04-16', 'queens'])}\n${chance(0.3) ? 'description: ops\n' : ''}resources:\n${res}`;
  const mv = pick(['2.92', '2.92', '2.92', '2.60', '2.37', '2.79']);
  return { id: `ops-${i}`, template: text, ...(mv === '2.92' ? {} : { microversion: mv }) };
}

// ---- wild: parameters of every type with constraints and defaults, intrinsics in every key

const WPARAMS: Record<string, string> = {
  p_size: "    type: number\n    default: ${pick(['10', \"'20'\", '0', '1.5', \"'x'\", '-1', '40'])}\n${chance(0.4) ? `    constraints:\\n      - range: {min: ${pick(['1', '5'])}, max: ${pick(['50', '100'])}}\\n${chance(0.3) ? '        description: size in GB\\n' : ''}` : ''}",
  p_idx: "    type: number\n    default: ${pick(['0', '1', '-1', \"'0'\"])}\n",
  p_flag: "    type: boolean\n    default: ${pick(['true', 'false', 'yes', \"'on'\", \"'0'\", '1', 't', \"'maybe'\"])}\n",
  p_image: "    type: string\n    default: ${pick(['cirros', \"''\", 'ubuntu-22.04'])}\n${chance(0.3) ? `    constraints:\\n      - ${pick(['allowed_values: [cirros, ubuntu-22.04]', 'length: {min: 3, max: 20}', \"allowed_pattern: '[a-z0-9.-]+'\", 'custom_constraint: glance.image'])}\\n` : ''}",
  p_vol: "    type: string\n${chance(0.7) ? `    default: ${pick(['6f2e0c5a-0b7e-4d39-9d8c-2b1c4a9e0f11', 'vol-data', \"''\"])}\\n` : ''}",
  p_dev: "    type: string\n    default: ${pick(['vdb', '/dev/vdc', \"''\", 'sda'])}\n",
  p_bus: "    type: string\n    default: ${pick(['virtio', 'scsi', 'ide', 'sata'])}\n${chance(0.3) ? '    constraints:\\n      - allowed_values: [virtio, scsi, ide]\\n' : ''}",
  p_list: "    type: comma_delimited_list\n    default: ${pick([\"'vol-a,vol-b'\", \"'a'\", '[x, y]', \"''\"])}\n",
  p_json: "    type: json\n    default: ${pick(['{size: 10, bus: virtio}', '{\"size\": \"5\"}', '{}'])}\n",
  p_del: "    type: string\n    default: ${pick(['true', \"'False'\", 'yes', \"'no'\"])}\n",
};

function wildValue(key: string): string {
  switch (key) {
    case 'volume_size': return pick(['{get_param: p_size}', '10', "{str_replace: {template: '1$n', params: {$n: 5}}}", "{list_join: ['', ['2', '0']]}", '{get_param: [p_json, size]}', "{get_param: [p_list, 0]}", '{get_attr: [vol, size]}', '{get_param: p_idx}']);
    case 'boot_index': return pick(['{get_param: p_idx}', '0', '-1', "{str_replace: {template: 'N', params: {N: 1}}}", "'0'", '{get_param: p_size}']);
    case 'delete_on_termination': return pick(['{get_param: p_flag}', '{get_param: p_del}', 'true', "'yes'", "{list_join: ['', [tr, ue]]}"]);
    case 'device_name': return pick(['{get_param: p_dev}', 'vdb', "{list_join: ['/', ['', dev, vdd]]}", "{str_replace: {template: 'vdX', params: {X: e}}}"]);
    case 'disk_bus': return pick(['{get_param: p_bus}', '{get_param: [p_json, bus]}', 'virtio', 'usb']);
    case 'image': return pick(['{get_param: p_image}', 'cirros', "{str_replace: {template: 'img-V', params: {V: {get_param: p_idx}}}}"]);
    case 'volume_id': return pick(['{get_param: p_vol}', '{get_resource: vol}', '{get_param: [p_list, 1]}', "{list_join: ['-', [vol, data]]}", '{get_attr: [vol, id]}']);
    case 'snapshot_id': return pick(['snap-1', "{str_replace: {template: 'snap-N', params: {N: {get_param: p_idx}}}}"]);
    case 'swap_size': return pick(['{get_param: p_size}', '512', "{list_join: ['', ['1', '024']]}"]);
    case 'ephemeral_size': return pick(['{get_param: p_size}', '1', '{get_param: p_idx}']);
    case 'ephemeral_format': return pick(['ext4', 'xfs', '{get_param: p_image}']);
    case 'device_type': return pick(['disk', 'cdrom', '{get_param: p_dev}']);
    default: return 'x';
  }
}

function wildV2Entry(): string {
  const keys: string[] = [];
  keys.push(pick(['image', 'volume_id', 'snapshot_id', 'swap_size', 'ephemeral_size', 'image', 'volume_id', 'image_id']));
  for (const k of ['boot_index', 'volume_size', 'delete_on_termination', 'device_name', 'disk_bus', 'device_type', 'ephemeral_format']) if (chance(k === 'boot_index' || k === 'volume_size' ? 0.5 : 0.15)) keys.push(k);
  return keys.map((k, i) => `        ${i ? '  ' : '- '}${k}: ${wildValue(k === 'image_id' ? 'image' : k)}\n`).join('');
}

function wildV1Entry(): string {
  const keys = [`device_name: ${chance(0.85) ? wildValue('device_name') : 'vda'}`];
  keys.push(chance(0.7) ? `volume_id: ${wildValue('volume_id')}` : `snapshot_id: ${wildValue('snapshot_id')}`);
  if (chance(0.5)) keys.push(`volume_size: ${wildValue('volume_size')}`);
  if (chance(0.5)) keys.push(`delete_on_termination: ${wildValue('delete_on_termination')}`);
  return keys.map((l, i) => `        ${i ? '  ' : '- '}${l}\n`).join('');
}

function wildTemplate(i: number): { id: string; template: string; params?: Record<string, unknown>; microversion?: string } {
  // the ${...} in WPARAMS are evaluated here, in a fresh template literal per parameter
  const params = Object.entries(WPARAMS).map(([n, body]) => `  ${n}:\n${new Function('pick', 'chance', `return \`${body}\`;`)(pick, chance) as string}`).join('');
  let res = `  vol:\n    type: OS::Cinder::Volume\n    properties:\n      size: ${pick(['10', '{get_param: p_size}'])}\n${chance(0.3) ? '      image: {get_param: p_image}\n' : ''}`;
  const servers = 1 + Math.floor(rnd() * 3);
  for (let s = 0; s < servers; s++) {
    res += `  srv${s}:\n    type: OS::Nova::Server\n${chance(0.2) && s ? `    depends_on: srv${s - 1}\n` : ''}    properties:\n`;
    res += `      flavor: ${pick(['m1.small', "{list_join: ['.', [m1, small]]}"])}\n`;
    if (chance(0.5)) res += `      image: ${wildValue('image')}\n`;
    const kind = pick(['v2', 'v2', 'v2', 'v1', 'both', 'none']);
    if (kind === 'v2' || kind === 'both') res += '      block_device_mapping_v2:\n' + Array.from({ length: 1 + Math.floor(rnd() * 3) }, wildV2Entry).join('');
    if (kind === 'v1' || kind === 'both') res += '      block_device_mapping:\n' + Array.from({ length: 1 + Math.floor(rnd() * 2) }, wildV1Entry).join('');
    res += pick(['      networks: [{network: private}]\n', '      networks: [{port: {get_resource: port}}]\n', '']);
    if (chance(0.2)) res += `      name: {str_replace: {template: 'web-$i', params: {$i: ${s}}}}\n`;
  }
  if (res.includes('get_resource: port')) res += '  port:\n    type: OS::Neutron::Port\n    properties: {network: private}\n';
  const text = `heat_template_version: ${pick(['2015-10-15', '2016-10-14', '2018-08-31', '2021-04-16'])}\nparameters:\n${params}resources:\n${res}`;
  const given: Record<string, unknown> = {};
  if (chance(0.25)) given.p_size = pick(['30', '0', 'abc', '7']);
  if (chance(0.2)) given.p_flag = pick(['false', 'yes', 'nope']);
  if (chance(0.15)) given.p_list = pick(['x,y,z', '']);
  if (chance(0.1)) given.p_vol = 'vol-given';
  const mv = pick(['2.92', '2.92', '2.60', '2.36']);
  return { id: `wild-${i}`, template: text, ...(Object.keys(given).length ? { params: given } : {}), ...(mv === '2.92' ? {} : { microversion: mv }) };
}

// ---- resources: the resources next to the servers (volumes, attachments, ports, networks, values)
// with odd property values, for Stack.validate's checks of every resource

const RVALUES: Record<string, Record<string, readonly string[]>> = {
  'OS::Cinder::Volume': {
    size: ['10', '10', '0', '-1', "'5'", "'abc'", '1.5', 'null', 'true', '{get_param: p_size}', '{get_attr: [src, size]}', '[1]', "' 7 '"],
    name: ['data', '[a]', '{a: 1}', '42', 'null', 'true', '1.5'],
    description: ['a disk', '[x]', '3', 'null'],
    volume_type: ['fast', '[x]', '7', "''"],
    image: ['cirros', "''", '{get_param: p_image}', '[x]', '0', '{get_attr: [src, id]}'],
    imageRef: ['cirros', "''", 'null', 'ubuntu'],
    snapshot_id: ['snap-1', "''", '{get_attr: [src, snapshot_id]}', '{a: b}', 'null'],
    source_volid: ['{get_resource: src}', 'vol-x', "''", '{get_attr: [src, id]}'],
    backup_id: ['bk-1', "''", 'null', '{get_param: p_image}'],
    availability_zone: ['nova', '[nova]', "''"],
    metadata: ['{k: v}', '[1]', "'x'", 'null', '{k: [1]}', '{}'],
    scheduler_hints: ['{same_host: x}', "'x'", '[1]', 'null'],
    multiattach: ['true', "'yes'", '1', 'false', 'null', "'TRUE'"],
    read_only: ['true', "'False'", "'no'", '0', '{get_param: p_flag}'],
    bogus: ['1'],
  },
  'OS::Cinder::VolumeAttachment': {
    instance_uuid: ['{get_resource: srv0}', '{get_resource: srv0}', 'srv-1', '[x]', '{get_attr: [srv0, show, id]}'],
    volume_id: ['{get_resource: vol}', '{get_resource: vol}', 'v', '1', '{k: v}', "''"],
    mountpoint: ['/dev/vdb', "''", '[1]', '5', 'null', 'true'],
    device: ['/dev/vdc'],
  },
  'OS::Neutron::Port': {
    network: ['private', 'private', '{get_resource: net}', '[x]', "''", '{get_attr: [net, name]}'],
    network_id: ['private', 'null', "''"],
    fixed_ips: ['[{subnet: s}]', '[{subnet: s, subnet_id: t}]', '[{subnet_id: t}]', '[{ip_address: 10.0.0.5}]', '[{ip_address: 10.0.0.256}]', '[{ip_address: 010.0.0.1}]', "[{ip_address: '::1'}]", '[{bogus: 1}]', "'x'", '[]', '[1]', 'null'],
    no_fixed_ips: ['true', 'false', "'maybe'", '1'],
    'binding:vnic_type': ['normal', 'direct', 'weird', '[x]'],
    admin_state_up: ['true', "'no'", "'false'"],
    value_specs: ['{name: x}', '{}', "'x'", '{mtu: 1}'],
    allowed_address_pairs: ['[{ip_address: 10.0.0.1}]', '[{ip_address: 10.0.0.0/24}]', '[{ip_address: 010.0.0.1}]', '[{ip_address: abc}]', '[{mac_address: aa}]', '[1]', '[{ip_address: 1, mac_address: [x]}]'],
    replacement_policy: ['AUTO', 'NEVER', 'REPLACE_ALWAYS'],
    tags: ['[a, b]', '[[1]]', "'a'", '[1, true]'],
    security_groups: ['[default]', "'default'", '{a: b}'],
    device_id: ['d', 'null', '[1]'],
    mac_address: ['fa:16:3e:00:00:01', '12', 'fa-16-3e-00-00-01', 'fa16.3e00.0001', 'zz:16:3e:00:00:01'],
    dns_name: ['host', '[x]'],
    propagate_uplink_status: ['true', "'x'"],
    qos_policy: ['q', '{a: 1}'],
    port_security_enabled: ['false', "'nope'"],
  },
  'OS::Neutron::Net': {
    name: ['private', '[x]', '12'],
    value_specs: ['{shared: true}', '{mtu: 1400}', '{name: x, tenant_id: y}', '[1]', '{admin_state_up: false}', 'null'],
    admin_state_up: ['true', "'maybe'", 'null'],
    shared: ['true', "'maybe'", '0'],
    tenant_id: ['t', '[t]'],
    tags: ['[a]', '[[1]]', "'a'"],
    dhcp_agent_ids: ['[a]', "'a'", '{a: 1}'],
    availability_zone_hints: ['[nova]', "'nova'"],
    port_security_enabled: ['false', "'x'"],
    dns_domain: ['example.org.', '[x]'],
    qos_policy: ['q', '[q]'],
    segments: ['[]'],
  },
  'OS::Heat::Value': {
    value: ['1', "'abc'", '[1, 2]', '{a: 1}', "'1.5'", 'null', "'1_000'", "'inf'", 'true', "' 2e3 '", "'1.'", '{get_attr: [vol, size]}'],
    type: ['number', 'string', 'json', 'comma_delimited_list', 'boolean', 'float', '[number]', '{get_param: p_type}'],
  },
  'OS::Heat::None': { anything: ['1', '[x]'] },
};

/** the first keys of a type's resource more often than the rest */
const RCOMMON: Record<string, readonly string[]> = {
  'OS::Cinder::Volume': ['size', 'image', 'snapshot_id', 'source_volid', 'backup_id', 'imageRef'],
  'OS::Cinder::VolumeAttachment': ['instance_uuid', 'volume_id', 'mountpoint'],
  'OS::Neutron::Port': ['network', 'fixed_ips', 'no_fixed_ips'],
  'OS::Neutron::Net': ['name', 'value_specs'],
  'OS::Heat::Value': ['value', 'type'],
  'OS::Heat::None': [],
};

function oddResource(name: string, type: string): string {
  const vals = RVALUES[type];
  const lines: string[] = [];
  for (const k of Object.keys(vals)) {
    const common = RCOMMON[type].includes(k);
    // the required keys are mostly written; the rest now and then
    if (chance(common ? 0.55 : 0.12)) lines.push(`      ${k}: ${pick(vals[k])}\n`);
  }
  let out = `  ${name}:\n    type: ${type}\n`;
  if (chance(0.08)) out += `    deletion_policy: ${pick(['Snapshot', 'snapshot', 'Retain', 'Delete', '{get_param: p_policy}'])}\n`;
  if (chance(0.05)) out += '    depends_on: src\n';
  return out + (lines.length ? `    properties:\n${lines.join('')}` : chance(0.5) ? '    properties: {}\n' : '');
}

function resourcesTemplate(i: number): { id: string; template: string; params?: Record<string, unknown> } {
  const params = [
    `  p_size:\n    type: number\n    default: ${pick(['10', '0', "'3'", '-2'])}\n`,
    `  p_image:\n    type: string\n    default: ${pick(['cirros', "''"])}\n`,
    `  p_flag:\n    type: boolean\n    default: ${pick(['true', 'false'])}\n`,
    `  p_type:\n    type: string\n    default: ${pick(['number', 'json', 'boolean', 'nope'])}\n`,
    `  p_policy:\n    type: string\n    default: ${pick(['Snapshot', 'Delete', 'Retain'])}\n`,
  ].join('');
  // `src`: a plain volume the others refer to (a resource may not refer to itself: a circular
  // dependency). One resource (now and then two) takes odd values, the others plain ones, so that
  // Heat's answer seldom hangs on its order among resources that do not depend on each other
  const types = ['OS::Cinder::Volume', 'OS::Cinder::VolumeAttachment', 'OS::Neutron::Port', 'OS::Neutron::Net', 'OS::Heat::Value', 'OS::Heat::None'];
  const names: Record<string, string> = { 'OS::Cinder::Volume': 'vol', 'OS::Cinder::VolumeAttachment': 'att', 'OS::Neutron::Port': 'port', 'OS::Neutron::Net': 'net', 'OS::Heat::Value': 'val', 'OS::Heat::None': 'nothing' };
  const plain: Record<string, string> = {
    'OS::Cinder::Volume': '{size: 1}', 'OS::Cinder::VolumeAttachment': '{instance_uuid: {get_resource: srv0}, volume_id: {get_resource: vol}}',
    'OS::Neutron::Port': '{network: private}', 'OS::Neutron::Net': '{name: private}', 'OS::Heat::Value': '{value: 1}', 'OS::Heat::None': '{}',
  };
  const odd = new Set([pick(types), ...(chance(0.25) ? [pick(types)] : [])]);
  let res = '  src:\n    type: OS::Cinder::Volume\n    properties: {size: 1}\n';
  for (const t of types) {
    if (t !== 'OS::Cinder::Volume' && !odd.has(t) && !chance(0.3)) continue;
    res += odd.has(t) ? oddResource(names[t], t) : `  ${names[t]}:\n    type: ${t}\n    properties: ${plain[t]}\n`;
  }
  if (res.includes('get_resource: net') && !res.includes('  net:\n')) res += '  net:\n    type: OS::Neutron::Net\n';
  // the server: booted from the volume or an image, a port of the stack's when there is one; now and
  // then a block device Heat refuses itself, so that two resources are refused
  const port = res.includes('  port:\n');
  let srv = '  srv0:\n    type: OS::Nova::Server\n    properties:\n      flavor: m1.small\n';
  if (chance(0.5)) srv += '      block_device_mapping_v2:\n        - volume_id: {get_resource: vol}\n          boot_index: 0\n';
  else srv += `      image: cirros\n${chance(0.4) ? '      block_device_mapping_v2:\n        - volume_id: {get_resource: vol}\n          boot_index: 1\n' : ''}`;
  if (chance(0.1)) srv += `      ${pick(['flavor_update_policy: NEVER', 'diskConfig: NONE', 'config_drive: maybe'])}\n`;
  srv += port ? `      networks: [{port: {get_resource: port}}]\n` : '      networks: [{network: private}]\n';
  res = chance(0.5) ? srv + res : res + srv;
  const text = `heat_template_version: ${pick(['2016-10-14', '2018-08-31', '2021-04-16'])}\nparameters:\n${params}resources:\n${res}`;
  const given: Record<string, unknown> = {};
  if (chance(0.2)) given.p_size = pick(['0', '5', 'abc']);
  return { id: `res-${i}`, template: text, ...(Object.keys(given).length ? { params: given } : {}) };
}

/** a value written with a function (CloudFormation's in 2013-05-23, HOT's otherwise), valid or not */
function fnValue(kind: 'size' | 'name' | 'id', cfn: boolean): string {
  const size = cfn
    ? ['{Ref: size}', "{'Fn::Select': [0, [10, 20]]}", "{'Fn::Select': ['1', {Ref: sizes}]}", "{'Fn::Select': [5, [1]]}", "{'Fn::Select': [x, [1]]}", "{'Fn::Join': ['', ['1', '0']]}", "{'Fn::Base64': '12'}", '{Ref: nope}', "{'Fn::Select': [1, {'Fn::Split': [',', '4,8']}]}", "{'Fn::ResourceFacade': DeletionPolicy}"]
    : ['{get_param: size}', "{str_replace: {template: '1x', params: {x: 0}}}", "{list_join: ['', ['1', '5']]}", '{if: [big, 20, 10]}', "{yaql: {expression: '1 + 2'}}", "{get_param: [sizes, 1]}", '{if: [big, 20]}'];
  const name = cfn
    ? ["{'Fn::Join': ['-', [a, {Ref: img}]]}", "{'Fn::Replace': [{'%n%': vdb}, '/dev/%n%']}", "{'Fn::Replace': [{n: [1]}, 'n']}", "{'Fn::Join': ['-', [a, 1]]}", "{'Fn::Split': [',', 'a,b']}", "{'Fn::Base64': [1]}", "{'Fn::GetAtt': [vol, size]}", '{Ref: [a]}', "{'Fn::Select': [0, {'Fn::GetAZs': ''}]}", "{'Fn::ResourceFacade': metadata}"]
    : ["{str_replace: {template: '/dev/%n%', params: {'%n%': vdb}}}", "{list_join: ['', [vd, b]]}", '{map_merge: [{a: 1}, {b: 2}]}', "{repeat: {for_each: {'%x%': [b, c]}, template: 'vd%x%'}}", "{str_split: [',', 'vdb,vdc', 0]}", "{if: [big, vdb, vdc]}", "{str_replace_strict: {template: vdx, params: {x: b, y: c}}}", '{resource_facade: deletion_policy}'];
  const id = cfn ? ['{Ref: vol}', "{'Fn::Select': [0, [v1]]}", '{Ref: vol_id}'] : ['{get_resource: vol}', '{get_param: vol_id}', '{if: [big, {get_resource: vol}, v2]}'];
  return pick(kind === 'size' ? size : kind === 'name' ? name : id);
}

/**
 * `cfn`: HOT 2013-05-23 templates with CloudFormation's functions (Ref, Fn::Select, Fn::Join,
 * Fn::Split, Fn::Replace, Fn::Base64, Fn::GetAZs, Fn::MemberListToMap, Fn::ResourceFacade;
 * Fn::GetAtt, which is data there), or newer ones with HOT's functions (str_replace, list_join,
 * repeat, map_merge, yaql, if, resource_facade) in block device properties and metadata;
 * half of them written as flow collections whose later lines sit at or left of their key.
 */
function cfnTemplate(i: number): { id: string; template: string; params?: Record<string, unknown> } {
  const cfn = chance(0.6);
  const version = cfn ? '2013-05-23' : pick(['2016-10-14', '2018-08-31', '2021-04-16']);
  const params = '  size: {type: number, default: 10}\n  sizes: {type: comma_delimited_list, default: "1,2,3"}\n  img: {type: string, default: cirros}\n  vol_id: {type: string, default: v-given}\n';
  const conds = !cfn ? `conditions:\n  big: {equals: [{get_param: size}, ${pick(['10', '20'])}]}\n` : '';
  const entries: string[][] = [];
  const n = 1 + Math.floor(rnd() * 2);
  for (let k = 0; k < n; k++) {
    const e: string[] = [];
    e.push(k === 0 ? pick(['image: cirros', `volume_id: ${fnValue('id', cfn)}`, 'image: {get_param: img}']) : `volume_id: ${fnValue('id', cfn)}`);
    e.push(`boot_index: ${k}`);
    if (chance(0.7)) e.push(`volume_size: ${fnValue('size', cfn)}`);
    if (chance(0.5)) e.push(`device_name: ${fnValue('name', cfn)}`);
    if (chance(0.2)) e.push(`delete_on_termination: ${pick(['true', "{'Fn::Select': [0, [false]]}", '{if: [big, true, false]}'])}`);
    entries.push(e.map((x) => (cfn ? x.replace(/get_param: img/, 'Ref: img') : x)));
  }
  let bdm: string;
  if (chance(0.5)) {
    // flow collections over several lines, the later ones at or left of the key
    const lead = () => ' '.repeat(pick([0, 0, 1, 2, 6]));
    bdm = `      block_device_mapping_v2: [${entries.map((e) => `{${e.join(`,\n${lead()}`)}}`).join(`,\n${lead()}`)}${chance(0.3) ? '\n' + lead() : ''}]\n`;
  } else {
    bdm = '      block_device_mapping_v2:\n' + entries.map((e) => e.map((x, j) => `        ${j ? '  ' : '- '}${x}\n`).join('')).join('');
  }
  let props = `      flavor: m1.small\n${bdm}`;
  if (chance(0.4)) props += `      name: ${fnValue('name', cfn)}\n`;
  if (chance(0.3)) props += `      user_data: ${cfn ? pick(["{'Fn::Base64': hello}", "{'Fn::Join': ['', ['#!/bin/sh', {Ref: img}]]}"]) : "{str_replace: {template: 'x=$y', params: {$y: 1}}}"}\n`;
  if (chance(0.3)) {
    // an AWS-style member list (Fn::MemberListToMap), valid or not
    props += `      metadata: ${cfn ? pick([
      "{'Fn::MemberListToMap': [Name, Value, ['.member.0.Name=a', '.member.0.Value=b', '.member.1.Name=c', '.member.1.Value=d=e']]}",
      "{'Fn::MemberListToMap': [K, V, ['.member.2.K=x', '.member.2.V=1', '.member.10.K=x', '.member.10.V=2', '.member.3.K=y']]}",
      "{'Fn::MemberListToMap': [Name, Value, {'Fn::Split': [',', '.member.0.Name=k,.member.0.Value=v']}]}",
      "{'Fn::MemberListToMap': [Name, Value, ['.member.0.Name']]}", "{'Fn::MemberListToMap': [Name, Value, 5]}", "{'Fn::MemberListToMap': [Name, {Ref: img}, []]}",
      "{'Fn::MemberListToMap': [Name, Value]}", "{'Fn::ResourceFacade': Metadata}", "{'Fn::ResourceFacade': UpdatePolicy}", "{a: {'Fn::GetAZs': {Ref: img}}}",
    ]) : pick(['{resource_facade: metadata}', '{resource_facade: update_policy}', '{resource_facade: Metadata}'])}\n`;
  }
  props += chance(0.5) ? '      networks: [{network: private}]\n' : '      networks: [{network: private},\n  {network: other}]\n';
  const text = `heat_template_version: ${version}\nparameters:\n${params}${conds}resources:\n  vol:\n    type: OS::Cinder::Volume\n    properties: {size: 1}\n  srv:\n    type: OS::Nova::Server\n    properties:\n${props}`;
  return { id: `cfn-${i}`, template: text };
}

/** `yaml`: YAML 1.1 scalars PyYAML reads its own way, where they reach the Nova body */
const Y = {
  int: ['10', '0o17', '017', '0x14', '1_0', '+20', '20.', '1.5e+1', '"20"', "'020'", '~', 'null', '', '.inf', '-.inf', '.nan', '1:20', '0b101', 'true', 'yes', 'off', '!!str 20', '!!int "20"', '!!float 3', '2001-12-14', '"0x14"', '-0', '0.0', '1e3', '08', '3.0e+0', '10.0', '=', '!!binary MTA=', '!!null ""', '0b_1_1', '1_0.0', '+0', '0:0', '190:20:30'],
  idx: ['0', '-1', '017', '0x0', '~', 'no', 'off', '"0"', '0.0', '00', '+0', '-0', '0b0', '1:0', '-1.0', '!!str 0', '1_0', '=', '.nan', 'n'],
  bool: ['yes', 'no', 'on', 'off', 'y', 'n', 'Y', 'N', 'TRUE', 'True', 'False', 'OFF', 'On', 'yEs', '"1"', '1.0', "'t'", "'f'", '0', '1', '2', '~', "'Yes'", '"y"', '"off"', '!!bool yes', '!!str yes', "''", 'Off', 'NO', 'nO', 'oN'],
  name: ['vm1', '0o17', '017', '1_000', 'yes', '~', '2001-12-14', '2001-12-14 21:59:43.10 -5', '2001-12-14t21:59:43.10-05:00', '2002-1-1 1:2:3', '12:30', '"web 1"', '1.0', '.nan', '.inf', '-.Inf', '0x1F', '!!binary aGk=', '!!str 12:30', '=', '1e3', '1_0.5', '0.1', '1.', '123456789012345678901234567890', '!!float 1', 'on', 'n'],
  meta: ['{a: yes}', '{a: 017, b: 1:30}', '{on: off}', '{1: a}', '{null: x}', '{1.5: y}', '{~: 1}', '{a: 2001-12-14}', '{a: .inf}', '{a: !!binary aGk=}', '{a: ~, b: 0x10}', '!!set {a, b}', '!!omap [{a: 1}, {b: 2}]', '!!pairs [{a: 1}]', '{a: 1, a: 2}', '{yes: 1, true: 2}', '{2001-12-14: d}', '{a: [1, yes]}', '{a: {b: on}}', '{=: x}', '{"<<": 1}'],
  id: ['vol-data', '017', 'yes', '~', '12:30', '2001-12-14', '0x1A', '1_0', '"017"'],
  dev: ['vdb', '/dev/vdb', '017', 'yes', '~', '12:30', '1.5', '2001-12-14'],
};

function yamlTemplate(i: number): { id: string; template: string } {
  const version = pick(['2016-10-14', '2018-08-31', '2021-04-16']);
  // most values ones Heat takes, so that most servers are sent and their bodies compared
  const tame: Record<string, string[]> = { int: ['10', '017', '0x14', '1_0', '+20', '"20"', '0o17', '1:20', '0b101', 'yes', '~', '10.0', '!!int "20"', '!!float 3'], idx: ['0', '-1', '~', 'no', '"0"', '00', '-0', '0x0', '0.0', '1_0', 'off'], bool: ['yes', 'no', 'on', 'off', 'True', 'OFF', 'y', 'n', '"1"', '0', "'t'", '~', '!!bool yes'], name: ['vm1', '0o17', '017', '1_000', 'yes', '~', '2001-12-14', '2001-12-14 21:59:43.10 -5', '12:30', '1.0', '0x1F', '!!str 12:30', '1e3', 'on', 'n', '123456789012345678901234567890', '1:2:3', '-0', '0b11'], meta: ['{a: yes}', '{a: 017, b: 1:30}', '{on: off}', '{1: a}', '{null: x}', '{1.5: y}', '{~: 1}', '{a: 2001-12-14}', '{a: .inf}', '{a: ~, b: 0x10}', '{a: 1, a: 2}', '{yes: 1, true: 2}', '{2001-12-14: d}', '{a: [1, yes]}', '{a: {b: on}}', '{=: x}', '{"<<": 1}', '{a: 1.0, b: 1e3, c: 1.5e+3}', '{a: -.inf, b: .NaN}', '{0o17: 1, 017: 2}'], id: Y.id, dev: Y.dev };
  const V = (k: keyof typeof Y): string[] => (chance(0.35) ? Y[k] : tame[k] ?? Y[k]);
  const line = ([key, v]: [string, string]) => `${key}:${v === '' ? '' : ' '}${v}`;
  const anchors: string[] = [];
  const entries: string[] = [];
  const n = 1 + Math.floor(rnd() * 2);
  for (let k = 0; k < n; k++) {
    const e: Array<[string, string]> = [];
    e.push(k === 0 ? pick<[string, string]>([['image', pick(['cirros', ...Y.id])], ['volume_id', pick(V('id'))], ['image', 'cirros']]) : ['volume_id', pick(V('id'))]);
    if (chance(0.8)) e.push(['boot_index', k === 0 && chance(0.5) ? '0' : pick(V('idx'))]);
    if (chance(0.7)) e.push(['volume_size', pick(V('int'))]);
    if (chance(0.4)) e.push(['delete_on_termination', pick(V('bool'))]);
    if (chance(0.3)) e.push(['device_name', pick(V('dev'))]);
    if (chance(0.15)) e.push([pick(['disk_bus', 'device_type', 'ephemeral_size', 'swap_size']), pick([...Y.int.slice(0, 8), 'virtio', 'disk', 'yes'])]);
    if (chance(0.05)) e.push([pick(['volume_size', 'boot_index', 'image']), pick(V('int'))]); // a duplicated key: the last wins
    let lines = e.map(line);
    if (chance(0.35)) {
      // part of the entry from an anchor (or two), merged
      const cut = Math.floor(rnd() * (e.length + 1));
      const a = `m${k}`;
      anchors.push(`      ${a}: &${a}\n${e.slice(0, cut).map((x) => `        ${line(x)}\n`).join('') || '        zz: 1\n'}`);
      let merge = `*${a}`;
      if (chance(0.3)) {
        anchors.push(`      ${a}b: &${a}b\n        ${line([pick(['volume_size', 'boot_index', 'delete_on_termination', 'disk_bus']), pick([...Y.int.slice(0, 6), 'yes', 'virtio'])])}\n`);
        merge = chance(0.5) ? `[*${a}, *${a}b]` : `[*${a}b, *${a}]`;
      }
      const own = e.slice(cut).map(line);
      lines = chance(0.5) ? [`<<: ${merge}`, ...own] : [...own, `<<: ${merge}`];
    }
    entries.push(lines.map((x, j) => `        ${j ? '  ' : '- '}${x}\n`).join(''));
  }
  let props = `      flavor: m1.small\n      block_device_mapping_v2:\n${entries.join('')}`;
  if (chance(0.5)) props += `      name: ${pick(V('name'))}\n`;
  if (chance(0.4)) props += `      metadata: ${pick(V('meta'))}\n`;
  if (chance(0.15)) props += `      ${pick(['config_drive', 'user_data_update_policy', 'flavor_update_policy'])}: ${pick([...Y.bool.slice(0, 8), 'REPLACE'])}\n`;
  if (chance(0.9)) props += chance(0.5) ? '      networks: [{network: private}]\n' : '      networks:\n        - <<: *net\n';
  if (chance(0.1)) props += `      <<: {${pick(['name: merged', 'flavor: m1.large', 'zzz: 1', 'admin_pass: 017'])}}\n`;
  // anchors live in an output's value (which the server never reads), written before the resources
  anchors.push('      net: &net {network: private}\n');
  const head = `outputs:\n  x:\n    value:\n${anchors.join('')}`;
  return { id: `yaml-${i}`, template: `heat_template_version: ${version}\n${head}resources:\n  srv:\n    type: OS::Nova::Server\n    properties:\n${props}` };
}

const count = Number(process.argv[2] ?? 100);
const make = process.argv[4] === 'conditions' ? condTemplate : process.argv[4] === 'ops' ? opsTemplate : process.argv[4] === 'wild' ? wildTemplate : process.argv[4] === 'resources' ? resourcesTemplate : process.argv[4] === 'cfn' ? cfnTemplate : process.argv[4] === 'yaml' ? yamlTemplate : template;

const out = Array.from({ length: count }, (_, i) => make(i));
process.stdout.write(JSON.stringify(out, null, 1) + '\n');
