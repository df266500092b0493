/**
 * Public surface of the attach engine for the language server, the webview and the CLI.
 * Plain data in, plain data out; no VS Code or LSP imports anywhere under attach/.
 * The folders: engine/ (clock, scheduler, world, a run's timeline), services/ (Cinder),
 * flows/ (hot attach, boot, detach, host connect, disk XML), backends/ (one folder per
 * protocol, registry.ts), input/ (lab hosts, the request body), output/ (text report).
 */
export { simulateAttach, simulateAttachMany } from './flows/simulate';
export { simulateBoot } from './flows/boot';
export { labLuksSecretUuid } from './flows/encryption';
export { loadLabHost, formatLabHostError, type LabHostError, type LabHostLoad } from './input/labhost';
export { EMBEDDED_LAB_HOSTS, DEFAULT_LAB_HOST, embeddedLabHostNames } from './input/embedded';
export { renderText, renderBootText } from './output/textReport';
export * from './types';
