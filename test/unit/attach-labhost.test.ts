/** Lab host loading: embedded hosts valid, schema errors placed by path and offset. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { EMBEDDED_LAB_HOSTS } from '../../server/src/attach/input/embedded';
import { loadLabHost } from '../../server/src/attach/input/labhost';

test('every embedded lab host loads and has instances and volumes', () => {
  assert.deepEqual(Object.keys(EMBEDDED_LAB_HOSTS), ['default', 'iscsi', 'iscsi-multipath', 'fc', 'rbd', 'nfs', 'newton-emc-multipath']);
  for (const [name, text] of Object.entries(EMBEDDED_LAB_HOSTS)) {
    const r = loadLabHost(text, name);
    assert.ok(r.ok, name);
    if (r.ok) {
      assert.ok(r.labHost.volumes.length > 0 && r.labHost.instances.length > 0);
      assert.equal(r.labHost.name, name);
    }
  }
});

test('defaults are filled in', () => {
  const r = loadLabHost('{"name":"m","volumes":[{"id":"v"}],"instances":[{"uuid":"i"}]}', 'm.labhost.json');
  assert.ok(r.ok);
  if (!r.ok) return;
  assert.equal(r.labHost.profile, 'modern');
  assert.equal(r.labHost.host.nova_conf.num_volume_scan_tries, 5);
  assert.equal(r.labHost.volumes[0]!.status, 'available');
  assert.equal(r.labHost.volumes[0]!.backend, 'iscsi');
  assert.deepEqual(r.labHost.instances[0]!.existing_devices, ['vda']);
});

test('schema errors carry file, JSON path, offset, line and column', () => {
  const text = '{\n  "name": "x",\n  "profile": "havana",\n  "volumes": [{"id": "v", "colour": 1}],\n  "instances": []\n}';
  const r = loadLabHost(text, 'x.labhost.json');
  assert.equal(r.ok, false);
  if (r.ok) return;
  const profile = r.errors.find((e) => e.path === '$.profile')!;
  assert.equal(profile.file, 'x.labhost.json');
  assert.equal(profile.line, 3);
  assert.equal(profile.column, 14);
  assert.equal(text.slice(profile.offset, profile.offset + profile.length), '"havana"');
  assert.match(profile.message, /must be equal to one of the allowed values: "modern"/);
  const colour = r.errors.find((e) => e.path === '$.volumes[0].colour')!;
  assert.equal(text.slice(colour.offset, colour.offset + colour.length), '"colour"');
  assert.equal(colour.message, 'unknown key "colour"');
});

test('cross-checks: unknown backend and duplicate ids', () => {
  const r = loadLabHost('{"name":"x","volumes":[{"id":"v","backend":"lvm"},{"id":"v"}],"instances":[{"uuid":"i"}]}', 'x.json');
  assert.equal(r.ok, false);
  if (r.ok) return;
  assert.deepEqual(r.errors.map((e) => e.path), ['$.volumes[0].backend', '$.volumes[1].id']);
});

test('JSON syntax error is reported with its place', () => {
  const r = loadLabHost('{"name": "x",,}', 'y.json');
  assert.equal(r.ok, false);
  if (!r.ok) assert.match(r.errors[0]!.message, /^JSON syntax error: /);
});
