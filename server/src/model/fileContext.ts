/**
 * Per-file contexts: one workspace holding bodies for different microversions or flavors.
 *
 * - A `$bdm` modeline: a comment in the first MODELINE_LINES lines of the document,
 *   `// $bdm microversion=2.67 root_gb=20 ephemeral_gb=0 swap_mb=0 context=envs/queens.json`
 *   (also after `#`, `/*` or `<!--`), for `.jsonc` bodies, scripts, runbooks and libvirt XML.
 * - The `bdmLab.contexts` setting: `{ "glob": "context file" | { inline context } }`, the first
 *   glob (in the setting's order) that matches the document's path in its workspace folder.
 *
 * Pure: the caller reads any context file named here (with the same checks as a
 * `.bdm-context.json`) and matches the globs.
 */
import { parseContextText, type PartialContext } from './contextLoad';

/** Only the top of a document is read for a modeline (as editors read theirs). */
export const MODELINE_LINES = 5;

const MODELINE = /^\s*(?:\/\/|#|\/\*|<!--)\s*\$bdm(?::|\s)\s*(.*?)\s*(?:\*\/|-->)?\s*$/;
const KEYS = ['microversion', 'context', 'root_gb', 'ephemeral_gb', 'swap_mb'] as const;

export interface Modeline {
  /** 0-based line of the modeline */
  line: number;
  /** what its keys say directly (microversion, flavor) */
  context: PartialContext;
  /** `context=PATH`: a context file, relative to the document's folder */
  contextPath?: string;
  problems: string[];
}

/** The `$bdm` modeline of a text (its first lines), or null when it has none. */
export function readModeline(text: string): Modeline | null {
  let start = 0;
  for (let line = 0; line < MODELINE_LINES && start <= text.length; line++) {
    const nl = text.indexOf('\n', start);
    const end = nl < 0 ? text.length : nl;
    // a modeline is short: a long first line (a minified body) is not looked into
    const m = end - start <= 400 ? MODELINE.exec(text.slice(start, end)) : null;
    if (m) return parseModeline(m[1] ?? '', line);
    if (nl < 0) break;
    start = nl + 1;
  }
  return null;
}

function parseModeline(rest: string, line: number): Modeline {
  const out: Modeline = { line, context: {}, problems: [] };
  const values: Record<string, string> = {};
  for (const word of rest.split(/\s+/).filter(Boolean)) {
    const eq = word.indexOf('=');
    const key = eq > 0 ? word.slice(0, eq) : word;
    if (!(KEYS as readonly string[]).includes(key) || eq <= 0) {
      out.problems.push(`$bdm line ${line + 1}: "${word.slice(0, 60)}" is not key=value with a key of ${KEYS.join(', ')}`);
      continue;
    }
    values[key] = word.slice(eq + 1);
  }
  if (values.microversion !== undefined) {
    if (/^2\.\d+$/.test(values.microversion)) out.context.microversion = values.microversion;
    else out.problems.push(`$bdm line ${line + 1}: microversion=${values.microversion.slice(0, 20)} is not 2.N`);
  }
  const flavorKeys = ['root_gb', 'ephemeral_gb', 'swap_mb'] as const;
  const given = flavorKeys.filter((k) => values[k] !== undefined);
  if (given.length) {
    if (given.length === 3 && given.every((k) => /^\d{1,9}$/.test(values[k]!))) {
      out.context.flavor = { root_gb: Number(values.root_gb), ephemeral_gb: Number(values.ephemeral_gb), swap_mb: Number(values.swap_mb) };
    } else out.problems.push(`$bdm line ${line + 1}: a flavor needs root_gb, ephemeral_gb and swap_mb, each an integer ≥ 0`);
  }
  if (values.context !== undefined) {
    if (values.context && !values.context.includes('\0')) out.contextPath = values.context;
    else out.problems.push(`$bdm line ${line + 1}: context= needs a file name`);
  }
  return out;
}

/** What `bdmLab.contexts` says for a document: the first glob that matches its path. */
export interface ContextsMatch {
  glob: string;
  /** a context file, relative to the workspace folder */
  file?: string;
  /** an inline context (the `.bdm-context.json` shape), already checked */
  context?: PartialContext;
  problems: string[];
}

/**
 * The entry of `bdmLab.contexts` for a path relative to the workspace folder (`/`-separated);
 * null when the setting is absent or no glob matches. `matches` is the glob matcher.
 */
export function contextsEntry(setting: unknown, relPath: string, matches: (path: string, glob: string) => boolean): ContextsMatch | null {
  if (!setting || typeof setting !== 'object' || Array.isArray(setting)) return null;
  for (const [glob, value] of Object.entries(setting as Record<string, unknown>)) {
    if (!glob || !matches(relPath, glob)) continue;
    if (typeof value === 'string' && value.trim() && !value.includes('\0')) return { glob, file: value.trim(), problems: [] };
    if (value && typeof value === 'object' && !Array.isArray(value)) {
      const { context, problems } = parseContextText(JSON.stringify(value));
      return { glob, context, problems: problems.map((p) => `bdmLab.contexts["${glob}"]: ${p.message}`) };
    }
    return { glob, problems: [`bdmLab.contexts["${glob}"]: give a context file (a path in the workspace folder) or a context object`] };
  }
  return null;
}
