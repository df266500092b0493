/**
 * The allowed arrows between the parts (ARCHITECTURE.md, issue 14 step 1):
 * - the domain (everything under server/src except the language server entry server.ts and
 *   the LSP adapter lsp/; the client lives in client/) imports neither `vscode` nor
 *   `vscode-languageserver*`: the CLI and the tests run it without an editor;
 * - the pure core imports no Node built-in (`node:*` or a bare `fs`): host I/O lives at the edge
 *   (HOST_EDGE); the core asks for programs, temporary files, path facts and hashes through the
 *   ports of server/src/ports.ts, which server/src/host/ implements for Node and only the edges
 *   import;
 * - no import cycle among server/src and client/src files;
 * - the client imports only the protocol and the UI front end (server/src/ui/), which imports only itself and the result types.
 * The exception lists are ratchets: an entry that no longer applies fails too, so it is removed.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { builtinModules } from 'node:module';
import { dirname, join, relative, resolve } from 'node:path';

const SRC = join(__dirname, '..', '..', 'server', 'src');
const EXCLUDED = new Set(['server.ts', 'lsp']);

function files(dir: string): string[] {
  const out: string[] = [];
  for (const name of readdirSync(dir)) {
    const p = join(dir, name);
    if (dir === SRC && EXCLUDED.has(name)) continue;
    if (statSync(p).isDirectory()) out.push(...files(p));
    else if (/\.(ts|mts|cts|js|cjs|mjs)$/.test(name)) out.push(p);
  }
  return out;
}

/** module specifiers of import/export-from/import()/require() in a source text */
export function specifiers(text: string): string[] {
  const out: string[] = [];
  const res = [
    /^\s*import\s+(?:type\s+)?(?:[\s\S]*?\sfrom\s+)?['"]([^'"]+)['"]/gm,
    /^\s*export\s+(?:type\s+)?(?:\*|\{[\s\S]*?\})\s*(?:as\s+\w+\s+)?from\s+['"]([^'"]+)['"]/gm,
    /\bimport\(\s*['"]([^'"]+)['"]\s*\)/g,
    /\brequire\(\s*['"]([^'"]+)['"]\s*\)/g,
  ];
  for (const re of res) for (const m of text.matchAll(re)) out.push(m[1]);
  return out;
}

const forbidden = (spec: string) => spec === 'vscode' || spec.startsWith('vscode/') || /^vscode-languageserver/.test(spec) || /^vscode-languageclient/.test(spec);

test('the import scanner sees every form of import', () => {
  const sample = [
    "import * as vscode from 'vscode';",
    "import type { Diagnostic } from 'vscode-languageserver/node';",
    "import {\n  TextDocument,\n} from \"vscode-languageserver-textdocument\";",
    "export { x } from 'vscode-languageserver-types';",
    "const c = require('vscode-languageclient');",
    "const m = await import('vscode');",
    "import { parse } from 'jsonc-parser';",
    "// colours come from var(--vscode-foreground)",
  ].join('\n');
  const specs = specifiers(sample);
  assert.deepEqual(specs.filter(forbidden).sort(), ['vscode', 'vscode', 'vscode-languageclient', 'vscode-languageserver-textdocument', 'vscode-languageserver-types', 'vscode-languageserver/node'].sort());
  assert.ok(specs.includes('jsonc-parser'));
});

test('the domain under server/src imports neither vscode nor vscode-languageserver*', () => {
  const all = files(SRC);
  assert.ok(all.length > 30, 'domain files found');
  assert.ok(all.some((f) => f.endsWith('analyze.ts')));
  assert.ok(!all.some((f) => relative(SRC, f) === 'server.ts' || relative(SRC, f).startsWith('lsp')));
  const bad: string[] = [];
  for (const f of all) {
    for (const s of specifiers(readFileSync(f, 'utf8'))) if (forbidden(s)) bad.push(`${relative(SRC, f)} imports ${s}`);
  }
  assert.deepEqual(bad, []);
});

// ---- Node built-ins only at the host edge ----

const ROOT = join(__dirname, '..', '..');
const rel = (f: string) => relative(ROOT, f).split('\\').join('/');

/** Folders and files of server/src that are host edges: they may use Node built-ins. */
const HOST_EDGE = ['server/src/host/', 'server/src/lsp/', 'server/src/cli/', 'server/src/cli.ts', 'server/src/server.ts'];
/** Core files that still do host I/O, each with its reason; remove an entry when its file moves. */
const NODE_EXCEPTIONS: Record<string, string> = {};

const BUILTINS = new Set(builtinModules.filter((m) => !m.startsWith('_')));
export const isNodeBuiltin = (spec: string) => spec.startsWith('node:') || BUILTINS.has(spec) || BUILTINS.has(spec.split('/')[0]);

function allFiles(dir: string): string[] {
  const out: string[] = [];
  for (const name of readdirSync(dir)) {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) out.push(...allFiles(p));
    else if (/\.(ts|mts|cts|js|cjs|mjs)$/.test(name) && !/\.d\.c?ts$/.test(name)) out.push(p);
  }
  return out;
}

test('the builtin check sees node: and bare built-ins, and nothing else', () => {
  for (const s of ['node:fs', 'node:fs/promises', 'fs', 'child_process', 'path/posix', 'crypto']) assert.ok(isNodeBuiltin(s), s);
  for (const s of ['jsonc-parser', 'vscode-uri', './fs', '../path', 'ajv/dist/2020']) assert.ok(!isNodeBuiltin(s), s);
});

test('the core imports no Node built-in outside the host edge and the listed exceptions', () => {
  const core = allFiles(SRC).filter((f) => !HOST_EDGE.some((e) => rel(f) === e || (e.endsWith('/') && rel(f).startsWith(e))));
  assert.ok(core.length > 30 && core.some((f) => rel(f) === 'server/src/analyze.ts'), 'core files found');
  const bad: string[] = [];
  const used = new Set<string>();
  for (const f of core) {
    const specs = specifiers(readFileSync(f, 'utf8')).filter(isNodeBuiltin);
    if (specs.length === 0) continue;
    if (NODE_EXCEPTIONS[rel(f)]) used.add(rel(f));
    else bad.push(`${rel(f)} imports ${specs.join(', ')}: put host I/O at the edge (behind a port), not in the core`);
  }
  assert.deepEqual(bad, []);
  const stale = Object.keys(NODE_EXCEPTIONS).filter((f) => !used.has(f));
  assert.deepEqual(stale, [], 'these files no longer import Node built-ins: remove them from NODE_EXCEPTIONS');
});

test('only the edges import the Node host (server/src/host/); the ports are types only', () => {
  const edges = HOST_EDGE.filter((e) => e !== 'server/src/host/');
  const bad: string[] = [];
  for (const f of allFiles(SRC)) {
    if (edges.some((e) => rel(f) === e || (e.endsWith('/') && rel(f).startsWith(e))) || rel(f).startsWith('server/src/host/')) continue;
    for (const dep of localImports(f)) if (rel(dep).startsWith('server/src/host/')) bad.push(`${rel(f)} imports ${rel(dep)}: take the port as a parameter, the edge passes nodeHost()`);
  }
  assert.deepEqual(bad, []);
  const ports = readFileSync(join(SRC, 'ports.ts'), 'utf8');
  assert.deepEqual(specifiers(ports), [], 'ports.ts imports nothing');
  assert.doesNotMatch(ports.replace(/\/\*[\s\S]*?\*\//g, ''), /^\s*(export\s+)?(const|let|var|function|class)\b/m, 'ports.ts declares types only');
});

// ---- no import cycles ----

/** The files a source imports among the project's own files (relative specifiers resolved). */
function localImports(file: string): string[] {
  const out: string[] = [];
  for (const spec of specifiers(readFileSync(file, 'utf8'))) {
    if (!spec.startsWith('.')) continue;
    const base = resolve(dirname(file), spec);
    const stem = base.replace(/\.(js|mjs|cjs)$/, '');
    const tries = [base, `${stem}.ts`, `${stem}.mts`, `${stem}.cts`, `${base}.ts`, `${base}.cjs`, `${base}.mjs`, `${base}.js`, join(base, 'index.ts')];
    const hit = tries.find((t) => existsSync(t) && statSync(t).isFile());
    if (hit) out.push(hit);
  }
  return out;
}

/** Strongly connected components of more than one file (or a file importing itself). */
export function cycles(graph: Map<string, string[]>): string[][] {
  let index = 0;
  const idx = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const on = new Set<string>();
  const out: string[][] = [];
  const visit = (v: string) => {
    idx.set(v, index);
    low.set(v, index++);
    stack.push(v);
    on.add(v);
    for (const w of graph.get(v) ?? []) {
      if (!idx.has(w)) {
        visit(w);
        low.set(v, Math.min(low.get(v)!, low.get(w)!));
      } else if (on.has(w)) low.set(v, Math.min(low.get(v)!, idx.get(w)!));
    }
    if (low.get(v) === idx.get(v)) {
      const comp: string[] = [];
      let w: string;
      do {
        w = stack.pop()!;
        on.delete(w);
        comp.push(w);
      } while (w !== v);
      if (comp.length > 1 || (graph.get(v) ?? []).includes(v)) out.push(comp.sort());
    }
  };
  for (const v of graph.keys()) if (!idx.has(v)) visit(v);
  return out;
}

/** Cycles known today, each with the work that removes it; remove the entry when it lands. */
const KNOWN_CYCLES: Record<string, string> = {};

test('the cycle finder finds a cycle and its files, and no cycle in a tree', () => {
  const g = new Map([['a', ['b']], ['b', ['c']], ['c', ['a', 'd']], ['d', []], ['e', ['e']]]);
  assert.deepEqual(cycles(g).map((c) => c.join(' ')).sort(), ['a b c', 'e']);
  assert.deepEqual(cycles(new Map([['a', ['b', 'c']], ['b', ['c']], ['c', []]])), []);
});

test('no import cycle among server/src and client/src files', () => {
  const files = [...allFiles(SRC), ...allFiles(join(ROOT, 'client', 'src'))];
  const graph = new Map(files.map((f) => [rel(f), localImports(f).map(rel)]));
  assert.ok([...graph.values()].reduce((n, e) => n + e.length, 0) > 100, 'import edges found');
  const found = cycles(graph).map((c) => c.join(' '));
  assert.deepEqual(found.filter((c) => !KNOWN_CYCLES[c]), [], 'import cycles (files of each cycle)');
  const stale = Object.keys(KNOWN_CYCLES).filter((c) => !found.includes(c));
  assert.deepEqual(stale, [], 'these cycles are gone: remove them from KNOWN_CYCLES');
});

// ---- the client sees the server only through the protocol ----

/** server/src files the client may import: the protocol and the UI front end (ui/); the rest are known exceptions. */
const CLIENT_MAY_IMPORT = new Set(['server/src/protocol.ts']);
const CLIENT_MAY_IMPORT_UNDER = ['server/src/ui/'];
const CLIENT_EXCEPTIONS: Record<string, string> = {};

test('the client imports from server/src only the protocol and the UI front end (ui/)', () => {
  const bad: string[] = [];
  const used = new Set<string>();
  const client = allFiles(join(ROOT, 'client', 'src'));
  assert.ok(client.length >= 2);
  for (const f of client) {
    for (const dep of localImports(f).map(rel)) {
      if (!dep.startsWith('server/')) continue;
      if (CLIENT_MAY_IMPORT.has(dep) || CLIENT_MAY_IMPORT_UNDER.some((d) => dep.startsWith(d))) continue;
      if (CLIENT_EXCEPTIONS[dep]) used.add(dep);
      else bad.push(`${rel(f)} imports ${dep}`);
    }
  }
  assert.deepEqual(bad, []);
  assert.deepEqual(Object.keys(CLIENT_EXCEPTIONS).filter((d) => !used.has(d)), [], 'no longer imported: remove from CLIENT_EXCEPTIONS');
});

// ---- lower layers do not reach up ----

/** For each lower folder of server/src, the folders its files may import (itself included). */
const LAYERS: Record<string, string[]> = {
  text: ['text'],
  parse: ['parse', 'text'],
  model: ['model', 'parse', 'generated', 'text'],
  nova: ['nova', 'text'],
  libvirt: ['libvirt', 'model', 'nova', 'text', 'ports.ts'],
  libvirtxml: ['libvirtxml', 'model', 'text', 'ports.ts'],
  source: ['source', 'parse', 'model', 'text'],
  rules: ['rules', 'generated', 'libvirt', 'model', 'nova', 'parse', 'source', 'text'],
  // the simulator: the naming and <disk> rendering of libvirt/, the rules' value checks, its lab-host data ('..': labhosts/*.json)
  attach: ['attach', 'generated', 'libvirt', 'libvirtxml', 'model', 'nova', 'parse', 'ports.ts', 'rules', 'text', '..'],
  // editor features over an analysis: everything of the domain, nothing of the edges ('..': snippets/bdm.json)
  features: ['features', '..', 'analyze.ts', 'attach', 'document.ts', 'libvirt', 'libvirtxml', 'model', 'nova', 'parse', 'ports.ts', 'rules', 'source', 'text'],
  ui: ['ui', 'attach'],
  host: ['host', 'ports.ts'],
};

test('each folder of the core (text, parse, model, nova, libvirt, libvirtxml, source, rules, attach, features, ui, host) imports only the folders it may', () => {
  const bad: string[] = [];
  for (const [folder, allowed] of Object.entries(LAYERS)) {
    for (const f of allFiles(join(SRC, folder))) {
      for (const dep of localImports(f)) {
        const where = relative(SRC, dep).split(/[\\/]/)[0]; // a top-level file counts by its name
        if (!allowed.includes(where)) bad.push(`${rel(f)} imports ${rel(dep)}`);
      }
    }
  }
  assert.deepEqual(bad, []);
});

test('the UI front end (server/src/ui/) imports only itself and the result types of attach/types.ts', () => {
  const ui = allFiles(join(SRC, 'ui'));
  assert.ok(ui.some((f) => rel(f) === 'server/src/ui/panelHtml.ts'), 'the webview HTML lives in ui/');
  const bad: string[] = [];
  for (const f of ui) {
    const text = readFileSync(f, 'utf8');
    for (const spec of specifiers(text)) if (!spec.startsWith('.')) bad.push(`${rel(f)} imports ${spec}`);
    for (const dep of localImports(f).map(rel)) if (!dep.startsWith('server/src/ui/') && dep !== 'server/src/attach/types.ts') bad.push(`${rel(f)} imports ${dep}`);
  }
  assert.deepEqual(bad, []);
});

test('rules see documents only through source/: no parser tree, no jsonc-parser', () => {
  const bad: string[] = [];
  for (const f of allFiles(join(SRC, 'rules'))) {
    for (const s of specifiers(readFileSync(f, 'utf8'))) {
      if (s === 'jsonc-parser' || /parse\/(json|lazyTree)$/.test(s)) bad.push(`${rel(f)} imports ${s}`);
    }
  }
  assert.deepEqual(bad, [], 'a rule reads a parser (go through SourceDoc)');
});

test('outside server/src/libvirtxml, code imports its values only through its index (the server bundles it apart, loaded on the first XML document), but for the real libvirt step\'s parse', () => {
  const LIBVIRTXML = join(SRC, 'libvirtxml');
  // attach/virsh.ts parses the XML it hands libvirt and looks for external references in it
  const EXCEPTIONS = new Set(['attach/virsh.ts -> libvirtxml/parse.ts', 'attach/virsh.ts -> libvirtxml/externalRefs.ts']);
  const seen = new Set<string>();
  const bad: string[] = [];
  for (const file of allFiles(SRC)) {
    if (file.startsWith(LIBVIRTXML + '/')) continue;
    const text = readFileSync(file, 'utf8');
    for (const m of text.matchAll(/^\s*import\s+(type\s+)?[\s\S]*?\sfrom\s+['"](\.[^'"]*)['"]/gm)) {
      if (m[1]) continue;
      const target = resolve(dirname(file), m[2]);
      if (!target.startsWith(LIBVIRTXML + '/')) continue;
      const arrow = `${relative(SRC, file)} -> ${relative(SRC, target)}.ts`;
      if (EXCEPTIONS.has(arrow)) seen.add(arrow);
      else bad.push(arrow);
    }
  }
  assert.deepEqual(bad, []);
  for (const e of EXCEPTIONS) assert.ok(seen.has(e), `listed but no longer imported: ${e}`);
});
