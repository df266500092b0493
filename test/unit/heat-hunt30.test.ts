/**
 * Hunt 30, labelled by Heat 19.0.0's own code (the heat-oracle: Stack.validate, then the stack's
 * creation; scripts/heat-hunt28-difftest.ts on seed 9101, its labels beside each case in
 * test/fixtures/heat-hunt30/cases.json; scripts/heat-hunt27-difftest.ts on seed 9102 too):
 * - a get_attr whose resource is given by a get_resource: before the resource is made its
 *   reference id is its name, so Stack.validate (and each function's own check) finds the
 *   resource; once the stack makes it the id is Cinder's, no resource is named so, and creating
 *   the server fails with InvalidTemplateReference on that id (a refusal at create, not before);
 * - Heat's "... is not a list" quotes the value as Python's repr() of what PyYAML read: a map's keys
 *   in the order written, an int key as an int (scripts/heat-hunt27-difftest.ts, seed 9102);
 * - a sample of both seeds' other templates, which agreed before and after.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { heatSources } from '../../server/src/source/heat';
import { type HeatCase, type HeatOracle } from '../fixtures/heat/compare';
import { ROOT } from './cli-run';
import { testLabelledCases } from './heat-labelled';

type Labelled = HeatCase & { oracle: HeatOracle };
const CASES = JSON.parse(readFileSync(join(ROOT, 'test', 'fixtures', 'heat-hunt30', 'cases.json'), 'utf8')) as Labelled[];

testLabelledCases('30', CASES, 20);

test('a map where a list is due is quoted with its keys as written: order and an int key', () => {
  const c = CASES.find((x) => x.id === 'h27-resource-93')!;
  const [srv] = heatSources(c.template, { microversion: c.microversion, params: c.params }).filter((d) => d.name === 'srv');
  assert.match(srv.translation.error!.message, /\{'values': \{'x': 'y', 1: 2\}\}/);
});

test('get_attr of a get_resource: Stack.validate passes, the create fails on the id', () => {
  const c = CASES.find((x) => x.id === 'h28-outga-137')!;
  assert.equal(c.oracle.stack_validate, 'ok');
  assert.match(c.oracle.template_error ?? '', /^InvalidTemplateReference: /);
  const [srv] = heatSources(c.template, { microversion: c.microversion, params: c.params });
  const e = srv.translation.error!;
  assert.equal(e.atCreate, true);
  assert.equal(e.stage, 'template');
  assert.equal(`InvalidTemplateReference: ${e.message}`, c.oracle.template_error);
});

test('an int past 2^53 given for a boolean property is quoted with its every digit', () => {
  for (const id of ['h24-9201-19', 'h30-bigbool-v2', 'h30-bigbool-hex']) {
    const c = CASES.find((x) => x.id === id)!;
    const [srv] = heatSources(c.template, { microversion: c.microversion, params: c.params }).filter((d) => d.name === 'srv');
    assert.match(srv.translation.error!.message, /"(9007199254740993|-12345678901234567891)" is not a valid boolean/, id);
  }
});

test('rel_dns_name on a string parameter whose default is a number or a boolean: its AttributeError, unworded', () => {
  const c = CASES.find((x) => x.id === 'h30-reldns-2')!;
  const refused = heatSources(c.template, {}).find((d) => d.translation.error);
  assert.equal(refused?.translation.error?.message, "'float' object has no attribute 'endswith'");
});

test('a get_param path item written as a float is no key: the value is empty', () => {
  const c = CASES.find((x) => x.id === 'h30-floatpath-2')!;
  const [srv] = heatSources(c.template, {}).filter((d) => d.name === 'srv');
  assert.equal(srv.translation.error, null);
  assert.ok(!srv.translation.notes.some((n) => /does not follow/.test(n.message)));
});

test('"Value must be a string" quotes a map as written: its keys in order, an int key as an int', () => {
  const c = CASES.find((x) => x.id === 'h30-strrepr-0')!;
  const [srv] = heatSources(c.template, {}).filter((d) => d.name === 'srv');
  assert.match(srv.translation.error!.message, /got \{'b': 1, 2: 'a', 1: 'd'\}$/);
});
