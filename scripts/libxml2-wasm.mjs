// libvirt's schema check runs libxml2 compiled to WebAssembly (npm libxml2-wasm). The package
// carries its 800 KB binary inside its JavaScript, as one string literal of 1.3 million characters
// that its loader turns into bytes a character at a time. In a process that checks once, that
// cost a tenth or more of `bdm-lab check` (CPU, bench/results.md: a 10-disk domain 180 -> 140 ms,
// 1 000 disks 300 -> 270 ms): compiling the module around the literal, then the loop over it, in
// code V8 has not optimised. The build moves the binary into a file of its own next to the engine's
// bundle (lazy/libxml2.wasm), read in one call where the literal was decoded. The bytes are the
// literal's, checked to be a WebAssembly module V8 accepts. Used by scripts/build.mjs and
// bench/run.ts (the bench measures what ships).
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/** The binary's file name, next to the engine's bundle. */
export const WASM_FILE = 'libxml2.wasm';

/** The esbuild plugin: the engine's loader reads `outDir/libxml2.wasm`, which the plugin writes. */
export function libxml2WasmFile(outDir) {
  return {
    name: 'libxml2-wasm-file',
    setup(build) {
      build.onLoad({ filter: /libxml2-wasm[\\/]lib[\\/]libxml2raw\.mjs$/ }, (args) => {
        const { contents, bytes } = splitWasm(readFileSync(args.path, 'utf8'));
        mkdirSync(outDir, { recursive: true });
        writeFileSync(join(outDir, WASM_FILE), bytes);
        return { contents, loader: 'js' };
      });
    },
  };
}

/**
 * The loader's text with the decoding call `f('\0asm…')` replaced by a read of the binary's file,
 * and the binary. Throws when the text is not as expected (another release of the package): the
 * build then stops rather than ship an engine that cannot load.
 */
export function splitWasm(text) {
  // the literal opens with the module's magic number (a NUL, then "asm")
  const mark = "('\u0000asm";
  const at = text.indexOf(mark);
  if (at < 0 || text.indexOf(mark, at + 1) >= 0) throw new Error('libxml2-wasm: the embedded WebAssembly literal was not found exactly once');
  const callee = /[A-Za-z_$][\w$]*$/.exec(text.slice(Math.max(0, at - 64), at));
  if (!callee) throw new Error('libxml2-wasm: no decoding call before the WebAssembly literal');
  const open = at + 1;
  let close = open + 1;
  for (; close < text.length; close++) {
    const c = text.charCodeAt(close);
    if (c === 92) close++;
    else if (c === 39) break;
    else if (c === 10 || c === 13) throw new Error('libxml2-wasm: the WebAssembly literal breaks its line');
  }
  if (text[close + 1] !== ')') throw new Error('libxml2-wasm: the decoding call does not end with the literal');
  const str = unquote(text.slice(open + 1, close));
  const bytes = new Uint8Array(str.length);
  for (let i = 0; i < str.length; i++) {
    const c = str.charCodeAt(i);
    if (c > 255) throw new Error(`libxml2-wasm: the WebAssembly literal has a character above 255 at ${i}`);
    bytes[i] = c;
  }
  if (!WebAssembly.validate(bytes)) throw new Error('libxml2-wasm: the embedded literal is not a valid WebAssembly module');
  // the module reads files with the `fs` it requires when it runs in Node (the only place it runs here)
  if (!text.includes('var fs=require("node:fs")')) throw new Error("libxml2-wasm: the loader no longer requires node:fs as `fs`");
  const read = `new Uint8Array(fs.readFileSync(new URL(${JSON.stringify(`./${WASM_FILE}`)}, import.meta.url)))`;
  return { contents: text.slice(0, at - callee[0].length) + read + text.slice(close + 2), bytes };
}

const SIMPLE = { b: '\b', f: '\f', n: '\n', r: '\r', t: '\t', v: '\v' };
const hex = (s, n) => {
  if (!new RegExp(`^[0-9a-fA-F]{${n}}$`).test(s)) throw new Error(`libxml2-wasm: bad escape \\${s}`);
  return String.fromCharCode(parseInt(s, 16));
};

/** The value of a single-quoted JavaScript string literal's body (a module's: no octal escapes). */
export function unquote(body) {
  const out = [];
  let from = 0;
  for (let i = body.indexOf('\\'); i >= 0; i = body.indexOf('\\', from)) {
    out.push(body.slice(from, i));
    const n = body[i + 1];
    from = i + 2;
    if (n === undefined) throw new Error('libxml2-wasm: a literal ends in a backslash');
    if (n in SIMPLE) out.push(SIMPLE[n]);
    else if (n === '0' && !/[0-9]/.test(body[i + 2] ?? '')) out.push('\0');
    else if (n === 'x') { out.push(hex(body.slice(i + 2, i + 4), 2)); from = i + 4; }
    else if (n === 'u' && body[i + 2] === '{') {
      const end = body.indexOf('}', i + 3);
      const cp = parseInt(body.slice(i + 3, end), 16);
      if (end < 0 || !/^[0-9a-fA-F]+$/.test(body.slice(i + 3, end)) || cp > 0x10ffff) throw new Error('libxml2-wasm: bad \\u{} escape');
      out.push(String.fromCodePoint(cp));
      from = end + 1;
    } else if (n === 'u') { out.push(hex(body.slice(i + 2, i + 6), 4)); from = i + 6; }
    else if (n === '\r') { if (body[i + 2] === '\n') from = i + 3; }
    else if (n === '\n' || n === '\u2028' || n === '\u2029') { /* a line continuation: nothing */ }
    else if (/[0-9]/.test(n)) throw new Error('libxml2-wasm: an octal escape in a module');
    else out.push(n);
  }
  out.push(body.slice(from));
  return out.join('');
}
