/**
 * The lazily positioned tree (parse/lazyTree.ts) must place every node exactly where
 * jsonc-parser's tree does: through the targeted scans of the first few lookups and through the
 * one full pass after them. Duplicated keys are placed at their last occurrence (the value
 * Python and JSON.parse keep). Also: the cheap look for float literals never misses one, and a
 * body with float literals is judged on the lazy tree as on jsonc-parser's.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, readdirSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { createScanner, parseTree, SyntaxKind } from 'jsonc-parser';
import { parseJson, findAt } from '../../server/src/parse/json';
import { LazyNode, keysInText, onlyPropertySpan, propertyPlace } from '../../server/src/parse/lazyTree';
import { analyzeJson } from '../../server/src/analyze';
import { defaultContext } from '../../server/src/model/context';
import { prepareSpans } from '../../server/src/text/span';
import { finalNodes, lazyAt } from './json-places';

const ROOT = join(import.meta.dirname, '..', '..');


/**
 * `order`: the order the nodes are first asked for. 'tree' (parents first): the first walk finds
 * nearly nothing made and skips whole containers; 'deepest' (the deepest nodes first, the way a
 * report reads its findings' fields): walks with some containers made and their siblings not.
 */
function checkPlaces(text: string, label: string, order: 'tree' | 'deepest' = 'tree'): number {
  const lazy = parseJson(text).root;
  assert.ok(lazy instanceof LazyNode, `${label}: takes the fast path`);
  const real = parseTree(text, [], { disallowComments: true })!;
  const nodes = finalNodes(real);
  if (order === 'deepest') nodes.sort((a, b) => b.path.length - a.path.length);
  // the first lookups are targeted scans, the rest come from the full pass
  for (const { path, node, key } of nodes) {
    const l = lazyAt(lazy, path, key);
    assert.ok(l, `${label}: no lazy node at ${JSON.stringify(path)}`);
    assert.deepEqual({ offset: l.offset, length: l.length }, { offset: node.offset, length: node.length }, `${label}: ${key ? 'key' : 'value'} at ${JSON.stringify(path)}`);
  }
  return nodes.length;
}

const HANDMADE: Record<string, string> = {
  'duplicated keys, different shapes': '{"server": {"block_device_mapping_v2": [{"uuid": "a", "uuid": "b", "boot_index": [1, 2], "boot_index": 0}], "name": {"x": 1}, "name": "n"}}',
  'duplicated container keys': '{"a": {"x": 1, "y": [1, {"z": 2}]}, "a": {"y": [3], "w": "q"}}',
  'escaped keys and strings': '{"a\\"b": "c\\\\", "\\u0073ource_type": "vol\\"ume", "k\\\\": ["\\\\", "\\"", ""]}',
  'blanks everywhere': ' \r\n\t{ \n "a" \t : \r [ 1 , -2 , true , false , null , { } , [ ] ] \n , "b":{"c":[[[]]]} } \n',
  'unicode outside the BMP': '{"d": "\ud83d\udca5\u00e9", "\ud83d\udca5": ["\u0301", 7]}',
  'bare list': '[{"source_type": "blank", "destination_type": "local", "volume_size": 1}, {}, [], "x", 0]',
  'scalars at the top': '"just a string"',
  'brackets and escaped quotes inside strings': '{"a": ["]", "[", "\\"]", {"b": "}\\\\"}, "\\\\"], "c": {"d": "{\\"}", "e": [[], {}, "\\\\\\"", [["x]"]]]}, "f": "\\\\", "g": [{"h": "\\"{["}]}',
  // elements skipped whole by one match each (no container inside) next to ones that are not
  'flat containers skipped in one match': '[{"a": "}", "b": "{[]", "c": "\\\\"}, ["]\\"", "\\\\", 1 , true], { }, [ ], {"d": "\\"}\\\\", "e": null}, [{"f": "]"}], {"g": {"h": "}"}}, {"i": "x\\u007d", "j": -1}]',
  'nested empty and deep containers': '[[[[{}]]], {"a": {"b": {"c": [1, [2, [3, {"d": []}]]]}}}, [], {}]',
};

test('lazy tree: every node is placed where jsonc-parser places it (handmade documents)', () => {
  let n = 0;
  for (const [label, text] of Object.entries(HANDMADE)) n += checkPlaces(text, label);
  assert.ok(n > 60, `compared ${n} nodes`);
});

/**
 * propertyPlace reads a property's key, value and whole place from its object's text without
 * making nodes: each must be where jsonc-parser puts the property that holds the final value (the
 * last of a duplicated key), for every property of the handmade documents, the sample workspace
 * and the corpus, the object asked for first or after its neighbours.
 */
test('lazy tree: propertyPlace finds each property\'s key, value and whole where jsonc-parser does', () => {
  const texts: Array<[string, string]> = Object.entries(HANDMADE);
  const ws = join(ROOT, 'samples', 'workspace');
  for (const f of readdirSync(ws).filter((x) => x.endsWith('.json'))) texts.push([f, readFileSync(join(ws, f), 'utf8')]);
  const corpus = join(ROOT, 'test', 'fixtures', 'difftest', 'corpus.json');
  for (const c of (JSON.parse(readFileSync(corpus, 'utf8')) as { cases: Array<{ id: string; payloadText: string }> }).cases) texts.push([c.id, c.payloadText]);
  let n = 0;
  for (const [label, text] of texts) {
    const lazy = parseJson(text).root;
    if (!(lazy instanceof LazyNode)) continue;
    const real = parseTree(text, [], { disallowComments: true })!;
    for (const { path, node, key } of finalNodes(real)) {
      if (!key) continue;
      const p = node.parent!;
      const obj = findAt(lazy, path.slice(0, -1));
      assert.ok(obj instanceof LazyNode, `${label}: ${JSON.stringify(path)}`);
      const at = propertyPlace(obj, path[path.length - 1] as string);
      const v = p.children![1];
      assert.deepEqual(at, { key: node.offset, keyEnd: node.offset + node.length, value: v.offset, end: v.offset + v.length }, `${label}: ${JSON.stringify(path)}`);
      assert.equal(p.offset + p.length, at!.end, `${label}: the whole property at ${JSON.stringify(path)}`);
      n++;
    }
    if (lazy.type === 'object') assert.equal(propertyPlace(lazy, 'not a key of any of them'), undefined);
  }
  assert.ok(n > 2000, `compared ${n} properties`);
});

/**
 * An object with no container inside, in a text with no backslash, is read by the key's own
 * spelling found backwards (flatPropertyAt): the first place asked of each object, for every key
 * of seeded objects with duplicated keys, keys inside other keys (uuid, xuuid, uuid_x), string
 * values spelling a key, colons and commas in strings, blanks anywhere; then the same objects with
 * a backslash somewhere in the text, or a key spelled with an escape, which the whole reading takes.
 */
test('lazy tree: a flat object\'s property is placed from its key\'s spelling as jsonc-parser places it (seeded objects)', () => {
  let seed = 4242;
  const next = () => ((seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(next() * xs.length)]!;
  const KEYS = ['uuid', 'xuuid', 'uuid_x', 'boot_index', 'device_name', 'a', 'é', '💥'];
  const blank = () => pick(['', '', ' ', '\n  ', '\t', ' \r\n ']);
  const value = () => pick([
    () => `"${pick(KEYS)}"`,
    () => `"${pick(KEYS)}: x, ${pick(KEYS)}"`,
    () => String(Math.floor(next() * 2000) - 1000),
    () => pick(['true', 'false', 'null']),
    () => '"{[x]}"',
    () => `"${pick(KEYS)}:"`,
    // not flat: the keys inside are not the object's own
    () => `{"${pick(KEYS)}": 2, "${pick(KEYS)}": [1]}`,
    () => `["${pick(KEYS)}", {"${pick(KEYS)}": 0}]`,
  ])();
  let n = 0;
  let fast = 0;
  for (let round = 0; round < 400; round++) {
    const props = Array.from({ length: 1 + Math.floor(next() * 6) }, () => `${blank()}"${pick(KEYS)}"${blank()}:${blank()}${value()}${blank()}`);
    let text = `[${blank()}{${props.join(',')}}${blank()}, {"uuid": 1}]`;
    // a backslash: an escaped key after the same key spelled plainly, or an escaped quote before a key's spelling
    const escaped = next();
    if (escaped < 0.15) text = text.replace(/"uuid"(?![\s\S]*"uuid")/, '"\\u0075uid"');
    else if (escaped < 0.3) text = text.replace(/}(\s*), \{"uuid": 1\}/, ', "a\\"uuid": 3}$1, {"uuid": 1}');
    const real = parseTree(text, [], { disallowComments: true })!;
    const realObj = real.children![0]!;
    const keys = new Set((realObj.children ?? []).map((p) => p.children![0]!.value as string));
    for (const key of [...keys, 'not a key']) {
      // parsed afresh for each key: the first place asked of an object is the one read this way
      const lazy = parseJson(text).root;
      assert.ok(lazy instanceof LazyNode, text);
      const obj = findAt(lazy, [0]) as LazyNode;
      const at = propertyPlace(obj, key);
      const p = (realObj.children ?? []).filter((q) => q.children![0]!.value === key).pop();
      if (!p) {
        assert.equal(at, undefined, `${text}: ${key}`);
        continue;
      }
      const k = p.children![0]!;
      const v = p.children![1]!;
      assert.deepEqual(at, { key: k.offset, keyEnd: k.offset + k.length, value: v.offset, end: v.offset + v.length }, `${text}: ${key}`);
      n++;
      if (!text.includes('\\')) fast++;
    }
    // the same object asked for every key in turn, backwards (an entry with findings on several keys)
    const lazy = parseJson(text).root!;
    const obj = findAt(lazy, [0]) as LazyNode;
    for (const key of [...keys].reverse()) {
      const p = (realObj.children ?? []).filter((q) => q.children![0]!.value === key).pop()!;
      const k = p.children![0]!;
      const v = p.children![1]!;
      assert.deepEqual(propertyPlace(obj, key), { key: k.offset, keyEnd: k.offset + k.length, value: v.offset, end: v.offset + v.length }, `${text}: ${key} asked after others`);
    }
  }
  assert.ok(n > 800 && fast > 600, `compared ${n} properties, ${fast} in texts with no backslash`);
});

/**
 * A small text with no backslash that spells a key once is searched for it (onlyPropertySpan):
 * the place must be jsonc-parser's; a key spelled twice (a nested object's own key of that name,
 * a string value spelling it), a text with a backslash, a long text or a text asked too often
 * gives no answer (the caller walks).
 */
test('lazy tree: a key the whole small text spells once is placed by searching for it, as jsonc-parser places it', () => {
  let seed = 17;
  const next = () => ((seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(next() * xs.length)]!;
  const KEYS = ['flavorRef', 'name', 'imageRef', 'xname', 'name_x'];
  const scalar = () => pick([() => `"${pick(KEYS)}"`, () => '7', () => 'null', () => '"{[x]}"'])();
  let answered = 0;
  let declined = 0;
  for (let round = 0; round < 300; round++) {
    const props = Array.from({ length: 1 + Math.floor(next() * 4) }, () => `"${pick(KEYS)}": ${next() < 0.3 ? `{"${pick(KEYS)}": ${scalar()}}` : next() < 0.2 ? `[${scalar()}, {"${pick(KEYS)}": 1}]` : scalar()}`);
    let text = `{"server": {${props.join(', ')}}}`;
    if (next() < 0.15) text = text.replace('"server": {', '"server": {"q": "\\\\", ');
    const real = parseTree(text, [], { disallowComments: true })!;
    const server = real.children![0]!.children![1]!;
    for (const key of new Set((server.children ?? []).map((p) => p.children![0]!.value as string))) {
      const lazy = parseJson(text).root!;
      const obj = findAt(lazy, ['server']) as LazyNode;
      const p = (server.children ?? []).filter((q) => q.children![0]!.value === key).pop()!;
      const k = p.children![0]!;
      const v = p.children![1]!;
      const want = { key: { offset: k.offset, length: k.length }, value: { offset: v.offset, length: v.length }, whole: { offset: p.offset, length: p.length }, start: { offset: v.offset, length: 1 } };
      for (const part of ['key', 'value', 'whole', 'start'] as const) {
        const got = onlyPropertySpan(obj, key, part);
        const once = !text.includes('\\') && text.split(`"${key}"`).length === 2;
        if (!once) { assert.equal(got, undefined, `${text}: ${key} is not spelled once`); declined++; continue; }
        assert.deepEqual(got, want[part], `${text}: ${part} of ${key}`);
        answered++;
      }
    }
  }
  assert.ok(answered > 300 && declined > 300, `${answered} answered, ${declined} declined`);
  // a long text is searched too (its entries are not walked for it, parse/lazyTree.ts listKeyPlace); a text searched too often already is walked instead
  const long = `{"server": {"flavorRef": "1", "name": "${'x'.repeat(20_000)}"}}`;
  assert.deepEqual(onlyPropertySpan(findAt(parseJson(long).root!, ['server']) as LazyNode, 'flavorRef', 'key'), { offset: 12, length: 11 });
  const small = '{"server": {"flavorRef": "1", "name": "n"}}';
  const obj = findAt(parseJson(small).root!, ['server']) as LazyNode;
  const asks = Array.from({ length: 10 }, () => onlyPropertySpan(obj, 'flavorRef', 'key'));
  assert.deepEqual(asks.map((a) => a !== undefined), [true, true, true, true, true, true, true, true, false, false]);
});

/**
 * A small body's finding on an entry whose key the text spells once is placed by searching for
 * the key (no walk over the body places the entry first); a key other entries hold too is not
 * searched for, and is placed by the walk. Either way the place is jsonc-parser's.
 */
test('an entry\'s finding in a small body: a key spelled once is searched for, a key other entries hold is walked to', () => {
  const entry = (i: number, bi: string) => `{"source_type": "volume", "destination_type": "volume", "uuid": "a26887c6-c47b-4654-abb5-00000000000${i}", "boot_index": ${bi}}`;
  for (const [entries, searched] of [[[entry(0, '"first"')], true], [[entry(0, '"first"'), entry(1, '1')], false]] as const) {
    const text = JSON.stringify(JSON.parse(`{"server": {"name": "n", "flavorRef": "1", "block_device_mapping_v2": [${entries.join(', ')}]}}`), null, 2);
    const a = analyzeJson(text, defaultContext());
    const d = a.diagnostics.find((x) => x.code === 'BDM-SCHEMA-BOOT-INDEX');
    assert.ok(d, `${text}: a boot_index finding`);
    const real = parseTree(text, [], { disallowComments: true })!;
    const bi = findAt(real, ['server', 'block_device_mapping_v2', 0, 'boot_index'])!;
    assert.deepEqual({ offset: d.span.offset, length: d.span.length }, { offset: bi.offset, length: bi.length });
    const lazyEntry = findAt(a.root!, ['server', 'block_device_mapping_v2', 0]) as LazyNode;
    assert.equal(lazyEntry.isPlaced(), !searched, searched ? 'placed without placing its entry' : 'placed by the walk');
  }
});

test('lazy tree: keysInText lists an object\'s keys as its text does (integer-like keys in place, a duplicated key at its first place)', () => {
  const root = parseJson('{"o": {"b": 1, "2": 2, "a\\u0041": 3, "2": 4, "10": 5}, "p": {"z": 1, "y": 2, "z": 3}}').root as LazyNode;
  assert.deepEqual(keysInText(findAt(root, ['o']) as LazyNode), ['b', '2', 'aA', '10']);
  assert.deepEqual(keysInText(findAt(root, ['p']) as LazyNode), ['z', 'y']);
  assert.deepEqual(keysInText(root), ['o', 'p']);
});

test('lazy tree: the deepest nodes asked for first are placed right too (walks that skip the containers nothing was made in)', () => {
  let n = 0;
  for (const [label, text] of Object.entries(HANDMADE)) n += checkPlaces(text, label, 'deepest');
  const ws = join(ROOT, 'samples', 'workspace');
  for (const f of readdirSync(ws).filter((x) => x.endsWith('.json'))) {
    const text = readFileSync(join(ws, f), 'utf8');
    if (parseJson(text).root instanceof LazyNode) n += checkPlaces(text, f, 'deepest');
  }
  assert.ok(n > 100, `compared ${n} nodes`);
});

test('lazy tree: every node of the sample workspace and the labelled corpus is placed right', () => {
  const texts: Array<[string, string]> = [];
  const ws = join(ROOT, 'samples', 'workspace');
  for (const f of readdirSync(ws).filter((x) => x.endsWith('.json'))) texts.push([f, readFileSync(join(ws, f), 'utf8')]);
  const corpus = join(ROOT, 'test', 'fixtures', 'difftest', 'corpus.json');
  if (existsSync(corpus)) {
    const cases = (JSON.parse(readFileSync(corpus, 'utf8')) as { cases: Array<{ id: string; payloadText: string }> }).cases;
    for (const c of cases.slice(0, 150)) texts.push([c.id, c.payloadText]);
  }
  let n = 0;
  let fast = 0;
  for (const [label, text] of texts) {
    let plain = true;
    try {
      JSON.parse(text);
    } catch {
      plain = false;
    }
    if (!plain || !(parseJson(text).root instanceof LazyNode)) continue; // floats or comments: jsonc-parser's own tree
    fast++;
    n += checkPlaces(text, label);
  }
  assert.ok(fast >= 100, `${fast} documents took the fast path`);
  assert.ok(n > 3000, `compared ${n} nodes`);
});

test('float literals are always found: such bodies keep the lazy tree, marked, and 10.0 stays a Python float', () => {
  const bodies = [
    '{"volume_size": 10.0}',
    '{"a": [1e3]}',
    '{"a": -2E-1}',
    '[0.5]',
    '{"x": "a: 1.5", "y": 1.0}',
    '{"x":\n\t 3.0}',
    '1.0',
    '2e5',
    ' -3.5',
    '[\n -0.5]',
    '{"e1": "9e9", "n": 7E1}',
  ];
  for (const b of bodies) {
    const root = parseJson(b).root!;
    assert.ok(root instanceof LazyNode && root.mayHoldFloats, `${b}: the lazy tree, marked as holding floats`);
  }
  // strings that merely look like numbers are not floats
  for (const b of ['{"x": "a:1.5"}', '{"uuid": "70a599e0-31e7-49b7-b260-868f441e862b", "e": 1}', '{"x": "[2e5"}']) {
    const root = parseJson(b).root!;
    assert.ok(root instanceof LazyNode && !root.mayHoldFloats, `${b}: no float`);
  }
  const text = '{"server": {"name": "f", "flavorRef": "1", "block_device_mapping_v2": [{"source_type": "blank", "destination_type": "volume", "volume_size": 10.0, "boot_index": 0}]}}';
  const node = findAt(parseJson(text).root, ['server', 'block_device_mapping_v2', 0, 'volume_size']);
  assert.equal(text.slice(node!.offset, node!.offset + node!.length), '10.0');
  const a = analyzeJson(text, defaultContext());
  assert.equal(a.verdict?.code, 'BDM-DICT-VOLUME-SIZE');
  assert.match(a.diagnostics.find((d) => d.code === 'BDM-DICT-VOLUME-SIZE')!.message, /10\.0 as a float/);
});

/** a body's verdict, every diagnostic's words and places, and Nova's BDMs, as one string (lazy and exact trees compared) */
function judgedAs(text: string, allowComments: boolean, microversion: string): string {
  const a = analyzeJson(text, { ...defaultContext(), microversion }, { allowComments });
  return JSON.stringify({ valid: a.valid, d: a.diagnostics.map((d) => [d.code, d.severity, d.message, d.path, d.entry, d.span.offset, d.span.length, d.related.map((r) => [r.message, r.span.offset, r.span.length])]), bdms: a.novaBdms });
}

/**
 * A body with float literals keeps the lazy tree: what Nova is said to do with it must be what the
 * exact tree (jsonc-parser's, taken when JSON.parse refuses the text: here a trailing comment)
 * says, place for place and word for word. Random bodies, fixed seed.
 */
test('bodies with float literals: the lazy tree judges as the exact tree does (random bodies, fixed seed)', () => {
  let seed = 11;
  const rnd = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
  const pick = <T>(xs: T[]): T => xs[Math.floor(rnd() * xs.length)];
  const NUMS = ['10', '10.0', '1.5', '1e1', '1E1', '-0', '0.0', '-1', '-1.0', '1e-3', '12345678901234567890', '2.5e2', '0', '1', '3', '"10"', '"1.5"', 'null', 'true', '9007199254740993', '1.0e0'];
  const U = () => pick(['70a599e0-31e7-49b7-b260-868f441e862b', 'a26887c6-c47b-4654-abb5-000000000001', 'bad']);
  const entry = () => {
    const e = [`"source_type": "${pick(['image', 'volume', 'snapshot', 'blank'])}"`, `"destination_type": "${pick(['volume', 'local'])}"`, `"uuid": "${U()}"`];
    if (rnd() < 0.7) e.push(`"volume_size": ${pick(NUMS)}`);
    if (rnd() < 0.7) e.push(`"boot_index": ${pick(NUMS)}`);
    if (rnd() < 0.2) e.push(`"delete_on_termination": ${pick(['true', '1', '1.0'])}`);
    if (rnd() < 0.1) e.push(`"volume_size": ${pick(NUMS)}`); // a duplicated key: the last one counts
    return `{${e.join(pick([', ', ',\n      ']))}}`;
  };
  const body = () => {
    const parts = ['"name": "x"', `"flavorRef": ${pick(['"1"', '1', '1.0'])}`];
    if (rnd() < 0.3) parts.push(`"min_count": ${pick(NUMS)}`);
    if (rnd() < 0.3) parts.push(`"metadata": {"a": ${pick(NUMS)}, "1": "x"}`);
    if (rnd() < 0.15) parts.push(`"block_device_mapping": [{"device_name": "vdb", "volume_id": "${U()}", "volume_size": ${pick(NUMS)}, "delete_on_termination": ${pick(NUMS)}}]`);
    else parts.push(`"block_device_mapping_v2": [\n    ${Array.from({ length: 1 + Math.floor(rnd() * 4) }, entry).join(',\n    ')}\n  ]`);
    return rnd() < 0.05
      ? `{"volumeAttachment": {"volumeId": "${U()}", "device": ${pick(['null', '"/dev/vdb"', '1.5'])}, "delete_on_termination": ${pick(NUMS)}}}`
      : `{"server": {\n  ${parts.join(',\n  ')}\n}}`;
  };
  let floats = 0;
  let floatWords = 0;
  for (let k = 0; k < 400; k++) {
    const text = body();
    const root = parseJson(text).root;
    assert.ok(root instanceof LazyNode, text);
    if (root.mayHoldFloats) floats++;
    const exactTree = parseJson(`${text}\n// exact`, { allowComments: true }).root;
    assert.ok(exactTree && !(exactTree instanceof LazyNode));
    for (const mv of ['2.1', '2.67']) {
      const lazy = judgedAs(text, false, mv);
      assert.equal(lazy, judgedAs(`${text}\n// exact`, true, mv), text);
      if (/\d\.\d|\de\d|float/i.test(lazy)) floatWords++;
    }
  }
  assert.ok(floats > 250, `${floats} bodies with float literals`);
  assert.ok(floatWords > 100, `${floatWords} verdicts that quote a float's spelling`);
});

/**
 * Bodies with no float literal, judged on the lazy tree (its key searches: flat entries read by a
 * key's spelling, a small text searched for a key spelled once; Nova's words quoting an entry from
 * JSON.parse's value) and on jsonc-parser's exact tree: the same verdicts, words and places, for
 * unexpected keys, later microversions' keys, integer-like keys, nulls, duplicated keys, string
 * values spelling keys, brackets in strings, nested values and backslashes.
 */
test('bodies without floats: the lazy tree judges, words and places as the exact tree does (random bodies, fixed seed)', () => {
  let seed = 23;
  const rnd = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
  const pick = <T>(xs: T[]): T => xs[Math.floor(rnd() * xs.length)];
  const U = () => pick(['70a599e0-31e7-49b7-b260-868f441e862b', 'a26887c6-c47b-4654-abb5-000000000001', 'bad']);
  const STR = () => pick(['"volume"', '"uuid"', '"device_name"', '"{[x]}"', '"a\\"b"', '"c:\\\\d"', '"tag"', '"é💥"', '"boot_index"']);
  const VAL = () => pick([STR(), 'null', 'true', '-1', '0', '3', '12345678901234567890', '[1, "x"]', '{"uuid": 1}', '"1"']);
  const entry = () => {
    const e = [`"source_type": ${pick(['"image"', '"volume"', '"blank"', 'null'])}`, `"destination_type": ${pick(['"volume"', '"local"', 'null'])}`, `"uuid": "${U()}"`];
    if (rnd() < 0.5) e.push(`"device_name": ${pick(['"/dev/vdb"', '"vdc"', '"sda"', 'null', '"/dev/xvdz"'])}`);
    if (rnd() < 0.5) e.push(`"boot_index": ${pick(['0', '-1', '1', 'null', '"first"', '"0"'])}`);
    if (rnd() < 0.4) e.push(`"volume_size": ${pick(['1', '10', '0', 'null', '"5"'])}`);
    if (rnd() < 0.25) e.push(`${pick(['"bootindex"', '"tag"', '"10"', '"volume_type"', '"x y"', '"uuid_x"'])}: ${VAL()}`);
    if (rnd() < 0.15) e.push(`"uuid": "${U()}"`); // a duplicated key: the last one counts
    if (rnd() < 0.1) e.push(`"device\\u005fname": ${pick(['"/dev/vdd"', 'null'])}`); // an escaped key
    return `{${e.join(pick([', ', ',\n      ', ',']))}}`;
  };
  const body = () => {
    const parts = [`"name": ${pick(['"x"', '"flavorRef"', '"a\\\\b"', '"[{"'])}`, `"flavorRef": ${pick(['"1"', '1', 'null'])}`];
    if (rnd() < 0.3) parts.push(`"imageRef": "${U()}"`);
    if (rnd() < 0.2) parts.push(`"metadata": {"a": ${VAL()}, "1": "x"}`);
    if (rnd() < 0.1) parts.push(`"flavorRef": ${pick(['"2"', '2'])}`);
    if (rnd() < 0.15) parts.push(`"block_device_mapping": [{"device_name": "vdb", "volume_id": "${U()}", "delete_on_termination": ${pick(['"1"', 'true', '0'])}}]`);
    else parts.push(`"block_device_mapping_v2": [\n    ${Array.from({ length: 1 + Math.floor(rnd() * 5) }, entry).join(',\n    ')}\n  ]`);
    return `{"server": {\n  ${parts.join(',\n  ')}\n}}`;
  };
  let plain = 0;
  let quoted = 0;
  for (let k = 0; k < 500; k++) {
    const text = body();
    const root = parseJson(text).root;
    assert.ok(root instanceof LazyNode && !root.mayHoldFloats, text);
    if (!text.includes('\\')) plain++;
    for (const mv of ['2.1', '2.42']) {
      const lazy = judgedAs(text, false, mv);
      assert.equal(lazy, judgedAs(`${text}\n// exact`, true, mv), text);
      if (lazy.includes('Value: {')) quoted++;
    }
  }
  assert.ok(plain > 150 && quoted > 100, `${plain} texts without a backslash, ${quoted} verdicts quoting an entry`);
});

test('a property whose key and value nodes are not made yet is placed by a partial walk (a hover before the diagnostics put the flavor note at 1:1)', () => {
  const text = JSON.stringify({ server: { name: 'h', flavorRef: '1', block_device_mapping_v2: [{ source_type: 'blank', destination_type: 'local', volume_size: 1 }] } }, null, 2);
  const root = parseJson(text).root as LazyNode;
  const server = (root.children![0] as LazyNode).children![1] as LazyNode;
  // the server object is placed before its properties exist (as a first hover does)...
  assert.equal(server.offset, text.indexOf('{', 1));
  // ...then its properties are made and asked for, their own children never made
  const props = server.children as LazyNode[];
  const ref = parseTree(text, [], { disallowComments: true })!;
  props.forEach((p, i) => {
    const want = (ref.children![0].children![1].children![i]);
    assert.deepEqual([p.offset, p.length], [want.offset, want.length], `property ${String(p.seg)}`);
  });
  // and the key of one made afterwards is where jsonc-parser puts it
  const key = props[1].children![0];
  assert.equal(text.slice(key.offset, key.offset + key.length), '"flavorRef"');
});

test('a lazy tree is marked as holding floats exactly when a number token has a fraction or an exponent (random bodies, fixed seed)', () => {
  let seed = 7;
  const rnd = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
  const pick = <T>(xs: T[]): T => xs[Math.floor(rnd() * xs.length)];
  // numbers (some floats, spelled as Python and JSON.parse read them) and strings full of digits before 'e' and '.'
  const leaf = (): string => pick([
    () => String(Math.floor(rnd() * 1000) - 500),
    () => pick(['1.5', '-0.25', '10.0', '1e3', '2E-2', '-7e+1', '0.0']),
    () => JSON.stringify(pick(['9e9', 'a1.5', '70a599e0-31e7-49b7', ': 1.0', '[2e5', ', 3E1', 'x', '1', '-1.'])),
    () => pick(['true', 'null', 'false']),
  ])();
  const value = (depth: number): string => {
    if (depth > 3 || rnd() < 0.35) return leaf();
    const ws = pick(['', ' ', '\n  ', '\t']);
    if (rnd() < 0.5) return `[${ws}${Array.from({ length: Math.floor(rnd() * 4) }, () => value(depth + 1)).join(`,${ws}`)}]`;
    return `{${ws}${Array.from({ length: Math.floor(rnd() * 4) }, (_, i) => `"k${i}e1":${ws}${value(depth + 1)}`).join(`,${ws}`)}}`;
  };
  let lazy = 0;
  let exact = 0;
  for (let k = 0; k < 3000; k++) {
    const text = value(0);
    const scanner = createScanner(text, true);
    let float = false;
    for (let t = scanner.scan(); t !== SyntaxKind.EOF; t = scanner.scan()) {
      if (t === SyntaxKind.NumericLiteral && /[.eE]/.test(scanner.getTokenValue())) float = true;
    }
    const root = parseJson(text).root;
    assert.ok(root instanceof LazyNode, text);
    assert.equal(root.mayHoldFloats, float, text);
    if (float) exact++;
    else lazy++;
  }
  assert.ok(lazy > 300 && exact > 300, `both kinds met (${lazy} without floats, ${exact} with)`);
});

/**
 * Every finding's place on the lazy tree (read from an entry's own text when no node was made
 * inside it: JsonEntry.valuePlace) must be the exact tree's (jsonc-parser's, taken when JSON.parse
 * refuses the text: here a trailing comment), for the labelled corpus, the sample workspace and
 * bodies whose entries write the reported field twice, escaped, or not at all; read in the
 * findings' order, and after preparing them all as the language server does.
 */
test('every finding is placed on the lazy tree where the exact tree places it (corpus, workspace, handmade entries)', () => {
  const texts: string[] = [];
  const ws = join(ROOT, 'samples', 'workspace');
  for (const f of readdirSync(ws).filter((x) => x.endsWith('.json'))) texts.push(readFileSync(join(ws, f), 'utf8'));
  const corpus = join(ROOT, 'test', 'fixtures', 'difftest', 'corpus.json');
  for (const c of (JSON.parse(readFileSync(corpus, 'utf8')) as { cases: Array<{ payloadText: string }> }).cases) texts.push(c.payloadText);
  const U = '70a599e0-31e7-49b7-b260-868f441e862b';
  const vol = (extra: string) => `{"source_type": "volume", "destination_type": "volume", "uuid": "${U}", ${extra}}`;
  texts.push(`{"server": {"name": "x", "flavorRef": "1", "block_device_mapping_v2": [
    {"source_type": "image", "destination_type": "local", "uuid": "${U}", "boot_index": 0},
    ${vol('"device_name": "/dev/vdq", "device_name": "/dev/vdr"')},
    ${vol('"device_\\u006eame": "vdz", "boot_index": 1')},
    ${vol('"device_name": "/dev/sdb", "disk_bus": "ide", "device_type": "lun"')},
    ${vol('"device_type": "fs", "boot_index": "x", "volume_size": 1.5')},
    ${vol('"constructor": 1, "device_name": "xvdc"')}
  ]}}`);
  const placed = (text: string, allowComments: boolean, prepare: boolean) => {
    const a = analyzeJson(text, defaultContext(), { allowComments });
    if (prepare) prepareSpans(a.diagnostics.map((d) => d.span));
    return a.diagnostics.map((d) => `${d.code} ${d.path} ${d.span.offset}+${d.span.length}`);
  };
  let n = 0;
  for (const text of texts) {
    if (!(parseJson(text).root instanceof LazyNode)) continue;
    for (const prepare of [false, true]) {
      const lazy = placed(text, false, prepare);
      assert.deepEqual(lazy, placed(`${text}\n// exact`, true, prepare), text.slice(0, 200));
      n += lazy.length;
    }
  }
  assert.ok(n > 1000, `compared ${n} places`);
});
