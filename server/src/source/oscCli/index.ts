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
import { splitCommands, subWord, type Command, type Ctx, type Scope, type Word } from './shell';
import { oscFixes } from './fixes';
import { translate, type Translation } from './translate';
import { translateAddVolume } from './addVolume';
import { parseGlobals, type Globals } from './globals';
import { unknownOption } from './argparse';

export { splitCommands, type Word, type Command, type HereDoc, type Scope, type Ctx } from './shell';
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

/** OS_COMPUTE_API_VERSION in one shell: its value (null: unset) and whether it is exported */
interface VarState { value: string | null; exported: boolean }
/**
 * What a program sees of a shell's variable, kept as bash keeps it: the global one first, then a
 * local for each function body that declared one. Bash exports the innermost that is exported and
 * set (a local without a value, or unexported, lets an exported outer one through).
 */
function seen(layers: readonly VarState[]): string | null {
  for (let k = layers.length - 1; k >= 0; k--) if (layers[k].exported && layers[k].value !== null) return layers[k].value;
  return null;
}
const ROOT = {};
/** how deep functions defined in functions are told apart (deeper ones are taken as still running) */
const MAX_FN_NESTING = 64;

/** The nearest Ctx (itself or around it) with a property, each answer kept (a chain is walked once) */
function nearest(has: (c: Ctx) => boolean): (c: Ctx | null) => Ctx | null {
  const memo = new Map<Ctx, Ctx | null>();
  return (c) => {
    const walked: Ctx[] = [];
    let found: Ctx | null = null;
    for (let x = c; x; x = x.parent) {
      const m = memo.get(x);
      if (m !== undefined) { found = m; break; }
      if (has(x)) { found = x; break; }
      walked.push(x);
    }
    for (const x of walked) memo.set(x, found);
    return found;
  };
}

/** The `openstack server create` commands of a text. */
export function findServerCreates(text: string, kind: 'shell' | 'markdown', cloudMax = DEFAULT_CLOUD_MAX): OscCommand[] {
  const out: OscCommand[] = [];
  // OSC's --os-compute-api-version defaults to the environment's OS_COMPUTE_API_VERSION, as the
  // shell keeps it: set, exported and unexported by the commands before, each shell its own (a
  // subshell starts from a copy of its shell's; a here-document body a shell runs starts from the
  // exported one when the shell runs here, from none over ssh), a function's locals dropped when
  // its body ends
  const states = new Map<object, VarState[]>();
  const subshells = nearest((x) => x.subshell);
  const fns = nearest((x) => x.fn);
  const shellOf = (c: Ctx | null, s: Scope | null | undefined): object => subshells(c) ?? s ?? ROOT;
  const stateOf = (key: object, s: Scope | null | undefined): VarState[] => {
    // the subshells around it not yet entered, innermost first, up to a shell whose state is known
    const chain: object[] = [];
    let k = key;
    while (!states.has(k) && k !== ROOT && k !== s) { chain.push(k); k = shellOf((k as Ctx).parent, s); }
    if (!states.has(k)) {
      // the text's shell; or a here-document body's, from its feeder's exported value (scopes nest a bounded depth)
      const p = k === ROOT || !s?.inherits ? null : seen(stateOf(s.parent ?? ROOT, s.parent));
      states.set(k, [{ value: p, exported: p !== null }]);
    }
    for (let j = chain.length - 1; j >= 0; j--) {
      states.set(chain[j], states.get(k)!.map((x) => ({ ...x })));
      k = chain[j];
    }
    return states.get(key)!;
  };
  // the locals in force: the function body, the shell, the layer
  const locals: Array<{ fn: Ctx; key: object; layer: VarState }> = [];
  for (const r of shellRanges(text, kind)) {
    const cmds = r.console ? consoleCommands(text, r.from, r.to) : splitCommands(text, r.from, r.to);
    for (const c of cmds) {
      const fn = fns(c.ctx ?? null);
      // the function bodies left: their locals end (a here-document body runs while its command does: it leaves none)
      const inside = (f: Ctx) => {
        let n = 0;
        for (let x = fn; x && n < MAX_FN_NESTING; x = fns(x.parent), n++) if (x === f) return true;
        return n >= MAX_FN_NESTING;
      };
      while (!c.scope && locals.length && !inside(locals[locals.length - 1].fn)) {
        const l = locals.pop()!;
        const layers = states.get(l.key);
        const k = layers?.lastIndexOf(l.layer) ?? -1;
        if (layers && k > 0) layers.splice(k, 1);
      }
      const key = shellOf(c.ctx ?? null, c.scope);
      const st = stateOf(key, c.scope);
      setsVariable(c.words.slice(reservedWords(c.words)), st, fn && (() => {
        // the innermost function's locals are the last (past MAX_FN_NESTING of them, the last is written)
        let l: (typeof locals)[number] | undefined = locals[locals.length - 1];
        if (l && (l.fn !== fn || l.key !== key) && locals.length >= MAX_FN_NESTING) return l.layer;
        if (!l || l.fn !== fn || l.key !== key) {
          l = { fn, key, layer: { value: null, exported: st[st.length - 1].exported } };
          st.push(l.layer);
          locals.push(l);
        }
        return l.layer;
      }));
      const found = serverCreate(c, seen(st), cloudMax);
      if (found) out.push(found);
    }
  }
  return out;
}

/**
 * What a command does to OS_COMPUTE_API_VERSION in its shell (bash's builtins): `NAME=VAL` alone
 * sets it (exported or not as it was); `export [-n]` exports (or unexports) it, setting it when
 * given a value, also before it is set; `declare`/`typeset` [-x|+x] (in a function, its local
 * unless -g: the global) and `local` set it, -x exporting and +x unexporting it, a new local
 * exported when the variable it hides is; `readonly` sets it; `unset` unsets and unexports it.
 * `local` is refused outside a function (localOf null).
 */
function setsVariable(w: readonly Word[], layers: VarState[], localOf: (() => VarState) | null): void {
  const cmd = w[0]?.value;
  const inner = layers[layers.length - 1];
  if (cmd === undefined) return;
  if (/^[A-Za-z_][A-Za-z0-9_]*=/.test(cmd)) {
    if (!w.every((x) => /^[A-Za-z_][A-Za-z0-9_]*=/.test(x.value))) return;
    for (const a of w) if (a.value.startsWith(`${ENV_MV}=`)) inner.value = a.value.slice(ENV_MV.length + 1);
    return;
  }
  if (cmd === 'unset') {
    const opts = w.slice(1).filter((x) => /^-/.test(x.value)).map((x) => x.value).join('');
    if (!/f/.test(opts) && w.some((a) => a.value === ENV_MV)) { inner.value = null; inner.exported = false; }
    return;
  }
  if (!['export', 'declare', 'typeset', 'local', 'readonly'].includes(cmd)) return;
  if (cmd === 'local' && !localOf) return;
  let k = 1;
  let exp: boolean | null = cmd === 'export' ? true : null;
  let global = cmd === 'export' || cmd === 'readonly' || !localOf;
  let bottom = false;
  for (; k < w.length && /^[-+][A-Za-z]+$/.test(w[k].value); k++) {
    const on = w[k].value[0] === '-';
    for (const ch of w[k].value.slice(1)) {
      if (ch === 'f' || ch === 'F' || ch === 'p' || (ch === 'n' && cmd !== 'export')) return;
      if (cmd === 'export' && ch === 'n') exp = false;
      else if (ch === 'x' && cmd !== 'export' && cmd !== 'readonly') exp = on;
      else if (ch === 'g' && cmd !== 'local' && localOf) { global = true; bottom = true; }
    }
  }
  if (w[k]?.value === '--') k++;
  for (const a of w.slice(k)) {
    const eq = a.value.indexOf('=');
    if ((eq < 0 ? a.value : a.value.slice(0, eq)) !== ENV_MV) continue;
    const v = global ? (bottom ? layers[0] : inner) : localOf!();
    if (eq >= 0) v.value = a.value.slice(eq + 1);
    if (exp !== null) v.exported = exp;
  }
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
  for (;;) {
    if (i < w.length && RESERVED.has(w[i].value) && plain(w[i], w[i].value)) i += w[i].value === 'time' && plain(w[i + 1], '-p') ? 2 : 1;
    // `function f { cmd`: the body's first command
    else if (plain(w[i], 'function') && plain(w[i + 2], '{')) i += 3;
    else return i;
  }
}

/** programs that run the program named after their options, with the environment they get (or changed: env, sudo) */
const WRAPPERS = new Set(['nohup', 'nice', 'timeout', 'time', 'env', 'sudo']);
/** each wrapper's options that take a value (as a separate word when not glued), and how its options end */
const VALUE_OPTS: Record<string, RegExp> = {
  nice: /^(-n|--adjustment)$/,
  timeout: /^(-s|--signal|-k|--kill-after)$/,
  time: /^(-f|--format|-o|--output)$/,
  env: /^(-u|--unset|-C|--chdir)$/,
  sudo: /^(-u|--user|-g|--group|-C|--close-from|-D|--chdir|-h|--host|-p|--prompt|-r|--role|-t|--type|-T|--command-timeout|-U|--other-user)$/,
};
/** single-letter options of each wrapper that take a value (glued: `-uroot`, `-sKILL`) */
const SHORT_VALUE: Record<string, string> = { nice: 'n', timeout: 'sk', time: 'fo', env: 'uC', sudo: 'ugCDhprtTU' };

/**
 * The program a command runs once the shell and the wrappers in front have done their part, with
 * the OS_COMPUTE_API_VERSION it sees: null when it is not `openstack` (or never runs). The shell
 * reads assignments before the name (exported to that program), `command [-p]` (not -v/-V, which
 * print), `builtin` (which refuses a program), `exec [-a NAME]` and `time` after an assignment
 * (then /usr/bin/time); a wrapper runs the program named after its options: nohup, nice [-n N|-N],
 * timeout [opts] DURATION, time [opts], env [-i|-] [-u NAME] [NAME=VAL…] and sudo [opts]
 * [NAME=VAL…], which drops the environment (Debian's sudoers: env_reset, no OS_* kept) unless
 * -E/--preserve-env (or =LIST naming it). After a wrapper the name is a program's: an assignment,
 * `command` or `builtin` there is not found.
 */
function programRun(w: readonly Word[], i: number, env: string | null): { at: number; env: string | null; mvWord: Word | null } | null {
  let mvWord: Word | null = null;
  let shell = true;
  const assign = (x: Word) => {
    if (!x.value.startsWith(`${ENV_MV}=`)) return;
    env = x.value.slice(ENV_MV.length + 1);
    mvWord = subWord(x, ENV_MV.length + 1, x.value.length);
  };
  let named = false; // after `command`: a command's name comes, not an assignment
  while (i < w.length) {
    const v = w[i].value;
    if (shell && !named && /^[A-Za-z_][A-Za-z0-9_]*=/.test(v)) { assign(w[i]); i++; continue; }
    if (/(^|\/)openstack$/.test(v)) return { at: i, env, mvWord };
    if (shell && (v === 'command' || v === 'builtin' || v === 'exec')) {
      if (v === 'builtin') return w[i + 1]?.value === 'command' || w[i + 1]?.value === 'exec' ? programRun(w, i + 1, env) : null;
      i++;
      for (; i < w.length && /^-/.test(w[i].value); i++) {
        if (w[i].value === '--') { i++; break; }
        if (v === 'command' && /[vV]/.test(w[i].value)) return null;
        if (v === 'exec' && /^-[cl]*a$/.test(w[i].value)) i++;
        if (v === 'exec' && /c/.test(w[i].value)) { env = null; mvWord = null; }
      }
      // `command`'s name may be a builtin (`command exec …`); `exec`'s is a program's
      if (v === 'exec') shell = false;
      named = true;
      continue;
    }
    const name = v.slice(v.lastIndexOf('/') + 1);
    // (`time` first on the line is the shell's reserved word, passed over by reservedWords: here it is the program)
    if (!WRAPPERS.has(name)) return null;
    shell = false;
    i++;
    // sudo resets the environment (env_reset) unless told to keep it
    let reset = name === 'sudo';
    const drop = () => { env = null; mvWord = null; };
    let durationDone = name !== 'timeout';
    for (; i < w.length; i++) {
      const a = w[i].value;
      if (a === '--') { i++; break; }
      if (name === 'env' && a === '-') { drop(); continue; }
      if (!a.startsWith('-') || a === '-') {
        if ((name === 'env' || name === 'sudo') && /^[A-Za-z_][A-Za-z0-9_]*=/.test(a)) {
          // sudo's assignments are allowed (Debian's `ALL` commands carry SETENV)
          if (reset) { drop(); reset = false; }
          assign(w[i]);
          continue;
        }
        if (!durationDone) { durationDone = true; continue; }
        break;
      }
      if (name === 'nice' && /^-\d+$/.test(a)) continue;
      const eq = a.indexOf('=');
      const key = a.startsWith('--') && eq > 0 ? a.slice(0, eq) : a;
      let val: string | undefined = a.startsWith('--') && eq > 0 ? a.slice(eq + 1) : undefined;
      if (!a.startsWith('--')) {
        // a cluster of short options; one taking a value takes the rest (or the next word)
        let j = 1;
        while (j < a.length && !(SHORT_VALUE[name] ?? '').includes(a[j])) {
          if (name === 'env' && a[j] === 'i') drop();
          if (name === 'sudo' && a[j] === 'E') reset = false;
          j++;
        }
        if (j < a.length) {
          val = j + 1 < a.length ? a.slice(j + 1) : w[++i]?.value;
          if (name === 'env' && a[j] === 'u' && val === ENV_MV) drop();
        }
        continue;
      }
      if (VALUE_OPTS[name]?.test(key) && val === undefined) val = w[++i]?.value;
      if (name === 'env' && key === '--ignore-environment') drop();
      if (name === 'env' && key === '--unset' && val === ENV_MV) drop();
      if (name === 'sudo' && key === '--preserve-env' && (val === undefined || val.split(',').includes(ENV_MV))) reset = false;
    }
    if (reset) drop();
  }
  return null;
}

function serverCreate(c: Command, envMv: string | null, cloudMax: string): OscCommand | null {
  const w = c.words;
  const run = programRun(w, reservedWords(w), envMv);
  if (!run) return null;
  const i = run.at;
  let given = run.env || null;
  let mvWord = run.mvWord;
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
