/**
 * bdmLab.* settings that would be ignored are said, in words that name the setting's own keys
 * (issue 16: a flavor written with the context file's `root_gb` was dropped without a word).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { contextFromSettings, settingsProblems } from '../../server/src/model/contextLoad';
import { RULES } from '../../server/src/rules/table';

test('a flavor written with the context file keys is named, with the keys the setting takes', () => {
  const raw = { flavor: { root_gb: 20, ephemeral_gb: 0, swap_mb: 0 } };
  assert.equal(contextFromSettings(raw).flavor, undefined, 'the flavor stays unknown');
  const p = settingsProblems(raw);
  assert.ok(p.some((m) => m.includes('"root_gb" is the .bdm-context.json spelling; the setting takes "rootGb"')), p.join('\n'));
  assert.ok(p.some((m) => m.includes('"swap_mb"') && m.includes('"swapMb"')), p.join('\n'));
  assert.ok(p.some((m) => /bdmLab\.flavor is ignored/.test(m) && m.includes('"rootGb", "ephemeralGb", "swapMb" need an integer')), p.join('\n'));
});

test('a valid flavor and libvirt setting give no problem, and the flavor is used', () => {
  const raw = { flavor: { rootGb: 20, ephemeralGb: 1, swapMb: 512 }, libvirt: { virtType: 'kvm', diskPrefix: null }, microversion: '2.67' };
  assert.deepEqual(settingsProblems(raw), []);
  assert.deepEqual(contextFromSettings(raw).flavor, { root_gb: 20, ephemeral_gb: 1, swap_mb: 512 });
  assert.deepEqual(settingsProblems({}), []);
  assert.deepEqual(settingsProblems({ flavor: null }), []);
});

test('a partial or negative flavor is ignored and said so; unknown keys are named', () => {
  const partial = settingsProblems({ flavor: { rootGb: 20 } });
  assert.equal(partial.length, 1);
  assert.match(partial[0], /"ephemeralGb", "swapMb" need an integer ≥ 0/);
  const negative = { flavor: { rootGb: -1, ephemeralGb: 0, swapMb: 0 } };
  assert.equal(contextFromSettings(negative).flavor, undefined);
  assert.match(settingsProblems(negative)[0], /"rootGb" needs an integer ≥ 0/);
  const fractional = { flavor: { rootGb: 1.5, ephemeralGb: 0, swapMb: 0 } };
  assert.equal(contextFromSettings(fractional).flavor, undefined);
  const unknown = settingsProblems({ flavor: { rootGb: 1, ephemeralGb: 0, swapMb: 0, disk: 5 }, libvirt: { virt_type: 'qemu', cpu: 'x' } });
  assert.ok(unknown.includes('bdmLab.flavor: unknown key "disk" (it takes "rootGb", "ephemeralGb", "swapMb").'), unknown.join('\n'));
  assert.ok(unknown.some((m) => m.includes('bdmLab.libvirt: "virt_type" is the .bdm-context.json spelling; the setting takes "virtType"')), unknown.join('\n'));
  assert.ok(unknown.some((m) => m.startsWith('bdmLab.libvirt: unknown key "cpu"')), unknown.join('\n'));
  assert.deepEqual(settingsProblems({ flavor: 'big' }), ['bdmLab.flavor must be an object: it is ignored.']);
});

test('the flavor-unknown note names what works where: snake_case in a context file, camelCase in the settings', () => {
  const row = RULES.find((r) => r.id === 'BDM-CONTEXT-FLAVOR-UNKNOWN');
  assert.ok(row);
  assert.match(row.explain, /\.bdm-context\.json.*"root_gb"/);
  assert.match(row.explain, /"bdmLab\.flavor": \{"rootGb"/);
  assert.doesNotMatch(row.explain, /flavor\.root_gb \/ ephemeral_gb \/ swap_mb in \.bdm-context\.json or the bdmLab\.flavor setting/);
});

test('the package.json schema flags unknown flavor keys and asks for all three', async () => {
  const pkg = (await import('../../package.json', { with: { type: 'json' } })).default as unknown as { contributes: { configuration: { properties: Record<string, { additionalProperties?: boolean; required?: string[] }> } } };
  const flavor = pkg.contributes.configuration.properties['bdmLab.flavor'];
  assert.equal(flavor.additionalProperties, false);
  assert.deepEqual(flavor.required, ['rootGb', 'ephemeralGb', 'swapMb']);
  assert.equal(pkg.contributes.configuration.properties['bdmLab.libvirt'].additionalProperties, false);
});
