/**
 * volumeAttachment bodies (spec §11): schema rules per microversion and the accepted-but-
 * surprising notes; labelled by Nova's own code (test/fixtures/oracle/rules/attach.json).
 * The oracle answers 200 (below 2.101) or 202 for an accepted attach.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { rulesFile, attach, VOL } from './rules-helpers';

const { expectRule, expectNot, expectValid, finish } = rulesFile('attach');
const x = (n: number) => 'x'.repeat(n);

test('BDM-ATTACH-SCHEMA-ENVELOPE-REQUIRED: volumeAttachment misspelt', () => {
  // Nova: 400 "'volumeAttachment' is a required property" (spec §11.3). The oracle picks the attach
  // endpoint by the volumeAttachment key, so it cannot be asked about this body.
  expectRule('{"volumeAttachmnet": {"volumeId": "' + VOL[1] + '"}}', {}, 'BDM-ATTACH-SCHEMA-ENVELOPE-REQUIRED', { status: 400, noOracle: 'the oracle recognises an attach body by its volumeAttachment key' });
});
test('BDM-ATTACH-SCHEMA-ENVELOPE-REQUIRED negative: volumeAttachment present', () => {
  expectNot(attach(), {}, 'BDM-ATTACH-SCHEMA-ENVELOPE-REQUIRED');
});

test('BDM-ATTACH-SCHEMA-ENVELOPE-TYPE: volumeAttachment null', () => {
  expectRule('{"volumeAttachment": null}', {}, 'BDM-ATTACH-SCHEMA-ENVELOPE-TYPE', { range: 'null' });
});
test('BDM-ATTACH-SCHEMA-ENVELOPE-TYPE: volumeAttachment an array', () => {
  expectRule('{"volumeAttachment": ["' + VOL[1] + '"]}', {}, 'BDM-ATTACH-SCHEMA-ENVELOPE-TYPE');
});
test('BDM-ATTACH-SCHEMA-ENVELOPE-TYPE negative: an object', () => {
  expectValid(attach(), {}, { not: ['BDM-ATTACH-SCHEMA-ENVELOPE-TYPE'] });
});

test('BDM-ATTACH-SCHEMA-ENVELOPE-ADDITIONAL: a top-level key beside volumeAttachment', () => {
  expectRule({ ...attach(), force: true }, {}, 'BDM-ATTACH-SCHEMA-ENVELOPE-ADDITIONAL', { range: '"force"' });
});
test('BDM-ATTACH-SCHEMA-ENVELOPE-ADDITIONAL negative: at 2.0 it is stripped', () => {
  expectValid({ ...attach(), force: true }, { microversion: '2.0' }, { not: ['BDM-ATTACH-SCHEMA-ENVELOPE-ADDITIONAL'] });
});

test('BDM-ATTACH-SCHEMA-ADDITIONAL-PROPERTIES: an unknown key inside', () => {
  expectRule(attach({ serverId: VOL[0] }), {}, 'BDM-ATTACH-SCHEMA-ADDITIONAL-PROPERTIES', { range: '"serverId"' });
});
test('BDM-ATTACH-SCHEMA-ADDITIONAL-PROPERTIES negative: device is known', () => {
  expectNot(attach({ device: '/dev/vdb' }), {}, 'BDM-ATTACH-SCHEMA-ADDITIONAL-PROPERTIES');
});

test('BDM-ATTACH-SCHEMA-VOLUME-ID-REQUIRED: volumeId missing', () => {
  expectRule({ volumeAttachment: { device: '/dev/vdb' } }, {}, 'BDM-ATTACH-SCHEMA-VOLUME-ID-REQUIRED');
});
test('BDM-ATTACH-SCHEMA-VOLUME-ID-REQUIRED negative: volumeId given', () => {
  expectNot(attach({ device: '/dev/vdb' }), {}, 'BDM-ATTACH-SCHEMA-VOLUME-ID-REQUIRED');
});

test('BDM-ATTACH-SCHEMA-VOLUME-ID: not a UUID', () => {
  expectRule(attach({ volumeId: 'vol-1' }), {}, 'BDM-ATTACH-SCHEMA-VOLUME-ID', { range: '"vol-1"' });
});
test('BDM-ATTACH-SCHEMA-VOLUME-ID: null', () => {
  expectRule(attach({ volumeId: null }), {}, 'BDM-ATTACH-SCHEMA-VOLUME-ID');
});
test('BDM-ATTACH-SCHEMA-VOLUME-ID: reported before a bad device (property order)', () => {
  expectRule(attach({ volumeId: 'vol-1', device: 'vdb' }), {}, 'BDM-ATTACH-SCHEMA-VOLUME-ID');
});
test('BDM-ATTACH-SCHEMA-VOLUME-ID negative: upper case without hyphens is UUID-like', () => {
  expectValid(attach({ volumeId: VOL[1].replace(/-/g, '').toUpperCase() }), {}, { not: ['BDM-ATTACH-SCHEMA-VOLUME-ID'] });
});

test('BDM-ATTACH-SCHEMA-DEVICE: "vdb" without /dev/', () => {
  expectRule(attach({ device: 'vdb' }), {}, 'BDM-ATTACH-SCHEMA-DEVICE', { range: '"vdb"' });
});
test('BDM-ATTACH-SCHEMA-DEVICE: /dev/nvme0n1', () => {
  expectRule(attach({ device: '/dev/nvme0n1' }), {}, 'BDM-ATTACH-SCHEMA-DEVICE');
});
test('BDM-ATTACH-SCHEMA-DEVICE: ""', () => {
  expectRule(attach({ device: '' }), {}, 'BDM-ATTACH-SCHEMA-DEVICE');
});
test('BDM-ATTACH-SCHEMA-DEVICE negative: null lets Nova choose, /dev/sdb1 and /dev/xvdb pass', () => {
  expectValid(attach({ device: null }), {}, { not: ['BDM-ATTACH-SCHEMA-DEVICE'] });
  expectValid(attach({ device: '/dev/sdb1' }), {}, { not: ['BDM-ATTACH-SCHEMA-DEVICE'] });
  expectValid(attach({ device: '/dev/xvdb' }), {}, { not: ['BDM-ATTACH-SCHEMA-DEVICE'] });
});

// tag gate 2.48/2.49
test('BDM-ATTACH-SCHEMA-TAG-MICROVERSION: tag at 2.48', () => {
  expectRule(attach({ tag: 'data' }), { microversion: '2.48' }, 'BDM-ATTACH-SCHEMA-TAG-MICROVERSION', { range: '"tag"' });
});
test('BDM-ATTACH-SCHEMA-TAG-MICROVERSION negative: tag at 2.49', () => {
  expectValid(attach({ tag: 'data' }), { microversion: '2.49' }, { not: ['BDM-ATTACH-SCHEMA-TAG-MICROVERSION'] });
});

test('BDM-ATTACH-SCHEMA-TAG-FORMAT: "a/b"', () => {
  expectRule(attach({ tag: 'a/b' }), { microversion: '2.49' }, 'BDM-ATTACH-SCHEMA-TAG-FORMAT', { range: '"a/b"' });
});
test('BDM-ATTACH-SCHEMA-TAG-FORMAT: null', () => {
  expectRule(attach({ tag: null }), { microversion: '2.49' }, 'BDM-ATTACH-SCHEMA-TAG-FORMAT');
});
test('BDM-ATTACH-SCHEMA-TAG-FORMAT: 61 characters', () => {
  expectRule(attach({ tag: x(61) }), { microversion: '2.79' }, 'BDM-ATTACH-SCHEMA-TAG-FORMAT');
});
test('BDM-ATTACH-SCHEMA-TAG-FORMAT negative: 60 characters', () => {
  expectValid(attach({ tag: x(60) }), { microversion: '2.79' }, { not: ['BDM-ATTACH-SCHEMA-TAG-FORMAT'] });
});

// delete_on_termination gate 2.78/2.79
test('BDM-ATTACH-SCHEMA-DOT-MICROVERSION: delete_on_termination at 2.78', () => {
  expectRule(attach({ delete_on_termination: true }), { microversion: '2.78' }, 'BDM-ATTACH-SCHEMA-DOT-MICROVERSION', { range: '"delete_on_termination"' });
});
test('BDM-ATTACH-SCHEMA-DOT-MICROVERSION negative: at 2.79', () => {
  const j = expectValid(attach({ delete_on_termination: true }), { microversion: '2.79' }, { not: ['BDM-ATTACH-SCHEMA-DOT-MICROVERSION'] });
  assert.equal(j.oracle!.attachment!.delete_on_termination, true);
});

test('BDM-ATTACH-SCHEMA-DOT-FORMAT: 1', () => {
  expectRule(attach({ delete_on_termination: 1 }), { microversion: '2.79' }, 'BDM-ATTACH-SCHEMA-DOT-FORMAT', { range: '1' });
});
test('BDM-ATTACH-SCHEMA-DOT-FORMAT: ""', () => {
  expectRule(attach({ delete_on_termination: '' }), { microversion: '2.79' }, 'BDM-ATTACH-SCHEMA-DOT-FORMAT');
});
test('BDM-ATTACH-SCHEMA-DOT-FORMAT negative: "off"', () => {
  expectNot(attach({ delete_on_termination: 'off' }), { microversion: '2.79' }, 'BDM-ATTACH-SCHEMA-DOT-FORMAT');
});

// notes: accepted, but not what it looks like
test('BDM-ATTACH-DOT-STRING-TRUE: "false" is stored as true', () => {
  const j = expectRule(attach({ delete_on_termination: 'false' }), { microversion: '2.79' }, 'BDM-ATTACH-DOT-STRING-TRUE', { range: '"false"' });
  assert.equal(j.oracle!.attachment!.delete_on_termination, true);
});
test('BDM-ATTACH-DOT-STRING-TRUE: "0" at 2.101', () => {
  const j = expectRule(attach({ delete_on_termination: '0' }), { microversion: '2.101' }, 'BDM-ATTACH-DOT-STRING-TRUE');
  assert.equal(j.oracle!.attachment!.delete_on_termination, true);
});
test('BDM-ATTACH-DOT-STRING-TRUE negative: JSON false is stored false', () => {
  const j = expectNot(attach({ delete_on_termination: false }), { microversion: '2.79' }, 'BDM-ATTACH-DOT-STRING-TRUE');
  assert.equal(j.oracle!.attachment!.delete_on_termination, false);
});

test('BDM-ATTACH-DEVICE-IGNORED: a requested device', () => {
  expectRule(attach({ device: '/dev/vdc' }), {}, 'BDM-ATTACH-DEVICE-IGNORED', { range: '"/dev/vdc"' });
});
test('BDM-ATTACH-DEVICE-IGNORED negative: device null', () => {
  expectNot(attach({ device: null }), {}, 'BDM-ATTACH-DEVICE-IGNORED');
});

test('BDM-ATTACH-LEGACY-V2-STRIP: tag and delete_on_termination at 2.0 are dropped', () => {
  const j = expectRule(attach({ tag: 'data', delete_on_termination: true }), { microversion: '2.0' }, 'BDM-ATTACH-LEGACY-V2-STRIP');
  assert.equal(j.a.diagnostics.filter((d) => d.code === 'BDM-ATTACH-LEGACY-V2-STRIP').length, 2);
  assert.equal(j.oracle!.attachment!.delete_on_termination, false);
  assert.equal(j.oracle!.attachment!.tag ?? null, null);
});
test('BDM-ATTACH-LEGACY-V2-STRIP negative: at 2.1 the tag is refused instead', () => {
  expectNot(attach({ tag: 'data' }), { microversion: '2.1' }, 'BDM-ATTACH-LEGACY-V2-STRIP');
});

test('BDM-ATTACH-VOLUME-ID-NONCANONICAL: braces', () => {
  expectRule(attach({ volumeId: '{' + VOL[1] + '}' }), {}, 'BDM-ATTACH-VOLUME-ID-NONCANONICAL');
});
test('BDM-ATTACH-VOLUME-ID-NONCANONICAL negative: canonical form', () => {
  expectNot(attach(), {}, 'BDM-ATTACH-VOLUME-ID-NONCANONICAL');
});

test('BDM-ATTACH-DEVICE-TRAILING-NEWLINE: "/dev/vdb\\n" passes Nova', () => {
  expectRule(attach({ device: '/dev/vdb\n' }), {}, 'BDM-ATTACH-DEVICE-TRAILING-NEWLINE');
});
test('BDM-ATTACH-DEVICE-TRAILING-NEWLINE negative: "/dev/vdb"', () => {
  expectNot(attach({ device: '/dev/vdb' }), {}, 'BDM-ATTACH-DEVICE-TRAILING-NEWLINE');
});

test('BDM-ATTACH-ASYNC-2101: from 2.101 the attach answers 202', () => {
  const j = expectRule(attach(), { microversion: '2.101' }, 'BDM-ATTACH-ASYNC-2101');
  assert.equal(j.oracle!.http_status, 202);
});
test('BDM-ATTACH-ASYNC-2101 negative: 2.100 answers 200', () => {
  const j = expectNot(attach(), { microversion: '2.100' }, 'BDM-ATTACH-ASYNC-2101');
  assert.equal(j.oracle!.http_status, 200);
});

test('attach.json fixture is in step with these cases', () => finish());
