/**
 * Hunt 23: HOT templates that call `digest` and `make_url` in the properties of an
 * OS::Nova::Server that reach the Nova body (name, metadata, key_name, admin_pass, a block device's
 * device_name and volume_size through str_replace/list_join), for the differential test against
 * Heat's own code (scripts/heat-hunt23-fn-difftest.ts): every algorithm name hashlib has (in
 * several cases) and others, values with Latin-1 and other characters, arguments of every shape;
 * make_url's keys with strings, numbers, nulls, lists, maps, functions (get_param with and without
 * default, given), ports of every kind, IPv6 hosts, characters to quote; every template version.
 * Usage: node --import tsx scripts/heat-hunt23-fn-gen.ts COUNT SEED > cases.json
 */

export {};

let seed = Number(process.argv[3] ?? 1) >>> 0 || 1;
function rnd(): number {
  seed ^= seed << 13; seed >>>= 0;
  seed ^= seed >> 17;
  seed ^= seed << 5; seed >>>= 0;
  return seed / 0x100000000;
}
const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rnd() * xs.length)];
const chance = (p: number) => rnd() < p;

const VERSIONS = ['2015-04-30', '2015-10-15', '2016-10-14', '2017-02-24', '2017-09-01', '2018-03-02', '2018-08-31', '2021-04-16', 'pike', 'queens', 'wallaby', '2014-10-16'];
const ALGS = ['md5', 'sha1', 'sha224', 'sha256', 'sha384', 'sha512', 'MD5', 'Sha256', 'SHA512', 'sha512_224', 'sha512_256', 'md5-sha1', 'sha3_256', 'SHA3_256', 'blake2b', 'shake_128', 'ripemd160', 'foo', "''", 'sha-256', '{get_param: p_str}', '{get_param: p_alg}'];
const TEXTS = ['abc', "''", 'hello world', "'é ü ÿ'", "'€uro'", "'a€€b'", '"x\\U0001F600"', "'x\\ty'", '"line\\nnext"', '12', '1.5', 'true', 'null', '[a]', '{a: b}', '{get_param: p_str}', '{get_param: p_num}', '{get_param: p_nodef}', '{get_param: p_json}', '{list_join: [-, [a, b]]}', '{str_replace: {template: xAy, params: {A: é}}}'];
const PARTS = ['h', "'a b'", "'::1'", "'[::1]'", "'[fe80::1%eth0]'", "'ex.com/p'", "''", "'é'", "'a:b'", '5', 'null', '[a]', '{a: b}', '{get_param: p_str}', '{get_param: p_nodef}', "'p@ss/w:rd'", "'/x y/z'", "'//x'", "'?q#f'", 'x'];
const PORTS = ['80', "'8080'", "' 443 '", "'+80'", "'1_000'", "'x'", "''", '0', '65535', '65536', '-1', '80.0', '80.7', 'true', 'false', 'null', '[1]', '.nan', "'0x10'", '{get_param: p_num}', '{get_param: p_str}', '{get_param: p_port}', '99999999999999999999'];
const SCHEMES = ['http', 'https', 'ftp', 'foo', "''", "'a:b'", 'HTTP', 'file', 'git+ssh', '{get_param: p_str}'];
const QUERIES = ['{}', '{a: b}', "{a: 'b c', d: '/'}", "{k: [1, 2.0], n: null, m: {x: true}, 3: '/ +&=é'}", 'x', 'null', '[a, b]', '{get_param: p_json}', '{a: {get_param: p_str}}', "{'%2F': '%'}"];

function digestCall(): string {
  if (chance(0.08)) return pick(['{digest: abc}', '{digest: [md5]}', '{digest: [md5, a, b]}', '{digest: []}', '{digest: {a: b}}', '{digest: [md5, [a]]}', '{digest: [5, a]}', '{digest: {get_param: p_json}}']);
  return `{digest: [${pick(ALGS)}, ${pick(TEXTS)}]}`;
}

function makeUrlCall(): string {
  if (chance(0.06)) return pick(['{make_url: [a]}', '{make_url: x}', '{make_url: {get_param: p_json}}', '{make_url: {host: h, bad: 1}}', '{make_url: {host: h, 1: x}}', '{make_url: {}}', '{make_url: null}']);
  const keys: string[] = [];
  if (chance(0.7)) keys.push(`scheme: ${pick(SCHEMES)}`);
  if (chance(0.2)) keys.push(`username: ${pick(PARTS)}`);
  if (chance(0.15)) keys.push(`password: ${pick(PARTS)}`);
  if (chance(0.8)) keys.push(`host: ${pick(PARTS)}`);
  if (chance(0.5)) keys.push(`port: ${pick(PORTS)}`);
  if (chance(0.5)) keys.push(`path: ${pick(PARTS)}`);
  if (chance(0.35)) keys.push(`query: ${pick(QUERIES)}`);
  if (chance(0.3)) keys.push(`fragment: ${pick(PARTS)}`);
  // the keys in any order (Heat checks them in its own)
  for (let i = keys.length - 1; i > 0; i--) { const j = Math.floor(rnd() * (i + 1)); [keys[i], keys[j]] = [keys[j], keys[i]]; }
  return `{make_url: {${keys.join(', ')}}}`;
}

const call = () => (chance(0.5) ? digestCall() : makeUrlCall());

function template(i: number): { id: string; template: string; params?: Record<string, unknown>; microversion: string } {
  const version = pick(VERSIONS);
  const params = [
    '  p_str:\n    type: string\n    default: ' + pick(['cirros', "'a b'", "'é'", "'€'", "''", 'md5', "'::1'"]),
    '  p_num:\n    type: number\n    default: ' + pick(['80', '0', '1.5', "'443'"]),
    '  p_port:\n    type: string\n    default: ' + pick(["'8080'", 'x', "' 22 '"]),
    '  p_alg:\n    type: string\n    default: ' + pick(['sha1', 'SHA256', 'nope']),
    '  p_nodef:\n    type: string',
    '  p_json:\n    type: json\n    default: ' + pick(['{a: b}', "{host: h, port: 80}", '[md5, x]', '{}']),
  ];
  const props: string[] = ['      image: cirros', '      flavor: m1.small'];
  const where = pick(['name', 'name', 'metadata', 'key_name', 'device_name', 'volume_size', 'str_replace', 'list_join']);
  if (where === 'name') props.push(`      name: ${call()}`);
  else if (where === 'metadata') props.push(`      metadata: {k: ${call()}, other: v}`);
  else if (where === 'key_name') props.push(`      key_name: ${call()}`);
  else if (where === 'str_replace') props.push(`      name: {str_replace: {template: 'srv-X', params: {X: ${call()}}}}`);
  else if (where === 'list_join') props.push(`      metadata: {k: {list_join: ['|', [${call()}, b]]}}`);
  else if (where === 'device_name') props.push(`      block_device_mapping_v2:\n        - {device_name: ${call()}, volume_id: 0b7a1c7e-6a5e-4a44-8a57-7ab9e0a0c001, boot_index: 1}`);
  else props.push(`      block_device_mapping_v2:\n        - {image: cirros, boot_index: 0, volume_size: {str_split: [',', {list_join: [',', ['5', ${call()}]]}, 0]}}`);
  if (chance(0.3)) props.push(`      admin_pass: ${call()}`);
  const given: Record<string, unknown> = {};
  if (chance(0.15)) given.p_str = pick(['given', 'x y', '€', 'SHA1']);
  if (chance(0.1)) given.p_port = pick(['9000', 'abc', '70000']);
  const text = `heat_template_version: ${version}\nparameters:\n${params.join('\n')}\nresources:\n  srv:\n    type: OS::Nova::Server\n    properties:\n${props.join('\n')}\n`;
  return { id: `fn-${i}`, template: text, ...(Object.keys(given).length ? { params: given } : {}), microversion: '2.1' };
}

const count = Number(process.argv[2] ?? 100);
console.log(JSON.stringify(Array.from({ length: count }, (_, i) => template(i)), null, 1));
