/**
 * The per-file context layers of a document (model/fileContext.ts): its `$bdm` modeline and the
 * `bdmLab.contexts` entry its path matches. A context file either names is read as a
 * `.bdm-context.json` is (regular file, size limit, real path inside the workspace folder, or the
 * document's own folder when it is in none); an untitled document's modeline may not name one.
 */
import { dirname, isAbsolute, relative, resolve, sep } from 'node:path';
import { fsPathOf as fsPath } from './paths';
import { contextsEntry, readModeline, MODELINE_LINES } from '../model/fileContext';
import type { PartialContext } from '../model/contextLoad';
import type { ContextSource } from '../model/context';
import { readContextFile } from './contextFiles';
import { minimatch } from './glob';

export interface PerFileContext {
  /** strongest first: the modeline's own keys, its context file, the bdmLab.contexts entry */
  layers: Array<{ source: ContextSource; context: PartialContext }>;
  /** the context file that applies to this document (the modeline's, else the setting's) */
  file: string | null;
  /** what applies, in words for the status item: `$bdm (line 1)`, `bdmLab.contexts "envs/**"` */
  rules: string[];
  problems: string[];
}

const NONE: PerFileContext = { layers: [], file: null, rules: [], problems: [] };

const inside = (dir: string, p: string) => p === dir || p.startsWith(dir.endsWith(sep) ? dir : dir + sep);

/** `top`: the document's first lines (only they can hold a modeline). */
export function perFileContext(docUri: string, top: string, contextsSetting: unknown, folders: string[]): PerFileContext {
  const mode = readModeline(top);
  if (!mode && !contextsSetting) return NONE;
  const doc = fsPath(docUri);
  const folder = doc ? folders.map(fsPath).filter((f): f is string => !!f && inside(f, doc)).sort((a, b) => b.length - a.length)[0] ?? null : null;
  const out: PerFileContext = { layers: [], file: null, rules: [], problems: [] };
  const readFile = (file: string, what: string, source: ContextSource) => {
    const confine = folder ?? (doc ? dirname(doc) : null);
    if (!confine || !inside(confine, resolve(file))) {
      out.problems.push(`${what}: ${file} is outside the workspace folder; it was not read`);
      return;
    }
    const found = readContextFile(file, confine);
    if (found.problems.length) out.problems.push(`${what}: ${file}: ${found.problems[0]!.message}`);
    else {
      out.layers.push({ source, context: found.context });
      out.file ??= file;
    }
  };
  if (mode) {
    out.rules.push(`$bdm (line ${mode.line + 1})`);
    out.problems.push(...mode.problems);
    if (Object.keys(mode.context).length) out.layers.push({ source: 'modeline', context: mode.context });
    if (mode.contextPath !== undefined) {
      if (!doc) out.problems.push('$bdm context=: an unsaved document cannot name a context file');
      else readFile(isAbsolute(mode.contextPath) ? mode.contextPath : resolve(dirname(doc), mode.contextPath), '$bdm context=', 'modeline');
    }
  }
  const rel = doc && folder ? relative(folder, doc).split(sep).join('/') : null;
  const entry = rel !== null ? contextsEntry(contextsSetting, rel, minimatch) : null;
  if (entry) {
    out.rules.push(`bdmLab.contexts "${entry.glob}"`);
    out.problems.push(...entry.problems);
    if (entry.context && !entry.problems.length) out.layers.push({ source: 'contexts', context: entry.context });
    if (entry.file !== undefined) readFile(isAbsolute(entry.file) ? entry.file : resolve(folder!, entry.file), `bdmLab.contexts "${entry.glob}"`, 'contexts');
  }
  return out;
}

/**
 * The first lines of a text, where a modeline may be: the text up to the start of line
 * MODELINE_LINES, lines ending as LSP has them (LF, CRLF, CR). Found with indexOf, so a large
 * document costs no line index (a keystroke must not count every line of a big body).
 */
export function topLines(text: string): string {
  let pos = 0;
  let cr = text.indexOf('\r');
  for (let line = 0; line < MODELINE_LINES; line++) {
    if (cr >= 0 && cr < pos) cr = text.indexOf('\r', pos);
    const nl = text.indexOf('\n', pos);
    if (nl < 0 && cr < 0) return text;
    // the nearer break ends the line; a CR directly before an LF is one break (CRLF)
    pos = cr >= 0 && (nl < 0 || cr < nl) ? (text.charCodeAt(cr + 1) === 10 ? cr + 2 : cr + 1) : nl + 1;
  }
  return text.slice(0, pos);
}
