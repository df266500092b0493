// ESLint (npm run lint, the lint tier of npm test): ESLint's and typescript-eslint's recommended
// rules (syntax only, no type information, to stay fast), import cycles, and the allowed arrows
// of ARCHITECTURE.md that an import can break. The plugins come from tools/lint (see there why).
import { builtinModules } from 'node:module';
import { createNodeResolver, globals, importX, js, tseslint } from 'bdm-lab-lint';

/** The edges: only they may reach the host (Node built-ins); lsp/ and server.ts also the editor. */
const HOST_EDGES = ['server/src/host/**', 'server/src/cli/**', 'server/src/cli.ts'];
const EDITOR_EDGES = ['server/src/lsp/**', 'server/src/server.ts'];

const noEditor = {
  group: ['vscode', 'vscode/*', 'vscode-languageserver*', 'vscode-languageclient*'],
  message: 'the domain runs without an editor: only lsp/ and server.ts import vscode* (ARCHITECTURE.md)',
};
const noHost = {
  message: 'the pure core does no host I/O: take a port of server/src/ports.ts as a parameter; server/src/host/ implements it (ARCHITECTURE.md)',
};
const builtins = builtinModules.filter((m) => !m.startsWith('_'));

export default tseslint.config(
  {
    ignores: ['dist/**', 'node_modules/**', 'tools/lint/node_modules/**', 'server/src/generated/**', 'test-results/**', 'out/**', '.cache/**', '.vscode-test/**'],
  },
  js.configs.recommended,
  tseslint.configs.recommended,
  {
    languageOptions: {
      ecmaVersion: 2022,
      sourceType: 'module',
      globals: { ...globals.node },
    },
    plugins: { 'import-x': importX },
    settings: {
      // import-x reads (for no-cycle) only the files with these extensions, TypeScript with its parser.
      'import-x/extensions': ['.ts', '.mts', '.cts', '.js', '.mjs', '.cjs'],
      'import-x/resolver-next': [createNodeResolver({ extensions: ['.ts', '.mts', '.cts', '.js', '.mjs', '.cjs', '.json', '.node'] })],
    },
    linterOptions: { reportUnusedDisableDirectives: 'error' },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrors: 'none', ignoreRestSiblings: true }],
      eqeqeq: ['error', 'always', { null: 'ignore' }],
      'import-x/no-cycle': 'error',
      '@typescript-eslint/no-explicit-any': 'warn',
      'no-var': 'error',
      'prefer-const': 'error',
      // Off: the checks of hostile input match control characters on purpose, to refuse them.
      'no-control-regex': 'off',
      // Off: the tests spell fixed-width text columns as they look ('  +3.800s'), not as ' {2}'.
      'no-regex-spaces': 'off',
    },
  },
  {
    // CommonJS: the schema formats shared with the build (.cjs), and the suite VS Code's extension
    // host loads with require (test/e2e/suite): require is how they import.
    files: ['**/*.cjs', 'test/e2e/suite/**/*.js'],
    languageOptions: { sourceType: 'commonjs' },
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
  {
    // The UI tests hand these callbacks to the browser page (page.evaluate): they run there.
    files: ['test/e2e/ui/**'],
    languageOptions: { globals: { ...globals.browser } },
  },
  {
    // The pure core: neither the editor nor the host.
    files: ['server/src/**/*.{ts,mts,cts,js,mjs,cjs}'],
    ignores: [...HOST_EDGES, ...EDITOR_EDGES],
    rules: {
      'no-restricted-imports': ['error', { paths: builtins.map((name) => ({ name, ...noHost })), patterns: [{ group: ['node:*'], ...noHost }, noEditor] }],
    },
  },
  {
    // The host edge and the CLI: Node built-ins, but no editor.
    files: HOST_EDGES.map((g) => (g.endsWith('/**') ? `${g}/*.{ts,mts,cts,js,mjs,cjs}` : g)),
    rules: {
      'no-restricted-imports': ['error', { patterns: [noEditor] }],
    },
  },
);
