// Bundles the extension client, the language server and the CLI with esbuild.
// Schemas are compiled to standalone ajv validators first (scripts/compile-schemas.mjs),
// so the server never compiles a schema at start-up.
import * as esbuild from 'esbuild';
import { execFileSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, readdirSync, rmSync } from 'node:fs';
// the openstack CLI, Heat, Terraform and Ansible sources: bundles of their own (see lazy-sources.mjs)
import { LAZY_ATTACH, LAZY_LIBVIRTXML, LAZY_SOURCES, lazyAttach, lazyLibvirtXml, lazySources } from './lazy-sources.mjs';
import { BUNDLE as CLI_BUNDLE, SERVER_BUNDLE, finishCli, finishServer } from './cli-loader.mjs';
import { libxml2WasmFile } from './libxml2-wasm.mjs';
// libvirt's domain schema as a table, for XML completion and hover: a lazy chunk of its own
import { lazyDomainSchema, TABLE_ENTRY, TABLE_CHUNK } from './libvirt-domain-catalog.mjs';

const production = process.argv.includes('--production');
execFileSync(process.execPath, ['scripts/compile-schemas.mjs'], { stdio: 'inherit' });

const common = {
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'cjs',
  // minified always (development builds keep their source maps): the command and the server
  // start from less text, and a process pays for each page it touches (bench/results.md, the
  // processes' minor page faults): `bdm-lab check` of a 1-entry body 148 -> 142 ms CPU, of
  // 10 000 entries 317 -> 308 ms (medians of interleaved runs)
  sourcemap: !production,
  minify: true,
  logLevel: 'warning',
  // jsonc-parser's "main" is a UMD build whose dynamic requires esbuild cannot follow.
  mainFields: ['module', 'main'],
};

// The validators loaded on first use (server/src/generated/lazy/, see compile-schemas.mjs):
// each bundled on its own into dist/lazy/, where the bundles' relative require finds it.
rmSync('dist/lazy', { recursive: true, force: true });
const lazy = readdirSync('server/src/generated/lazy').filter((f) => f.endsWith('.cjs')).map((f) => `server/src/generated/lazy/${f}`);
// every chunk of dist/lazy/ has a name of its own (a validator named like a chunk would be overwritten)
const chunkNames = [...lazy.map((f) => f.split('/').pop()), ...LAZY_SOURCES.map((n) => `source-${n}.cjs`), LAZY_LIBVIRTXML.out, LAZY_ATTACH.out, TABLE_CHUNK];
const clash = chunkNames.find((n, i) => chunkNames.indexOf(n) !== i);
if (clash) throw new Error(`build: two chunks of dist/lazy/ are named ${clash}`);

await Promise.all([
  esbuild.build({ ...common, sourcemap: false, entryPoints: lazy, outdir: 'dist/lazy', outExtension: { '.js': '.cjs' } }),
  ...LAZY_SOURCES.map((n) => esbuild.build({ ...common, sourcemap: false, entryPoints: [`server/src/source/${n}/index.ts`], outfile: `dist/lazy/source-${n}.cjs` })),
  // libvirt's XML domain, loaded by the server and the worker on the first XML document
  esbuild.build({ ...common, sourcemap: false, entryPoints: [LAZY_LIBVIRTXML.entry], outfile: `dist/lazy/${LAZY_LIBVIRTXML.out}`, plugins: [lazyDomainSchema('.')] }),
  // the attach simulator, loaded on the first simulation, preview or attach hover
  esbuild.build({ ...common, sourcemap: false, entryPoints: [LAZY_ATTACH.entry], outfile: `dist/lazy/${LAZY_ATTACH.out}` }),
  esbuild.build({ ...common, sourcemap: false, stdin: TABLE_ENTRY, outfile: `dist/lazy/${TABLE_CHUNK}` }),
  // libvirt's schema check in-process (server/src/host/relaxng.ts): libxml2 as WebAssembly, an ES
  // module of its own that the server and the CLI import on the first check only; its binary in a
  // file of its own next to it (scripts/libxml2-wasm.mjs)
  esbuild.build({ ...common, format: 'esm', sourcemap: false, entryPoints: ['node_modules/libxml2-wasm/lib/index.mjs'], outfile: 'dist/lazy/libxml2.mjs', plugins: [libxml2WasmFile('dist/lazy')] }),
  esbuild.build({ ...common, entryPoints: ['client/src/extension.ts'], outfile: 'dist/client.js', external: ['vscode'] }),
  // the language server: the bundle, then dist/server.js, its loader, with the code cache made here (cli-loader.mjs)
  esbuild.build({ ...common, entryPoints: ['server/src/server.ts'], outfile: `dist/${SERVER_BUNDLE}`, plugins: [lazySources, lazyLibvirtXml, lazyAttach] }),
  // the document worker: it owns the analyses of large documents (server/src/lsp/documentWorker.ts)
  esbuild.build({ ...common, entryPoints: ['server/src/lsp/workerThread.ts'], outfile: 'dist/worker.js', plugins: [lazySources, lazyLibvirtXml, lazyAttach] }),
  // the CLI: the bundle, then dist/cli.js, the loader that evaluates it with the code cache made here (cli-loader.mjs);
  // libvirt's XML domain stays in dist/lazy/ as for the server: a check of a JSON body never loads it
  esbuild.build({ ...common, entryPoints: ['server/src/cli.ts'], outfile: `dist/${CLI_BUNDLE}`, plugins: [lazySources, lazyLibvirtXml, lazyAttach] }),
]);
rmSync('dist/cli.js.map', { force: true });
rmSync('dist/server.js.map', { force: true });
finishCli('dist');
finishServer('dist');

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
