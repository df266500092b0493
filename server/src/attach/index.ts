/**
 * Public surface of the attach engine for the language server, the webview and the CLI.
 * Plain data in, plain data out; no VS Code or LSP imports anywhere under attach/.
 */
export { simulateAttach, simulateAttachMany } from './simulate';
export { simulateBoot } from './boot';
export { loadLabHost, formatLabHostError, type LabHostError, type LabHostLoad } from './labhost';
export { EMBEDDED_LAB_HOSTS, DEFAULT_LAB_HOST, embeddedLabHostNames } from './embedded';
export { renderText, renderBootText } from './textReport';
export * from './types';
