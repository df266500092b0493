/**
 * The requested networks (server/src/rules/nova/networks.ts): the controller's checks of the
 * networks list and the compute API's for several instances, between the image and the block
 * devices. A positive and a near-miss negative per rule id, labelled by Nova's own code
 * (test/fixtures/oracle/rules/networks.json).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { rulesFile, server, bfv, volRoot, VOL } from './rules-helpers';

const { expectRule, expectNot, expectValid, finish } = rulesFile('networks');
const PORT = '3f2a7c10-5b6d-4e8f-9a0b-1c2d3e4f5a6b';
const PORT2 = '3f2a7c10-5b6d-4e8f-9a0b-1c2d3e4f5a6c';
const NET = '8d1e2f30-4a5b-4c6d-8e7f-9a0b1c2d3e4f';

test('BDM-API-NETWORK-PORT-TWICE: one port in two entries', () => {
  expectRule(server(undefined, { networks: [{ port: PORT }, { port: PORT }] }), {}, 'BDM-API-NETWORK-PORT-TWICE', { entry: null });
});
test('BDM-API-NETWORK-PORT-TWICE negative: two ports', () => {
  expectValid(server(undefined, { networks: [{ port: PORT }, { port: PORT2 }] }), {}, { not: ['BDM-API-NETWORK-PORT-TWICE'] });
});
test('BDM-API-NETWORK-PORT-FIXED-IP: a port with a fixed IP', () => {
  expectRule(server(undefined, { networks: [{ port: PORT, fixed_ip: '10.0.0.5' }] }), {}, 'BDM-API-NETWORK-PORT-FIXED-IP', { entry: null });
});
test('BDM-API-NETWORK-PORT-FIXED-IP negative: a network with a fixed IP', () => {
  expectValid(server(undefined, { networks: [{ uuid: NET, fixed_ip: '10.0.0.5' }] }), {}, { not: ['BDM-API-NETWORK-PORT-FIXED-IP'] });
});
test('BDM-API-NETWORK-MISSING-UUID: an entry with neither port nor uuid', () => {
  expectRule(server(undefined, { networks: [{ fixed_ip: '10.0.0.5' }] }), {}, 'BDM-API-NETWORK-MISSING-UUID', { entry: null });
});
test('BDM-API-NETWORK-MISSING-UUID negative: the entry names its network', () => {
  expectValid(server(undefined, { networks: [{ uuid: NET }] }), {}, { not: ['BDM-API-NETWORK-MISSING-UUID'] });
});
test('BDM-API-NETWORK-UUID-FORMAT: a network name where its uuid goes', () => {
  expectRule(server(undefined, { networks: [{ uuid: 'private' }] }), {}, 'BDM-API-NETWORK-UUID-FORMAT', { entry: null });
});
test('BDM-API-NETWORK-UUID-FORMAT negative: auto at 2.37', () => {
  expectValid(server(undefined, { networks: 'auto' }), { microversion: '2.37' }, { not: ['BDM-API-NETWORK-UUID-FORMAT'] });
});
test('BDM-SCHEMA-REQUEST: a bad fixed_ip from 2.37 is the networks oneOf\'s error, not the address\'s', () => {
  const j = expectRule(server(undefined, { networks: [{ uuid: NET, fixed_ip: 'x' }] }), { microversion: '2.37' }, 'BDM-SCHEMA-REQUEST', { entry: null });
  assert.equal(j.a.verdict?.message, `Invalid input for field/attribute networks. Value: [{'uuid': '${NET}', 'fixed_ip': 'x'}]. [{'uuid': '${NET}', 'fixed_ip': 'x'}] is not valid under any of the given schemas`);
  assert.equal(j.oracle!.nova_message, j.a.verdict?.message);
});
test('BDM-SCHEMA-REQUEST: before 2.37 (networks a plain list) the address itself is named', () => {
  const j = expectRule(server(undefined, { networks: [{ uuid: NET, fixed_ip: 'x' }] }), { microversion: '2.36' }, 'BDM-SCHEMA-REQUEST', { entry: null });
  assert.equal(j.a.verdict?.message, "Invalid input for field/attribute fixed_ip. Value: x. 'x' is not valid under any of the given schemas");
  assert.equal(j.oracle!.nova_message, j.a.verdict?.message);
});
test('BDM-SCHEMA-REQUEST negative: a good fixed_ip from 2.37', () => {
  expectValid(server(undefined, { networks: [{ uuid: NET, fixed_ip: '10.0.0.5' }] }), { microversion: '2.37' }, { not: ['BDM-SCHEMA-REQUEST'] });
});
test('BDM-COMPUTE-MULTI-FIXED-IP: two instances, one fixed IP (min_count alone sets max_count)', () => {
  expectRule(server(undefined, { min_count: 2, networks: [{ uuid: NET, fixed_ip: '10.0.0.5' }] }), {}, 'BDM-COMPUTE-MULTI-FIXED-IP', { entry: null });
});
test('BDM-COMPUTE-MULTI-FIXED-IP negative: two instances on a network', () => {
  expectValid(server(undefined, { max_count: 2, networks: [{ uuid: NET }] }), {}, { not: ['BDM-COMPUTE-MULTI-FIXED-IP'] });
});
test('BDM-COMPUTE-MULTI-PORT: two instances, one port; before the shared boot volume', () => {
  expectRule(server(undefined, { max_count: 2, networks: [{ port: PORT }] }), {}, 'BDM-COMPUTE-MULTI-PORT', { entry: null });
  expectRule(bfv([volRoot()], { max_count: 2, networks: [{ port: PORT }] }), {}, 'BDM-COMPUTE-MULTI-PORT', { entry: null });
});
test('BDM-COMPUTE-MULTI-PORT negative: one instance on its port', () => {
  expectValid(server(undefined, { max_count: 1, networks: [{ port: PORT }] }), {}, { not: ['BDM-COMPUTE-MULTI-PORT'] });
});
test('BDM-COMPUTE-MULTI-HOSTNAME: two instances, one hostname (2.90)', () => {
  expectRule(server(undefined, { max_count: 2, hostname: 'web1' }), { microversion: '2.90' }, 'BDM-COMPUTE-MULTI-HOSTNAME', { entry: null });
});
test('BDM-COMPUTE-MULTI-HOSTNAME negative: one instance with a hostname', () => {
  expectValid(server(undefined, { hostname: 'web1' }), { microversion: '2.90' }, { not: ['BDM-COMPUTE-MULTI-HOSTNAME'] });
  expectNot(bfv([volRoot({ uuid: VOL[1] })], { max_count: 2 }), {}, 'BDM-COMPUTE-MULTI-HOSTNAME');
});

// 2.0 strips a network's unknown keys only beside known ones: a network of unknown keys only keeps
// its tag, which the controller sets on the request before it looks for a port or a uuid
const V20 = { microversion: '2.0' };
test('BDM-API-NETWORK-TAG-TYPE: at 2.0 a network of a list tag only, of an object tag and an unknown key', () => {
  expectRule(server(undefined, { networks: [{ tag: [] }] }), V20, 'BDM-API-NETWORK-TAG-TYPE', { entry: null, status: 500, path: 'server.networks[0].tag', range: '[]' });
  expectRule(server(undefined, { networks: [{ uuid: NET }, { zz: 1, tag: { a: 1 } }] }), V20, 'BDM-API-NETWORK-TAG-TYPE', { path: 'server.networks[1].tag', range: '{"a":1}' });
});
test('BDM-API-NETWORK-TAG-TYPE: before the same network\'s missing uuid and a later network\'s refusal, after an earlier one\'s', () => {
  expectRule(server(undefined, { networks: [{ tag: ['x'] }, { port: PORT }, { port: PORT }] }), V20, 'BDM-API-NETWORK-TAG-TYPE', { path: 'server.networks[0].tag' });
  expectRule(server(undefined, { networks: [{ uuid: 'not-a-uuid' }, { tag: [] }] }), V20, 'BDM-API-NETWORK-UUID-FORMAT', { id: 'tag-type-after-uuid-format' });
});
test('BDM-API-NETWORK-TAG-TYPE negative: a tag a string field takes, a list tag beside a known key (stripped), a list tag after 2.0 (the schema)', () => {
  expectRule(server(undefined, { networks: [{ tag: 't' }] }), V20, 'BDM-API-NETWORK-MISSING-UUID', { id: 'tag-type-not#string' });
  expectRule(server(undefined, { networks: [{ tag: true }] }), V20, 'BDM-API-NETWORK-MISSING-UUID', { id: 'tag-type-not#bool' });
  expectRule(server(undefined, { networks: [{ tag: null }] }), V20, 'BDM-API-NETWORK-MISSING-UUID', { id: 'tag-type-not#null' });
  expectValid(server(undefined, { networks: [{ uuid: NET, tag: [] }] }), V20, { not: ['BDM-API-NETWORK-TAG-TYPE'] });
  expectValid(server(undefined, { networks: [{ port: PORT, tag: {} }] }), V20, { not: ['BDM-API-NETWORK-TAG-TYPE'] });
  expectNot(server(undefined, { networks: [{ tag: [] }] }), { microversion: '2.1' }, 'BDM-API-NETWORK-TAG-TYPE');
  expectNot(server(undefined, { networks: [{ uuid: NET, tag: [] }] }), { microversion: '2.32' }, 'BDM-API-NETWORK-TAG-TYPE');
});

test('networks.json fixture is in step with these cases', () => finish());
