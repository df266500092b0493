/**
 * parse/noStacks.ts: a parser that makes an Error per problem runs with no stack captured, and the
 * engine's setting is back as it was afterwards, also when the parser throws.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { withoutStacks } from '../../server/src/parse/noStacks';
import { parseDocument } from 'yaml';

test('errors made inside carry no stack frames; the limit is restored after a return and after a throw', () => {
  const before = Error.stackTraceLimit;
  const e = withoutStacks(() => new Error('inside'));
  assert.equal(e.stack?.split('\n').filter((l) => l.trimStart().startsWith('at ')).length, 0);
  assert.equal(Error.stackTraceLimit, before);
  assert.throws(() => withoutStacks(() => { throw new Error('thrown'); }), /thrown/);
  assert.equal(Error.stackTraceLimit, before);
  const outside = new Error('outside');
  assert.ok((outside.stack ?? '').includes(' at '), 'errors made afterwards have their stack again');
});

test('the yaml package\'s errors read without stacks keep their messages and places', () => {
  const text = `k: [${'-, '.repeat(50)}-]\n`;
  const plain = parseDocument(text);
  const quiet = withoutStacks(() => parseDocument(text));
  assert.ok(plain.errors.length > 0);
  assert.deepEqual(quiet.errors.map((x) => [x.code, x.message, x.pos]), plain.errors.map((x) => [x.code, x.message, x.pos]));
});
