/**
 * The build moves libxml2-wasm's binary out of its JavaScript (scripts/libxml2-wasm.mjs): the bytes
 * written are exactly those the package's own loader instantiates, the loader left reads them
 * from the file, and the VSIX ships the file.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { splitWasm, unquote, WASM_FILE } from '../../scripts/libxml2-wasm.mjs';

const ROOT = resolve(__dirname, '../..');
/** (the compiler's libraries here declare no WebAssembly value) */
type Wasm = { instantiate(b: unknown, imports?: unknown): Promise<unknown>; validate(b: Uint8Array): boolean };
const wasm = (globalThis as unknown as { WebAssembly: Wasm }).WebAssembly;
const RAW = join(ROOT, 'node_modules', 'libxml2-wasm', 'lib', 'libxml2raw.mjs');

test('unquote reads every escape a module\'s single-quoted literal can hold', () => {
  assert.equal(unquote(String.raw`a\'b\"c\\d`), 'a\'b"c\\d');
  assert.equal(unquote(String.raw`\b\f\n\r\t\v`), '\b\f\n\r\t\v');
  assert.equal(unquote(String.raw`\0x\x00\xff\u0041\u{1F600}`), '\0x\0\xffA\u{1F600}');
  assert.equal(unquote('a\\\nb\\\r\nc'), 'abc', 'line continuations');
  assert.equal(unquote(String.raw`\q\$\``), 'q$`', 'a character escaped for nothing is itself');
  assert.equal(unquote('plain'), 'plain');
  assert.throws(() => unquote(String.raw`\01`), /octal/);
  assert.throws(() => unquote(String.raw`\7`), /octal/);
  assert.throws(() => unquote(String.raw`\xZ1`), /bad escape/);
  assert.throws(() => unquote(String.raw`\u12`), /bad escape/);
  assert.throws(() => unquote('end\\'), /backslash/);
});

test('splitWasm: the binary is the one the package instantiates, and the loader reads it from its file', { timeout: 120_000 }, async () => {
  const text = readFileSync(RAW, 'utf8');
  const { contents, bytes } = splitWasm(text);
  assert.ok(wasm.validate(bytes));
  // the package's own loader, run as it ships: the bytes it hands to WebAssembly.instantiate
  const instantiate = wasm.instantiate;
  let seen: Uint8Array | undefined;
  wasm.instantiate = (b: unknown, imports?: unknown) => {
    seen ??= new Uint8Array(b as ArrayBuffer);
    return instantiate.call(wasm, b, imports);
  };
  try {
    const mod = (await import(pathToFileURL(RAW).href)) as { default: () => Promise<unknown> };
    await mod.default();
  } finally {
    wasm.instantiate = instantiate;
  }
  assert.ok(seen, 'the package instantiated its module');
  assert.equal(Buffer.compare(Buffer.from(bytes), Buffer.from(seen!)), 0, 'the same bytes');
  // the literal is gone, a read of the file next to the module in its place; the rest is the package's
  assert.ok(!contents.includes('\u0000asm'));
  assert.ok(contents.length < text.length - bytes.length, `${contents.length} characters left of ${text.length}`);
  assert.match(contents, new RegExp(`fs\\.readFileSync\\(new URL\\("\\./${WASM_FILE.replace('.', '\\.')}", import\\.meta\\.url\\)\\)`));
});

test('splitWasm refuses a loader it does not recognise (the build stops)', () => {
  assert.throws(() => splitWasm('var fs=require("node:fs");const x=1;'), /not found exactly once/);
  const lit = "('\u0000asm\\x01\\x00\\x00\\x00')";
  assert.throws(() => splitWasm(`var fs=require("node:fs");a=ea${lit};b=ea${lit};`), /not found exactly once/);
  // a literal that is no WebAssembly module
  assert.throws(() => splitWasm(`var fs=require("node:fs");a=ea('\u0000asm\\x09');`), /not a valid WebAssembly module/);
  // the smallest valid module, but a loader that has no fs to read it with
  assert.throws(() => splitWasm(`a=ea${lit};`), /node:fs/);
  const ok = splitWasm(`var fs=require("node:fs");a=ea${lit};b=2;`);
  assert.deepEqual([...ok.bytes], [0, 0x61, 0x73, 0x6d, 1, 0, 0, 0]);
  assert.equal(ok.contents, `var fs=require("node:fs");a=new Uint8Array(fs.readFileSync(new URL("./libxml2.wasm", import.meta.url)));b=2;`);
});

test('the VSIX ships the binary next to its loader', () => {
  const ignore = readFileSync(join(ROOT, '.vscodeignore'), 'utf8').split('\n');
  assert.ok(ignore.includes(`!dist/lazy/${WASM_FILE}`));
});
