/**
 * What runs a simulation, as one module: in the language server, its document worker and the CLI
 * it is a bundle of its own (`dist/lazy/simulator.cjs`, scripts/lazy-sources.mjs `lazyAttach`),
 * loaded the first time a simulation, a preview or an attach hover runs; checking a document never
 * loads it. Code outside attach/ reaches these only through `index.ts`.
 *
 * `AttachInputError` is exported from here too: the simulator throws its own bundle's class, so
 * the callers' `instanceof` must test that one.
 */
export { simulateAttach, simulateAttachMany } from './flows/simulate';
export { simulateBoot } from './flows/boot';
export { labLuksSecretUuid } from './flows/encryption';
export { renderText, renderBootText } from './output/textReport';
export { realLibvirtSteps } from './output/realSteps';
export { planRealAttach, realAttach } from './virsh';
export { AttachInputError } from './types';
