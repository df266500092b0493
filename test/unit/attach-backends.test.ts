/**
 * The simulator's Backend seam (server/src/attach/backends/): every registered backend has
 * every part, the registry matches the lab-host schema's protocols, and each backend still
 * gives the connection_info and `<disk>` it gave before the seam (test/fixtures/attach/backend-samples.json,
 * recorded from the code before the split) for a volume on its built-in reference backend.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Backend } from '../../server/src/attach/backends/backend';
import { BACKENDS, backendFor, backendForDriverType } from '../../server/src/attach/backends/registry';
import { attach, lab, WEB } from '../fixtures/attach/helpers';

const ROOT = join(__dirname, '..', '..');
const SAMPLES = JSON.parse(readFileSync(join(ROOT, 'test/fixtures/attach/backend-samples.json'), 'utf8')) as Record<string, { volumeId: string; connectionInfo: unknown; xml: string }>;

/** Every part of the Backend interface and what it must be. */
const PARTS: Record<keyof Backend, 'string' | 'object' | 'boolean' | 'number' | 'function'> = {
  protocol: 'string',
  driverVolumeType: 'string',
  defaults: 'object',
  sharedTargets: 'boolean',
  updateLatencyMs: 'number',
  connectorProperties: 'function',
  validateConnector: 'function',
  createExport: 'function',
  wwn: 'function',
  initializeConnection: 'function',
  connectVolume: 'function',
  disconnectVolume: 'function',
  diskConfig: 'function',
};

test('every registered backend implements every part of the interface', () => {
  assert.ok(BACKENDS.length >= 5);
  for (const b of BACKENDS) {
    for (const [part, type] of Object.entries(PARTS)) assert.equal(typeof b[part as keyof Backend], type, `${b.protocol}.${part}`);
    assert.equal(b.defaults.protocol, b.protocol, `${b.protocol}: its defaults are of its own protocol`);
    assert.ok(b.updateLatencyMs > 0);
    assert.equal(backendFor(b.protocol), b);
    assert.equal(backendForDriverType(b.driverVolumeType), b);
  }
  assert.equal(new Set(BACKENDS.map((b) => b.protocol)).size, BACKENDS.length, 'protocols are unique');
  assert.equal(new Set(BACKENDS.map((b) => b.driverVolumeType)).size, BACKENDS.length, 'driver_volume_types are unique');
  assert.throws(() => backendFor('nvmeof' as never), /no backend registered/);
});

test('the registered protocols are the lab-host schema\'s, in the same order', () => {
  const schema = JSON.parse(readFileSync(join(ROOT, 'schemas/labhost.schema.json'), 'utf8'));
  const found: string[][] = [];
  JSON.stringify(schema, (k, v) => {
    if (k === 'protocol' && v && Array.isArray(v.enum)) found.push(v.enum);
    return v;
  });
  assert.equal(found.length, 1, 'one protocol enum in the schema');
  assert.deepEqual(BACKENDS.map((b) => b.protocol), found[0]);
  for (const p of found[0]!) assert.equal(backendFor(p as never).protocol, p, `${p}: registered under its own name`);
});

test('each backend gives today\'s connection_info and <disk> for a volume on its reference backend', () => {
  assert.deepEqual(Object.keys(SAMPLES).sort(), BACKENDS.map((b) => b.protocol).sort(), 'one sample per registered backend');
  const l = lab('default', (raw) => {
    const base = raw.volumes[0];
    for (const b of BACKENDS) {
      const s = SAMPLES[b.protocol]!;
      raw.volumes.push({ ...base, id: s.volumeId, name: `bare-${b.protocol}`, backend: b.protocol, attachments: [] });
    }
  });
  for (const b of BACKENDS) {
    const s = SAMPLES[b.protocol]!;
    const r = attach(l, s.volumeId, {}, WEB);
    assert.equal(r.outcome, 'attached', `${b.protocol}: ${r.error}`);
    assert.equal((r.connectionInfo as { driver_volume_type: string }).driver_volume_type, b.driverVolumeType);
    assert.deepEqual(r.connectionInfo, s.connectionInfo, `${b.protocol}: connection_info`);
    // key order is part of the answer (Nova and the JSON output keep the driver's order)
    assert.equal(JSON.stringify(r.connectionInfo), JSON.stringify(s.connectionInfo), `${b.protocol}: connection_info key order`);
    assert.equal(r.xml, s.xml, `${b.protocol}: disk XML`);
  }
});

test('the connector carries each backend\'s keys in the registry\'s order', () => {
  const l = lab('default');
  const r = attach(l, l.volumes[0]!.id, {}, WEB);
  const line = r.steps.find((s) => s.text.includes('<== get_connector_properties: return'))!.text;
  const at = (k: string) => line.indexOf(`'${k}'`);
  assert.ok(at('enforce_multipath') >= 0 && at('initiator') > at('enforce_multipath'), line);
  assert.ok(at('wwpns') > at('initiator') && at('do_local_attach') > at('wwpns'), line);
});
