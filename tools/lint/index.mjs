// What eslint.config.mjs uses, resolved from this folder: typescript-eslint here parses with
// this folder's TypeScript 5 (its parser needs the TypeScript 5 API; the project itself
// compiles with TypeScript 7).
export { default as js } from '@eslint/js';
export { default as tseslint } from 'typescript-eslint';
export { default as importX, createNodeResolver } from 'eslint-plugin-import-x';
export { default as globals } from 'globals';
