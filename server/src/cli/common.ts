import { parseContextText, mergeContext } from '../model/contextLoad';
import { defaultContext, type Context } from '../model/context';
import { LineIndex } from '../lineCol';
import { describeReadError, type CliIo } from './io';
import { escapeValue } from './safeText';

export class UsageError extends Error {}
/** Bad input that names the file and the place; exit 2. */
export class InputError extends Error {}

type OptSpec = Record<string, 'string' | 'boolean'>;

export function parseArgs(argv: string[], spec: OptSpec): { options: Record<string, string | boolean>; positional: string[] } {
  const options: Record<string, string | boolean> = {};
  const positional: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === '--') { positional.push(...argv.slice(i + 1)); break; }
    if (a.startsWith('--')) {
      const eq = a.indexOf('=');
      const name = a.slice(2, eq < 0 ? undefined : eq);
      if (!(name in spec)) throw new UsageError(`unknown option --${escapeValue(name)}`);
      if (spec[name] === 'boolean') { options[name] = true; continue; }
      const v = eq >= 0 ? a.slice(eq + 1) : argv[++i];
      if (v === undefined) throw new UsageError(`--${name} needs a value`);
      options[name] = v;
    } else positional.push(a);
  }
  return { options, positional };
}

export function loadContext(file: string | undefined, io: CliIo): Context {
  if (!file) return defaultContext();
  let text: string;
  try {
    text = io.readFile(file);
  } catch (e) {
    const r = describeReadError(e);
    throw new InputError(`cannot read context file ${escapeValue(file)}: ${r.code} (${r.message.replace(/^cannot read: /, '')})`);
  }
  const { context, problems } = parseContextText(text);
  if (problems.length) {
    const idx = new LineIndex(text);
    const p = problems[0];
    const pos = idx.position(p.span.offset);
    throw new InputError(`${escapeValue(file)}:${pos.line + 1}:${pos.character + 1}: invalid context: ${escapeValue(p.message)}` + (problems.length > 1 ? ` (and ${problems.length - 1} more)` : ''));
  }
  return mergeContext([{ source: 'cli', context }]).context;
}

/** An option that takes a whole number >= 1 (sizes, counts); usage error otherwise. */
export function positiveInt(v: string | boolean | undefined, flag: string, dflt: number): number {
  if (v === undefined) return dflt;
  const s = String(v);
  if (!/^[0-9]+$/.test(s) || !Number.isSafeInteger(Number(s)) || Number(s) < 1) throw new UsageError(`${flag} needs a whole number >= 1 (got "${escapeValue(s)}")`);
  return Number(s);
}
