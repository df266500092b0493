/**
 * Schema layer (spec §4.1, §3): one positive and one near-miss negative per rule id, every
 * body labelled by Nova's own code (test/fixtures/oracle/rules/schema.json).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { rulesFile, server, bfv, imgRoot, volRoot, vol, blankVol, IMG, VOL } from './rules-helpers';
import { parseContextText } from '../../server/src/model/contextLoad';

const { expectRule, expectNot, expectValid, finish } = rulesFile('schema');
const x = (n: number) => 'x'.repeat(n);

test('BDM-JSON-SYNTAX: a missing comma', () => {
  expectRule('{"server": {"name": "s" "flavorRef": "1", "imageRef": "' + IMG + '"}}', {}, 'BDM-JSON-SYNTAX', { first: true, status: 400, noOracle: 'not JSON: Nova refuses it in its body parser before any rule; the oracle takes cases as JSON' });
});
test('BDM-JSON-SYNTAX negative: the same body with the comma', () => {
  expectNot('{"server": {"name": "s", "flavorRef": "1", "imageRef": "' + IMG + '"}}', {}, 'BDM-JSON-SYNTAX');
});

test('BDM-SCHEMA-REQUEST: flavorRef missing', () => {
  expectRule(server([imgRoot()], { flavorRef: undefined }), {}, 'BDM-SCHEMA-REQUEST', { entry: null });
});
test('BDM-SCHEMA-REQUEST negative: flavorRef as a string id', () => {
  expectNot(server([imgRoot()], { flavorRef: '42' }), {}, 'BDM-SCHEMA-REQUEST');
});
test('BDM-SCHEMA-REQUEST: user_data that is not base64 (a shell script pasted as is: Python\'s decoder finds a broken last quad)', () => {
  expectRule(server([imgRoot()], { user_data: '#!/bin/sh\necho hi' }), {}, 'BDM-SCHEMA-REQUEST', { entry: null });
});
test('BDM-SCHEMA-REQUEST negative: base64 user_data, and a newline inside it', () => {
  expectNot(server([imgRoot()], { user_data: 'IyEvYmluL3No\nCmVjaG8gaGkK' }), {}, 'BDM-SCHEMA-REQUEST');
});
test('BDM-SCHEMA-REQUEST: metadata keys outside the key pattern, in jsonschema\'s patternProperties words (keys sorted)', () => {
  for (const metadata of [{ 'b!': 'x', 'a b?': 'y', ok: 'z' }, { '': 'x' }]) {
    const j = expectRule(server([imgRoot()], { metadata }), {}, 'BDM-SCHEMA-REQUEST', { entry: null });
    assert.equal(j.a.verdict?.message, j.oracle?.nova_message);
  }
});
test('BDM-SCHEMA-REQUEST: host and hypervisor_hostname at 2.74 in Nova\'s words (its pattern ends in `$`), two final newlines refused, one taken', () => {
  const ctx = { microversion: '2.74' };
  for (const field of ['host', 'hypervisor_hostname']) {
    for (const value of ['bad_name!', 'host\n\n']) {
      const j = expectRule(server([imgRoot()], { networks: 'none', [field]: value }), ctx, 'BDM-SCHEMA-REQUEST', { entry: null });
      // (label mode: no stored answer yet)
      if (j.oracle) assert.equal(j.a.verdict?.message, j.oracle.nova_message);
    }
    expectValid(server([imgRoot()], { networks: 'none', [field]: 'host\n' }), ctx, { not: ['BDM-SCHEMA-REQUEST'] });
  }
});
test('BDM-SCHEMA-REQUEST negative: a metadata key ending in one newline matches the key pattern (Python\'s `$` matches before a final newline); two do not', () => {
  expectValid(server([imgRoot()], { metadata: { 'k\n': 'v' } }), {}, { not: ['BDM-SCHEMA-REQUEST'] });
  const j = expectRule(server([imgRoot()], { metadata: { 'k\n\n': 'v' } }), {}, 'BDM-SCHEMA-REQUEST', { entry: null });
  if (j.oracle || !process.env.BDM_ORACLE_LABEL) assert.equal(j.a.verdict?.message, j.oracle?.nova_message);
});
test('BDM-SCHEMA-REQUEST: of two metadata values Nova refuses, it names the first in the text, an integer-like key too (JavaScript lists those first)', () => {
  const text = JSON.stringify(server([imgRoot()], { metadata: { KEYA: 1.5 } })).replace('"KEYA":1.5', '"b": 1.5, "2": 7, "a": 1');
  const j = expectRule(text, {}, 'BDM-SCHEMA-REQUEST', { entry: null });
  if (j.oracle || !process.env.BDM_ORACLE_LABEL) assert.equal(j.a.verdict?.message, j.oracle?.nova_message);
  const k = expectRule(text.replace('"b": 1.5, "2": 7', '"2": 7, "b": 1.5'), {}, 'BDM-SCHEMA-REQUEST', { entry: null });
  if (k.oracle || !process.env.BDM_ORACLE_LABEL) assert.equal(k.a.verdict?.message, k.oracle?.nova_message);
  // a duplicated key keeps its first place (with its last value), as in Python's dict
  const m = expectRule(text.replace('"b": 1.5, "2": 7, "a": 1', '"2": "x", "b": 1.5, "2": true'), {}, 'BDM-SCHEMA-REQUEST', { entry: null });
  if (m.oracle || !process.env.BDM_ORACLE_LABEL) assert.equal(m.a.verdict?.message, m.oracle?.nova_message);
  // all of the first key's errors come before the next key's, whatever the keywords (maxLength, then type)
  const l = expectRule(server([imgRoot()], { metadata: { aa: 'y'.repeat(300), Z: true } }), {}, 'BDM-SCHEMA-REQUEST', { entry: null });
  if (l.oracle || !process.env.BDM_ORACLE_LABEL) assert.equal(l.a.verdict?.message, l.oracle?.nova_message);
});
test('BDM-SCHEMA-BASE64-RAISES: user_data with a non-ASCII character (Nova\'s checker raises: a 500)', () => {
  expectRule(server([imgRoot()], { user_data: '#cloud-config\nhostname: café\n' }), {}, 'BDM-SCHEMA-BASE64-RAISES', { entry: null });
});
test('BDM-SCHEMA-BASE64-RAISES before a missing flavorRef: jsonschema walks the properties before required', () => {
  expectRule(server([imgRoot()], { flavorRef: undefined, user_data: 'café' }), {}, 'BDM-SCHEMA-BASE64-RAISES', { entry: null });
});
test('BDM-SCHEMA-BASE64-RAISES negative: an ASCII text that is not base64 is the 400', () => {
  expectNot(server([imgRoot()], { user_data: 'caf!' }), {}, 'BDM-SCHEMA-BASE64-RAISES');
});

test('BDM-SCHEMA-ARRAY: block_device_mapping_v2 is an object', () => {
  const j = expectRule(server(undefined, { block_device_mapping_v2: { source_type: 'image' } }), {}, 'BDM-SCHEMA-ARRAY');
  assert.equal(j.d!.path, 'server.block_device_mapping_v2');
});
test('BDM-SCHEMA-ARRAY: an item is a string', () => {
  expectRule(server(['vda']), {}, 'BDM-SCHEMA-ARRAY', { range: '"vda"' });
});
test('BDM-SCHEMA-ARRAY negative: an empty list with imageRef (boots the image)', () => {
  expectNot(server([]), {}, 'BDM-SCHEMA-ARRAY');
});

test('BDM-SCHEMA-ADDITIONAL-PROPERTIES: unknown key in an entry', () => {
  const j = expectRule(server([imgRoot(), vol(1, { size: 10 })]), {}, 'BDM-SCHEMA-ADDITIONAL-PROPERTIES', { entry: 1 });
  assert.match(j.text.slice(j.d!.span.offset, j.d!.span.offset + j.d!.span.length), /size/);
});
test('BDM-SCHEMA-ADDITIONAL-PROPERTIES: several unknown keys are named in one message, sorted as Python sorts strings (code points), each key with a finding of its own', () => {
  // zz before aa in the text; zz before an integer-like key (JSON.parse puts that first); '\uffff'
  // sorts before an astral character in Python, after it in UTF-16
  const zzThen1 = JSON.stringify(server([imgRoot(), vol(1, { zz: 1 })])).replace('"zz":1', '"zz":1,"1":2');
  for (const [body, keys] of [[server([imgRoot(), vol(1, { zz: 1, aa: 2 })]), ['zz', 'aa']], [zzThen1, ['zz', '1']], [server([imgRoot(), vol(1, { '\u{1F600}': 1, '\uffff': 2, b: 3 })]), ['\u{1F600}', '\uffff', 'b']]] as const) {
    const j = expectRule(body, {}, 'BDM-SCHEMA-ADDITIONAL-PROPERTIES', { entry: 1 });
    // (labelling: no stored answer yet)
    if (j.oracle || !process.env.BDM_ORACLE_LABEL) assert.equal(j.a.verdict?.message, j.oracle?.nova_message);
    const found = j.a.diagnostics.filter((d) => d.code === 'BDM-SCHEMA-ADDITIONAL-PROPERTIES').map((d) => JSON.parse(j.text.slice(d.span.offset, d.span.offset + d.span.length)) as string);
    assert.deepEqual([...found].sort(), [...keys].sort());
  }
});
test('BDM-SCHEMA-ADDITIONAL-PROPERTIES negative: volume_size is known', () => {
  expectNot(server([imgRoot(), vol(1, { volume_size: 10 })]), {}, 'BDM-SCHEMA-ADDITIONAL-PROPERTIES');
});

test('BDM-SCHEMA-SOURCE-TYPE: "Volume" (case-sensitive)', () => {
  expectRule(bfv([volRoot({ source_type: 'Volume' })]), {}, 'BDM-SCHEMA-SOURCE-TYPE', { entry: 0, path: 'server.block_device_mapping_v2[0].source_type', range: '"Volume"' });
});
test('BDM-SCHEMA-SOURCE-TYPE negative: "volume"', () => {
  expectValid(bfv([volRoot()]), {}, { not: ['BDM-SCHEMA-SOURCE-TYPE'] });
});

test('BDM-SCHEMA-DESTINATION-TYPE: empty string', () => {
  expectRule(bfv([volRoot({ destination_type: '' })]), {}, 'BDM-SCHEMA-DESTINATION-TYPE', { entry: 0, range: '""' });
});
test('BDM-SCHEMA-DESTINATION-TYPE negative: destination left out', () => {
  expectNot(bfv([volRoot({ destination_type: undefined })]), {}, 'BDM-SCHEMA-DESTINATION-TYPE');
});

test('BDM-SCHEMA-UUID: a space in uuid', () => {
  expectRule(bfv([volRoot({ uuid: 'ab cd' })]), {}, 'BDM-SCHEMA-UUID', { entry: 0, range: '"ab cd"' });
});
test('BDM-SCHEMA-UUID: empty uuid', () => {
  expectRule(bfv([volRoot({ uuid: '' })]), {}, 'BDM-SCHEMA-UUID', { entry: 0 });
});
test('BDM-SCHEMA-UUID negative: uuid is not format-checked ("my.vol-1_x")', () => {
  expectNot(bfv([volRoot({ uuid: 'my.vol-1_x' })]), {}, 'BDM-SCHEMA-UUID');
});

test('BDM-SCHEMA-ID-FIELDS: volume_id not a UUID', () => {
  expectRule(bfv([volRoot({ volume_id: 'abc' })]), {}, 'BDM-SCHEMA-ID-FIELDS', { entry: 0, range: '"abc"' });
});
test('BDM-SCHEMA-ID-FIELDS: snapshot_id null', () => {
  expectRule(bfv([volRoot({ snapshot_id: null })]), {}, 'BDM-SCHEMA-ID-FIELDS', { entry: 0 });
});
test('BDM-SCHEMA-ID-FIELDS negative: volume_id a UUID', () => {
  expectNot(bfv([volRoot({ volume_id: VOL[0] })]), {}, 'BDM-SCHEMA-ID-FIELDS');
});

test('BDM-SCHEMA-BOOT-INDEX: boolean', () => {
  expectRule(bfv([volRoot({ boot_index: true })]), {}, 'BDM-SCHEMA-BOOT-INDEX', { entry: 0, range: 'true' });
});
test('BDM-SCHEMA-BOOT-INDEX: 1.5', () => {
  expectRule(server([imgRoot(), vol(1, { boot_index: 1.5 })]), {}, 'BDM-SCHEMA-BOOT-INDEX', { entry: 1, range: '1.5' });
});
test('BDM-SCHEMA-BOOT-INDEX: "+1"', () => {
  expectRule(server([imgRoot(), vol(1, { boot_index: '+1' })]), {}, 'BDM-SCHEMA-BOOT-INDEX', { entry: 1 });
});
test('BDM-SCHEMA-BOOT-INDEX negative: "00", "-1" and null', () => {
  expectNot(bfv([volRoot({ boot_index: '00' }), vol(1, { boot_index: '-1' }), vol(2, { boot_index: null })]), {}, 'BDM-SCHEMA-BOOT-INDEX');
});

test('BDM-SCHEMA-VOLUME-SIZE: "0" (minimum applies to strings)', () => {
  expectRule(server([imgRoot(), blankVol({ volume_size: '0' })]), {}, 'BDM-SCHEMA-VOLUME-SIZE', { entry: 1, range: '"0"' });
});
test('BDM-SCHEMA-VOLUME-SIZE: 2147483648', () => {
  expectRule(server([imgRoot(), blankVol({ volume_size: 2147483648 })]), {}, 'BDM-SCHEMA-VOLUME-SIZE', { entry: 1 });
});
test('BDM-SCHEMA-VOLUME-SIZE: 10.5', () => {
  expectRule(server([imgRoot(), blankVol({ volume_size: 10.5 })]), {}, 'BDM-SCHEMA-VOLUME-SIZE', { entry: 1, range: '10.5' });
});
test('BDM-SCHEMA-VOLUME-SIZE: an integral float out of range is named as the int Nova compares (2147483648.0 -> 2147483648, 0.0 and -0.0 -> 0, -1e0 -> -1)', () => {
  const words = [['2147483648.0', '2147483648 is greater than the maximum of 2147483647'], ['0.0', '0 is less than the minimum of 1'], ['-0.0', '0 is less than the minimum of 1'], ['-1e0', '-1 is less than the minimum of 1'], ['3e9', '3000000000 is greater than the maximum of 2147483647']];
  for (const [spelled, said] of words) {
    const text = JSON.stringify(server([imgRoot(), blankVol({ volume_size: 7 })])).replace('"volume_size":7', `"volume_size":${spelled}`);
    const j = expectRule(text, {}, 'BDM-SCHEMA-VOLUME-SIZE', { entry: 1, range: spelled });
    assert.ok(j.a.verdict?.message.endsWith(`Value: ${spelled === '-1e0' ? '-1.0' : spelled === '3e9' ? '3000000000.0' : spelled}. ${said}`), j.a.verdict?.message);
    if (j.oracle || !process.env.BDM_ORACLE_LABEL) assert.equal(j.a.verdict?.message, j.oracle?.nova_message);
  }
});
test('BDM-SCHEMA-REQUEST: min_count 0.0 and max_count -1.0 are named as ints too', () => {
  for (const [k, spelled, said] of [['min_count', '0.0', 'Value: 0.0. 0 is less than the minimum of 1'], ['max_count', '-1.0', 'Value: -1.0. -1 is less than the minimum of 1']]) {
    const text = JSON.stringify(server([imgRoot()], { [k]: 7 })).replace(`"${k}":7`, `"${k}":${spelled}`);
    const j = expectRule(text, {}, 'BDM-SCHEMA-REQUEST', { entry: null, range: spelled });
    assert.ok(j.a.verdict?.message.endsWith(said), j.a.verdict?.message);
    if (j.oracle || !process.env.BDM_ORACLE_LABEL) assert.equal(j.a.verdict?.message, j.oracle?.nova_message);
  }
});
test('BDM-SCHEMA-VOLUME-SIZE negative: "1" and 2147483647', () => {
  expectNot(server([imgRoot(), blankVol({ volume_size: '1' }), blankVol({ volume_size: 2147483647 })]), {}, 'BDM-SCHEMA-VOLUME-SIZE');
});

test('BDM-SCHEMA-DEVICE-NAME: a space', () => {
  expectRule(server([imgRoot(), vol(1, { device_name: 'vd b' })]), {}, 'BDM-SCHEMA-DEVICE-NAME', { entry: 1, range: '"vd b"' });
});
test('BDM-SCHEMA-DEVICE-NAME: empty', () => {
  expectRule(server([imgRoot(), vol(1, { device_name: '' })]), {}, 'BDM-SCHEMA-DEVICE-NAME', { entry: 1 });
});
test('BDM-SCHEMA-DEVICE-NAME negative: /dev/vdb', () => {
  expectNot(server([imgRoot(), vol(1, { device_name: '/dev/vdb' })]), {}, 'BDM-SCHEMA-DEVICE-NAME');
});

test('BDM-SCHEMA-BOOLEAN: delete_on_termination 1', () => {
  expectRule(bfv([volRoot({ delete_on_termination: 1 })]), {}, 'BDM-SCHEMA-BOOLEAN', { entry: 0, range: '1' });
});
test('BDM-SCHEMA-BOOLEAN: delete_on_termination null', () => {
  expectRule(bfv([volRoot({ delete_on_termination: null })]), {}, 'BDM-SCHEMA-BOOLEAN', { entry: 0 });
});
test('BDM-SCHEMA-BOOLEAN: "y"', () => {
  expectRule(bfv([volRoot({ delete_on_termination: 'y' })]), {}, 'BDM-SCHEMA-BOOLEAN', { entry: 0 });
});
test('BDM-SCHEMA-BOOLEAN negative: "Yes" and "off"', () => {
  expectNot(bfv([volRoot({ delete_on_termination: 'Yes' }), vol(1, { delete_on_termination: 'off' })]), {}, 'BDM-SCHEMA-BOOLEAN');
});

test('BDM-SCHEMA-STRING-LENGTHS: disk_bus of 256 characters', () => {
  expectRule(bfv([volRoot({ disk_bus: x(256) })]), {}, 'BDM-SCHEMA-STRING-LENGTHS', { entry: 0 });
});
test('BDM-SCHEMA-STRING-LENGTHS: device_type a number', () => {
  expectRule(bfv([volRoot({ device_type: 5 })]), {}, 'BDM-SCHEMA-STRING-LENGTHS', { entry: 0, range: '5' });
});
test('BDM-SCHEMA-STRING-LENGTHS negative: guest_format of 255 characters', () => {
  expectNot(bfv([volRoot(), blankVol({ guest_format: x(255) })]), {}, 'BDM-SCHEMA-STRING-LENGTHS');
});

// microversion gates for tag: refused below 2.32, allowed at 2.32, refused 2.33-2.41, allowed from 2.42
for (const mv of ['2.1', '2.31', '2.33', '2.41']) {
  test(`BDM-SCHEMA-TAG-MICROVERSION: tag at ${mv}`, () => {
    expectRule(bfv([volRoot({ tag: 'root' })]), { microversion: mv }, 'BDM-SCHEMA-TAG-MICROVERSION', { entry: 0 });
  });
}
for (const mv of ['2.32', '2.42', '2.66']) {
  test(`BDM-SCHEMA-TAG-MICROVERSION negative: tag at ${mv}`, () => {
    expectValid(bfv([volRoot({ tag: 'root' })]), { microversion: mv }, { not: ['BDM-SCHEMA-TAG-MICROVERSION', 'BDM-SCHEMA-ADDITIONAL-PROPERTIES'] });
  });
}

test('BDM-SCHEMA-TAG-FORMAT: "a,b"', () => {
  expectRule(bfv([volRoot({ tag: 'a,b' })]), { microversion: '2.42' }, 'BDM-SCHEMA-TAG-FORMAT', { entry: 0, range: '"a,b"' });
});
test('BDM-SCHEMA-TAG-FORMAT: "a/b"', () => {
  expectRule(bfv([volRoot({ tag: 'a/b' })]), { microversion: '2.42' }, 'BDM-SCHEMA-TAG-FORMAT', { entry: 0 });
});
test('BDM-SCHEMA-TAG-FORMAT: empty', () => {
  expectRule(bfv([volRoot({ tag: '' })]), { microversion: '2.32' }, 'BDM-SCHEMA-TAG-FORMAT', { entry: 0 });
});
test('BDM-SCHEMA-TAG-FORMAT: 61 characters', () => {
  expectRule(bfv([volRoot({ tag: x(61) })]), { microversion: '2.42' }, 'BDM-SCHEMA-TAG-FORMAT', { entry: 0 });
});
test('BDM-SCHEMA-TAG-FORMAT negative: 60 characters with a space', () => {
  expectNot(bfv([volRoot({ tag: 'a ' + x(58) })]), { microversion: '2.42' }, 'BDM-SCHEMA-TAG-FORMAT');
});

// maxLength counts code points as Python's len() does: an astral character (a surrogate pair in
// UTF-16) is one, a lone surrogate is one too
const ASTRAL = '\u{1F4BE}';
test('BDM-SCHEMA-TAG-FORMAT negative: 60 astral characters (120 UTF-16 units) are 60 code points', () => {
  expectNot(bfv([volRoot({ tag: ASTRAL.repeat(60) })]), { microversion: '2.42' }, 'BDM-SCHEMA-TAG-FORMAT');
});
test('BDM-SCHEMA-TAG-FORMAT: 61 astral characters', () => {
  expectRule(bfv([volRoot({ tag: ASTRAL.repeat(61) })]), { microversion: '2.42' }, 'BDM-SCHEMA-TAG-FORMAT', { entry: 0 });
});
test('BDM-SCHEMA-TAG-FORMAT: 59 astral characters and two lone surrogates are 61 code points', () => {
  expectRule(bfv([volRoot({ tag: ASTRAL.repeat(59) + '\udc00\ud800' })]), { microversion: '2.42' }, 'BDM-SCHEMA-TAG-FORMAT', { entry: 0 });
});
test('BDM-SCHEMA-TAG-FORMAT negative: 58 astral characters and two lone surrogates', () => {
  expectNot(bfv([volRoot({ tag: ASTRAL.repeat(58) + '\udc00\ud800' })]), { microversion: '2.42' }, 'BDM-SCHEMA-TAG-FORMAT');
});

test('BDM-SCHEMA-VOLUME-TYPE-MICROVERSION: volume_type at 2.66', () => {
  expectRule(server([imgRoot(), blankVol({ volume_type: 'lvm' })]), { microversion: '2.66' }, 'BDM-SCHEMA-VOLUME-TYPE-MICROVERSION', { entry: 1 });
});
test('BDM-SCHEMA-VOLUME-TYPE-MICROVERSION: even null at 2.1', () => {
  expectRule(server([imgRoot(), blankVol({ volume_type: null })]), {}, 'BDM-SCHEMA-VOLUME-TYPE-MICROVERSION', { entry: 1 });
});
test('BDM-SCHEMA-VOLUME-TYPE-MICROVERSION negative: volume_type at 2.67', () => {
  expectValid(server([imgRoot(), blankVol({ volume_type: 'lvm' })]), { microversion: '2.67' }, { not: ['BDM-SCHEMA-VOLUME-TYPE-MICROVERSION'] });
});

test('BDM-SCHEMA-VOLUME-TYPE-FORMAT: 256 characters', () => {
  expectRule(server([imgRoot(), blankVol({ volume_type: x(256) })]), { microversion: '2.67' }, 'BDM-SCHEMA-VOLUME-TYPE-FORMAT', { entry: 1 });
});
test('BDM-SCHEMA-VOLUME-TYPE-FORMAT: a number', () => {
  expectRule(server([imgRoot(), blankVol({ volume_type: 7 })]), { microversion: '2.67' }, 'BDM-SCHEMA-VOLUME-TYPE-FORMAT', { entry: 1, range: '7' });
});
test('BDM-SCHEMA-VOLUME-TYPE-FORMAT negative: "" and null are accepted and ignored', () => {
  expectValid(server([imgRoot(), blankVol({ volume_type: '' }), blankVol({ volume_type: null })]), { microversion: '2.67' }, { not: ['BDM-SCHEMA-VOLUME-TYPE-FORMAT'] });
});

test('BDM-SCHEMA-IMAGEREF: a URL', () => {
  expectRule(server([imgRoot()], { imageRef: 'http://glance/v2/images/' + IMG }), {}, 'BDM-SCHEMA-IMAGEREF', { entry: null });
});
test('BDM-SCHEMA-IMAGEREF negative: "" with a volume root', () => {
  expectNot(server([volRoot()], { imageRef: '' }), {}, 'BDM-SCHEMA-IMAGEREF');
});

// 2.0, the legacy /v2 endpoint: unknown keys are stripped, not refused
test('BDM-SCHEMA-LEGACY-V2-STRIP: tag at 2.0 is dropped', () => {
  const j = expectRule(bfv([volRoot({ tag: 'root' })]), { microversion: '2.0' }, 'BDM-SCHEMA-LEGACY-V2-STRIP', { entry: 0, range: '"tag"' });
  assert.equal(j.a.valid, true);
});
test('BDM-SCHEMA-LEGACY-V2-STRIP: volume_type and a typo at 2.0 are dropped', () => {
  expectRule(server([imgRoot(), blankVol({ volume_type: 'lvm', colour: 'red' })]), { microversion: '2.0' }, 'BDM-SCHEMA-LEGACY-V2-STRIP', { entry: 1 });
});
test('BDM-SCHEMA-LEGACY-V2-STRIP negative: the same tag at 2.1 is refused', () => {
  expectNot(bfv([volRoot({ tag: 'root' })]), { microversion: '2.1' }, 'BDM-SCHEMA-LEGACY-V2-STRIP');
});

// not a Nova rule: the context file's own schema (no oracle answer, nothing of Nova runs)
test('BDM-CONTEXT-INVALID: an unknown key in .bdm-context.json is reported at the key', () => {
  const text = '{"microversion": "2.67", "flavour": {}}';
  const { problems } = parseContextText(text);
  assert.equal(problems.length, 1);
  assert.equal(text.slice(problems[0].span.offset, problems[0].span.offset + problems[0].span.length), '"flavour"');
  assert.match(problems[0].message, /flavour/);
});
test('BDM-CONTEXT-INVALID negative: a complete context file has no problem', () => {
  const { problems, context } = parseContextText(JSON.stringify({ microversion: '2.67', flavor: { root_gb: 20, ephemeral_gb: 0, swap_mb: 0 }, max_local_block_devices: 3 }));
  assert.deepEqual(problems, []);
  assert.equal(context.microversion, '2.67');
});

// 2.0 metadata: Nova's soft additionalProperties check keeps patternProperties objects whole
test('BDM-SCHEMA-REQUEST: at 2.0, metadata with a key of the pattern and one outside it is refused in Nova\'s own words', () => {
  for (const metadata of [{ ok: 'v', 'a/b': 'c' }, { 'a/b': 'c', ok: 'v' }, { ok: 'v', "it's": 'c' }, { ok: 'v', 'k\n': 'c', 'a\nb': 'd' }]) {
    const j = expectRule(server([imgRoot()], { metadata }), { microversion: '2.0' }, 'BDM-SCHEMA-REQUEST', { entry: null });
    if (j.oracle || !process.env.BDM_ORACLE_LABEL) assert.equal(j.a.verdict?.message, j.oracle?.nova_message);
  }
});
test('BDM-SCHEMA-REQUEST: at 2.0, several unknown metadata keys are named together with "were" (Nova\'s order is its set\'s)', () => {
  const j = expectRule(server([imgRoot()], { metadata: { ok: 'v', 'a/b': 'c', 'd/e': 'f' } }), { microversion: '2.0' }, 'BDM-SCHEMA-REQUEST', { entry: null });
  const words = (m: string | null | undefined) => {
    const g = /^(.*Additional properties are not allowed \()(.*) were unexpected\)$/.exec(m ?? '');
    return g ? [g[1], g[2].split(', ').sort()] : m;
  };
  if (j.oracle || !process.env.BDM_ORACLE_LABEL) assert.deepEqual(words(j.a.verdict?.message), words(j.oracle?.nova_message));
  assert.match(j.a.verdict?.message ?? '', /\('a\/b', 'd\/e' were unexpected\)$/, 'bdm-lab names them in the text\'s order');
});
test('BDM-SCHEMA-REQUEST: at 2.0, a metadata value the pattern\'s schema refuses comes before the unknown key', () => {
  const j = expectRule(server([imgRoot()], { metadata: { 'a/b': 'c', ok: 5 } }), { microversion: '2.0' }, 'BDM-SCHEMA-REQUEST', { entry: null });
  if (j.oracle || !process.env.BDM_ORACLE_LABEL) assert.equal(j.a.verdict?.message, j.oracle?.nova_message);
});
test('BDM-SCHEMA-REQUEST negative: at 2.0, metadata whose keys all fall outside the pattern is taken as it is (values unchecked)', () => {
  [{ 'a/b': 'c' }, { 'a/b': 'c', 'd/e': 'f' }].forEach((metadata, i) => {
    expectValid(server([imgRoot()], { metadata }), { microversion: '2.0' }, { not: ['BDM-SCHEMA-REQUEST'], id: `v20-metadata-valid#${i + 1}` });
  });
  // the schema passes these; the compute API's own metadata check refuses them (rules-compute.test.ts),
  // a check the oracle stubs (it answered 202)
  const why = 'the oracle stubs compute.api._check_metadata_properties_quota, which refuses this after the schema';
  ([[{ 'a/b': 5 }, 'BDM-COMPUTE-METADATA-NOT-STRING'], [{ '': 'x' }, 'BDM-COMPUTE-METADATA-EMPTY-KEY'], [{ 'a/b': x(300) }, 'BDM-COMPUTE-METADATA-SIZE']] as const).forEach(([metadata, code], i) => {
    const j = expectNot(server([imgRoot()], { metadata }), { microversion: '2.0' }, 'BDM-SCHEMA-REQUEST', { id: `v20-metadata-schema-passes#${i + 1}`, noOracle: why });
    assert.equal(j.a.verdict?.code, code);
  });
});
test('BDM-SCHEMA-REQUEST: the same metadata at 2.1 is refused in jsonschema\'s patternProperties words', () => {
  const j = expectRule(server([imgRoot()], { metadata: { 'a/b': 'c' } }), { microversion: '2.1' }, 'BDM-SCHEMA-REQUEST', { entry: null });
  if (j.oracle || !process.env.BDM_ORACLE_LABEL) assert.equal(j.a.verdict?.message, j.oracle?.nova_message);
});

// 2.0: Nova's soft check deletes the keys a schema does not know from the body as it validates;
// the value an error prints is the body as it then is
test('BDM-SCHEMA-REQUEST: at 2.0 the value Nova prints has lost the unknown keys of the objects checked before the error, not its own', () => {
  const body = { server: { flavorRef: '1', colour: 'red', block_device_mapping: [{ device_name: 'vda', delete_on_termination: false, source_type: 0 }, { device_name: 'vdb', virtual_name: 'swap', volume_size: 512, tag: 't' }] } };
  const j = expectRule(JSON.stringify(body, null, 2), { microversion: '2.0' }, 'BDM-SCHEMA-REQUEST', { entry: null });
  const m = j.a.verdict?.message ?? '';
  if (j.oracle || !process.env.BDM_ORACLE_LABEL) assert.equal(m, j.oracle?.nova_message);
  assert.match(m, /'colour': 'red'/, "the server's own unknown key is deleted after 'required' refuses it: still printed");
  assert.doesNotMatch(m, /source_type|'tag'/, "the items' unknown keys were deleted when their schema was checked");
});
test('BDM-SCHEMA-REQUEST negative: at 2.1 the item\'s unknown key is refused first, and printed', () => {
  const body = { server: { flavorRef: '1', block_device_mapping: [{ device_name: 'vda', delete_on_termination: false, source_type: 0 }] } };
  const j = expectRule(JSON.stringify(body, null, 2), { microversion: '2.1' }, 'BDM-SCHEMA-LEGACY-ITEM', { entry: 0 });
  const m = j.a.verdict?.message ?? '';
  if (j.oracle || !process.env.BDM_ORACLE_LABEL) assert.equal(m, j.oracle?.nova_message);
  assert.match(m, /'source_type': 0/);
});

test('schema.json fixture is in step with these cases', () => finish());
