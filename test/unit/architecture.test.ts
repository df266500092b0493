/**
 * The domain (everything under server/src except the language server entry server.ts and
 * the LSP adapter lsp/; the client lives in client/) imports neither `vscode` nor
 * `vscode-languageserver*`: the CLI and the tests run it without an editor.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';

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
