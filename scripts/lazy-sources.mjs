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

/** The esbuild plugin that puts a loader in place of registry.ts's imports of the lazy sources. */
export const lazySources = {
  name: 'lazy-sources',
  setup(build) {
    build.onResolve({ filter: new RegExp(`^\\./(${LAZY_SOURCES.join('|')})$`) }, (args) => (args.importer.replace(/\\/g, '/').endsWith('server/src/source/registry.ts') ? { path: args.path.slice(2), namespace: 'lazy-source' } : undefined));
    build.onLoad({ filter: /.*/, namespace: 'lazy-source' }, (args) => {
      const names = new RegExp(`import\\s*\\{([^}]*)\\}\\s*from\\s*'\\./${args.path}'`).exec(registryText)?.[1].split(',').map((n) => n.trim()).filter((n) => n && !n.startsWith('type ')) ?? [];
      if (!names.length) throw new Error(`build: registry.ts imports nothing from ./${args.path}`);
      const getters = names.map((n) => `Object.defineProperty(exports, ${JSON.stringify(n)}, { enumerable: true, get: () => load()[${JSON.stringify(n)}] });`).join('\n');
      // a require esbuild does not follow: the bundle next to this one, in lazy/
      return { contents: `let m;\nconst r = require;\nconst load = () => (m ??= r('./lazy/source-${args.path}.cjs'));\n${getters}\n`, loader: 'js' };
    });
  },
};
