/**
 * Tools that ask the cloud for its highest microversion (openstacksdk under Ansible, `openstack
 * server add volume`, Heat's novaclient) send the lower of it and their own: a context that names
 * a nova_release and no cloud maximum is a cloud of that Nova, serving up to its release's
 * `_MAX_API_VERSION` (nova/apiVersions.ts, read at each release tag). Each case is the same as the
 * context that names that maximum outright (the tools' own figures are their tests': ansible.test,
 * osc-add-volume.test, heat.test).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { analyzeDocument } from '../../server/src/document';
import { defaultContext } from '../../server/src/model/context';

const ANSIBLE = '- os_server: name=a image=c flavor=m\n';
const ADD_VOLUME = 'openstack server add volume vm1 d1\n';
const HEAT = 'heat_template_version: 2018-08-31\nresources:\n  s:\n    type: OS::Nova::Server\n    properties:\n      image: cirros\n      flavor: m1\n      networks: [{network: n1}]\n';
const at = (text: string, lang: 'yaml' | 'shell', extra: object) => analyzeDocument(text, lang, { ...defaultContext(), ...extra }).requests![0];

test('nova_release 17.0.0 (Queens, 2.60): Ansible, server add volume and Heat send 2.60, as with cloud_max_microversion 2.60', () => {
  assert.equal(at(ANSIBLE, 'yaml', { nova_release: '17.0.0' }).microversion, '2.60');
  assert.equal(at(ADD_VOLUME, 'shell', { nova_release: '17.0.0' }).microversion, '2.60');
  assert.equal(at(HEAT, 'yaml', { nova_release: '17.0.0' }).microversion, '2.60');
  assert.equal(at(ADD_VOLUME, 'shell', { cloud_max_microversion: '2.60' }).microversion, '2.60');
});

test('nova_release 20.6.1 (Train, 2.79): the SDKs keep their own lower maximum, Heat sends 2.79', () => {
  assert.equal(at(ANSIBLE, 'yaml', { nova_release: '20.6.1' }).microversion, '2.73');
  assert.equal(at(ADD_VOLUME, 'shell', { nova_release: '20.6.1' }).microversion, '2.79');
  assert.equal(at(HEAT, 'yaml', { nova_release: '20.6.1' }).microversion, '2.79');
});

test('a release above every tool\'s maximum, or none: each tool\'s default stays', () => {
  for (const extra of [{}, { nova_release: '33.0.0' }]) {
    assert.equal(at(ANSIBLE, 'yaml', extra).microversion, '2.73');
    assert.equal(at(ADD_VOLUME, 'shell', extra).microversion, '2.89');
    assert.equal(at(HEAT, 'yaml', extra).microversion, '2.92');
  }
});

test('the context\'s own cloud and Heat maxima win over its release\'s', () => {
  assert.equal(at(ADD_VOLUME, 'shell', { nova_release: '17.0.0', cloud_max_microversion: '2.50' }).microversion, '2.50');
  assert.equal(at(HEAT, 'yaml', { nova_release: '17.0.0', heat_max_microversion: '2.40' }).microversion, '2.40');
});
