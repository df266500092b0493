/**
 * No import cycles under server/src (issue 14): a cycle is found as a strongly connected
 * component of the relative-import graph and fails the test with its files listed. Type-only
 * imports count too. KNOWN lists the cycles not yet broken; it may only shrink.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';

const SRC = join(__dirname, '..', '..', 'server', 'src');

/** cycles that exist today, each as its sorted files; remove an entry when its cycle is broken */
const KNOWN: string[][] = [
  ['libvirtxml/ruleHelpers.ts', 'libvirtxml/rules.ts'],
];

function sources(dir: string): string[] {
  const out: string[] = [];
  for (const name of readdirSync(dir)) {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) out.push(...sources(p));
    else if (/\.(ts|mts|cts)$/.test(name) && !name.endsWith('.d.ts') && !name.endsWith('.d.cts')) out.push(p);
  }
  return out;
}

/** relative module specifiers of import/export-from/import()/require() in a source text (comments removed first) */
function relativeSpecifiers(text: string): string[] {
  const code = text.replace(/\/\*[\s\S]*?\*\//g, '').replace(/^\s*\/\/.*$/gm, '');
  const out: string[] = [];
  for (const re of [/\bfrom\s+['"](\.[^'"]*)['"]/g, /^\s*import\s+['"](\.[^'"]*)['"]/gm, /\b(?:import|require)\s*\(\s*['"](\.[^'"]*)['"]\s*\)/g]) {
    for (const m of code.matchAll(re)) out.push(m[1]!);
  }
  return out;
}

function resolveSpecifier(from: string, spec: string): string | undefined {
  const base = resolve(dirname(from), spec);
  for (const c of [base, `${base}.ts`, `${base}.mts`, `${base}.cts`, join(base, 'index.ts')]) {
    if (existsSync(c) && statSync(c).isFile() && /\.(ts|mts|cts)$/.test(c)) return c;
  }
  return undefined;
}

/** Tarjan's strongly connected components; the ones with more than one file (or a self-import) are cycles. */
export function cycles(graph: Map<string, string[]>): string[][] {
  let next = 0;
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const on = new Set<string>();
  const out: string[][] = [];
  const visit = (v: string): void => {
    index.set(v, next);
    low.set(v, next++);
    stack.push(v);
    on.add(v);
    for (const w of graph.get(v) ?? []) {
      if (!index.has(w)) { visit(w); low.set(v, Math.min(low.get(v)!, low.get(w)!)); }
      else if (on.has(w)) low.set(v, Math.min(low.get(v)!, index.get(w)!));
    }
    if (low.get(v) === index.get(v)) {
      const scc: string[] = [];
      let w: string;
      do { w = stack.pop()!; on.delete(w); scc.push(w); } while (w !== v);
      if (scc.length > 1 || (graph.get(v) ?? []).includes(v)) out.push(scc.sort());
    }
  };
  for (const v of graph.keys()) if (!index.has(v)) visit(v);
  return out;
}

test('the cycle finder finds a cycle and passes a tree', () => {
  assert.deepEqual(cycles(new Map([['a', ['b']], ['b', ['c']], ['c', ['a']], ['d', ['a']]])), [['a', 'b', 'c']]);
  assert.deepEqual(cycles(new Map([['a', ['b', 'c']], ['b', ['c']], ['c', []]])), []);
  assert.deepEqual(relativeSpecifiers("import { a } from './a';\nimport type { B } from '../b';\nexport * from './c';\nimport './d';\nconst e = require('./e');\n// import { x } from './x';"), ['./a', '../b', './c', './d', './e']);
});

test('no import cycles under server/src (beyond the known ones, listed to be broken)', () => {
  const graph = new Map<string, string[]>();
  for (const f of sources(SRC)) {
    const deps = relativeSpecifiers(readFileSync(f, 'utf8')).map((s) => resolveSpecifier(f, s)).filter((x): x is string => x !== undefined);
    graph.set(relative(SRC, f), deps.map((d) => relative(SRC, d)));
  }
  assert.ok(graph.size > 50, `only ${graph.size} files found under ${SRC}`);
  const found = cycles(graph).map((c) => c.join(' -> '));
  const known = new Set(KNOWN.map((c) => [...c].sort().join(' -> ')));
  const fresh = found.filter((c) => !known.has(c));
  assert.deepEqual(fresh, [], `import cycles:\n${fresh.join('\n')}`);
  assert.ok(!(graph.get('cli/check.ts')!.includes('cli/xml.ts') && graph.get('cli/xml.ts')!.includes('cli/check.ts')), 'cli/check.ts and cli/xml.ts import each other');
  const gone = [...known].filter((c) => !found.includes(c));
  assert.deepEqual(gone, [], 'a known cycle is gone: remove it from KNOWN');
});
