/** Per-file contexts (issue 16): the $bdm modeline reader and the bdmLab.contexts lookup (model/fileContext.ts). */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { contextsEntry, readModeline } from '../../server/src/model/fileContext';

test('a $bdm modeline in the first lines, after //, #, /* or <!--', () => {
  assert.deepEqual(readModeline('// $bdm microversion=2.67\n{}'), { line: 0, context: { microversion: '2.67' }, problems: [] });
  assert.equal(readModeline('#!/bin/sh\n# $bdm: microversion=2.42\n')!.context.microversion, '2.42');
  assert.equal(readModeline('<!-- $bdm microversion=2.79 -->\n<domain/>')!.context.microversion, '2.79');
  const m = readModeline('{\n/* $bdm root_gb=20 ephemeral_gb=0 swap_mb=512 context=../ctx.json */\n}')!;
  assert.equal(m.line, 1);
  assert.deepEqual(m.context, { flavor: { root_gb: 20, ephemeral_gb: 0, swap_mb: 512 } });
  assert.equal(m.contextPath, '../ctx.json');
  // past the first five lines, inside a string, or without the marker: none
  assert.equal(readModeline('1\n2\n3\n4\n5\n// $bdm microversion=2.67'), null);
  assert.equal(readModeline('{"name": "// $bdm microversion=2.67"}'), null);
  assert.equal(readModeline('// bdm microversion=2.67'), null);
});

test('a modeline\'s bad words are named and left out', () => {
  const m = readModeline('// $bdm microversion=two root_gb=1 lab=x flag')!;
  assert.deepEqual(m.context, {});
  assert.equal(m.problems.length, 4, m.problems.join(' | '));
  assert.ok(m.problems.some((p) => /microversion=two is not 2\.N/.test(p)));
  assert.ok(m.problems.some((p) => /a flavor needs root_gb, ephemeral_gb and swap_mb/.test(p)));
  assert.ok(m.problems.some((p) => /"lab=x" is not key=value/.test(p)));
});

test('a long first line (a minified body) is not searched, whatever it holds', () => {
  assert.equal(readModeline(`{"a": "${'x'.repeat(100_000)} // $bdm microversion=2.67"}`), null);
});

test('bdmLab.contexts: the first glob that matches, a file or a checked inline context', () => {
  const eq = (p: string, g: string) => p === g || (g.endsWith('/**') && p.startsWith(g.slice(0, -2)));
  const setting = { 'a/**': 'ctx/a.json', 'b/x.json': { microversion: '2.60' }, 'b/**': 'ctx/b.json', 'c/bad.json': { micro: 1 }, 'd/n.json': 5 };
  assert.deepEqual(contextsEntry(setting, 'a/y/z.json', eq), { glob: 'a/**', file: 'ctx/a.json', problems: [] });
  assert.deepEqual(contextsEntry(setting, 'b/x.json', eq), { glob: 'b/x.json', context: { microversion: '2.60' }, problems: [] });
  assert.equal(contextsEntry(setting, 'b/other.json', eq)!.file, 'ctx/b.json');
  assert.match(contextsEntry(setting, 'c/bad.json', eq)!.problems[0]!, /bdmLab\.contexts\["c\/bad\.json"\]: micro: unknown key "micro"/);
  assert.match(contextsEntry(setting, 'd/n.json', eq)!.problems[0]!, /give a context file/);
  assert.equal(contextsEntry(setting, 'e.json', eq), null);
  assert.equal(contextsEntry(undefined, 'a/b.json', eq), null);
  assert.equal(contextsEntry(['a/**'], 'a/b.json', eq), null);
});
