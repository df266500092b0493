/** The CLI bundle's file name next to the loader (dist/cli-main.cjs). */
export const BUNDLE: string;
/** Its code cache's file name. */
export const CACHE: string;
/** After the CLI bundle is built as DIR/cli-main.cjs: its key line, the loader DIR/cli.js and the code cache. */
export function finishCli(dir: string): void;
