/**
 * What every subcommand of the `bdm-lab` command shares: the usage text, the two errors, the
 * argument parser (node:util parseArgs), reading an input file, and the context and lab-host
 * loaders. The subcommands (check.ts, xml.ts, attach.ts) import from here and never from each other.
 */
import { basename, dirname, isAbsolute, join, resolve } from 'node:path';
import { parseArgs, type ParseArgsConfig } from 'node:util';
import { parseContextText, mergeContext, novaConfPath, type PartialContext } from '../model/contextLoad';
import { parseNovaConfIni } from '../model/novaConfIni';
import { LineIndex } from '../text/lineIndex';
import { EMBEDDED_LAB_HOSTS, loadLabHost, formatLabHostError, PROFILES, type LabHost } from '../attach';
import { describeReadError, ReadError, type CliIo } from './io';
import { escapeOutput, escapeValue } from './safeText';

export const USAGE = `Usage:
  bdm-lab check  [--context FILE] [--microversion 2.N] [--lab FILE|NAME] [--no-libvirt-schema] [--xmllint]
                 [--format text|json|sarif] [--max-file-size BYTES] [--max-problems N] [--stdin-name NAME] FILE...
  bdm-lab xml    [--context FILE] [--microversion 2.N] [--lab FILE|NAME] [--format xml|json]
                 [--nova-conf FILE] [--release PROFILE|VERSION|SERIES] [--instance UUID] [--request N]
                 [--stdin-name NAME] FILE
  bdm-lab attach --lab FILE|NAME [--context FILE] [--microversion 2.N] [--instance UUID] [--volume ID] [--profile P]
                 [--detach-after S | --detach-at STATUS] [--format text|json] [--show-secrets]
                 [--real-libvirt [--allow-libvirt-uri URI]...] [REQUEST_FILE]
  bdm-lab --help | --version

  --context       context file (microversion, flavor, ...), shape of .bdm-context.json
  --microversion  the compute API microversion the client sends (default 2.1, or the context file's)
  --lab           a *.labhost.json file, or an embedded lab host: ${Object.keys(EMBEDDED_LAB_HOSTS).join(', ')}
  --profile       ${PROFILES.join(' | ')} (default: the lab host's)
  --real-libvirt  after a successful simulation, attach the disk for real with virsh: only a file-backed
                  volume inside the lab host's libvirt.allowed_paths, only qemu:///system, qemu:///session,
                  test:///default or a URI given with --allow-libvirt-uri (never an ext transport)
  --nova-conf     xml: the compute node's nova.conf (INI); the options bdm-lab models change the <disk> XML
  --release       xml: a release profile, a Nova version (26.2.2, 2023.1) or series (zed, caracal); default: the newest
  --instance      attach: default: the lab host's first instance (xml: the instance uuid)     --volume  default: its only volume
  --detach-at     reserved | attaching | in-use: send the detach when the volume reaches that status
  --detach-after  seconds after the volume is in-use to send the detach
  --request       xml: in a script, template or playbook holding several requests, the Nth (from 1)
  FILE            a Nova body (.json), libvirt XML (check), or a file holding requests: a shell script or
                  Markdown runbook (openstack server create), a Heat template or Ansible tasks (.yaml),
                  Terraform (.tf); - reads standard input
  --stdin-name    the name standard input's text is shown and read under (its extension picks the reader,
                  as a file's does); without it, its text does: libvirt XML, a script, else a Nova body
  REQUEST_FILE    a volumeAttachment body, {"server_id", "volumeAttachment"}, or an array of those run at
                  once; - reads standard input
  An option value that starts with "-" is given as --option=VALUE.
Exit status: 0 fine (attached), 1 Nova or libvirt would refuse (the attach failed), 2 usage error or unusable input.
`;

/** Wrong use of the command: exit 2, the message and the usage text. */
export class UsageError extends Error {}
/** Bad input that names the file and the place: exit 2, one message. */
export class InputError extends Error {}

/** A message template whose interpolated values (file names, ids, keys) are escaped for the terminal. */
export function msg(strings: TemplateStringsArray, ...values: unknown[]): string {
  return strings.reduce((out, s, i) => out + (i > 0 ? escapeValue(String(values[i - 1])) : '') + s, '');
}

export type OptionSpec = Record<string, { type: 'string' | 'boolean'; short?: string; multiple?: boolean }>;
type Values<S extends OptionSpec> = { [K in keyof S]?: S[K]['type'] extends 'boolean' ? boolean : S[K]['multiple'] extends true ? string[] : string };

/**
 * The one argument parser: node:util parseArgs, strict, positionals allowed. `--opt value` and
 * `--opt=value`; a value that starts with "-" only as `--opt=-value`; `--` ends the options.
 * Errors become UsageErrors that name the option.
 */
export function parseCommandArgs<S extends OptionSpec>(argv: string[], spec: S): { options: Values<S>; positional: string[] } {
  const options = spec as ParseArgsConfig['options'];
  try {
    const r = parseArgs({ args: argv, options, strict: true, allowPositionals: true });
    return { options: { ...r.values } as Values<S>, positional: r.positionals };
  } catch (e) {
    throw new UsageError(explainArgError(argv, spec) ?? `bad arguments: ${escapeValue(String((e as Error)?.message ?? e).split('\n')[0])}`);
  }
}

/** Which argument a strict parse refused, in the CLI's words (found again from the tokens, not from node's message). */
function explainArgError(argv: string[], spec: OptionSpec): string | undefined {
  const shorts = new Map(Object.entries(spec).filter(([, o]) => o.short).map(([name, o]) => [o.short!, name]));
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === '--') return undefined;
    if (!a.startsWith('-') || a === '-') continue;
    const eq = a.indexOf('=');
    const raw = a.startsWith('--') && eq > 0 ? a.slice(0, eq) : a;
    const name = raw.startsWith('--') ? raw.slice(2) : shorts.get(raw.slice(1));
    const opt = name !== undefined ? spec[name] : undefined;
    if (!opt || (!raw.startsWith('--') && raw.length !== 2)) return `unknown option ${escapeValue(raw)}`;
    if (opt.type === 'boolean') {
      if (raw !== a) return `${raw} takes no value`;
      continue;
    }
    if (raw !== a) continue;
    const v = argv[i + 1];
    if (v === undefined) return `${raw} needs a value`;
    if (v.startsWith('-') && v !== '-') return msg`${raw} needs a value (got option "${v}"; write ${raw}=${v} for a value that starts with "-")`;
    i++;
  }
  return undefined;
}

/** An option that takes a whole number >= 1 (sizes, counts); usage error otherwise. */
export function positiveInt(v: string | undefined, flag: string, dflt: number): number {
  if (v === undefined) return dflt;
  if (!/^[0-9]+$/.test(v) || !Number.isSafeInteger(Number(v)) || Number(v) < 1) throw new UsageError(`${flag} needs a whole number >= 1 (got "${escapeValue(v)}")`);
  return Number(v);
}

/** Where a file named on the command line is: relative to io.cwd. */
export function inputPath(io: CliIo, file: string): string {
  return isAbsolute(file) ? file : resolve(io.cwd, file);
}

/** The input name that means standard input (a command's main input only: never a context, lab host or nova.conf). */
export const STDIN = '-';

/** The text of a command's main input: standard input for `-`, else the file (relative to io.cwd); read errors carry a code. */
export function readInputText(io: CliIo, file: string, maxBytes?: number): string {
  if (file !== STDIN) return io.readFile(inputPath(io, file), maxBytes);
  if (!io.readStdin) throw new ReadError('ENOENT', 'no standard input');
  return io.readStdin(maxBytes);
}

/**
 * `--stdin-name NAME`: the name standard input's text is shown and judged under (its extension
 * picks the reader, as a file's does; a modeline's relative context file is found next to it).
 * Checks that `-` is given once at most, and that the name comes only with `-`.
 */
export function stdinName(positional: readonly string[], name: string | undefined): string | undefined {
  const dashes = positional.filter((f) => f === STDIN).length;
  if (dashes > 1) throw new UsageError('standard input ("-") can be read only once');
  if (name !== undefined && dashes === 0) throw new UsageError('--stdin-name names the text read from standard input: give "-" as the FILE too');
  if (name !== undefined && (name === '' || name === STDIN)) throw new UsageError(`--stdin-name needs a file name (got "${escapeValue(name)}")`);
  return name;
}

/**
 * Read an input file named on the command line (relative to io.cwd), regular and within the size
 * limit; an unreadable one is an InputError `FILE: cannot read WHAT: CODE (why)`. `stdin`: this
 * is the command's main input, where `-` is standard input.
 */

export function readInput(io: CliIo, file: string, what: string, maxBytes?: number, form: 'file first' | 'file after' = 'file first', stdin = false): string {
  try {
    return stdin ? readInputText(io, file, maxBytes) : io.readFile(inputPath(io, file), maxBytes);
  } catch (e) {
    const r = describeReadError(e, maxBytes);
    const why = `${escapeValue(r.code)} (${r.message.replace(/^cannot read: /, '')})`;
    throw new InputError(form === 'file first' ? msg`${file}: cannot read ${what}: ` + why : msg`cannot read ${what} ${file}: ` + why);
  }
}

/**
 * The one context reader (`--context FILE`, the shape of .bdm-context.json, checked against its
 * schema): what the file says, or an InputError at the first problem with line and column.
 */
export function loadContextFile(file: string, io: CliIo): PartialContext {
  const text = readInput(io, file, 'context file', undefined, 'file after');
  const { context, problems } = parseContextText(text);
  if (problems.length) {
    const idx = new LineIndex(text);
    const p = problems[0];
    const pos = idx.position(p.span.offset);
    throw new InputError(`${escapeValue(file)}:${pos.line + 1}:${pos.character + 1}: invalid context: ${escapeValue(p.message)}` + (problems.length > 1 ? ` (and ${problems.length - 1} more)` : ''));
  }
  const confPath = novaConfPath(context);
  if (confPath === null) return context;
  // "nova_conf": "PATH": the compute node's nova.conf, relative to the context file
  const confFile = isAbsolute(confPath) ? confPath : join(dirname(file), confPath);
  const { conf, notes } = parseNovaConfIni(readInput(io, confFile, 'nova.conf', undefined, 'file after'), confFile);
  for (const n of notes) io.stderr(msg`bdm-lab: ${confFile}: ${n}` + '\n');
  return { ...context, nova_conf: conf };
}

/** `--microversion 2.N`, checked; undefined when not given. */
export function microversionOption(v: string | undefined): string | undefined {
  if (v === undefined) return undefined;
  if (!/^2\.(0|[1-9][0-9]{0,2})$/.test(v)) throw new UsageError(msg`--microversion must be 2.N, e.g. 2.67 (got "${v}")`);
  return v;
}

/**
 * The command line's context layers, strongest first: `--microversion` over the `--context` file
 * (then the defaults); check puts a file's $bdm modeline before them.
 */
export function contextLayers(file: string | undefined, io: CliIo, microversion?: string): Parameters<typeof mergeContext>[0] {
  const layers: Parameters<typeof mergeContext>[0] = [];
  if (microversion !== undefined) layers.push({ source: 'cli', context: { microversion } });
  if (file) layers.push({ source: 'cli', context: loadContextFile(file, io) });
  return layers;
}

/** `--lab NAME|FILE`: an embedded lab host by name, otherwise a *.labhost.json file. */
export function loadLab(ref: string, io: CliIo): LabHost {
  const embedded = EMBEDDED_LAB_HOSTS[ref];
  const byName = embedded !== undefined && !ref.includes('/') && !ref.endsWith('.json');
  let text: string;
  try {
    text = byName ? embedded : readInput(io, ref, 'the lab host');
  } catch (e) {
    // A bare name that is neither embedded nor a file: say which names there are.
    const looksLikeName = !ref.includes('/') && !ref.includes('\\') && !ref.endsWith('.json');
    if (e instanceof InputError && looksLikeName) throw new InputError(msg`--lab ${ref}: no embedded lab host of that name and no such file; the embedded lab hosts are ${Object.keys(EMBEDDED_LAB_HOSTS).join(', ')} (or give a *.labhost.json file)`);
    throw e;
  }
  const r = loadLabHost(text, byName ? `embedded:${ref}` : ref);
  if (!r.ok) throw new InputError(r.errors.slice(0, 5).map((e) => escapeValue(formatLabHostError(e))).join('\n') + (r.errors.length > 5 ? `\n(and ${r.errors.length - 5} more)` : ''));
  return r.labHost;
}

/** A subcommand: its arguments after the command name, the io; resolves to the exit status. */
export type Command = (argv: string[], io: CliIo) => number | Promise<number>;

/**
 * Run a subcommand as the CLI does: stderr escaped whatever a message forgot (LF passes), a
 * UsageError is exit 2 with the usage text, an InputError exit 2 with its one message, anything
 * else an internal error (exit 2), never a stack trace. `prefix` starts every message.
 */
export async function runCommand(prefix: string, command: Command, argv: string[], rawIo: CliIo): Promise<number> {
  const io: CliIo = { ...rawIo, stderr: (s) => rawIo.stderr(escapeOutput(s)) };
  try {
    return await command(argv, io);
  } catch (e) {
    if (e instanceof UsageError) { io.stderr(`${e.message ? `${prefix}: ${e.message}\n` : ''}${USAGE}`); return 2; }
    if (e instanceof InputError) { io.stderr(`${prefix}: ${e.message}\n`); return 2; }
    io.stderr(`${prefix}: internal error: ${escapeValue((e as Error)?.message ?? String(e))}\n`);
    return 2;
  }
}

/** A file argument's base name, as a tool names the file in its messages (Terraform's `file:line,column`); none for standard input. */
export function baseName(file: string): string | undefined {
  return file === '-' || file === '' ? undefined : basename(file) || undefined;
}
