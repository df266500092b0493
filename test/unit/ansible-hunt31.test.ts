/**
 * hunt31: the hunt26-29 generators on fresh seeds. `flavor_ram` is an `int` option, and
 * AnsibleModule's check_type_int (module_utils/common/validation.py) keeps a bool as it is, since a
 * bool is an int to Python; the module then asks the SDK for the flavor by that value
 * (`get_flavor_by_ram(ram=True)`: the smallest flavor of at least 1 MB). bdm-lab named the flavor
 * it looks up with JavaScript's `true`; Python's str() is `True` (hunt28 seed 8502, hunt28-11). The
 * same for a `nics` entry's `net-name` / `port-name` (ServerModule._network_args passes the value to
 * get_network / get_port as YAML gave it; the entries are raw, so a YAML bool stays a bool). And a
 * float among a `nics` entry's values (net-id, port-id, a fixed IP, a tag) is sent by the SDK's
 * create_server as the JSON number it is; bdm-lab sent its own float wrapper there (an object).
 *
 * Labels: scripts/ansible-hunt29-label.py (the ansible-oracle's module run on each task), each kept
 * as the oracle printed it.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { compareAnsible, type AnsibleLabel } from '../fixtures/ansible/compare';

const BODY = (flavorRef: string) => ({
  server: { networks: 'auto', security_groups: [{ name: 'default' }], imageRef: 'ed7634ec-9f13-5ecd-840b-38fbcf085d1e', name: 'vm1', max_count: 1, min_count: 1, flavorRef },
});
const sent = (flavorRef: string): AnsibleLabel => ({ stage: 'sent', error: null, nova_body: BODY(flavorRef), microversion: '2.73' });

const CASES: Array<{ id: string; input: string; label: AnsibleLabel }> = [
  { id: 'bool flavor_ram', input: '- name: s\n  openstack.cloud.server:\n    name: vm1\n    image: cirros\n    flavor_ram: true\n', label: sent('dbee2168-c44c-5c58-853d-4aedab282184') },
  {
    id: 'flavor_ram rendered to a bool (hunt28-11 of seed 8502)',
    input: "- hosts: localhost\n  gather_facts: false\n  vars:\n    sz: true\n  tasks:\n    - name: s\n      os_server:\n        name: vm1\n        image: cirros\n        flavor_ram: '{{ sz | default(512) }}'\n",
    label: sent('dbee2168-c44c-5c58-853d-4aedab282184'),
  },
  {
    id: "flavor_ram 'yes' (a text, not an int)",
    input: "- name: s\n  openstack.cloud.server:\n    name: vm1\n    image: cirros\n    flavor_ram: 'yes'\n",
    label: { stage: 'ansible-module', error: "argument 'flavor_ram' is of type <class 'str'> and we were unable to convert to int: <class 'str'> cannot be converted to an int", nova_body: null, microversion: null },
  },
  { id: 'int flavor_ram', input: '- name: s\n  openstack.cloud.server:\n    name: vm1\n    image: cirros\n    flavor_ram: 2048\n', label: sent('55874473-62fe-50c3-9256-498317881700') },
];

const NIC_BODY = (networks: unknown[]) => ({
  server: { networks, imageRef: 'ed7634ec-9f13-5ecd-840b-38fbcf085d1e', min_count: 1, flavorRef: 'ab83bc6e-2542-57d6-ab20-f9ed4a06e62e', name: 'vm1', max_count: 1, security_groups: [{ name: 'default' }] },
});
const nicTask = (nics: string) => `- name: s\n  openstack.cloud.server:\n    name: vm1\n    image: cirros\n    flavor: m1\n    nics: ${nics}\n`;
const NICS: Array<{ id: string; input: string; label: AnsibleLabel }> = [
  { id: 'net-name true', input: nicTask('[{net-name: true}]'), label: { stage: 'sent', error: null, nova_body: NIC_BODY([{ uuid: '20249b0b-3e89-5b11-b853-521a32594533' }]), microversion: '2.73' } },
  { id: 'port-name true', input: nicTask('[{port-name: true}]'), label: { stage: 'sent', error: null, nova_body: NIC_BODY([{ port: 'dce438db-c559-52dc-af54-61e727930a0d' }]), microversion: '2.73' } },
  {
    id: 'net-name true beside a net-id and beside a port-id',
    input: nicTask('[{net-id: x, net-name: true}, {net-name: true, port-id: p}]'),
    label: { stage: 'sent', error: null, nova_body: NIC_BODY([{ uuid: 'x' }, { uuid: '20249b0b-3e89-5b11-b853-521a32594533', port: 'p' }]), microversion: '2.73' },
  },
  { id: 'net-name 1.5', input: nicTask('[{net-name: 1.5}]'), label: { stage: 'sent', error: null, nova_body: NIC_BODY([{ uuid: '09d3b4b7-d70e-5f64-afb0-176b3d643be4' }]), microversion: '2.73' } },
];

test('a nics entry whose net-name or port-name is a bool: the SDK looks up True (labelled)', () => {
  const wrong = NICS.flatMap((c) => compareAnsible(c.input, c.label).map((d) => `${c.id}: ${d}`));
  assert.deepEqual(wrong, []);
});

const FLOAT_NICS: Array<{ nics: string; networks: unknown[] }> = [
  { nics: '[{net-id: 1.5}]', networks: [{ uuid: 1.5 }] },
  { nics: '[{net-id: x, v4-fixed-ip: 1.5}]', networks: [{ uuid: 'x', fixed_ip: 1.5 }] },
  { nics: '[{port-id: 1.5}]', networks: [{ port: 1.5 }] },
  { nics: '[{net-id: x, tag: 1.5}]', networks: [{ uuid: 'x', tag: 1.5 }] },
  { nics: '[{net-id: [1.5]}]', networks: [{ uuid: [1.5] }] },
  { nics: '[{net-id: {a: 1.5}}]', networks: [{ uuid: { a: 1.5 } }] },
  { nics: '[{net-id: x, port: 2.5}]', networks: [{ uuid: 'x', port: 2.5 }] },
  { nics: '[{net-name: n, fixed_ip: 0.5}]', networks: [{ uuid: '880a3305-c248-5ca6-8b42-80803c0edd4d', fixed_ip: 0.5 }] },
];

test('a float among a nics entry\'s values is sent as its number (labelled)', () => {
  const wrong = FLOAT_NICS.flatMap((c) => compareAnsible(nicTask(c.nics), { stage: 'sent', error: null, nova_body: NIC_BODY(c.networks), microversion: '2.73' }).map((d) => `${c.nics}: ${d}`));
  assert.deepEqual(wrong, []);
});

test('flavor_ram given a bool: the SDK is asked for the flavor by True (labelled)', () => {
  const wrong = CASES.flatMap((c) => compareAnsible(c.input, c.label).map((d) => `${c.id}: ${d}`));
  assert.deepEqual(wrong, []);
});
