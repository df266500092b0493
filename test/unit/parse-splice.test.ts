/**
 * A new version parsed from the previous one (parse/splice.ts) is exactly the fresh parse: the
 * same value (keys in the same order) and the same analysis, on random bodies and random edits
 * inside string values (fixed seed); anything else is left to the fresh parse.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseTree, type Node } from 'jsonc-parser';
import { rng } from '../../scripts/prng.mjs';
import { parseJson } from '../../server/src/parse/json';
import { spliceParse, editedString, PLACES_FROM_BEFORE_MIN_CHARS, type SingleEdit } from '../../server/src/parse/splice';
import { LazyNode } from '../../server/src/parse/lazyTree';
import { analyzeJson, type Analysis } from '../../server/src/analyze';
import { defaultContext } from '../../server/src/model/context';

const UUIDS = ['70a599e0-31e7-49b7-b260-868f441e862b', 'a26887c6-c47b-4654-abb5-000000000001', 'not-a-uuid', ''];

/** A body with string values of every kind an operator types, some duplicated keys, floats and `__proto__` keys. */
function body(next: () => number): string {
  const pick = <T>(a: readonly T[]): T => a[Math.floor(next() * a.length)]!;
  const entries: string[] = [];
  const n = 1 + Math.floor(next() * 6);
  for (let i = 0; i < n; i++) {
    const f: string[] = [];
    f.push(`"source_type": "${pick(['volume', 'image', 'blank', 'snapshot', 'bogus'])}"`);
    f.push(`"destination_type": "${pick(['volume', 'local', 'x'])}"`);
    if (next() < 0.8) f.push(`"uuid": "${pick(UUIDS)}"`);
    if (next() < 0.5) f.push(`"boot_index": ${pick(['0', '-1', '"0"', '"first"', '1', 'null'])}`);
    if (next() < 0.5) f.push(`"device_name": "${pick(['vda', '/dev/vdb', 'sdc', 'hdz', 'dev/xvda'])}"`);
    if (next() < 0.3) f.push(`"volume_size": ${pick(['1', '10', '1.5', '"3"', '2e1'])}`);
    if (next() < 0.2) f.push(`"disk_bus": "${pick(['virtio', 'scsi', 'ide', 'usb', 'lxc'])}"`);
    if (next() < 0.1) f.push(`"device_name": "dup${i}"`);
    if (next() < 0.05) f.push(`"__proto__": "p${i}"`);
    if (next() < 0.1) f.push(`"tag": "t\\u00e9${i}"`);
    entries.push(`{${f.join(', ')}}`);
  }
  const server: string[] = [`"name": "${pick(['vm', 'web-1', 'é', 'a b'])}"`, `"flavorRef": "${pick(['1', 'm1.small', ''])}"`];
  if (next() < 0.7) server.push(`"imageRef": "${pick(UUIDS)}"`);
  if (next() < 0.3) server.push(`"metadata": {"k": "v", "role": "${pick(['db', 'x'])}"}`);
  if (next() < 0.2) server.push(`"availability_zone": "${pick(['nova', 'a:b', 'a:b:c:d'])}"`);
  if (next() < 0.1) server.push('"name": "second"');
  server.push(`"block_device_mapping_v2": [${entries.join(',\n    ')}]`);
  return `{"server": {\n  ${server.join(',\n  ')}\n}}\n`;
}

/** every string value (not a key) of the text, as jsonc-parser places it */
function stringValues(text: string): Node[] {
  const out: Node[] = [];
  const walk = (n: Node | undefined) => {
    if (!n) return;
    if (n.type === 'string' && !(n.parent?.type === 'property' && n.parent.children?.[0] === n)) out.push(n);
    for (const c of n.children ?? []) walk(c);
  };
  walk(parseTree(text));
  return out;
}

/** a property value whose key the same object writes again after it (JSON.parse keeps the last) */
function shadowed(s: Node): boolean {
  const prop = s.parent;
  if (prop?.type !== 'property' || prop.parent?.type !== 'object') return false;
  const key = prop.children![0]!.value;
  const siblings = prop.parent.children!;
  return siblings.slice(siblings.indexOf(prop) + 1).some((p) => p.children![0]!.value === key);
}

const apply = (text: string, e: SingleEdit) => text.slice(0, e.offset) + e.text + text.slice(e.offset + e.oldLength);

/** what an analysis says, every place read */
function said(a: Analysis): string {
  return JSON.stringify({
    kind: a.kind, valid: a.valid, verdict: a.verdict, imageRef: a.imageRef, novaBdms: a.novaBdms,
    entries: a.entries.map((e) => ({ index: e.index, span: e.span, bdm: e.bdm, driverClass: e.driverClass })),
    diagnostics: a.diagnostics.map((d) => ({ code: d.code, message: d.message, path: d.path, entry: d.entry, span: { offset: d.span.offset, length: d.span.length }, related: d.related.map((r) => ({ m: r.message, o: r.span.offset, l: r.span.length })) })),
  });
}

test('an edit inside a plain string value: the spliced parse is the fresh one, value and analysis (random bodies and edits, fixed seed)', () => {
  const next = rng(4711);
  const ctx = defaultContext();
  let spliced = 0, refused = 0;
  for (let round = 0; round < 400; round++) {
    let text = body(next);
    let prev = parseJson(text);
    // a few edits in a row, each from the previous version's parse
    for (let step = 0; step < 4; step++) {
      const strings = stringValues(text);
      const s = strings[Math.floor(next() * strings.length)]!;
      const inner = s.offset + 1 + Math.floor(next() * (s.length - 1));
      const oldLength = Math.floor(next() * Math.min(3, s.offset + s.length - 1 - inner + 1));
      const insert = ['', 'x', '1', 'é', ' ', '2.5', ':', '/dev/', 'vdb', '\u{1F600}'][Math.floor(next() * 10)]!;
      const edit = { offset: inner, oldLength, text: insert };
      const after = apply(text, edit);
      const base = { text, root: prev.root, edit };
      const got = spliceParse(after, base);
      const fresh = parseJson(after);
      // a backslash in the string (an escape), a value JSON.parse does not keep (a key written
      // again later in its object), or a text JSON.parse refused (an earlier edit broke an escape)
      // leaves it to the fresh parse
      if (!got) {
        refused++;
        assert.ok(text.slice(s.offset, s.offset + s.length).includes('\\') || shadowed(s) || !(prev.root instanceof LazyNode), `${JSON.stringify(edit)} in ${text}: refused an edit in a plain string: ${JSON.stringify(text.slice(s.offset, s.offset + s.length))}`);
        prev = fresh;
        text = after;
        continue;
      }
      spliced++;
      assert.ok(fresh.root instanceof LazyNode && got.root instanceof LazyNode);
      assert.equal(JSON.stringify(got.root.raw), JSON.stringify(fresh.root.raw), 'the value, keys in order');
      assert.deepEqual(Object.keys(got.root.raw as object), Object.keys(fresh.root.raw as object));
      assert.equal(got.root.mayHoldFloats, fresh.root.mayHoldFloats);
      assert.equal(said(analyzeJson(after, ctx, { base: { text, root: prev.root, edit } })), said(analyzeJson(after, ctx)), `analysis after ${JSON.stringify(edit)} in\n${text}`);
      prev = got;
      text = after;
    }
  }
  assert.ok(spliced > 1000 && refused > 0, `spliced ${spliced}, refused ${refused}`);
});

test('what a spliced parse refuses: an edit in a key, with a quote, a backslash or a control character, across tokens, a string with an escape, a text that does not parse plainly, a stale base', () => {
  const text = '{"server": {"name": "vm", "flavorRef": "1", "tag": "a\\\\b", "block_device_mapping_v2": [{"uuid": "u"}]}}';
  const root = parseJson(text).root;
  const at = (s: string) => text.indexOf(s);
  const tryEdit = (edit: SingleEdit, base = text, r: Node | undefined = root) => spliceParse(apply(base, edit), { text: base, root: r, edit });
  assert.ok(tryEdit({ offset: at('"vm"') + 1, oldLength: 1, text: 'w' }), 'inside a plain value: spliced');
  assert.equal(tryEdit({ offset: at('flavorRef') + 2, oldLength: 0, text: 'x' }), null, 'in a key');
  assert.equal(tryEdit({ offset: at('"vm"') + 1, oldLength: 0, text: '"' }), null, 'a quote');
  assert.equal(tryEdit({ offset: at('"vm"') + 1, oldLength: 0, text: '\\' }), null, 'a backslash');
  assert.equal(tryEdit({ offset: at('"vm"') + 1, oldLength: 0, text: '\n' }), null, 'a control character');
  assert.equal(tryEdit({ offset: at('"vm"') + 2, oldLength: 4, text: '' }), null, 'across the closing quote');
  assert.equal(tryEdit({ offset: at('a\\\\b') + 1, oldLength: 0, text: 'x' }), null, 'a string with an escape');
  assert.equal(tryEdit({ offset: at('[{') + 1, oldLength: 0, text: ' ' }), null, 'outside a string');
  const jsonc = '{"server": {"name": "vm"} // a comment\n}';
  assert.equal(tryEdit({ offset: jsonc.indexOf('"vm"') + 1, oldLength: 0, text: 'x' }, jsonc, parseJson(jsonc, { allowComments: true }).root), null, 'not JSON.parse\'s body');
  // a text that is not the base with the edit (of another length) is parsed afresh
  const edit = { offset: at('"vm"') + 1, oldLength: 1, text: 'w' };
  assert.equal(spliceParse(apply(text, edit) + ' ', { text, root, edit }), null, 'a stale base');
  assert.equal(editedString(root, text, { offset: at('"u"') + 1, oldLength: 0, text: 'v' })?.value, 'u');
});

test('a key `__proto__` stays a key, and a duplicated key is edited where Nova reads it (the last one), not in the one it ignores', () => {
  const text = '{"server": {"name": "a", "__proto__": "p", "name": "b", "block_device_mapping_v2": []}}';
  const root = parseJson(text).root;
  const proto = { offset: text.indexOf('"p"') + 1, oldLength: 1, text: 'q' };
  const got = spliceParse(apply(text, proto), { text, root, edit: proto });
  assert.ok(got);
  const server = (got.root.raw as { server: Record<string, unknown> }).server;
  assert.equal(Object.getPrototypeOf(server), Object.prototype);
  assert.ok(Object.prototype.hasOwnProperty.call(server, '__proto__'));
  assert.equal(JSON.stringify(got.root.raw), JSON.stringify(JSON.parse(apply(text, proto))));
  // the first "name" is not what JSON.parse (or Nova) reads: an edit there is parsed afresh
  const first = { offset: text.indexOf('"a"') + 1, oldLength: 0, text: 'x' };
  assert.equal(spliceParse(apply(text, first), { text, root, edit: first }), null);
  const last = { offset: text.indexOf('"b"') + 1, oldLength: 0, text: 'x' };
  assert.equal((spliceParse(apply(text, last), { text, root, edit: last })?.root.raw as { server: { name: string } }).server.name, 'xb');
});

/** every node of a lazy tree (made as it goes), in document order, with the matching node of a tree of the same shape */
function pairs(a: Node, b: Node, out: Array<[Node, Node]> = []): Array<[Node, Node]> {
  out.push([a, b]);
  const ka = a.children ?? [];
  const kb = b.children ?? [];
  assert.equal(ka.length, kb.length, 'the same shape');
  for (let i = 0; i < ka.length; i++) pairs(ka[i]!, kb[i]!, out);
  return out;
}

test('a spliced tree reads its places from the previous version\'s, shifted: every node where a fresh parse places it (chains of edits, random nodes placed before each, fixed seed)', () => {
  const next = rng(815);
  let inherited = 0;
  let checked = 0;
  for (let round = 0; round < 300; round++) {
    let text = body(next);
    let tree = parseJson(text).root;
    for (let step = 0; step < 6; step++) {
      const strings = stringValues(text);
      const s = strings[Math.floor(next() * strings.length)]!;
      const inner = s.offset + 1 + Math.floor(next() * (s.length - 1));
      const oldLength = Math.floor(next() * Math.min(3, s.offset + s.length - 1 - inner + 1));
      const edit = { offset: inner, oldLength, text: ['', 'x', 'é', '/dev/vdb', '\u{1F600}', 'abcdefghij'][Math.floor(next() * 6)]! };
      const after = apply(text, edit);
      const got = spliceParse(after, { text, root: tree, edit }, 0);
      const fresh = parseJson(after).root!;
      if (!got) { tree = fresh; text = after; continue; }
      // the previous tree's places, read before this edit: the nodes placed there
      const placedBefore = tree instanceof LazyNode ? new Set(pairs(tree, tree).filter(([n]) => (n as LazyNode).isPlaced()).map(([n]) => path(n))) : new Set<string>();
      // some nodes read in a random order (the rest stay unplaced for the next edit), all on the last step
      const all = pairs(got.root, fresh);
      for (let i = all.length - 1; i > 0; i--) { const j = Math.floor(next() * (i + 1)); [all[i], all[j]] = [all[j]!, all[i]!]; }
      const read = step === 5 ? all : all.filter(() => next() < 0.4);
      for (const [g, f] of read) {
        if (placedBefore.has(path(g)) && !(g as LazyNode).isPlaced()) inherited++;
        assert.deepEqual([g.type, g.offset, g.length], [f.type, f.offset, f.length], `${path(g)} after ${JSON.stringify(edit)} in\n${text}`);
        checked++;
      }
      tree = got.root;
      text = after;
    }
  }
  assert.ok(inherited > 1000 && checked > 10000, `places read from the previous version ${inherited}, nodes checked ${checked}`);
});

/** a node's path from the root, each step with its kind (a property's key and value apart) */
function path(n: Node): string {
  const out: string[] = [];
  for (let x: Node | undefined = n; x?.parent; x = x.parent) out.push(`${x.type}:${(x as LazyNode).seg}${(x as LazyNode).isKey ? 'k' : ''}`);
  return out.reverse().join('/');
}

test('a small text is not placed from the previous version (below PLACES_FROM_BEFORE_MIN_CHARS), a large one is', () => {
  const body = (n: number) => JSON.stringify({ server: { name: 'vm', flavorRef: '1', block_device_mapping_v2: Array.from({ length: n }, (_, i) => ({ source_type: 'volume', destination_type: 'volume', uuid: `a26887c6-c47b-4654-abb5-${String(i).padStart(12, '0')}`, boot_index: -1 })) } });
  for (const [n, inherits] of [[10, false], [Math.ceil(PLACES_FROM_BEFORE_MIN_CHARS / 90), true]] as const) {
    const text = body(n);
    const prev = parseJson(text).root as LazyNode;
    // the previous version placed: its root, read
    assert.ok(prev.offset === 0 && prev.isPlaced());
    const edit = { offset: text.indexOf('"vm"') + 1, oldLength: 2, text: 'web' };
    const got = spliceParse(apply(text, edit), { text, root: prev, edit })!;
    assert.ok(text.length >= PLACES_FROM_BEFORE_MIN_CHARS === inherits, `${text.length} characters`);
    // a place read from the previous tree places the node without a walk: the root's first child
    // (made here, never made there) stays unplaced; a walk of the text places it too
    const kid = got.root.children![0] as LazyNode;
    assert.equal(got.root.offset, 0);
    assert.equal(kid.isPlaced(), !inherits, inherits ? 'placed from the previous version: no walk' : 'walked');
  }
});
