/** The CLI bundle's file name next to the loader (dist/cli-main.cjs). */
export const BUNDLE: string;
/** Its code cache's file name. */
export const CACHE: string;
/** After the CLI bundle is built as DIR/cli-main.cjs: its key line, the loader DIR/cli.js and the code cache. */
export function finishCli(dir: string): void;
/** The server bundle's file name next to its loader (dist/server-main.cjs; dist/server.js is the loader). */
export const SERVER_BUNDLE: string;
/** Its code cache's file name. */
export const SERVER_CACHE: string;
/** After the server bundle is built as DIR/server-main.cjs: its key line, the loader DIR/server.js and the code cache (made by a first check run through it). */
export function finishServer(dir: string): void;
