export { nodeHost, nodeHashes, nodeFileSystem, nodeTempFiles, runProgram } from './node';
export { readBounded, within, type BoundedRead } from './boundedRead';
