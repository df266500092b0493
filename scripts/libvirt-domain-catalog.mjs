// Derives libvirt's domain schema (its RelaxNG files, domain.rng and what it includes) into the
// compact table that libvirt XML completion and hover read (server/src/libvirtxml/domainSchema.json,
// loaded on first use through dist/lazy/libvirt-domain-schema.cjs, see lazyDomainSchema below).
// The table holds names and value lists only: no text or comment of the schemas.
//
//   node scripts/libvirt-domain-catalog.mjs [schema dir]      rewrite the table
//   node scripts/libvirt-domain-catalog.mjs --check [dir]     exit 1 when the table is stale
//
// The schema dir defaults to $BDM_LAB_LIBVIRT_SCHEMAS, else /usr/share/libvirt/schemas.
//
// How: the .rng files are read with fast-xml-parser; <include>s are followed (their own <define>s
// replace the included ones), <define combine="choice|interleave"> are combined. Every RNG
// <element> pattern is summarized: the attributes, child element patterns and text its content
// allows, through <ref>, <choice>, <group>, <interleave>, <optional>, <zeroOrMore>, <oneOrMore>,
// <mixed>, <list>; <value>s are enumerated values, <data>/<text> free form; <anyName> (with or
// without <except>) makes the element open; a pattern that is <notAllowed> (libvirt's private
// data scaffolding) is left out. Then, from <domain>, the element patterns that may match one
// name under one parent are merged into one table entry (a subset construction: an entry is a
// set of RNG element patterns), so <source> under <interface> and <source> under <disk> are
// entries of their own; last, entries that are equal (same names, values and equal children)
// are merged, so the table stays small.
import { XMLParser } from 'fast-xml-parser';
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
export const DEFAULT_SCHEMAS = process.env.BDM_LAB_LIBVIRT_SCHEMAS || '/usr/share/libvirt/schemas';
export const TABLE_FILE = join(ROOT, 'server', 'src', 'libvirtxml', 'domainSchema.json');
/** the lazy chunk the table becomes in dist/lazy/ */
export const TABLE_CHUNK = 'libvirt-domain-schema.cjs';
/**
 * The chunk's entry, as esbuild's `stdin`: a CommonJS module whose exports are the table (a JSON
 * file as the entry itself would come out as an ES module's namespace, which a require does not see).
 */
export const TABLE_ENTRY = { contents: `module.exports = require(${JSON.stringify('./' + TABLE_FILE.split(/[\\/]/).pop())});`, resolveDir: dirname(TABLE_FILE), sourcefile: 'domainSchema.cjs', loader: 'js' };

// ---------------------------------------------------------------- reading the .rng files

/** @typedef {{ tag: string, attrs: Record<string, string>, kids: Rng[], text: string, ns: string, file: string }} Rng */

const parser = new XMLParser({
  preserveOrder: true,
  ignoreAttributes: false,
  attributeNamePrefix: '',
  parseTagValue: false,
  parseAttributeValue: false,
  trimValues: true,
  ignoreDeclaration: true,
  ignorePiTags: true,
});

/** One parsed file as a tree of {tag, attrs, kids, text}; `ns` is RELAX NG's inherited ns attribute. */
function readRng(path) {
  const doc = parser.parse(readFileSync(path, 'utf8'));
  const convert = (item, ns) => {
    const tag = Object.keys(item).find((k) => k !== ':@');
    if (tag === '#text') return null;
    const attrs = item[':@'] ?? {};
    const own = attrs.ns ?? ns;
    const node = { tag: tag.replace(/^[\w-]+:/, (p) => (p === 'rng:' ? '' : p)), attrs, kids: [], text: '', ns: own, file: path };
    for (const k of item[tag]) {
      if ('#text' in k) node.text += String(k['#text']);
      else {
        const c = convert(k, own);
        if (c) node.kids.push(c);
      }
    }
    return node;
  };
  const top = doc.map((i) => convert(i, '')).filter(Boolean);
  const grammar = top.find((n) => n.tag === 'grammar');
  if (!grammar) throw new Error(`${path}: no <grammar>`);
  return grammar;
}

const group = (kids, like) => (kids.length === 1 ? kids[0] : { tag: 'group', attrs: {}, kids, text: '', ns: like?.ns ?? '', file: like?.file ?? '' });

/**
 * The grammar rooted at `file`: its defines (includes resolved, combines applied) and its start.
 * `files` collects every file read, for the fingerprint.
 */
function loadGrammar(dir, file, files = new Set()) {
  const defines = new Map();
  let start = null;
  const add = (map, d) => {
    const name = d.attrs.name;
    const body = group(d.kids, d);
    const had = map.get(name);
    const combine = d.attrs.combine;
    if (had && combine) map.set(name, { tag: combine === 'interleave' ? 'interleave' : 'choice', attrs: {}, kids: [had, body], text: '', ns: '', file: d.file });
    else if (had && had.combineOf && !combine) map.set(name, { tag: had.tag, attrs: {}, kids: [...had.kids, body], text: '', ns: '', file: d.file });
    else map.set(name, combine ? Object.assign(body.tag === 'choice' ? body : { tag: combine === 'interleave' ? 'interleave' : 'choice', attrs: {}, kids: [body], text: '', ns: '', file: d.file }, { combineOf: true }) : body);
  };
  const walk = (g) => {
    for (const k of g.kids) {
      if (k.tag === 'define') add(defines, k);
      else if (k.tag === 'start') start = group(k.kids, k);
      else if (k.tag === 'div') walk(k);
      else if (k.tag === 'include') {
        const inc = loadGrammar(dir, k.attrs.href, files);
        // the include's own defines and start replace the included ones
        const own = new Map();
        for (const d of k.kids) if (d.tag === 'define') add(own, d);
        for (const [n, body] of inc.defines) if (!own.has(n)) defines.set(n, body);
        for (const [n, body] of own) defines.set(n, body);
        const ownStart = k.kids.find((d) => d.tag === 'start');
        if (ownStart) start = group(ownStart.kids, ownStart);
        else if (inc.start && !start) start = inc.start;
      }
    }
  };
  files.add(file);
  walk(readRng(join(dir, file)));
  return { defines, start, files };
}

// ---------------------------------------------------------------- summarizing element patterns

/** libvirt's extension namespaces are http://libvirt.org/schemas/domain/<prefix>/1.0; documents use <prefix>: */
function prefixOf(ns) {
  const m = /^http:\/\/libvirt\.org\/schemas\/domain\/(\w+)\/[\d.]+$/.exec(ns);
  if (!m) throw new Error(`an element in namespace ${ns}: no conventional prefix known`);
  return m[1];
}

function derive(dir, release) {
  const { defines, start, files } = loadGrammar(dir, 'domain.rng');
  if (!start) throw new Error('domain.rng: no <start>');
  const namespaces = new Map();
  const define = (name) => {
    const d = defines.get(name);
    if (!d) throw new Error(`<ref name="${name}"/>: no such define`);
    return d;
  };

  // may the pattern match anything at all (notAllowed propagates through groups, not through choices)?
  const allowedMemo = new Map();
  const allowed = (p) => {
    if (allowedMemo.has(p)) return allowedMemo.get(p);
    allowedMemo.set(p, true); // a recursion assumes yes
    let r;
    switch (p.tag) {
      case 'notAllowed': r = false; break;
      case 'choice': r = p.kids.some(allowed); break;
      case 'optional': case 'zeroOrMore': r = true; break;
      case 'ref': r = allowed(define(p.attrs.name)); break;
      case 'element': case 'attribute': r = contentOf(p).every(allowed); break;
      case 'name': case 'anyName': case 'nsName': case 'except': case 'value': case 'data': case 'text': case 'empty': case 'param': r = true; break;
      default: r = p.kids.every(allowed);
    }
    allowedMemo.set(p, r);
    return r;
  };

  /** an element's or attribute's name (prefixed when namespaced), or null for <anyName>/<nsName> */
  const nameOf = (p) => {
    if (p.attrs.name !== undefined) {
      const ns = p.tag === 'element' ? p.ns : (p.attrs.ns ?? '');
      if (!ns) return p.attrs.name;
      const prefix = prefixOf(ns);
      namespaces.set(prefix, ns);
      return `${prefix}:${p.attrs.name}`;
    }
    const nc = p.kids[0];
    if (nc?.tag === 'name') return nc.text.trim();
    return null;
  };
  const contentOf = (p) => (p.attrs.name !== undefined ? p.kids : p.kids.slice(1));

  /** the values an attribute's (or a text's) pattern allows: enumerated ones, and whether others are allowed too */
  const valuesOf = (p, out, seen = new Set()) => {
    switch (p.tag) {
      case 'value': out.values.add(p.text.trim()); break;
      case 'data': case 'text': out.free = true; break;
      case 'list': out.free = true; for (const k of p.kids) valuesOf(k, out, seen); break;
      case 'empty': case 'notAllowed': case 'param': case 'except': break;
      case 'ref': {
        const n = p.attrs.name;
        if (!seen.has(n)) { seen.add(n); valuesOf(define(n), out, seen); seen.delete(n); }
        break;
      }
      case 'choice': for (const k of p.kids) if (allowed(k)) valuesOf(k, out, seen); break;
      default: for (const k of p.kids) valuesOf(k, out, seen);
    }
    return out;
  };
  const newValues = () => ({ values: new Set(), free: false });
  const mergeValues = (into, from) => { for (const v of from.values) into.values.add(v); into.free ||= from.free; };

  /** what an element pattern's content allows directly inside it */
  const summaryMemo = new Map();
  const summarize = (el) => {
    let s = summaryMemo.get(el);
    if (s) return s;
    s = { attrs: new Map(), kids: new Map(), text: null, anyElement: false, anyAttribute: false };
    summaryMemo.set(el, s);
    const text = () => (s.text ??= newValues());
    const walk = (p, refs) => {
      switch (p.tag) {
        case 'element': {
          if (!allowed(p)) return;
          const n = nameOf(p);
          if (n === null) { s.anyElement = true; return; }
          if (!s.kids.has(n)) s.kids.set(n, new Set());
          s.kids.get(n).add(p);
          return;
        }
        case 'attribute': {
          if (!allowed(p)) return;
          const n = nameOf(p);
          if (n === null) { s.anyAttribute = true; return; }
          const content = contentOf(p);
          const v = content.length ? valuesOf(group(content, p), newValues()) : { values: new Set(), free: true };
          if (!s.attrs.has(n)) s.attrs.set(n, newValues());
          mergeValues(s.attrs.get(n), v);
          return;
        }
        case 'ref': {
          const n = p.attrs.name;
          if (refs.includes(n)) return;
          walk(define(n), [...refs, n]);
          return;
        }
        case 'choice': for (const k of p.kids) if (allowed(k)) walk(k, refs); return;
        case 'group': case 'interleave': if (allowed(p)) for (const k of p.kids) walk(k, refs); return;
        case 'optional': case 'zeroOrMore': case 'oneOrMore': for (const k of p.kids) walk(k, refs); return;
        case 'mixed': text().free = true; for (const k of p.kids) walk(k, refs); return;
        case 'text': text().free = true; return;
        case 'value': case 'data': case 'list': mergeValues(text(), valuesOf(p, newValues())); return;
        case 'empty': case 'notAllowed': return;
        default: throw new Error(`${p.file}: <${p.tag}> inside an element: not understood`);
      }
    };
    for (const k of contentOf(el)) walk(k, []);
    return s;
  };

  // ------------------------------------------------------------ the subset construction
  const ids = new Map();
  const idOf = (el) => { if (!ids.has(el)) ids.set(el, ids.size); return ids.get(el); };
  /** entries: { name, els: element patterns, attrs, kids: name -> entry index, text, anyElement, anyAttribute } */
  const entries = [];
  const byKey = new Map();
  const entryFor = (name, els) => {
    const sorted = [...els].sort((a, b) => idOf(a) - idOf(b));
    const key = sorted.map(idOf).join(',');
    if (byKey.has(key)) return byKey.get(key);
    const i = entries.length;
    byKey.set(key, i);
    entries.push({ name, els: sorted });
    return i;
  };
  const topEls = [];
  const collectTop = (p, refs) => {
    if (p.tag === 'element') topEls.push(p);
    else if (p.tag === 'ref') { if (!refs.includes(p.attrs.name)) collectTop(define(p.attrs.name), [...refs, p.attrs.name]); }
    else for (const k of p.kids) collectTop(k, refs);
  };
  collectTop(start, []);
  const domainEls = topEls.filter((e) => nameOf(e) === 'domain');
  if (!domainEls.length) throw new Error('domain.rng: <start> has no <domain> element');
  entryFor('domain', domainEls);
  for (let i = 0; i < entries.length; i++) {
    const e = entries[i];
    e.attrs = new Map();
    e.kidEls = new Map();
    e.text = null;
    e.anyElement = false;
    e.anyAttribute = false;
    for (const el of e.els) {
      const s = summarize(el);
      for (const [n, v] of s.attrs) {
        if (!e.attrs.has(n)) e.attrs.set(n, newValues());
        mergeValues(e.attrs.get(n), v);
      }
      for (const [n, set] of s.kids) {
        if (!e.kidEls.has(n)) e.kidEls.set(n, new Set());
        for (const k of set) e.kidEls.get(n).add(k);
      }
      if (s.text) { e.text ??= newValues(); mergeValues(e.text, s.text); }
      e.anyElement ||= s.anyElement;
      e.anyAttribute ||= s.anyAttribute;
    }
    e.kids = new Map([...e.kidEls].map(([n, set]) => [n, entryFor(n, set)]));
  }

  // ------------------------------------------------------------ merging equal entries (Moore's refinement)
  const valueLists = new Map();
  const listIndex = (vals) => {
    const key = JSON.stringify(vals);
    if (!valueLists.has(key)) valueLists.set(key, valueLists.size);
    return valueLists.get(key);
  };
  /** 0: free form; k > 0: exactly values[k-1]; k < 0: values[-k-1] or anything else */
  const code = (v) => {
    const vals = [...v.values].filter((x) => x !== '');
    if (!vals.length) return 0;
    const i = listIndex(vals) + 1;
    return v.free ? -i : i;
  };
  const local = entries.map((e) => {
    const attrs = Object.fromEntries([...e.attrs].sort(([a], [b]) => (a < b ? -1 : 1)).map(([n, v]) => [n, code(v)]));
    return JSON.stringify([e.name, attrs, e.text ? code(e.text) : null, (e.anyElement ? 1 : 0) | (e.anyAttribute ? 2 : 0)]);
  });
  let cls = entries.map(() => 0);
  let count = 0;
  for (;;) {
    const sig = entries.map((e, i) => local[i] + JSON.stringify([...e.kids].sort(([a], [b]) => (a < b ? -1 : 1)).map(([n, k]) => [n, cls[k]])));
    const ids2 = new Map();
    const next = sig.map((s) => { if (!ids2.has(s)) ids2.set(s, ids2.size); return ids2.get(s); });
    if (ids2.size === count) { cls = next; break; }
    count = ids2.size;
    cls = next;
  }

  // ------------------------------------------------------------ the table
  // classes renumbered in order of first appearance (breadth first from <domain>), so the output is stable
  const order = new Map();
  const queue = [0];
  const rep = [];
  order.set(cls[0], 0);
  rep.push(0);
  for (let q = 0; q < queue.length; q++) {
    const e = entries[queue[q]];
    for (const [, k] of [...e.kids].sort(([a], [b]) => (a < b ? -1 : 1))) {
      if (!order.has(cls[k])) { order.set(cls[k], rep.length); rep.push(k); queue.push(k); }
    }
  }
  valueLists.clear();
  const elements = rep.map((i) => {
    const e = entries[i];
    const attrs = Object.fromEntries([...e.attrs].sort(([a], [b]) => (a < b ? -1 : 1)).map(([n, v]) => [n, code(v)]));
    const kids = Object.fromEntries([...e.kids].sort(([a], [b]) => (a < b ? -1 : 1)).map(([n, k]) => [n, order.get(cls[k])]));
    const row = [e.name, Object.keys(attrs).length ? attrs : 0, Object.keys(kids).length ? kids : 0, e.text ? code(e.text) : null, (e.anyElement ? 1 : 0) | (e.anyAttribute ? 2 : 0)];
    // trailing defaults left out: no flags, no text (null; 0 is free text and stays), no children, no attributes
    if (row[4] === 0) row.pop();
    if (row.length === 4 && row[3] === null) row.pop();
    if (row.length === 3 && row[2] === 0) row.pop();
    if (row.length === 2 && row[1] === 0) row.pop();
    return row;
  });
  // roots: <domain>, and each device (a <devices> child), for device XML on its own (virsh attach-device)
  const roots = { domain: 0 };
  const devices = elements[0][2]?.devices;
  if (devices !== undefined) for (const [n, k] of Object.entries(elements[devices][2] || {})) roots[n] ??= k;

  const hash = createHash('sha256');
  for (const f of [...files].sort()) hash.update(f).update('\0').update(readFileSync(join(dir, f))).update('\0');
  return {
    about: 'libvirt domain schema, derived by scripts/libvirt-domain-catalog.mjs: element, attribute and value names only. Row: [name, {attribute: values}, {child: row}, text values (absent or null: none), flags (1 any child element, 2 any attribute)]; values 0 free form, k > 0 exactly values[k-1], k < 0 values[-k-1] or others.',
    libvirt: release,
    schemas: { files: [...files].sort(), sha256: hash.digest('hex').slice(0, 16) },
    namespaces: Object.fromEntries([...namespaces].sort()),
    roots,
    values: [...valueLists.keys()].map((k) => JSON.parse(k)),
    elements,
    stats: { rngElements: ids.size, entriesBeforeMerge: entries.length },
  };
}

/**
 * libvirt's release for the schemas in `dir`: the Debian package that owns them (libvirt0), when
 * `dir` is the system's; else null (hovers then say "libvirt's schema" without a release).
 */
export function libvirtRelease(dir) {
  if (process.env.BDM_LAB_LIBVIRT_RELEASE) return process.env.BDM_LAB_LIBVIRT_RELEASE;
  if (dir.replace(/\/+$/, '') !== '/usr/share/libvirt/schemas') return null;
  try {
    const owner = execFileSync('dpkg-query', ['-S', join(dir, 'domain.rng')], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).split(':')[0];
    const v = execFileSync('dpkg-query', ['-W', '-f', '${Version}', owner], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] });
    return /^(?:\d+:)?(\d+(?:\.\d+)+)/.exec(v)?.[1] ?? null;
  } catch {
    return null;
  }
}

/** The table for the schemas in `dir` (libvirt's domain.rng and the files it includes). */
export function deriveDomainCatalog(dir = DEFAULT_SCHEMAS, release = libvirtRelease(dir)) {
  if (!existsSync(join(dir, 'domain.rng'))) throw new Error(`${dir}/domain.rng not found (install libvirt-clients, or name the schema dir)`);
  const t = derive(dir, release);
  delete t.stats;
  return t;
}

/** The table as the file holds it: one row per line, so a diff shows what changed. */
export function formatTable(t) {
  const head = Object.entries(t).filter(([k]) => k !== 'values' && k !== 'elements').map(([k, v]) => `  ${JSON.stringify(k)}: ${JSON.stringify(v)}`);
  const rows = (xs) => xs.map((x) => `    ${JSON.stringify(x)}`).join(',\n');
  return `{\n${head.join(',\n')},\n  "values": [\n${rows(t.values)}\n  ],\n  "elements": [\n${rows(t.elements)}\n  ]\n}\n`;
}

/**
 * The esbuild plugin for the lazy chunk: inside the libvirtxml bundle, `./domainSchema.json` becomes
 * a module whose `default` getter requires the chunk (dist/lazy/libvirt-domain-schema.cjs) on
 * first use; `lazyDir` is where the chunk lies, relative to the bundle being built.
 */
export const lazyDomainSchema = (lazyDir = '.') => ({
  name: 'lazy-domain-schema',
  setup(build) {
    build.onResolve({ filter: /^\.\/domainSchema\.json$/ }, (args) => (args.importer.replace(/\\/g, '/').endsWith('server/src/libvirtxml/domainCatalog.ts') ? { path: 'domainSchema', namespace: 'lazy-domain-schema' } : undefined));
    build.onLoad({ filter: /.*/, namespace: 'lazy-domain-schema' }, () => ({
      contents: `let m;\nconst r = require;\nObject.defineProperty(exports, '__esModule', { value: true });\nObject.defineProperty(exports, 'default', { enumerable: true, get: () => (m ??= r(${JSON.stringify(`${lazyDir}/${TABLE_CHUNK}`)})) });\n`,
      loader: 'js',
    }));
  },
});

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const args = process.argv.slice(2);
  const check = args.includes('--check');
  const dir = args.find((a) => !a.startsWith('--')) ?? DEFAULT_SCHEMAS;
  const full = derive(dir, libvirtRelease(dir));
  const { stats } = full;
  delete full.stats;
  const text = formatTable(full);
  const attrs = full.elements.reduce((n, r) => n + Object.keys(r[1] || {}).length, 0);
  const summary = `${full.elements.length} element entries (${new Set(full.elements.map((r) => r[0])).size} names, from ${stats.rngElements} RNG <element> patterns, ${stats.entriesBeforeMerge} before merging), ${attrs} attribute entries, ${full.values.length} value lists, ${text.length} bytes`;
  if (check) {
    const have = existsSync(TABLE_FILE) ? readFileSync(TABLE_FILE, 'utf8') : '';
    if (have !== text) { console.error(`${relative(ROOT, TABLE_FILE)} is stale for ${dir}: rerun node scripts/libvirt-domain-catalog.mjs`); process.exit(1); }
    console.log(`${relative(ROOT, TABLE_FILE)} is up to date: ${summary}`);
  } else {
    writeFileSync(TABLE_FILE, text);
    console.log(`wrote ${relative(ROOT, TABLE_FILE)}: ${summary}`);
  }
}
