/**
 * Generator of `openstack.cloud.server` tasks for the differential test of the Ansible source
 * (scripts/ansible-difftest.ts): varied options (boot from volume or not, boot_volume/root_volume,
 * volumes as a list or a comma string, sizes as ints, strings, floats and zero, booleans in YAML
 * and Ansible spellings, free-form `k=v`, `os_server` names, `{{ }}` from the task's vars,
 * blocks, unsupported keys, wrong types), one task per case, seeded so a seed names the same cases.
 * Usage: node --import tsx scripts/ansible-gen.ts N SEED > cases.json
 */
import { rng } from './prng.mjs';

const n = Number(process.argv[2] ?? 40);
const r = rng(Number(process.argv[3] ?? 19));
const pick = <T>(xs: readonly T[]): T => xs[Math.floor(r() * xs.length)];
const maybe = (p: number) => r() < p;

const MODULES = ['openstack.cloud.server', 'openstack.cloud.server', 'os_server', 'openstack.cloud.os_server'];
const BOOLS = ['true', 'false', 'yes', 'no', "'yes'", "'True'", '1', '0', "'on'", "'maybe'"];
const SIZES = ['20', '1', '0', "'40'", '15.0', "'big'", '-1', "' 8 '"];
const IMAGES = ['cirros', 'ubuntu-22.04', '2c1e9d0a-7f3b-4c1a-9a0e-0d6c1f2b3a4d', "''"];

function mapping(): Array<[string, string]> {
  const kv: Array<[string, string]> = [['name', pick(['vm1', 'web-01', "'db server'"])]];
  const bootVol = maybe(0.25);
  if (!bootVol || maybe(0.1)) kv.push(['image', pick(IMAGES)]);
  if (bootVol) kv.push([pick(['boot_volume', 'root_volume']), pick(['root-vol', 'b9a8c7d6-0000-4000-8000-000000000001'])]);
  if (maybe(0.9)) kv.push([pick(['flavor', 'flavor', 'flavor_ram']), pick(['m1.small', '4096', 'ds2G'])]);
  if (maybe(bootVol ? 0.1 : 0.6)) kv.push(['boot_from_volume', pick(BOOLS)]);
  if (maybe(0.6)) kv.push(['volume_size', pick(SIZES)]);
  if (maybe(0.5)) kv.push(['terminate_volume', pick(BOOLS)]);
  if (maybe(0.45)) kv.push(['volumes', pick(['[data1]', '[data1, data2]', 'data1,data2', "'vol-a'", '[]', '[7]'])]);
  if (maybe(0.15)) kv.push(['network', 'private']);
  if (maybe(0.1)) kv.push(['nics', '[{net-name: private}]']);
  if (maybe(0.1)) kv.push([pick(['disk_bus', 'block_device_mapping', 'swap']), pick(['virtio', '1'])]);
  if (maybe(0.1)) kv.push(['state', pick(['present', 'absent', 'running'])]);
  if (maybe(0.15)) kv.push(['security_groups', pick(['[]', '[web, ssh]', 'default'])]);
  if (maybe(0.1)) kv.push(['key_name', 'mykey']);
  return kv.sort(() => r() - 0.5);
}

function task(i: number): string {
  const mod = pick(MODULES);
  const kv = mapping();
  const style = r();
  if (style < 0.15) {
    // free-form k=v (YAML flow values do not apply: only scalar words)
    const words = kv.filter(([, v]) => !v.startsWith('[')).map(([k, v]) => `${k}=${v.replace(/^'(.*)'$/, '$1').replace(/ /g, '_')}`);
    return `- name: case ${i}\n  ${mod}: ${words.join(' ')}\n`;
  }
  if (style < 0.35) {
    // values from the task's vars
    const vars: string[] = [];
    const body = kv.map(([k, v]) => {
      if (!maybe(0.5)) return `    ${k}: ${v}`;
      vars.push(`    v_${k}: ${v}`);
      return `    ${k}: "{{ v_${k} }}"`;
    });
    return `- name: case ${i}\n  ${mod}:\n${body.join('\n')}\n  vars:\n${vars.length ? vars.join('\n') : '    unused: 1'}\n`;
  }
  const body = kv.map(([k, v]) => `    ${k}: ${v}`).join('\n');
  if (style < 0.5) return `- name: case ${i}\n  block:\n    - name: inner\n      ${mod}:\n${body.replace(/^ {4}/gm, '        ')}\n  rescue:\n    - debug: msg=failed\n`;
  return `- name: case ${i}\n  ${mod}:\n${body}\n`;
}

const cases = Array.from({ length: n }, (_, i) => ({ id: `gen-${i}`, input: task(i) }));
process.stdout.write(JSON.stringify(cases, null, 1) + '\n');
