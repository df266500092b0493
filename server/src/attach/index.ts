/**
 * Public surface of the attach engine for the language server, the webview and the CLI.
 * Plain data in, plain data out; no VS Code or LSP imports anywhere under attach/.
 * The folders: engine/ (clock, scheduler, world, a run's timeline), services/ (Cinder),
 * flows/ (hot attach, boot, detach, host connect, disk XML), backends/ (one folder per
 * protocol, registry.ts), input/ (lab hosts, the request body), output/ (text report).
 * What runs a simulation is `simulator.ts`, a bundle loaded on first use in the built server
 * and CLI; the lab hosts and the types stay in the main bundle.
 */
export { simulateAttach, simulateAttachMany, simulateBoot, labLuksSecretUuid, renderText, renderBootText, realLibvirtSteps, planRealAttach, realAttach, AttachInputError } from './simulator';
export { loadLabHost, formatLabHostError, type LabHostError, type LabHostLoad } from './input/labhost';
export { EMBEDDED_LAB_HOSTS, DEFAULT_LAB_HOST, embeddedLabHostNames } from './input/embedded';
export * from './types';
