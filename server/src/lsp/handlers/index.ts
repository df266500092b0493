/** The handlers, one module per feature; each registers itself on the connection. */
export * as initialize from './initialize';
export * as diagnostics from './diagnostics';
export * as schemaCheck from './schemaCheck';
export * as hover from './hover';
export * as completion from './completion';
export * as symbols from './symbols';
export * as codeLens from './codeLens';
export * as codeActions from './codeActions';
export * as preview from './preview';
export * as simulate from './simulate';
export * as status from './status';
export * as labHosts from './labHosts';
