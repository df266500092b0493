// Bundles the extension client, the language server and the CLI with esbuild.
// Schemas are compiled to standalone ajv validators first (scripts/compile-schemas.mjs),
// so the server never compiles a schema at start-up.
import * as esbuild from 'esbuild';
import { execFileSync } from 'node:child_process';
import { chmodSync, copyFileSync, existsSync, mkdirSync, readdirSync, readFileSync, rmSync } from 'node:fs';

const production = process.argv.includes('--production');
execFileSync(process.execPath, ['scripts/compile-schemas.mjs'], { stdio: 'inherit' });

const common = {
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'cjs',
  sourcemap: !production,
  minify: production,
  logLevel: 'warning',
  // jsonc-parser's "main" is a UMD build whose dynamic requires esbuild cannot follow.
  mainFields: ['module', 'main'],
};

// The validators loaded on first use (server/src/generated/lazy/, see compile-schemas.mjs):
// each bundled on its own into dist/lazy/, where the bundles' relative require finds it.
rmSync('dist/lazy', { recursive: true, force: true });
const lazy = readdirSync('server/src/generated/lazy').filter((f) => f.endsWith('.cjs')).map((f) => `server/src/generated/lazy/${f}`);

// The sources of documents that hold requests and bring a parser of their own (the shell's
// words, Heat's and Ansible's YAML, Terraform's HCL) are bundles of their own too, loaded when the registry
// first reads such a document: in the server, the worker and the CLI, `import { x } from
// './heat'` in server/src/source/registry.ts becomes a module whose exports load
// dist/lazy/source-heat.cjs on first use. Their cheap `mentions` tests stay in the main bundle.
const LAZY_SOURCES = ['oscCli', 'heat', 'terraform', 'ansible'].filter((n) => existsSync(`server/src/source/${n}/index.ts`));
const registryText = readFileSync('server/src/source/registry.ts', 'utf8');
const lazySources = {
  name: 'lazy-sources',
  setup(build) {
    build.onResolve({ filter: new RegExp(`^\\./(${LAZY_SOURCES.join('|')})$`) }, (args) => (args.importer.replace(/\\/g, '/').endsWith('server/src/source/registry.ts') ? { path: args.path.slice(2), namespace: 'lazy-source' } : undefined));
    build.onLoad({ filter: /.*/, namespace: 'lazy-source' }, (args) => {
      const names = new RegExp(`import\\s*\\{([^}]*)\\}\\s*from\\s*'\\./${args.path}'`).exec(registryText)?.[1].split(',').map((n) => n.trim()).filter((n) => n && !n.startsWith('type ')) ?? [];
      if (!names.length) throw new Error(`build: registry.ts imports nothing from ./${args.path}`);
      const getters = names.map((n) => `Object.defineProperty(exports, ${JSON.stringify(n)}, { enumerable: true, get: () => load()[${JSON.stringify(n)}] });`).join('\n');
      // a require esbuild does not follow: the bundle next to this one, in dist/lazy/
      return { contents: `let m;\nconst r = require;\nconst load = () => (m ??= r('./lazy/source-${args.path}.cjs'));\n${getters}\n`, loader: 'js' };
    });
  },
};

await Promise.all([
  esbuild.build({ ...common, sourcemap: false, entryPoints: lazy, outdir: 'dist/lazy', outExtension: { '.js': '.cjs' } }),
  ...LAZY_SOURCES.map((n) => esbuild.build({ ...common, sourcemap: false, entryPoints: [`server/src/source/${n}/index.ts`], outfile: `dist/lazy/source-${n}.cjs` })),
  // libvirt's schema check in-process (server/src/host/relaxng.ts): libxml2 as WebAssembly, an ES
  // module of its own that the server and the CLI import on the first check only
  esbuild.build({ ...common, format: 'esm', sourcemap: false, entryPoints: ['node_modules/libxml2-wasm/lib/index.mjs'], outfile: 'dist/lazy/libxml2.mjs' }),
  esbuild.build({ ...common, entryPoints: ['client/src/extension.ts'], outfile: 'dist/client.js', external: ['vscode'] }),
  esbuild.build({ ...common, entryPoints: ['server/src/server.ts'], outfile: 'dist/server.js', plugins: [lazySources] }),
  // the document worker: it owns the analyses of large documents (server/src/lsp/documentWorker.ts)
  esbuild.build({ ...common, entryPoints: ['server/src/lsp/workerThread.ts'], outfile: 'dist/worker.js', plugins: [lazySources] }),
  esbuild.build({ ...common, entryPoints: ['server/src/cli.ts'], outfile: 'dist/cli.js', banner: { js: '#!/usr/bin/env node' }, plugins: [lazySources] }),
]);
chmodSync('dist/cli.js', 0o755);

// libvirt's RelaxNG schemas, for the in-process check: copied from this machine's libvirt package
// at build time (they are libvirt's files, never kept in this repository). Without them the
// check falls back to the schemas installed where it runs, then to xmllint.
const LIBVIRT_SCHEMAS = process.env.BDM_LAB_LIBVIRT_SCHEMAS || '/usr/share/libvirt/schemas';
rmSync('dist/libvirt-schemas', { recursive: true, force: true });
if (existsSync(`${LIBVIRT_SCHEMAS}/domain.rng`)) {
  mkdirSync('dist/libvirt-schemas', { recursive: true });
  const rng = readdirSync(LIBVIRT_SCHEMAS).filter((f) => /^[a-z_]+\.rng$/.test(f));
  for (const f of rng) copyFileSync(`${LIBVIRT_SCHEMAS}/${f}`, `dist/libvirt-schemas/${f}`);
} else {
  console.warn(`build: libvirt's RelaxNG schemas not found in ${LIBVIRT_SCHEMAS} (install libvirt-clients, or set BDM_LAB_LIBVIRT_SCHEMAS): the bundle carries none, so the schema check will use the schemas installed where it runs, else xmllint, else it is skipped`);
}
