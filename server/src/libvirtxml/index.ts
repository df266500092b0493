/**
 * Public surface of the libvirt XML domain (no vscode or LSP imports anywhere
 * under this folder). The language server and the CLI import from here.
 */
export { isLibvirtXml, libvirtRootOf } from './recognize';
export { analyzeLibvirtXml } from './analyze';
export { parseXml } from './parse';
export { RULES, ruleById, codeInfo, OTHER_CODES } from './rules';
export type { Rule, Finding } from './rules';
export { CATALOG, elementInfo } from './catalog';
export { hoverAt } from './hover';
export { attributeValueAt } from './cursor';
export { xmlDomainFixes } from './fixes';
export { completeAt } from './completion';
export type { CompletionEntry } from './completion';
export { runLibvirtSchemaCheck, wrapForDomainSchema, schemaUpstream, SCHEMA_ID, SCHEMA_DIRS } from './schemaCheck';
export type { SchemaCheckHost, SchemaCheckResult, SchemaCheckOptions, RelaxNgPort, InProcessValidator, SchemaError } from './schemaCheck';
export { findExternalReference } from './externalRefs';
export type { ExternalReference } from './externalRefs';
export type { Span, Severity, Problem, LibvirtAnalysis, LibvirtRoot, DiskSummary } from './types';
