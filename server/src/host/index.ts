export { nodeHost, nodeHashes, nodeFileSystem, nodeTempFiles, runProgram } from './node';
export { readBounded, within, type BoundedRead } from './boundedRead';
export { nodeRelaxNg, sharedRelaxNg, schemaDirCandidates } from './relaxng';
