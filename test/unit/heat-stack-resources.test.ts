/**
 * Stack.validate on the resources next to the servers (server/src/source/heat/stackResources.ts):
 * a volume, attachment, port, network or value Heat refuses refuses the stack, in Heat's words
 * (the oracle-labelled cases are test/fixtures/heat/hunt.json `hunt-res-*`, run by heat.test.ts);
 * here where the refusal is placed, which resource's refusal a server shows, and the scans.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { heatSources } from '../../server/src/source/heat';
import { validationOrder } from '../../server/src/source/heat/stackResources';
import { parseTemplate } from '../../server/src/source/heat/template';

const SRV = (extra = '') => `  srv:\n    type: OS::Nova::Server\n    properties:\n      flavor: m1.small\n      image: cirros\n      networks: [{network: private}]\n${extra}`;
const tmpl = (res: string, srv = SRV()) => `heat_template_version: 2021-04-16\nresources:\n${srv}${res}`;
const refusal = (text: string) => heatSources(text).map((d) => d.translation.error?.message ?? 'sent');

test('a volume of size 0 refuses the stack: the server sends nothing, the refusal is placed on the size', () => {
  const text = tmpl('  vol:\n    type: OS::Cinder::Volume\n    properties:\n      size: 0\n');
  const [d] = heatSources(text);
  assert.equal(d.translation.error?.message, 'Property error: resources.vol.properties.size: 0 is out of range (min: 1, max: None)');
  assert.equal(d.translation.body, null);
  const span = d.translation.error!.span;
  assert.equal(text.slice(span.offset, span.offset + span.length), '0');
  assert.ok(span.offset > text.indexOf('size:'));
});

test('a resource the server depends on is validated first: its refusal is the server\'s, not the server\'s own', () => {
  const srv = '  srv:\n    type: OS::Nova::Server\n    properties:\n      flavor: m1.small\n      config_drive: maybe\n      networks: [{network: private}]\n      block_device_mapping_v2:\n        - {volume_id: {get_resource: vol}, boot_index: 0}\n';
  const vol = '  vol:\n    type: OS::Cinder::Volume\n    properties: {size: -1}\n';
  assert.deepEqual(refusal(tmpl(vol, srv)), ['Property error: resources.vol.properties.size: -1 is out of range (min: 1, max: None)']);
  // without the reference, the server's own refusal stands (Heat's order among them is its hashing's)
  assert.deepEqual(refusal(tmpl(vol, srv.replace('{get_resource: vol}', 'vol-1'))), ['Property error: resources.srv.properties.config_drive: "maybe" is not a valid boolean']);
});

test('validationOrder puts each resource after those it refers to, the rest as written', () => {
  const t = parseTemplate(tmpl('  att:\n    type: OS::Cinder::VolumeAttachment\n    properties: {instance_uuid: {get_resource: srv}, volume_id: {get_attr: [vol, id]}}\n  vol:\n    type: OS::Cinder::Volume\n    depends_on: net\n    properties: {size: 1}\n  net:\n    type: OS::Neutron::Net\n'));
  assert.deepEqual(validationOrder(t, new Set()).map((r) => r.name), ['srv', 'net', 'vol', 'att']);
  assert.deepEqual(validationOrder(t, new Set(['vol'])).map((r) => r.name), ['srv', 'att', 'net']);
});

test('imageRef, the old name of a volume\'s image: read through its own schema, conflicting only with a true image', () => {
  const vol = (props: string) => tmpl(`  vol:\n    type: OS::Cinder::Volume\n    properties: ${props}\n`);
  assert.deepEqual(refusal(vol('{size: 1, image: cirros, imageRef: ubuntu}')), ['Property error: resources.vol.properties.image: Cannot define the following properties at the same time: image, imageRef']);
  // a null imageRef is '' (not None): it replaces the image, whose own value is never read
  assert.deepEqual(refusal(vol('{size: 1, image: [x], imageRef: null}')), ['sent']);
  assert.deepEqual(refusal(vol('{size: 1, imageRef: [x]}')), ["Property error: resources.vol.properties.image: Value must be a string; got ['x']"]);
  assert.deepEqual(refusal(vol('{imageRef: cirros}')), ['If neither "backup_id" nor "size" is provided, one and only one of "source_volid", "snapshot_id" must be specified, but currently specified options: [\'image\'].']);
});

test('Port, Net, Value and None: the type\'s own checks after the properties', () => {
  const one = (name: string, type: string, props: string, extra = '') => refusal(tmpl(`  ${name}:\n    type: ${type}\n${extra}    properties: ${props}\n`))[0];
  assert.equal(one('port', 'OS::Neutron::Port', '{network: a, fixed_ips: [{subnet: s}], no_fixed_ips: true}'), 'Cannot define the following properties at the same time: fixed_ips, no_fixed_ips.');
  assert.equal(one('port', 'OS::Neutron::Port', '{network: a, value_specs: {name: x}}'), 'sent');
  assert.equal(one('port', 'OS::Neutron::Port', "{network: a, mac_address: 'fa-16-3e-00-00-0g'}"), "Property error: resources.port.properties.mac_address: Error validating value 'fa-16-3e-00-00-0g': Invalid MAC address.");
  assert.equal(one('net', 'OS::Neutron::Net', '{value_specs: {tenant_id: t}}'), 'tenant_id not allowed in value_specs');
  assert.equal(one('net', 'OS::Neutron::Net', '{}', '    deletion_policy: snapshot\n'), 'resources.net.deletion_policy: "Snapshot" deletion policy not supported');
  assert.equal(one('vol', 'OS::Cinder::Volume', '{size: 1}', '    deletion_policy: Snapshot\n'), 'sent');
  assert.equal(one('val', 'OS::Heat::Value', "{type: number, value: '1.'}"), 'sent');
  assert.equal(one('val', 'OS::Heat::Value', "{type: number, value: '.'}"), "Property error: resources.val.properties.value: could not convert string to float: '.'");
  assert.equal(one('val', 'OS::Heat::Value', "{type: number, value: '-Infinity'}"), 'sent');
  assert.equal(one('val', 'OS::Heat::Value', '{type: [number], value: 1}'), "Value must be a string; got ['number']");
  assert.equal(one('nothing', 'OS::Heat::None', '{whatever: [1]}', '    deletion_policy: Snapshot\n'), 'sent');
});

test('Heat\'s own address constraints: IPv4 strictly dotted, IPv6, MAC in netaddr\'s forms', () => {
  const port = (fixed: string) => refusal(tmpl(`  port:\n    type: OS::Neutron::Port\n    properties: {network: a, fixed_ips: [{ip_address: '${fixed}'}]}\n`))[0];
  for (const ok of ['10.0.0.5', '0.0.0.0', '::1', '2001:db8::5', '::ffff:1.2.3.4', 'fe80:0:0:0:0:0:0:1']) assert.equal(port(ok), 'sent', ok);
  for (const bad of ['10.0.0.256', '010.0.0.1', '1', '10.0.0', ' 10.0.0.1', '1:2:3:4:5:6:7:8:9', '1::2::3', 'g::1']) {
    assert.equal(port(bad), `Property error: resources.port.properties.fixed_ips[0].ip_address: Error validating value '${bad}': Invalid IP address`, bad);
  }
  const mac = (m: string) => refusal(tmpl(`  port:\n    type: OS::Neutron::Port\n    properties: {network: a, mac_address: '${m}'}\n`))[0];
  for (const ok of ['fa:16:3e:00:00:01', 'FA-16-3E-0-0-1', 'fa16.3e00.0001', 'fa16.3e00.001', 'f.f.f', 'fa163e000001', 'fa163e00000', 'fa163e-000001', 'fa16:3e00:0001']) assert.equal(mac(ok), 'sent', ok);
  for (const bad of ['aa', 'fa:16:3e:00:00', 'fa16.3e00', 'fa163e0', 'fa:16:3e-00:00:01', 'fffff.f.f', 'fa-16-3e-00-00-0g']) assert.match(mac(bad), /Invalid MAC address\.$/, bad);
});
