/**
 * The `bdm-lab` command: the same domain modules as the language server, for CI pipelines.
 *   bdm-lab check [--context FILE] [--format text|json|sarif] [--max-file-size BYTES] [--max-problems N] FILE...
 *   bdm-lab xml   [--context FILE] [--lab FILE] [--format xml|json] FILE
 *   bdm-lab attach --lab FILE [...] [REQUEST_FILE]
 * Exit codes: 0 fine, 1 Nova (or libvirt) would refuse, 2 usage error or unusable input.
 * Never prints a stack trace. Text reaching the terminal has its control characters escaped
 * (cli/safeText.ts); files are read only if regular and within --max-file-size (cli/io.ts).
 */
import { runCheck } from './cli/check';
import { runXml } from './cli/xml';
import { runAttachCli } from './attach/cli';
import { UsageError, InputError } from './cli/common';
import { nodeIo, type CliIo } from './cli/io';
import { escapeOutput, escapeValue } from './cli/safeText';

const USAGE = `Usage:
  bdm-lab check  [--context FILE] [--lab FILE|NAME] [--no-libvirt-schema] [--format text|json|sarif]
                 [--max-file-size BYTES] [--max-problems N] FILE...
  bdm-lab xml    [--context FILE] [--lab FILE] [--format xml|json] FILE
  bdm-lab attach --lab FILE [--context FILE] [--instance UUID] [--volume ID] [--profile P]
                 [--detach-after S | --detach-at STATUS] [--format text|json] [REQUEST_FILE]
  bdm-lab --help | --version
`;

const extra: Record<string, (argv: string[], io: CliIo) => number | Promise<number>> = {};
/** Later subcommands register here (kept apart so check stays small). */
export function registerCommand(name: string, fn: (argv: string[], io: CliIo) => number | Promise<number>): void {
  extra[name] = fn;
}

export async function main(argv: string[], rawIo: CliIo): Promise<number> {
  const [cmd, ...rest] = argv;
  // stderr is always text: the safety net escapes whatever a message forgot (LF passes).
  const io: CliIo = { ...rawIo, stderr: (s) => rawIo.stderr(escapeOutput(s)) };
  try {
    if (!cmd || cmd === '--help' || cmd === '-h' || cmd === 'help') {
      (cmd ? io.stdout : io.stderr)(USAGE);
      return cmd ? 0 : 2;
    }
    if (cmd === '--version') { io.stdout('bdm-lab 0.1.0\n'); return 0; }
    if (cmd === 'check') return await runCheck(rest, io);
    if (cmd === 'xml') return runXml(rest, io);
    if (cmd === 'attach') return await runAttachCli(rest, io);
    if (extra[cmd]) return await extra[cmd](rest, io);
    throw new UsageError(`unknown command "${escapeValue(cmd)}"`);
  } catch (e) {
    if (e instanceof UsageError) { io.stderr(`bdm-lab: ${e.message}\n${USAGE}`); return 2; }
    if (e instanceof InputError) { io.stderr(`bdm-lab: ${e.message}\n`); return 2; }
    io.stderr(`bdm-lab: internal error: ${escapeValue((e as Error)?.message ?? String(e))}\n`);
    return 2;
  }
}

if (require.main === module) {
  main(process.argv.slice(2), nodeIo()).then((code) => { process.exitCode = code; }, () => { process.exitCode = 2; });
}
