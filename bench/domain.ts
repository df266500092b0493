/**
 * What the benchmark measures, bundled by esbuild exactly as the server's and the CLI's bundles are
 * (bench/run.ts builds it first): timing the shipped code, not tsx's on-the-fly transform.
 */
export { analyzeJson, MAX_ENTRIES } from '../server/src/analyze';
export { simulateBoot, simulateAttach, loadLabHost, EMBEDDED_LAB_HOSTS } from '../server/src/attach';
export { previewOf, previewDocument, entryPreviewMarkdown } from '../server/src/features/preview';
export { hoverJson } from '../server/src/features/hover';
export { completeJson } from '../server/src/features/completion';
export { nodeHashes } from '../server/src/host';
export { analyzeLibvirtXml } from '../server/src/libvirtxml/analyze';
