/**
 * The `bdm-lab` command: the same domain modules as the language server, for CI pipelines.
 *   bdm-lab check  [--context FILE] [--lab FILE|NAME] [--format text|json|sarif] [--max-file-size BYTES] [--max-problems N] [--stdin-name NAME] FILE...
 *   bdm-lab xml    [--context FILE] [--lab FILE|NAME] [--format xml|json] FILE
 *   bdm-lab attach --lab FILE|NAME [...] [REQUEST_FILE]
 * (the whole usage text: cli/common.ts USAGE). Exit codes: 0 fine, 1 Nova (or libvirt) would
 * refuse, 2 usage error or unusable input. One argument parser, io, pair of errors and set of
 * loaders for all subcommands (cli/common.ts, cli/io.ts). Never prints a stack trace. Text
 * reaching the terminal has its control characters escaped (cli/safeText.ts); files are read
 * only if regular and within --max-file-size (cli/io.ts).
 */
import { USAGE, UsageError, runCommand, type Command } from './cli/common';
import { guardProcessOutput, nodeIo, tuneForInput, tuneProcess, type CliIo } from './cli/io';
import { escapeValue } from './cli/safeText';

/** The process's engine settings, also for the build, which makes the lazy chunks' code caches under them (scripts/cli-loader.mjs). */
export { tuneForInput, tuneProcess } from './cli/io';

// Each subcommand's modules are set up when it runs (one bundle, evaluated on first use): a
// `check` of a JSON body does not load the attach engine or the host's child_process and crypto.
const COMMANDS: Record<string, { command: Command; prefix: string }> = {
  check: { command: (argv, io) => import('./cli/check').then((m) => m.runCheck(argv, io)), prefix: 'bdm-lab' },
  xml: { command: (argv, io) => import('./cli/xml').then((m) => m.runXml(argv, io)), prefix: 'bdm-lab' },
  attach: { command: (argv, io) => import('./cli/attach').then((m) => m.attachCommand(argv, io)), prefix: 'bdm-lab attach' },
};

/** Later subcommands register here (kept apart so check stays small). */
export function registerCommand(name: string, fn: Command): void {
  COMMANDS[name] = { command: fn, prefix: 'bdm-lab' };
}

export async function main(argv: string[], io: CliIo): Promise<number> {
  const [cmd, ...rest] = argv;
  const entry = cmd !== undefined && Object.prototype.hasOwnProperty.call(COMMANDS, cmd) ? COMMANDS[cmd] : undefined;
  if (entry) return runCommand(entry.prefix, entry.command, rest, io);
  return runCommand('bdm-lab', () => {
    if (!cmd || cmd === '--help' || cmd === '-h' || cmd === 'help') {
      (cmd ? io.stdout : io.stderr)(USAGE);
      return cmd ? 0 : 2;
    }
    if (cmd === '--version') { io.stdout('bdm-lab 0.1.0\n'); return 0; }
    throw new UsageError(`unknown command "${escapeValue(cmd)}"`);
  }, rest, io);
}

/**
 * The `bdm-lab` process: its arguments, its stdio, its exit status. Run when this module is the
 * process's entry (a source run), or by the built command's loader (scripts/cli-loader.mjs), which
 * evaluates the bundle with the code cache made at build time.
 */
export function runAsProcess(): void {
  tuneProcess();
  guardProcessOutput();
  // the process's engine settings (tuneProcess, tuneForInput) are this process's alone: not for main() run in another program
  main(process.argv.slice(2), { ...nodeIo(), beforeJudge: tuneForInput }).then((code) => { process.exitCode = code; }, () => { process.exitCode = 2; });
}

if (require.main === module) runAsProcess();
