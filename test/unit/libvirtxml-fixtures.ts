/**
 * What the tests of libvirt-labelled domain fixtures share (test/fixtures/libvirtdomain/, labelled
 * by `virsh define --validate` through scripts/libvirt-label.ts): the labels, a fixture's errors
 * as bdm-lab finds them without libvirt, and the checks every such file makes.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { analyzeLibvirtXml } from '../../server/src/libvirtxml/analyze';

export const DIR = join(__dirname, '..', 'fixtures', 'libvirtdomain');
export const labels: Record<string, { libvirt: 'accepts' | 'refuses'; message?: string }> = JSON.parse(readFileSync(join(DIR, 'labels.json'), 'utf8'));

export const fixtureText = (file: string): string => readFileSync(join(DIR, file), 'utf8');

/** bdm-lab's errors on a fixture */
export function errors(file: string) {
  return analyzeLibvirtXml(fixtureText(file)).problems.filter((p) => p.severity === 'error');
}

/**
 * The checks every file of labelled refusals makes: libvirt labels each fixture as its name says;
 * each refused one is refused by exactly its rules (one, or several), in libvirt's words where
 * `words` are given (none: a schema refusal); the accepted ones get no error.
 */
export function labelledFixtures(refused: Record<string, [string | string[], string?]>, accepted: readonly string[]): void {
  test('libvirt labels these fixtures as their names say', () => {
    for (const f of Object.keys(refused)) assert.equal(labels[f]?.libvirt, 'refuses', f);
    for (const f of accepted) assert.equal(labels[f]?.libvirt, 'accepts', f);
  });

  for (const [f, [rules, words]] of Object.entries(refused)) {
    const ids = typeof rules === 'string' ? [rules] : rules;
    test(`${f}: refused by ${ids.join(' and ')}${words ? " in libvirt's words" : ''}`, () => {
      const found = errors(f);
      assert.deepEqual([...new Set(found.map((p) => p.id))].sort(), [...ids].sort(), `${f}: ${found.map((p) => `${p.id} ${p.message}`).join(' | ')}`);
      if (!words) return;
      assert.ok(labels[f].message?.includes(words), `${f}: libvirt's label carries "${words}" (${labels[f].message})`);
      assert.ok(found.some((p) => p.message.includes(words)), `${f}: no finding says "${words}" (got ${found.map((p) => p.message).join(' | ')})`);
    });
  }

  test('the documents libvirt accepts beside them get no error', () => {
    const wrong = accepted.flatMap((f) => errors(f).map((p) => `${f}: ${p.id} ${p.message}`));
    assert.deepEqual(wrong, []);
  });
}
