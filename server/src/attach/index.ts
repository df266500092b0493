/**
 * Public surface of the attach engine for the language server, the webview and the CLI.
 * Plain data in, plain data out; no VS Code or LSP imports anywhere under attach/.
 */
export { simulateAttach, simulateAttachMany } from './flows/simulate';
export { simulateBoot } from './flows/boot';
export { loadLabHost, formatLabHostError, type LabHostError, type LabHostLoad } from './input/labhost';
export { EMBEDDED_LAB_HOSTS, DEFAULT_LAB_HOST, embeddedLabHostNames } from './input/embedded';
export { renderText, renderBootText } from './output/textReport';
export * from './types';
