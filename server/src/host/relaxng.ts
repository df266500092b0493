/**
 * libvirt's RelaxNG domain schema checked in this process, by libxml2 compiled to WebAssembly
 * (npm libxml2-wasm): no external program, no network. The engine is a bundle of its own
 * (dist/lazy/libxml2.mjs, and its 800 KB binary in dist/lazy/libxml2.wasm, which the build takes
 * out of the package's JavaScript: scripts/libxml2-wasm.mjs), loaded on the first check only; the
 * language server's bundle does not carry it.
 *
 * The schemas are libvirt's own .rng files: those copied into the bundle at build time
 * (dist/libvirt-schemas/, from the build machine's libvirt package), else those installed on
 * this machine (/usr/share/libvirt/schemas). They are read once into memory, and the one input
 * provider registered with libxml2 serves exactly those files under a private base URL; every
 * other name (a document's DOCTYPE, entity or XInclude, which the caller never hands over
 * anyway) finds nothing, and the WebAssembly module has no file system of its own.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { setFlagsFromString } from 'node:v8';
import type { InProcessValidator, RelaxNgPort, SchemaError } from '../ports';

/** The few parts of libxml2-wasm used here. */
interface Libxml2 {
  XmlDocument: { fromString(text: string, options?: { url?: string; option?: number }): XmlDoc; fromBuffer(b: Uint8Array, options?: { url?: string; option?: number }): XmlDoc };
  RelaxNGValidator: { fromDoc(doc: XmlDoc): { validate(doc: XmlDoc): void } };
  xmlRegisterInputProvider(p: { match(name: string): boolean; open(name: string): number | undefined; read(fd: number, buf: Uint8Array): number; close(fd: number): boolean }): boolean;
}
interface XmlDoc { dispose(): void }
interface Detail { message?: string; line?: number; xpath?: string }

/** A private base no real document lives under: the schemas' own includes resolve against it. */
const BASE = 'file:///bdm-lab/libvirt-schemas/';
const DOCUMENT_URL = 'file:///bdm-lab/document.xml';
/** NONET, NO_XXE, NO_SYS_CATALOG and BIG_LINES (line numbers past 65535): no entity or DTD loading, no catalog. */
const DOCUMENT_OPTIONS = 2048 | 8388608 | 33554432 | 4194304;
/** The most a document may be before it is not handed over (the editor's own limit is lower). */
const MAX_CHARS = 20 * 1024 * 1024;

/** Where libvirt's .rng files are: next to the bundle first, then the system's (libvirtxml SCHEMA_DIRS). */
export function schemaDirCandidates(systemDirs: readonly string[]): string[] {
  return [join(__dirname, 'libvirt-schemas'), ...systemDirs];
}

function findSchemas(dirs: readonly string[]): { dir: string; files: Map<string, Buffer> } | null {
  for (const dir of dirs) {
    try {
      if (!statSync(join(dir, 'domain.rng')).isFile()) continue;
      const files = new Map<string, Buffer>();
      for (const f of readdirSync(dir)) if (/^[a-z_]+\.rng$/.test(f)) files.set(BASE + f, readFileSync(join(dir, f)));
      return { dir, files };
    } catch {
      continue;
    }
  }
  return null;
}

/**
 * How the engine (an ES module) is imported: with the import the built command's loader provides
 * (scripts/cli-loader.mjs: a bundle evaluated from V8's code cache has no working import() of its
 * own in Node 20), else import().
 */
const IMPORT_HOOK = Symbol.for('bdm-lab.importModule');
function importModule(spec: string): Promise<unknown> {
  const hook = (globalThis as Record<symbol, unknown>)[IMPORT_HOOK];
  return typeof hook === 'function' ? (hook as (s: string) => Promise<unknown>)(spec) : import(spec);
}

async function loadEngine(): Promise<Libxml2 | null> {
  // the bundled engine next to dist/server.js and dist/cli-main.cjs, else the package itself (tests, source runs)
  const bundled = pathToFileURL(join(__dirname, 'lazy', 'libxml2.mjs')).href;
  for (const spec of [bundled, 'libxml2-wasm']) {
    try {
      return (await importModule(spec)) as Libxml2;
    } catch {
      continue;
    }
  }
  return null;
}

let registered: Map<string, Buffer> | null = null;

/** One provider for the process: it serves the schema files read into memory, nothing else. */
function registerSchemas(lib: Libxml2, files: Map<string, Buffer>): void {
  if (registered) {
    for (const [k, v] of files) registered.set(k, v);
    return;
  }
  registered = new Map(files);
  const open = new Map<number, { b: Buffer; pos: number }>();
  let next = 1;
  lib.xmlRegisterInputProvider({
    match: (name) => registered!.has(name),
    open(name) {
      const b = registered!.get(name);
      if (!b) return undefined;
      open.set(next, { b, pos: 0 });
      return next++;
    },
    read(fd, buf) {
      const o = open.get(fd);
      if (!o) return -1;
      const n = Math.min(buf.byteLength, o.b.length - o.pos);
      buf.set(o.b.subarray(o.pos, o.pos + n));
      o.pos += n;
      return n;
    },
    close: (fd) => open.delete(fd),
  });
}

function details(e: unknown): Detail[] {
  const d = (e as { details?: Detail[] })?.details;
  return Array.isArray(d) && d.length ? d : [{ message: e instanceof Error ? e.message : String(e), line: 0 }];
}

function toErrors(ds: Detail[]): SchemaError[] {
  return ds.map((d) => ({ line: d.line ?? 0, message: (d.message ?? 'does not validate').trim(), element: d.xpath ? lastElement(d.xpath) : undefined }));
}

/**
 * The element an error's xpath ends with (`/domain/devices/disk[2]` → `disk`), read backwards
 * from its end: the run of name characters before an optional `[N]`, from its first letter or
 * underscore. (One pattern anchored at the end did the same in N² steps on a long name that a
 * character outside \w ends.)
 */
export function lastElement(xpath: string): string | undefined {
  const bracket = xpath.lastIndexOf('[');
  let end = xpath.length;
  if (bracket >= 0 && /^\[\d+\]$/.test(xpath.slice(bracket))) end = bracket;
  let start = end;
  while (start > 0 && /[\w.-]/.test(xpath[start - 1]!)) start--;
  while (start < end && !/[A-Za-z_]/.test(xpath[start]!)) start++;
  return start < end ? xpath.slice(start, end) : undefined;
}

function compile(lib: Libxml2, files: Map<string, Buffer>): InProcessValidator {
  registerSchemas(lib, files);
  const rng = lib.XmlDocument.fromBuffer(files.get(`${BASE}domain.rng`)!, { url: `${BASE}domain.rng`, option: 2048 });
  const schema = lib.RelaxNGValidator.fromDoc(rng);
  return {
    validate(text: string): SchemaError[] {
      if (text.length > MAX_CHARS) return [{ line: 0, message: 'the document is too large for the in-process schema check' }];
      let doc: XmlDoc;
      try {
        doc = lib.XmlDocument.fromString(text, { url: DOCUMENT_URL, option: DOCUMENT_OPTIONS });
      } catch (e) {
        return toErrors(details(e));
      }
      try {
        schema.validate(doc);
        return [];
      } catch (e) {
        return toErrors(details(e));
      } finally {
        doc.dispose();
      }
    },
  };
}

export interface RelaxNgOptions {
  /**
   * A process that checks once and exits (the CLI): V8 compiles the WebAssembly engine with its
   * baseline compiler only. Its optimizing tier would recompile the hot part of the 1 MB module in
   * the background, which a long-lived process (the language server) gains from and a one-shot
   * check pays for: about a third of the CPU of `bdm-lab check` on a 1 000-disk domain. Set
   * before the engine loads, so it only concerns the WebAssembly compiled from then on.
   */
  shortLived?: boolean;
}

/**
 * The in-process RelaxNG port: the engine and libvirt's schemas are loaded on the first `load()`
 * and kept for the process. `dirs` overrides where the schemas are looked for (tests).
 */
export function nodeRelaxNg(dirs: readonly string[], options: RelaxNgOptions = {}): RelaxNgPort {
  let loading: Promise<InProcessValidator | { unavailable: string }> | null = null;
  return {
    load() {
      loading ??= (async () => {
        const schemas = findSchemas(dirs);
        if (!schemas) return { unavailable: `libvirt's RelaxNG schemas were not found (looked in ${dirs.join(', ')})` };
        if (options.shortLived) setFlagsFromString('--liftoff-only');
        const lib = await loadEngine();
        if (!lib) return { unavailable: 'the in-process XML engine (libxml2-wasm) could not be loaded' };
        try {
          return compile(lib, schemas.files);
        } catch (e) {
          return { unavailable: `libvirt's schema in ${schemas.dir} did not compile: ${e instanceof Error ? e.message : String(e)}` };
        }
      })();
      return loading;
    },
  };
}

let shared: RelaxNgPort | null = null;
/** The process's one in-process validator: the bundle's schemas, else those in `systemDirs` (options: the first call's). */
export function sharedRelaxNg(systemDirs: readonly string[], options: RelaxNgOptions = {}): RelaxNgPort {
  return (shared ??= nodeRelaxNg(schemaDirCandidates(systemDirs), options));
}
