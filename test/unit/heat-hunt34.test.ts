/**
 * Hunt 34, labelled by Heat 19.0.0's own code (the heat-oracle, Heat's checks before any resource
 * and Stack.validate, through test/fixtures/heat/label.ts), each case's label beside it in
 * scripts/heat-hunt34-labels.json:
 * - `!!binary` in the parameters section: Heat's loader makes Python bytes, which the parameters
 *   keep (heat/engine/parameters.py, constraints.py): a string parameter's value is str() of them
 *   (b'...'), a number's is int() or float() of them, a boolean's str() is no boolean word, a json
 *   one fails json.dumps ("Object of type bytes is not JSON serializable"), a comma_delimited_list's
 *   split(',') raises Python's TypeError outside Heat's words; a constraint prints the default as
 *   b'...', allowed_values' json.dumps of bytes and allowed_pattern's str pattern fail with Python's
 *   TypeError; in the resources section the same tag is a list of the byte values (as before);
 * - StopIteration from yaql (first(), last(), single(), dict()) inside function arguments: a list
 *   or map around the call, and the list or map of arguments a function resolves whole
 *   (map_merge, str_split, list_concat, digest, ...), resolve it in a generator (Python's
 *   RuntimeError "generator raised StopIteration"); an argument a function takes out and resolves
 *   itself (str_replace's template, list_join's delimiter, repeat's template, equals' values) lets
 *   StopIteration's own words through (empty, or single()'s "Collection contains more than one
 *   item"); sum(), max(), min() of nothing: functools.reduce's TypeError.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { heatSources } from '../../server/src/source/heat';
import { stripType } from '../fixtures/heat/compare';
import { labelledCases, testLabelledCases, type Labelled } from './heat-labelled';
import { bestGrowth, describeGrowth } from './growth';

const { cases: CASES, byId, srvOf } = labelledCases('heat-hunt34-labels.json');
const sentMetadata = (c: Labelled) => (c.oracle.servers.srv.nova_body as { server: { metadata?: unknown } }).server.metadata;

testLabelledCases('34', CASES, 150);

test('a string parameter whose default is !!binary is str() of the bytes; a number one int() or float() of them', () => {
  // b'hello', b'\xc0', b'12' -> 12, b'1.5' -> 1.5, b'1e3' -> 1000.0
  for (const [id, k] of [['h34-binparams-0', "b'hello'"], ['h34-binparams-22', "b'\\xc0'"], ['h34-binparams-7', '12'], ['h34-binparams-8', '1.5'], ['h34-binparams2-15', '1000.0']]) {
    const c = byId(id);
    assert.deepEqual(sentMetadata(c), { k }, id);
    assert.deepEqual((srvOf(c).translation.body as { server: { metadata?: unknown } }).server.metadata, { k }, id);
  }
});

test('!!binary defaults each parameter type refuses in its own way', () => {
  const want: Array<[string, string]> = [
    ['h34-binparams-1', "Parameter 'p' is invalid: Invalid default b'hello' (length (5) is out of range (min: 1, max: 3))"],
    ['h34-binparams-3', "Parameter 'p' is invalid: Invalid default b'hello' (cannot use a string pattern on a bytes-like object)"],
    ['h34-binparams-4', "Parameter 'p' is invalid: Invalid default b'hello' (Object of type bytes is not JSON serializable)"],
    ['h34-binparams-10', "Parameter 'p' is invalid: Invalid default b'12' (b'12' is out of range (min: 1, max: 5))"],
    ['h34-binparams-13', "Parameter 'p' is invalid: Value must be valid JSON: Object of type bytes is not JSON serializable"],
    ['h34-binparams-15', "a bytes-like object is required, not 'str'"],
    ['h34-binparams-16', "Parameter 'p' is invalid: Unrecognized value 'b'true'', acceptable values are: '0', '1', 'f', 'false', 'n', 'no', 'off', 'on', 't', 'true', 'y', 'yes'"],
    ['h34-binparams-19', "Parameter 'p' is invalid: could not convert string to float: b''"],
    ['h34-binparams2-26', 'endswith first arg must be bytes or a tuple of bytes, not str'],
  ];
  for (const [id, msg] of want) {
    const c = byId(id);
    assert.equal(stripType(c.oracle.stack_validate!), msg, id);
    assert.equal(srvOf(c).translation.error?.message, msg, id);
  }
  // bytes whose str() is an allowed value pass; a bytes allowed value is json.dumps's TypeError
  assert.equal(byId('h34-binparams2-0').oracle.stack_validate, 'ok');
  assert.equal(srvOf(byId('h34-binparams2-0')).translation.error, null);
  assert.equal(srvOf(byId('h34-binparams-24')).translation.error?.message, "Parameter 'p' is invalid: Invalid default x (Object of type bytes is not JSON serializable)");
});

test('!!binary in the resources section stays a list of the byte values', () => {
  const c = byId('h34-binprops-0');
  const msg = 'Property error: resources.srv.properties.name: Value must be a string; got [104, 101, 108, 108, 111]';
  assert.equal(stripType(c.oracle.stack_validate!), msg);
  assert.equal(srvOf(c).translation.error?.message, msg);
});

test('StopIteration inside function arguments: the generator around it decides the words', () => {
  const want: Array<[string, string]> = [
    // a list or map of arguments resolved whole
    ['h34-stopit2-4', 'Property error: resources.srv.properties.name: generator raised StopIteration'],
    ['h34-stopit2-7', 'Property error: resources.srv.properties.name: generator raised StopIteration'],
    ['h34-stopit-16', 'Property error: resources.srv.properties.metadata: generator raised StopIteration'],
    // an argument the function takes out and resolves itself
    ['h34-stopit2-0', 'Property error: resources.srv.properties.name: '],
    ['h34-stopit2-3', 'Property error: resources.srv.properties.name: '],
    ['h34-stopit2-8', 'Property error: resources.srv.properties.name: '],
    ['h34-stopit2-2', 'Property error: resources.srv.properties.name: generator raised StopIteration'],
    // single() of two items: StopIteration with words
    ['h34-stopit-3', 'Property error: resources.srv.properties.name: Collection contains more than one item'],
    ['h34-stopit2-13', 'Property error: resources.srv.properties.name: Collection contains more than one item'],
    // sum(), max() of nothing
    ['h34-stopit2-29', 'Property error: resources.srv.properties.name: reduce() of empty iterable with no initial value'],
    ['h34-stopit-7', 'Property error: resources.srv.properties.metadata: reduce() of empty iterable with no initial value'],
  ];
  for (const [id, msg] of want) {
    const c = byId(id);
    assert.equal(stripType(c.oracle.stack_validate!), msg, id);
    assert.equal(srvOf(c).translation.error?.message, msg, id);
  }
});

test('yaql: an expression that is no text, and first() of a dict', () => {
  const want: Array<[string, string]> = [
    // written so: refused when Heat checks the functions; made by a function: when it resolves the property
    ['h34-yexpr-0', 'resources.srv.properties.name.yaql: The "expression" argument to yaql must contain a string.'],
    ['h34-yexpr-4', 'resources.srv.properties.name.yaql: The "expression" argument to yaql must contain a string.'],
    ['h34-yexpr-3', 'Property error: resources.srv.properties.name: The "expression" argument to yaql must contain a string.'],
    // (the expression is parsed before the data is resolved)
    ['h34-yexpr-5', 'Property error: resources.srv.properties.name: The "expression" argument to yaql must contain a string.'],
    ['h34-stopit-4-s3401', 'Property error: resources.srv.properties.name: No method "first" for receiver {} matches supplied arguments'],
  ];
  for (const [id, msg] of want) {
    const c = byId(id);
    assert.equal(stripType(c.oracle.stack_validate!), msg, id);
    assert.equal(srvOf(c).translation.error?.message, msg, id);
  }
});

test('many !!binary items in parameter defaults grow linearly: 2 000 vs 4 000', { timeout: 120_000 }, () => {
  const make = (n: number) => `heat_template_version: 2018-08-31\nparameters:\n  p: {type: string, default: [${Array.from({ length: n }, () => '!!binary aGVsbG8=').join(', ')}]}\n  j: {type: json, default: {a: [${Array.from({ length: n }, () => '[x]').join(', ')}, !!binary aGk=]}}\nresources:\n  srv:\n    type: OS::Nova::Server\n    properties:\n      flavor: m1\n      image: img\n      networks: [{network: net}]\n      metadata: {k: {get_param: p}}\n`;
  // (Heat 19.0.0's Stack.validate on make(2), by the heat-oracle's labelling)
  assert.equal(heatSources(make(2), {})[0].translation.error?.message, "Parameter 'j' is invalid: Value must be valid JSON: Object of type bytes is not JSON serializable");
  const g = bestGrowth(make, (t) => heatSources(t, {}), 2000, 3, 3, 3);
  assert.ok(g.ratio < 3, `${describeGrowth('!!binary defaults', 2000, g)} (linear ~2, quadratic ~4)`);
});
