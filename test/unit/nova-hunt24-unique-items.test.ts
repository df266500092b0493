/**
 * trusted_image_certificates (from 2.63) must hold unique items. Nova's jsonschema (4.10.3)
 * compares every item, whatever its type, and its uniqueItems comes before the items' type check
 * in the schema, so `[1, 1]` or `[[], []]` is refused as "has non-unique elements"; ajv's
 * generated check compared only the strings and bdm-lab answered with the first item's type
 * error. jsonschema's own equality (a bool is no number, 1 equals 1.0, dicts in any key order)
 * and its sort-then-neighbours shortcut (which misses `[[1, true], [1, 1], [1, true]]`) are
 * followed: rules/uniqueItems.ts. Each case is labelled by the nova-oracle, its output kept in
 * test/fixtures/nova-hunt24/unique-items.json (scripts/difftest-hunt24-label.ts unique-items).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { loadCases24, testCases24 } from './nova-hunt24-cases';
import { pyUniqueItems } from '../../server/src/rules/uniqueItems';

const cases = loadCases24('unique-items');
testCases24(cases);

test('the fixture holds both answers: duplicates of non-strings refused as non-unique, and jsonschema\'s misses answered by the type error', () => {
  assert.ok(cases.some((c) => c.payloadText.includes('[[], []]') && /has non-unique elements$/.test(c.oracle.nova_message ?? '')));
  assert.ok(cases.some((c) => c.payloadText.includes('[[1, true], [1, 1], [1, true]]') && /is not of type 'string'$/.test(c.oracle.nova_message ?? '')));
});

test('pyUniqueItems answers on 20 000 items: distinct lists (the sorted path) and mixed items (compared by key)', () => {
  const lists = Array.from({ length: 20_000 }, (_, k) => [k % 7, `x${k}`]);
  assert.equal(pyUniqueItems(lists, [], () => undefined), true);
  const mixed: unknown[] = Array.from({ length: 20_000 }, (_, k) => (k % 2 ? k : `s${k}`));
  assert.equal(pyUniqueItems(mixed, [], () => undefined), true);
  mixed.push(3);
  assert.equal(pyUniqueItems(mixed, [], () => undefined), false);
});
