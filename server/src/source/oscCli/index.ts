/**
 * `openstack server create` command lines in a shell script, a Markdown runbook's shell blocks
 * or a plain text: each command is one request, translated as python-openstackclient 6.0.0 does
 * (the shell's own options first, globals.ts; then translate.ts) and seen through SourceDoc, its
 * body paths mapped back to the option that writes them (the `--block-device` value, the key
 * inside it). OSC's own refusals are the source's findings: OSC answers before Nova does, and no
 * body is sent.
 */
import type { Span } from '../../text/span';
import type { BodyPath, Part, SourceDoc, SourceFinding, SourceFix } from '../doc';
import { BuiltBodyDoc } from '../builtBody';
import { splitCommands, subWord, type Command, type Scope, type Word } from './shell';
import { oscFixes } from './fixes';
import { translate, type Translation } from './translate';
import { translateAddVolume } from './addVolume';
import { parseGlobals, type Globals } from './globals';
import { unknownOption } from './argparse';

export { splitCommands, type Word, type Command, type HereDoc, type Scope } from './shell';
export { translate, standInId, type Translation } from './translate';

/** OSC 6.0.0's default compute microversion */
export const OSC_DEFAULT_MICROVERSION = '2.1';

/**
 * Before the command, words the shell (globals.ts) leaves that another install's shell may take:
 * a plugin's --os-* option (with its value), -f/--format, --no-cache. They are passed over.
 */
const OTHER_WITH_VALUE = new Set(['-f', '--format']);
const OTHER_FLAGS = new Set(['--no-cache']);

export interface OscCommand {
  /** `server create` (a server-create body) or `server add volume` (a volumeAttachment body) */
  kind: 'create' | 'add-volume';
  /** the command as written: from `openstack` to its last word */
  span: Span;
  /** the `openstack` word */
  program: Word;
  /** where the command itself sets the microversion: the value of --os-compute-api-version (or of OS_COMPUTE_API_VERSION=… before it) */
  microversionWord: Word | null;
  /** the words `openstack … server create` (where a refusal of the whole command lands) */
  head: Span;
  words: Word[];
  translation: Translation;
}

import { DEFAULT_CLOUD_MAX_MICROVERSION as DEFAULT_CLOUD_MAX } from '../../model/context';
export { mentionsServerCreate } from './mentions';

/**
 * A Markdown fence's opening line: indent, the run of backticks or tildes, the info string's first
 * word (the language). Each run is taken whole (a lookahead after it) and the rest of the line
 * stops at a line break: a run given back char by char to the rest, or a rest running on over
 * lines that a lone CR starts, made a text of N fence-like lines cost N² steps.
 */
export const FENCE_OPEN = /^( {0,3})(`{3,}(?!`)|~{3,}(?!~))[ \t]*(?![ \t])([A-Za-z0-9_+-]*)(?![A-Za-z0-9_+-])[^\n\r\u2028\u2029]*\r?\n/gm;

/** The parts of a text a shell reads: all of a script; a Markdown file's bash/sh/shell/console blocks. */
export function shellRanges(text: string, kind: 'shell' | 'markdown'): Array<{ from: number; to: number; console: boolean }> {
  if (kind === 'shell') return [{ from: 0, to: text.length, console: false }];
  const out: Array<{ from: number; to: number; console: boolean }> = [];
  const fence = new RegExp(FENCE_OPEN.source, 'gm');
  let m: RegExpExecArray | null;
  while ((m = fence.exec(text))) {
    const lang = m[3].toLowerCase();
    const from = m.index + m[0].length;
    const close = new RegExp(`^ {0,3}${m[2][0] === '`' ? '`' : '~'}{${m[2].length},}[ \\t]*$`, 'gm');
    close.lastIndex = from;
    const c = close.exec(text);
    const to = c ? c.index : text.length;
    if (['bash', 'sh', 'shell', 'console', 'zsh', 'shell-session', 'shellsession'].includes(lang)) out.push({ from, to, console: lang === 'console' || lang.startsWith('shell-s') || lang === 'shellsession' });
    fence.lastIndex = c ? c.index + c[0].length : text.length;
  }
  return out;
}

/** Console blocks: the commands are the lines after a `$ ` prompt (and their continuations); the rest is output. */
function consoleCommands(text: string, from: number, to: number): Command[] {
  const out: Command[] = [];
  let i = from;
  while (i < to) {
    let eol = text.indexOf('\n', i);
    if (eol < 0 || eol > to) eol = to;
    const line = text.slice(i, eol);
    const p = /^\s*[$#] /.exec(line);
    if (p) {
      // the command runs to the first line that does not end with a continuation
      let end = eol;
      while (end < to && /\\\r?$/.test(text.slice(text.lastIndexOf('\n', end - 1) + 1, end))) {
        const n = text.indexOf('\n', end + 1);
        end = n < 0 || n > to ? to : n;
      }
      out.push(...splitCommands(text, i + p[0].length, end));
      eol = end;
    }
    i = eol + 1;
  }
  return out;
}

/** The `openstack server create` commands of a text. */
export function findServerCreates(text: string, kind: 'shell' | 'markdown', cloudMax = DEFAULT_CLOUD_MAX): OscCommand[] {
  const out: OscCommand[] = [];
  // OSC's --os-compute-api-version defaults to the environment's OS_COMPUTE_API_VERSION:
  // an `export` earlier in the script (or runbook) holds for the commands after it
  // (a here-document body a shell runs has its own: it starts from the exported one when the shell
  // runs here, from none over ssh, and what it exports stays in it)
  let envMv: string | null = null;
  const scoped = new Map<Scope, string | null>();
  const envOf = (s: Scope | null | undefined): string | null => {
    if (!s) return envMv;
    if (!scoped.has(s)) scoped.set(s, s.inherits ? envOf(s.parent) : null);
    return scoped.get(s)!;
  };
  const setEnv = (s: Scope | undefined, v: string | null) => {
    if (s) scoped.set(s, v);
    else envMv = v;
  };
  for (const r of shellRanges(text, kind)) {
    const cmds = r.console ? consoleCommands(text, r.from, r.to) : splitCommands(text, r.from, r.to);
    for (const c of cmds) {
      const w = c.words.slice(reservedWords(c.words));
      if (w[0]?.value === 'export') for (const a of w.slice(1)) if (a.value.startsWith(`${ENV_MV}=`)) setEnv(c.scope, a.value.slice(ENV_MV.length + 1));
      if (w[0]?.value === 'unset' && w.some((a) => a.value === ENV_MV)) setEnv(c.scope, null);
      const found = serverCreate(c, envOf(c.scope), cloudMax);
      if (found) out.push(found);
    }
  }
  return out;
}

const ENV_MV = 'OS_COMPUTE_API_VERSION';

/**
 * bash's reserved words that may stand before a simple command on its line, each written plainly
 * (unquoted) and before any assignment: `for …; do openstack …`, `if openstack …; then`, `! cmd`,
 * `{ cmd; }`, `time -p cmd`, `coproc cmd`. The command is the words after them (it runs, with the
 * environment, as it would alone).
 */
const RESERVED = new Set(['!', '{', 'if', 'then', 'else', 'elif', 'do', 'while', 'until', 'time', 'coproc']);
/** how many of the words are such reserved words (time's -p with it) */
function reservedWords(w: readonly Word[]): number {
  let i = 0;
  const plain = (x: Word | undefined, v: string) => x !== undefined && x.value === v && x.end - x.start === v.length;
  while (i < w.length && RESERVED.has(w[i].value) && plain(w[i], w[i].value)) i += w[i].value === 'time' && plain(w[i + 1], '-p') ? 2 : 1;
  return i;
}

function serverCreate(c: Command, envMv: string | null, cloudMax: string): OscCommand | null {
  const w = c.words;
  let i = reservedWords(w);
  let given: string | null = envMv || null;
  let mvWord: Word | null = null;
  // leading assignments (`OS_COMPUTE_API_VERSION=2.67 openstack …`) and wrappers
  while (i < w.length && (/^[A-Za-z_][A-Za-z0-9_]*=/.test(w[i].value) || w[i].value === 'sudo' || w[i].value === 'env' || w[i].value === 'command' || w[i].value === 'exec')) {
    if (w[i].value.startsWith(`${ENV_MV}=`)) {
      given = w[i].value.slice(ENV_MV.length + 1) || null;
      mvWord = subWord(w[i], ENV_MV.length + 1, w[i].value.length);
    }
    i++;
  }
  if (i >= w.length || !/(^|\/)openstack$/.test(w[i].value)) return null;
  const start = w[i];
  // the shell's own options, wherever they are
  const g = parseGlobals(w.slice(i + 1));
  if (g.microversion) {
    // an empty value is dropped by the shell's cloud config: no version given (the environment's is overridden)
    given = g.microversion.value || null;
    mvWord = g.microversion;
  }
  const r = g.rest;
  let k = 0;
  while (k < r.length && r[k].value !== 'server') {
    const a = r[k].value;
    const eq = a.indexOf('=');
    const key = a.startsWith('--') && eq > 0 ? a.slice(0, eq) : a;
    if (OTHER_FLAGS.has(key)) { k++; continue; }
    if (OTHER_WITH_VALUE.has(key) || key.startsWith('--os-')) { k += key !== a ? 1 : 2; continue; }
    // the shell refused a word of its own (an option without its value): the command is still found
    if (g.stop && unknownOption(a)) { k++; continue; }
    return null;
  }
  const span: Span = { offset: start.start, length: w[w.length - 1].end - start.start };
  const add = r[k]?.value === 'server' && r[k + 1]?.value === 'add' && r[k + 2]?.value === 'volume';
  if (!add && (r[k]?.value !== 'server' || r[k + 1]?.value !== 'create')) return null;
  const last = r[k + (add ? 2 : 1)];
  const head: Span = { offset: start.start, length: last.end - start.start };
  const words = r.slice(k + (add ? 3 : 2));
  const t = add ? translateAddVolume(words, given, cloudMax, head) : translate(words, given ?? OSC_DEFAULT_MICROVERSION, head);
  return { kind: add ? 'add-volume' : 'create', span, head, program: start, microversionWord: mvWord, words: r.slice(k), translation: shellStops(t, g, words, add ? 'server add volume' : 'server create') };
}

/**
 * Where the shell stops before the command reads its options: its own argparse refusal or
 * --version (before it checks the compute version); else, once that version passes, its
 * -h/--help, which runs `openstack help <command> <words>`: help's parser takes the words up to
 * the first option and refuses the rest, or prints the command's help. Nothing is sent either way.
 */
function shellStops(t: Translation, g: Globals, words: Word[], command: string): Translation {
  const stop = (message: string, span: Span): Translation => ({ ...t, body: null, error: { stage: 'osc-argparse', message, span }, places: new Map(), resolved: [], imageRef: null });
  if (g.stop) return stop(g.stop.message, g.stop.span);
  if (!g.help || t.error?.stage === 'osc-client') return t;
  const dashes = words.findIndex((x) => x.value === '--');
  const first = (dashes < 0 ? words : words.slice(0, dashes)).findIndex((x) => unknownOption(x.value));
  const help = { offset: g.help.start, length: g.help.end - g.help.start };
  if (first >= 0) return stop(`openstack help: error: unrecognized arguments: ${words.slice(first).map((x) => x.value).join(' ')}`, help);
  return stop(`${g.help.value} is -h/--help of openstack: it prints the help of openstack ${command} and sends nothing`, help);
}

const NO_FINDINGS: readonly SourceFinding[] = Object.freeze([]);

/** One `openstack server create` (or `server add volume`) command as the rules see it: the body OSC posts, its paths placed on the options. */
export class OscDoc extends BuiltBodyDoc implements SourceDoc {
  readonly kind: 'server' | 'attach';
  readonly api: 'server' | 'attach';
  readonly tool = 'openstack-cli';
  readonly toolLabel: string;
  readonly microversion: string;
  readonly body: unknown;
  readonly imageRef: string | null;
  readonly findings: readonly SourceFinding[];

  constructor(readonly text: string, readonly command: OscCommand) {
    super();
    const t = command.translation;
    const attach = command.kind === 'add-volume';
    this.kind = attach ? 'attach' : 'server';
    this.api = this.kind;
    this.toolLabel = attach ? '`openstack server add volume` (python-openstackclient 6.0.0, openstacksdk 0.101.0)' : '`openstack server create` (python-openstackclient 6.0.0)';
    this.microversion = t.microversion;
    this.body = t.body;
    this.imageRef = t.imageRef;
    this.findings = t.error ? [{ code: t.error.stage === 'osc' || t.error.stage === 'novaclient' ? 'BDM-OSC-COMMAND' : 'BDM-OSC-ARGUMENT', span: t.error.span, path: '', args: { detail: t.error.message } }] : NO_FINDINGS;
    if (t.body) this.readBody(t.body, this.kind, attach ? undefined : [{ path: ['server', 'block_device_mapping_v2'], syntax: 'v2' }]);
  }

  fixes(d: { code: string; span: Span; path: string; entry: number | null }): SourceFix[] {
    return oscFixes(this.text, this.command, d);
  }

  /** where a body path is written: the option (or the key inside its value) that gives it; else the nearest written ancestor */
  locate(path: BodyPath, part: Part): Span | undefined {
    // the request as a whole is the whole command (its hover, the CLI's `requests[].range`)
    if (path.length === 0 && part === 'whole') return this.command.span;
    const places = this.command.translation.places;
    for (let n = path.length; n >= 0; n--) {
      const p = places.get(JSON.stringify(path.slice(0, n)));
      if (!p) continue;
      if (n < path.length) return p.key ?? p.value ?? p.whole;
      if (part === 'key' || part === 'start') return p.key ?? p.value ?? p.whole;
      if (part === 'value') return p.value ?? p.whole;
      return p.whole;
    }
    return this.command.head;
  }

  /** everything OSC sends comes from the command (a default is the option's doing) */
  covers(): boolean {
    return true;
  }

  printPath(path: string): string {
    return path;
  }
}

/** The sources of a shell script's or a runbook's `openstack server create` commands. */
export function oscSources(text: string, kind: 'shell' | 'markdown', cloudMax = DEFAULT_CLOUD_MAX): OscDoc[] {
  return findServerCreates(text, kind, cloudMax).map((c) => new OscDoc(text, c));
}
