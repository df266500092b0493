import type { Plugin } from 'esbuild';
/** The binary's file name, next to the engine's bundle (libxml2.wasm). */
export const WASM_FILE: string;
/** The esbuild plugin: the engine's loader reads `outDir/libxml2.wasm`, which the plugin writes. */
export function libxml2WasmFile(outDir: string): Plugin;
/** The loader's text with the decoding call replaced by a read of the binary's file, and the binary. */
export function splitWasm(text: string): { contents: string; bytes: Uint8Array };
/** The value of a single-quoted JavaScript string literal's body. */
export function unquote(body: string): string;
