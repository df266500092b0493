// The sources of documents that hold requests and bring a parser of their own (the shell's
// words, Heat's and Ansible's YAML, Terraform's HCL) are bundles of their own, loaded when the
// registry first reads such a document: in the server, the worker and the CLI, `import { x } from
// './heat'` in server/src/source/registry.ts becomes a module whose exports load
// lazy/source-heat.cjs (next to the bundle) on first use. Their cheap `mentions` tests stay in the
// main bundle. Used by scripts/build.mjs and bench/run.ts, so the bench measures what ships.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

const ROOT = join(import.meta.dirname, '..');
const SOURCE = join(ROOT, 'server', 'src', 'source');

/** the sources bundled apart, by folder name under server/src/source/ */
export const LAZY_SOURCES = ['oscCli', 'heat', 'terraform', 'ansible'].filter((n) => existsSync(join(SOURCE, n, 'index.ts')));

/** the entry point of each lazy source's own bundle, and its file name in lazy/ */
export const lazySourceEntries = () => LAZY_SOURCES.map((n) => ({ entry: join(SOURCE, n, 'index.ts'), out: `source-${n}.cjs` }));

const registryText = readFileSync(join(SOURCE, 'registry.ts'), 'utf8');

/**
 * The module that stands in for a lazy bundle: each name a getter that requires `lazy/<file>`
 * (next to the bundle; a require esbuild does not follow) on first use.
 */
function loaderModule(names, file) {
  const getters = names.map((n) => `Object.defineProperty(exports, ${JSON.stringify(n)}, { enumerable: true, get: () => load()[${JSON.stringify(n)}] });`).join('\n');
  return { contents: `let m;\nconst r = require;\nconst load = () => (m ??= r('./lazy/${file}'));\n${getters}\n`, loader: 'js' };
}

/** The esbuild plugin that puts a loader in place of registry.ts's imports of the lazy sources. */
export const lazySources = {
  name: 'lazy-sources',
  setup(build) {
    build.onResolve({ filter: new RegExp(`^\\./(${LAZY_SOURCES.join('|')})$`) }, (args) => (args.importer.replace(/\\/g, '/').endsWith('server/src/source/registry.ts') ? { path: args.path.slice(2), namespace: 'lazy-source' } : undefined));
    build.onLoad({ filter: /.*/, namespace: 'lazy-source' }, (args) => {
      const names = new RegExp(`import\\s*\\{([^}]*)\\}\\s*from\\s*'\\./${args.path}'`).exec(registryText)?.[1].split(',').map((n) => n.trim()).filter((n) => n && !n.startsWith('type ')) ?? [];
      if (!names.length) throw new Error(`build: registry.ts imports nothing from ./${args.path}`);
      return loaderModule(names, `source-${args.path}.cjs`);
    });
  },
};

// libvirt's XML domain (server/src/libvirtxml/) is a bundle of its own for the language server,
// its document worker and the CLI, loaded when the first XML document is judged: a JSON body
// never loads it. Every import of the folder's index from outside the folder becomes a module
// whose exports load lazy/libvirtxml.cjs on first use (as for the sources above); what the
// folder's modules import of each other stays inside that bundle. In the CLI it is outside the
// code cache (cli-loader.mjs): a check of a JSON body reads, and V8 deserializes, a fifth less
// (CPU of the process, medians of interleaved runs: 10 000 entries -2 to -4 %, 1 entry -5 %;
// an XML file with libvirt's schema check within the noise, +-4 %).
const LIBVIRTXML = join(ROOT, 'server', 'src', 'libvirtxml');
export const LAZY_LIBVIRTXML = { entry: join(LIBVIRTXML, 'index.ts'), out: 'libvirtxml.cjs' };
/** A module's value exports (`export { a, b } from './x'`; `export type` lines and `type x` names are types only). */
function valueExports(file) {
  return [...readFileSync(file, 'utf8').matchAll(/^export \{([^}]*)\} from/gm)].flatMap((m) => m[1].split(',').map((n) => n.trim()).filter((n) => n && !n.startsWith('type ')));
}

/**
 * The esbuild plugin that puts a loader of lazy/<out> in place of the imports `filter` matches
 * from an importer `takes` (its path with forward slashes): the loader's getters are `entry`'s
 * value exports.
 */
function lazyModule(name, filter, takes, { entry, out }) {
  const names = valueExports(entry);
  return {
    name,
    setup(build) {
      build.onResolve({ filter }, (args) => (takes(args.importer.replace(/\\/g, '/')) ? { path: out, namespace: name } : undefined));
      build.onLoad({ filter: /.*/, namespace: name }, () => {
        if (!names.length) throw new Error(`build: ${entry} exports nothing`);
        return loaderModule(names, out);
      });
    },
  };
}

export const lazyLibvirtXml = lazyModule('lazy-libvirtxml', /^(\.\.?\/)+libvirtxml$/, (from) => !from.startsWith(LIBVIRTXML.replace(/\\/g, '/') + '/'), LAZY_LIBVIRTXML);

// The attach simulator (server/src/attach/simulator.ts: the flows, Cinder, the backends, the
// engine, the text report, the real virsh step) is a bundle of its own, lazy/simulator.cjs, loaded
// on the first simulation, preview or attach hover: checking a document never runs it. Only
// attach/index.ts imports simulator.ts; the lab hosts and the types stay in the main bundle.
const ATTACH = join(ROOT, 'server', 'src', 'attach');
export const LAZY_ATTACH = { entry: join(ATTACH, 'simulator.ts'), out: 'simulator.cjs' };
export const lazyAttach = lazyModule('lazy-attach', /^\.\/simulator$/, (from) => from.endsWith('server/src/attach/index.ts'), LAZY_ATTACH);
