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
import { locateWritten } from '../places';
import { ASSIGNMENT, commandStringScript, hereDocText, splitCommands, splitScript, subWord, type Command, type Ctx, type Scope, type NestedSyntaxError, type ShellSyntaxError, type Word } from './shell';
import { oscFixes } from './fixes';
import { clientMicroversion, translate, type Translation } from './translate';
import { translateAddVolume } from './addVolume';
import { parseGlobals, type Globals } from './globals';
import { unknownOption } from './argparse';
import { expandBraces, MAX_BRACE_CHARS, MAX_BRACE_DEPTH, MAX_BRACE_WORDS } from './braces';
import { applyVars, arrayOf, assignVar, copyVars, expandCommand, followArithmetic, forgetAll, inheritVars, heldValue, getoptsStep, readFields, setErrexit, setNounset, setPipefail, valueOf, volatileNames, whyUnknown, type GVar, type VarMap } from './vars';
import { MAX_VALUE, UNKNOWN, type Val } from './expand';

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
import { mentionsServerCreate } from './mentions';
import { condStatusOn, globMatch, literalChars, testStatus, valuePattern, type Ch } from './conditions';
import { arithAssignedNames, evalArith, type ArithVars } from './arith';

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

/** a syntax error bash stops at, and the end of the text that shell reads (a script, a block, a prompt's line) */
/**
 * A nested script's stop: what runs it (`eval`, a bash's -c string, a here-document bash reads,
 * or a dash: `sh -c`, `dash -c`, `su -s /bin/sh -c`), the line bash names (for eval run from the
 * script file, the line of bash's own count; null: none, as when eval runs inside a -c string or
 * standard input), the program name it prints first (`bash`, `-bash` for su's login shell, `sh`,
 * `dash`) and dash's line and words.
 */
export interface NestedVia { via: 'eval' | '-c' | 'stdin' | 'sh'; line: number | null; argv0?: string; dashLine?: number; dash?: string | null; label?: string }
/**
 * `expansion`: no syntax error but an expansion dash refuses as it runs the command (`dash`: its
 * first words, "Bad substitution" or "arithmetic expression"; `own`: in the text's own script,
 * not in a subshell, function or nested shell, where only that shell stops)
 */
export type StopAt = ShellSyntaxError & { to: number; console?: boolean; nested?: NestedVia; expansion?: { dash: string; own: boolean } };

/** Console blocks: the commands are the lines after a `$ ` prompt (and their continuations); the rest is output. */
function consoleCommands(text: string, from: number, to: number, lenient: boolean, stops: StopAt[]): Command[] {
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
      const r = splitScript(text, i + p[0].length, end, lenient);
      if (r.syntax) stops.push({ ...r.syntax, to: end, console: true });
      out.push(...r.commands);
      eol = end;
    }
    i = eol + 1;
  }
  return out;
}

/** OS_COMPUTE_API_VERSION in one shell: its value (null: unset) and whether it is exported */
interface VarState {
  value: string | null;
  exported: boolean;
  /** bash's temporary environment of a function call or an eval (`NAME=VAL f`): dropped when it ends; `unset` drops it at once */
  temp?: 'fn' | 'eval';
  /** `export` of it in a function (or in an eval inside a function): bash gives its value to the shell's variable when that ends */
  promote?: boolean;
  /** a temporary one made the call's local (`local NAME` in `NAME=VAL f`'s body) */
  local?: boolean;
  /** what it may hold instead: its states before commands that may not have run changed it */
  alts?: Array<{ value: string | null; exported: boolean }>;
  /** `readonly` (`declare -r`…): no assignment changes its value any more (its export attribute still may) */
  readonly?: boolean;
}
/** the variable is readonly in a shell (bash refuses a local of a readonly variable: any layer holds it) */
const isReadonly = (layers: readonly VarState[]): boolean => layers.some((l) => l.readonly);
/** how many other states a layer keeps (more: the first ones) */
const MAX_ALTERNATIVES = 8;
/** every value a program may see, taking each layer's alternatives too (see seen) */
function seenAll(layers: readonly VarState[]): Array<string | null> {
  const out = new Set<string | null>();
  for (let k = layers.length - 1; ; k--) {
    if (k < 0) { out.add(null); break; }
    const l = layers[k];
    let through = false;
    for (const x of [l, ...(l.alts ?? [])]) {
      if (x.exported && x.value !== null) out.add(x.value);
      else through = true;
    }
    if (!through) break;
  }
  return [...out];
}
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
/** how deep function calls run inside function calls (deeper calls are not followed: recursion is bounded) */
export const MAX_CALL_DEPTH = 16;
/** how deep command strings inside command strings are read (`bash -c "eval '…'"`; deeper ones are not) */
export const MAX_STRING_NESTING = 8;
/** how many commands of function bodies may be run, per command of the text (past it, calls are not followed: linear in the text) */
const CALL_BUDGET_PER_COMMAND = 16;
/** how far a shell's function table is looked up through the subshells it was copied from */
const MAX_FN_LOOKUP = 64;

/**
 * one shell's state: the variable's layers, the functions it knows, whether it ended (`exec`, or a
 * call that never returns), the shell that waits for it (none for a job started with `&`), the
 * complete command bash gave up (`aborted`: nothing more of it runs; see setsVariable's 'ends'),
 * its -u (`nounset`: on, off, null where the text does not tell it)
 */
interface Shell { layers: VarState[]; fns: FnTable; dead: boolean; up: Shell | null; aborted?: object; vars: VarMap; nounset: boolean | null; errexit: boolean | null; pipefail?: boolean | null; lastCmd?: Command; lastSt?: boolean | null; errexitDied?: boolean; exitSt?: boolean | null }
/**
 * A shell's functions: its own (null: removed by `unset -f`) and their export attribute (`export
 * -f`), then those of the shell it was copied from (a subshell); a bash started with the
 * environment (`bash -c`, `bash <<EOF`, `su -c`) takes the exported ones of the shell that runs it.
 */
interface FnTable { map: Map<string, Ctx | null>; xp: Map<string, boolean>; parent: FnTable | null; imports: FnTable | null; only?: ReadonlySet<string> }
/** a function call being run: the shell it runs in, whether it may not run at all, its locals, the shells made inside it, the temporary-environment layers its call and evals pushed */
interface Frame { key: object; cond: boolean; noErrexit: boolean; returned?: boolean | null; last: boolean | null; maybeReturn: boolean; args: string[] | null; locals: Map<object, VarState>; created: object[]; temps: Set<VarState>; fn: Ctx; sure: boolean; crossed: boolean; vlocals: Map<VarMap, Map<string, GVar>>; vtemps: Set<GVar> }
/** what a list of commands does in order: run a command, or define a function (its body's commands are run at its calls) */
type Item = { cmd: Command } | { def: Ctx; scope: Scope | undefined };

/** how many loops whose first pass surely runs a command's surety is followed through (past them: it may not run) */
const MAX_FIRST_PASSES = 64;
/** a `for` loop over more known words than this is not followed pass by pass (its body runs twice, as any loop's) */
const MAX_FOR_PASSES = 64;
/** how many commands the `for` loops followed pass by pass may run in all, per lookup (past it: twice, as any loop) */
const MAX_FOR_STEPS = 1 << 14;
/** how many passes of a `while`/`until` loop are followed one by one (past them: two passes that may run, as any loop) */
const MAX_WHILE_PASSES = 64;
/** how many pattern-by-character steps the `case` items decided on a word's value may take, per lookup */
const MAX_CASE_STEPS = 1 << 20;

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


/** a command whose words bdm-lab cannot tell: where it is, and why (none: a brace expansion past the bounds) */
export type Unread = Span & { detail?: string };

/** the information on a command whose words an expansion leaves untold */
function unresolvedDetail(why: string): string {
  return `bash expands this command's words when it runs it, and the text does not tell them: ${why}. bdm-lab cannot tell the words \`openstack\` gets, so this command is not judged.`;
}

/**
 * Whether a command some of whose words are not told (`unknown`: their indices) may be an
 * `openstack server create`/`server add volume`: \`openstack\` runs, and a word not told stands
 * before the words that name the command (not as the value of a global option), or is one of them.
 */
function mayServerCreate(w: readonly Word[], unknown: ReadonlySet<number>): boolean {
  // (`$SUDO openstack …`: a word not told before the program may be a wrapper that runs it)
  const written = w.findIndex((x, k) => /(^|\/)openstack$/.test(x.value) && [...unknown].some((u) => u < k));
  const run = programRun(w, 0, null) ?? (written >= 0 ? { at: written } : null);
  if (!run) return false;
  const s = w.findIndex((x, k) => k > run.at && !unknown.has(k) && x.value === 'server');
  for (const u of [...unknown].sort((x, y) => x - y)) {
    if (u <= run.at) continue;
    const before = w[u - 1]?.value ?? '';
    // the value of a global option (`--os-cloud $C`): not a word of the command's name
    if (u - 1 > run.at && !unknown.has(u - 1) && (before.startsWith('--os-') || OTHER_WITH_VALUE.has(before)) && !before.includes('=') && (s < 0 || u < s)) continue;
    if (s < 0) return w.slice(run.at + 1, u).every((x) => x.value.startsWith('-'));
    return u < s || u === s + 1 || (u === s + 2 && w[s + 1].value === 'add');
  }
  // only words before the program are not told: the words after it name the command
  return s >= 0 && (w[s + 1]?.value === 'create' || (w[s + 1]?.value === 'add' && w[s + 2]?.value === 'volume')) && [...unknown].some((u) => u < run.at);
}

/**
 * The `openstack server create` commands of a text, as bash runs the text: each command with the
 * OS_COMPUTE_API_VERSION its shell gives it (OSC's --os-compute-api-version defaults to it), set,
 * exported and unexported by the commands before, each shell its own (a subshell starts from a
 * copy of its shell's; a here-document body a shell runs from its feeder's exported value when
 * the shell runs here, from none over ssh; `bash -c '…'` from what its wrappers pass; `ssh host
 * '…'` from none; `eval '…'` runs in the shell itself). A function's body runs where the function
 * is called, with the caller's shell (its locals dropped when it returns; a function never called
 * runs nothing); a body run at several calls gives each distinct finding once. An `exec` of a
 * program that surely runs (not after `&&`/`||`, not in an `if`/loop/`case` body) ends its shell:
 * nothing after it in that shell runs. A body written `f() ( … )` is a subshell made at each call;
 * a bash started with the environment (`bash -c`, `bash <<EOF`, `su -c`; not behind sudo or
 * `env -i`) can call the functions exported to it (`export -f`); `su`'s and `sudo -i`'s login
 * shells start without this shell's variables. A recursion that surely never ends (see endless)
 * ends the shells that wait for it. A syntax error ends the script before the complete command it
 * is in (shell.ts scan); a command after `false &&`, `true ||`, in `if false`'s `then` part (or
 * after `if true`'s) never runs, one after `true &&` or in `if true`'s `then` part surely does.
 * What the values held decide as the script runs is followed too: an and-or link after a simple
 * command whose status they tell (`[ … ]`, `test`, `[[ … ]]`, `((…))`, `let`, `true`, `false`, an
 * assignment's last `$( … )`, a function's `return N` or last command) or after a `fi`, `esac`,
 * `done` or `}` (the compound's status), a `case` item on its word's value and on patterns held in
 * names, an `if`'s parts, a `while`/`until` head pass by pass (up to MAX_WHILE_PASSES), errexit
 * (`set -e`: a failure it does not ignore ends its shell: a subshell, and the shell waiting for a
 * `( … )` or a pipeline's last part that failed; bash's `$( … )` starts without it), `return` and
 * `local` outside any function (dash ends the script there, bash refuses them and reads on), and
 * `$1`…`$9`, `${N…}` in a function's call with its arguments told.
 */
export function findServerCreates(text: string, kind: 'shell' | 'markdown', cloudMax = DEFAULT_CLOUD_MAX, opts: { lenient?: boolean; stops?: StopAt[]; unread?: Unread[] } = {}): OscCommand[] {
  const out: OscCommand[] = [];
  const emitted = new Set<string>();
  const judged = new Map<Command, Set<string>>();
  /** a new shell's -u: off (or as its start says), unless the text changes -u where bdm-lab does not follow it */
  const startNounset = (v: boolean | null): boolean | null => (vol.nounsetUntold ? null : v);
  const shells = new Map<object, Shell>();
  /** the keys of the shells made, in order (a loop's pass forgets those its last pass made) */
  const enteredLog: object[] = [];
  /** a command string's new shell (`bash -c`): its -u at its start */
  const newShellNounset = new Map<object, boolean | null>();
  const bodies = new Map<Ctx, Item[]>();
  const active = new Map<Ctx, Frame>();
  const frames: Frame[] = [];
  let budget = 256;
  let callDepth = 0;
  /** the complete command of the outermost function call being run */
  let callUnit: object | undefined;
  const keyStop = nearest((x) => x.subshell || x.fn);
  /** the shell a command runs in: its innermost subshell; past a function's body, the caller's shell */
  const shellKey = (c: Ctx | null, s: Scope | undefined): object => {
    for (let n = 0; n <= MAX_CALL_DEPTH + 1; n++) {
      const x = keyStop(c);
      if (!x) return s ?? ROOT;
      if (x.subshell) return x;
      const f = active.get(x);
      if (f) return f.key;
      c = x.parent;
    }
    return s ?? ROOT;
  };
  /** a new shell; `funcs`: it takes the exported functions of `from` (all, or only those named) */
  const fresh = (env: string | null, dead: boolean, from: FnTable | null = null, funcs: boolean | ReadonlySet<string> = false, vars: VarMap = new Map()): Shell => {
    const fns: FnTable = { map: new Map(), xp: new Map(), parent: null, imports: funcs ? from : null };
    if (typeof funcs === 'object') fns.only = funcs;
    return { layers: [{ value: env, exported: env !== null }], fns, dead, up: null, vars, nounset: startNounset(false), errexit: false };
  };
  /** a shell's state, made (with those around it not yet made) when it is first entered */
  const shellOf = (key: object, s: Scope | undefined): Shell => {
    const chain: Array<[object, Scope | undefined]> = [];
    let k = key;
    let ks = s;
    while (!shells.has(k)) {
      chain.push([k, ks]);
      if (k === ROOT) break;
      if (k === ks) {
        const f = ks.feeder;
        k = f ? shellKey(f.ctx ?? null, f.scope) : ks.parent ?? ROOT;
        ks = f ? f.scope : ks.parent ?? undefined;
      } else k = shellKey((k as Ctx).parent, ks);
    }
    let parent: Shell | null = shells.get(k) ?? null;
    for (let j = chain.length - 1; j >= 0; j--) {
      const [ck, cs] = chain[j];
      let sh: Shell;
      if (!parent) { sh = fresh(null, false); sh.nounset = startNounset(vol.shebangU ? null : false); sh.errexit = errexitUntold || /^#![^\n]*[ \t]-[A-Za-z]*e/.test(text.slice(0, 256)) ? null : false; }
      else if (ck === cs) {
        const by = cs.reader ?? cs.feeder;
        const st = cs.inherits && by ? stdinShell(by.words, seen(parent.layers)) : { env: cs.inherits ? seen(parent.layers) : null, funcs: false };
        // the shell that reads the body starts from this one's exported variables when it is a shell run here with nothing before it (no wrapper, no assignment)
        const plainShell = cs.inherits && !!by && SHELL_NAMES.test(by.words[reservedWords(by.words)]?.value ?? '');
        sh = fresh(st.env, parent.dead, parent.fns, st.funcs, plainShell ? inheritVars(parent.vars, []) : new Map());
      } else if ((ck as Ctx).root?.shell) {
        sh = fresh((ck as Ctx).root!.env, parent.dead, parent.fns, (ck as Ctx).root!.funcs, ((ck as Ctx).root!.vars as VarMap | undefined) ?? new Map());
        sh.nounset = startNounset(newShellNounset.get((ck as Ctx).root!) ?? false);
        sh.errexit = null;
      }
      // (bash's `$( … )` starts with errexit off, unless inherit_errexit or POSIX mode may be on; dash's inherits it)
      else sh = { layers: parent.layers.map((x) => ({ ...x, alts: x.alts?.slice() })), fns: { map: new Map(), xp: new Map(), parent: parent.fns, imports: null }, dead: parent.dead, up: null, vars: copyVars(parent.vars), nounset: parent.nounset, errexit: (ck as Ctx).comsub && !dashAt(ck as Ctx) && parent.errexit !== false ? (posixUntold ? null : false) : parent.errexit, pipefail: parent.pipefail };
      if (!(ck as Ctx).bg) sh.up = parent;
      shells.set(ck, sh);
      frames[frames.length - 1]?.created.push(ck);
      enteredLog.push(ck);
      parent = sh;
    }
    return shells.get(key)!;
  };
  /** the function a name calls in a shell (only an exported one past an import) */
  const lookup = (sh: Shell, name: string): Ctx | null => {
    let t: FnTable | null = sh.fns;
    let onlyExported = false;
    for (let n = 0; t && n < MAX_FN_LOOKUP; n++) {
      const f = t.map.get(name);
      if (f !== undefined) return f && (!onlyExported || exportedIn(t, name)) ? f : null;
      if (t.parent) t = t.parent;
      else {
        if (t.only && !t.only.has(name)) return null;
        t = t.imports;
        onlyExported = true;
      }
    }
    return null;
  };
  /** whether a function's export attribute is on, as the table (or the one it was copied from) has it */
  const exportedIn = (t0: FnTable, name: string): boolean => {
    let t: FnTable | null = t0;
    for (let n = 0; t && n < MAX_FN_LOOKUP; t = t.parent, n++) { const x = t.xp.get(name); if (x !== undefined) return x; }
    return false;
  };
  // the function body a command is written in (not past the top of a command string: its commands run where it runs)
  const fnOf = nearest((x) => x.fn || !!x.root);
  const groupAt = (ctx: Ctx | null, s: Scope | undefined): Ctx | null => {
    for (let n = 0; n <= 64; n++) {
      const f = fnOf(ctx);
      if (f) return f.fn ? f : null;
      // a here-document body's commands are where the command that feeds it is
      if (!s?.feeder) return null;
      ctx = s.feeder.ctx ?? null;
      s = s.feeder.scope;
    }
    return null;
  };
  /** a list of commands as the shell runs them: function bodies set apart, their definitions in their place */
  const group = (cmds: Command[]): Item[] => {
    const top: Item[] = [];
    const listOf = (f: Ctx | null) => (f ? bodies.get(f) ?? top : top);
    for (const c of cmds) {
      const f = groupAt(c.ctx ?? null, c.scope);
      if (f && !bodies.has(f)) {
        // the function bodies around it that hold no command of their own yet get their list
        // first, outermost first, each defined in the list around it (a body may hold only the
        // definition of another function)
        const chain: Ctx[] = [];
        for (let g: Ctx | null = f; g && !bodies.has(g) && chain.length <= 64; g = groupAt(g.parent, c.scope)) chain.push(g);
        for (let i = chain.length - 1; i >= 0; i--) {
          const g = chain[i];
          const around = listOf(groupAt(g.parent, c.scope));
          bodies.set(g, []);
          around.push({ def: g, scope: c.scope });
        }
      }
      listOf(f).push({ cmd: c });
    }
    return top;
  };
  // where `local` holds: the function body around (not past a new shell's top)
  const localFn = nearest((x) => x.fn || !!x.root?.shell);
  /**
   * A `while`/`until` loop's first test as the runner decided it on the values it holds (a head of
   * one `[ … ]`/`test …` that surely runs when the loop does; anything else there: null), and the
   * loops whose head ran again (their first pass is over): the first pass of a loop whose first
   * test surely lets the body run is as sure as the loop itself, later passes may not run.
   */
  const firstTest = new Map<Ctx, boolean | null>();
  const passedFirst = new Set<Ctx>();
  const firstPassSure = (x: Ctx): boolean => x.loop !== undefined && !x.guarded && !x.never && ((firstTest.get(x) === true && !passedFirst.has(x)) || passSure.has(x));
  /** the head's answer each time it runs (see noteHead), and the `while`/`until` loops followed pass by pass whose current pass surely runs */
  const headNow = new Map<Ctx, boolean | null>();
  const passSure = new Set<Ctx>();
  /**
   * An `if`'s condition of one command as the runner decided it on the values it holds when it
   * last ran (Ctx.ifThen; null: not decided); its `then` part (true), or the part after it (false),
   * is then as sure as the `if`, and the others do not run (skippedGroup); a command there runs
   * after its own `if`'s condition, so the answer is this run's.
   */
  const ifTest = new Map<Ctx, boolean | null>();
  const thenSure = (x: Ctx, from: Ctx | null): boolean => {
    // (the `then` part when the condition held; the part after it, `else` or `elif`'s condition, when it did not)
    const t = ifTest.get(x);
    const part = t === true ? x.ifThen : t === false ? x.ifRest?.[0] : undefined;
    if (!part || x.guarded || x.never) return false;
    for (let y = from, n = 0; y && n < 64; y = y.parent, n++) { if (y === part) return true; if (y === x) return false; }
    return false;
  };
  /**
   * The status each simple command gave when it last ran (true: 0; null: not known): a command
   * after `&&`/`||` right after it (Command.after, Ctx.guard) runs or not as that status says.
   */
  const runStatus = new Map<Command, boolean | null>();
  /**
   * The status the command before an and-or link gave (undefined: it did not run); for a
   * subshell's stand-in (no words, Command.closes) the subshell's exit status: 1 where errexit
   * ended it, the status of its `exit N`, else its last command's (null: not told).
   */
  const prevStatus = (p: Command): boolean | null | undefined => {
    if (p.words.length || !p.closes) return runStatus.get(p);
    const s = shells.get(p.closes);
    if (!s) return null;
    if (s.errexitDied) return false;
    if (s.dead) return s.exitSt ?? null;
    return s.lastCmd ? s.lastSt ?? null : null;
  };
  /** whether an and-or link surely lets its command run (the command before ran and gave the status it needs) */
  const linkRuns = (g: { prev: Command; op: '&&' | '||' } | undefined): boolean => {
    if (!g) return false;
    const st = prevStatus(g.prev);
    return st !== undefined && st !== null && st === (g.op === '&&');
  };
  const linkSkips = (g: { prev: Command; op: '&&' | '||' } | undefined): boolean => {
    if (!g) return false;
    const st = prevStatus(g.prev);
    return st !== undefined && st !== null && st !== (g.op === '&&');
  };
  /** a group the and-or link before it skips on this run, a `case` item the word does not pick, an `if` part its decided condition skips (the command is in it), up to its function's body */
  const skippedGroup = (c: Command): boolean => {
    let prev: Ctx | null = null;
    for (let x = c.ctx ?? null, n = 0; x && n < 64 && !x.fn && !x.root; x = x.parent, n++) {
      if ((x.guard && linkSkips(x.guard)) || (x.caseOf && caseRuns(x) === false)) return true;
      // a loop's body when the head's last run says it does not run (not its head)
      if (x.loop !== undefined && prev && !prev.head && headNow.get(x) === false && !x.guarded && !x.never) return true;
      prev = x;
      // an `if` the runner decided on the values held: its `then` part (false) or the parts after it (true)
      const f = x.parent;
      if (f?.ifThen && !f.guarded && !f.never && ((f.ifThen === x && ifTest.get(f) === false) || (ifTest.get(f) === true && f.ifRest?.includes(x)))) return true;
    }
    return false;
  };
  /**
   * Each `case` header's items as the word's value decided them when the header last ran (true:
   * its body runs; false: not; null: not decided), made once per run of the header.
   */
  const caseDecided = new Map<Command, Array<boolean | null>>();
  /** glob steps the `case` decisions may take per lookup (past it: not decided) */
  let caseSteps = MAX_CASE_STEPS;
  const caseRuns = (x: Ctx): boolean | null => (x.caseOf ? caseDecided.get(x.caseOf.head)?.[x.caseOf.index] ?? null : null);
  const decideCase = (head: Command, subject: string | null, patOf: (w: Word) => Ch[] | null): void => {
    const list = head.caseItems!;
    const out: Array<boolean | null> = [];
    // (dash reads a bracket's leading `^` as a member, bash as `!`)
    const dash = !expands(head);
    // (three-valued: true, false, null where not told)
    const and = (x: boolean | null, y: boolean | null) => (x === false || y === false ? false : x === null || y === null ? null : true);
    const or = (x: boolean | null, y: boolean | null) => (x === true || y === true ? true : x === null || y === null ? null : false);
    // the item's patterns are tested (no earlier body ended the case); the item before ran and ended with `;&` (bash: this body runs too)
    let testing: boolean | null = true;
    let fallIn: boolean | null = false;
    for (const item of list.items) {
      if (subject === null || caseSteps <= 0) { out.push(null); continue; }
      let m: boolean | null = false;
      for (const p of testing === false ? [] : item.pats) {
        caseSteps -= (p.end - p.start + 1) * (subject.length + 1);
        const r = caseSteps > 0 ? globMatch(p.exps ? patOf(p) : literalChars(text, p), subject, dash) : null;
        if (r === true) { m = true; break; }
        if (r === null) m = null;
      }
      const ran = or(fallIn, and(testing, m));
      out.push(ran);
      // `;;&`: the next item's patterns are tested whether this body ran or not
      const end = item.end ?? ';;';
      if (end !== ';;&') testing = and(testing, ran === null ? null : !ran);
      fallIn = end === ';&' ? ran : false;
    }
    caseDecided.set(head, out);
  };
  /**
   * Whether errexit ignores a command's failure: it is followed by `&&`/`||` or negated, or it is
   * in an `if`/`while`/`until` condition, in a compound command so placed, or in a function called
   * so (bash's and dash's rule).
   */
  const errexitIgnored = (c: Command): boolean => {
    if (c.listHead) return true;
    for (let x = c.ctx ?? null, n = 0; n < 256; n++) {
      if (!x) return false;
      if (x.head || x.noErrexit) return true;
      // (an `eval`'s string: as the `eval` itself is placed; a new shell's: not followed)
      if (x.root) return x.root.noErrexit ?? true;
      if (x.fn) return active.get(x)?.noErrexit ?? true;
      x = x.parent;
    }
    return true;
  };
  const condStop = nearest((x) => !!x.cond || x.subshell || x.fn || !!x.root || !!x.head);
  const sureStop = nearest((x) => !!x.cond || !!x.guarded || x.fn || !!x.root || !!x.head);
  const shellStop = nearest((x) => x.subshell || x.fn || !!x.root);
  /** whether a command runs in a new shell of its own, inside the function body (or command string) it is written in */
  const crossing = (c: Command): boolean => {
    const x = shellStop(c.ctx ?? null);
    return !!x && (x.subshell || !!x.root?.shell);
  };
  /**
   * What follows a `break`/`continue` that may run (Ctx.jumpOf) in a loop followed pass by pass
   * where no jump of that loop ran or may have run this pass (the runner stops the pass at one that
   * surely runs, and marks one that may): it runs as the jump did not.
   */
  const jumpsPassed = (x: Ctx): boolean => !!x.jumpOf && followedFor.some((f) => f.loop === x.jumpOf && !f.unsure && !f.jump);
  /** whether a command may not run when its shell reaches it (after && or ||, in an if/loop/case body, in a call that may not run) */
  const conditional = (c: Command, inCall = false): boolean => (c.andOr && !linkRuns(c.after) ? true : conditionalFrom(c.ctx ?? null, inCall));
  /** conditional's walk up from a command's context (a command at `from` with no `&&`/`||` before it) */
  const conditionalFrom = (from: Ctx | null, inCall: boolean): boolean => {
    let skips = 0;
    for (let n = 0; n < 4096; n++) {
      const x = condStop(from);
      if (x?.cond && skips < MAX_FIRST_PASSES && (firstPassSure(x) || thenSure(x, from) || linkRuns(x.guard) || caseRuns(x) === true || jumpsPassed(x))) { skips++; from = x.parent; continue; }
      if (!x || x.cond) return !!x;
      // a condition list: as surely as its compound command (in a pipeline: its own subshell)
      if (x.head && !x.subshell) { const comp = x.parent!; if (comp.subshell) return false; from = comp.parent; continue; }
      if (x.subshell) return false;
      if (x.fn) return inCall ? false : active.get(x)?.cond ?? false;
      return x.root!.cond;
    }
    return true;
  };
  /**
   * Whether a command surely runs once the shell of the text (not just its own shell) reaches it:
   * not after `&&`/`||`, not in an `if`/loop/`case` body or a group or subshell after `&&`/`||`,
   * in a function called so, in a command string run so; a here-document body's commands are not
   * judged so (false).
   */
  const surely = (c: Command): boolean => {
    if ((c.andOr && !linkRuns(c.after)) || c.scope) return false;
    let from = c.ctx ?? null;
    let skips = 0;
    for (let n = 0; n < 4096; n++) {
      const x = sureStop(from);
      if (!x) return true;
      if (x.cond && skips < MAX_FIRST_PASSES && (firstPassSure(x) || thenSure(x, from) || linkRuns(x.guard) || caseRuns(x) === true || jumpsPassed(x))) { skips++; from = x.parent; continue; }
      if (x.cond || x.guarded) return false;
      if (x.head) { from = x.parent!.parent; continue; }
      if (x.fn) return active.get(x)?.sure ?? false;
      return !!x.root!.sure;
    }
    return false;
  };
  /**
   * A call of f from inside f's own run that surely happens, as every call of the cycle did: the
   * recursion never ends. Within one shell bash runs out of stack and that shell dies; through new
   * shells (pipelines, `( … )`, `$( … )`, `bash -c`) each level waits for the next, for ever: that
   * shell and every shell waiting for it (up to a job started with `&`) never go on.
   */
  const endless = (f: Ctx, sh: Shell, c: Command): void => {
    if (!surely(c)) return;
    const s = frames.findIndex((x) => x.fn === f);
    if (s < 0 || frames.slice(s).some((x) => !x.sure)) return;
    sh.dead = true;
    if (!crossing(c) && !frames.slice(s + 1).some((x) => x.crossed)) return;
    for (let u: Shell | null = sh, n = 0; u && n < 4096; u = u.up, n++) u.dead = true;
  };
  /** `NAME=VAL cmd` for a function or eval: the value in force, exported, while it runs (bash's temporary environment) */
  const temp = (sh: Shell, w: readonly Word[], kind: 'fn' | 'eval'): (() => void) => {
    let layer: VarState | null = null;
    for (const a of w) if (a.value.startsWith(`${ENV_MV}=`)) layer = { value: a.value.slice(ENV_MV.length + 1), exported: true, temp: kind };
    // bash refuses to assign a readonly variable: the call runs with the variable as it is
    if (!layer || isReadonly(sh.layers)) return () => undefined;
    const l = layer;
    sh.layers.push(l);
    frames[frames.length - 1]?.temps.add(l);
    return () => {
      const k = sh.layers.lastIndexOf(l);
      if (k <= 0) return;
      sh.layers.splice(k, 1);
      if (l.promote) Object.assign(sh.layers[k - 1], { value: l.value, exported: true });
    };
  };
  // written where it never runs (after `false &&`, in `if false`'s `then` part…)
  const neverAt = nearest((x) => !!x.never);
  const runItem = (it: Item, depth: number): void => {
    if ('def' in it) {
      if (neverAt(it.def.parent)) return;
      const sh = shellOf(shellKey(it.def.parent, it.scope), it.scope);
      if (!sh.dead && it.def.name) sh.fns.map.set(it.def.name, it.def);
    } else one(it.cmd, depth);
  };
  /** how many positional parameters the script's own level holds (null: not told; the script's arguments until a `set` gives them) */
  let argc: number | null = null;
  /** the words of the positional parameters at the script's own level, once a `set -- …` that surely runs gave them all (null: not told) */
  let topArgs: string[] | null = null;
  /** how many loops whose body may run again are being run (their two passes): an assignment arithmetic makes there may be made any number of times */
  let manyPasses = 0;
  /**
   * The items of a list in order; the items of a loop whose body may run again (Ctx.loop) run
   * twice, so what one pass sets (an export, a function) is seen by the commands of the next. Two
   * passes reach every value a pass can give (each pass starts from what the one before left, and
   * a value bdm-lab follows is set by the last command that sets it); a loop inside the loop is
   * run with it, not again on its own (bounded: at most twice the list). A loop followed pass by
   * pass runs the loops inside it so too (runSpan).
   */
  const run = (items: Item[], depth: number): void => runSpan(items, 0, items.length, depth, null);
  // (a loop's next pass enters the subshells inside it anew: the shells its last pass made there are gone)
  const anew = (mark: number, l: Ctx): void => {
    const kept: object[] = [];
    for (const k of enteredLog.splice(mark)) {
      let inside = false;
      for (let x = (k as Ctx).parent ?? null, n = 0; x && n < 256; x = x.parent, n++) if (x === l) { inside = true; break; }
      if (inside) shells.delete(k);
      else kept.push(k);
    }
    for (const k of kept) enteredLog.push(k);
  };
  /**
   * The items from…to of a list (inside the loop `within` followed pass by pass, f its pass's
   * jumps: the span ends where one of them surely ran, and a pass where one may have is no longer
   * sure), each loop directly inside `within` (the outermost, at the top) run as a whole: a
   * `while`/`until` whose head the values decide, or a `for` over words the text tells, pass by
   * pass (a loop inside it likewise, each pass of its own within the shared steps budget); any
   * other twice.
   */
  const runSpan = (items: Item[], from: number, to: number, depth: number, within: Ctx | null, outer: FollowedFor | null = null): void => {
    const loopAt = (it: Item): Ctx | null => (within ? loopBelow('def' in it ? it.def.parent : it.cmd.ctx ?? null, within) : loopOf(it));
    for (let i = from; i < to && !outer?.jump;) {
      const l = loopAt(items[i]);
      if (!l) { runItem(items[i], depth); i++; if (outer?.unsure) passSure.delete(within!); continue; }
      let j = i;
      while (j < to && loopAt(items[j]) === l) j++;
      // a loop whose body runs at most once (Ctx.loop): a `for` over one word the text tells is
      // followed as any `for` (below); any other runs its items in order, the loops inside it
      // followed as they are at the top
      const once = l.loop !== 'many' ? forList(l, items, i, j) : undefined;
      if (once === null) {
        runSpan(items, i, j, depth, l, null);
        i = j;
        if (outer?.unsure) passSure.delete(within!);
        continue;
      }
      if (once === undefined && whileList(l, items, i, j)) {
        // a `while`/`until` loop whose head the values held decide: pass by pass while they do
        // (MAX_WHILE_PASSES at most, within the steps budget); then as any loop (two passes that may run)
        // (a `break` of its own that surely runs ends it, a `continue` the pass; one that may run:
        // that pass to its end, then as any loop)
        let open = true;
        const mark = enteredLog.length;
        const f: FollowedFor = { loop: l, jump: null, unsure: false };
        followedFor.push(f);
        // (`while read …; do …; done <<EOF`: each pass's `read` takes the next line of the body)
        const first = items[i];
        const head = 'def' in first ? null : first.cmd;
        const feed = head ? loopLines(l, items, i, j) : null;
        const lines = feed && head ? feedLines(feed, head) : null;
        for (let pass = 0; pass < MAX_WHILE_PASSES && forSteps + (j - i) <= MAX_FOR_STEPS; pass++) {
          anew(mark, l);
          forSteps += j - i;
          headNow.delete(l);
          if (lines && head) fedLine.set(head, lines[pass] ?? null);
          runItem(items[i], depth);
          if (head) fedLine.delete(head);
          const t = headNow.get(l);
          if (t === undefined || t === false) { open = false; break; }
          if (t === null) break;
          passSure.add(l);
          runSpan(items, i + 1, j, depth, l, f);
          passSure.delete(l);
          if (f.jump === 'break') { open = false; break; }
          if (f.unsure) break;
          f.jump = null;
        }
        followedFor.pop();
        if (open) {
          manyPasses++;
          for (let pass = 0; pass < 2; pass++) for (let k = i; k < j; k++) runItem(items[k], depth);
          manyPasses--;
        }
        i = j;
        if (outer?.unsure) passSure.delete(within!);
        continue;
      }
      const fl = once ?? forList(l, items, i, j);
      if (fl && forSteps + (j - i) * (fl.words.length + 2) <= MAX_FOR_STEPS) {
        // a `for` over known words: each pass with its word (a stop on a later pass ends the script
        // there), a `break` that surely runs ending the loop, a `continue` the pass; one that may
        // run: that pass to its end, then any pass may run (two, the name not told, as any loop)
        forSteps += (j - i) * (fl.words.length + 2);
        // (each pass runs its arithmetic once, as a followed `while`'s does; the passes after an unsure jump any number of times)
        const mark = enteredLog.length;
        const f: FollowedFor = { loop: l, jump: null, unsure: false };
        followedFor.push(f);
        for (const word of fl.words) {
          anew(mark, l);
          passWord.set(fl.head, word);
          passSure.add(l);
          runSpan(items, i, j, depth, l, f);
          passSure.delete(l);
          if (f.jump === 'break' || f.unsure) break;
          f.jump = null;
        }
        followedFor.pop();
        passWord.delete(fl.head);
        if (f.unsure) {
          laterPasses.set(fl.head, fl.words);
          manyPasses++;
          for (let pass = 0; pass < 2; pass++) for (let k = i; k < j; k++) runItem(items[k], depth);
          manyPasses--;
          laterPasses.delete(fl.head);
        }
        driven.delete(fl.name);
        i = j;
        if (outer?.unsure) passSure.delete(within!);
        continue;
      }
      manyPasses++;
      for (let pass = 0; pass < 2; pass++) for (let k = i; k < j; k++) runItem(items[k], depth);
      manyPasses--;
      i = j;
      if (outer?.unsure) passSure.delete(within!);
    }
  };
  /**
   * The names the runner follows wherever they change (heldValue): only `for NAME in …` headers
   * (each of which the runner runs: it sets the pass's word, or a value not told) and plain
   * assignments change them (Volatile.forOnly, and no `for NAME` without `in`).
   */
  let forIn: Set<string> | null = null;
  /** some commands were not run (the call budget, the call depth): a `for` header among them may have changed a name */
  let cut = false;
  const heldFor = (name: string): boolean => {
    if (cut || vol.all || !vol.forOnly?.has(name) || vol.pending?.has(name)) return false;
    if (!forIn) {
      const bare = new Set<string>();
      forIn = new Set();
      for (const m of text.matchAll(/\bfor[ \t]+([A-Za-z_][A-Za-z0-9_]*)([ \t]+in(?![A-Za-z0-9_]))?/g)) if (!m[2] && bare.size < 4096) bare.add(m[1]); else if (m[2] && forIn.size < 4096) forIn.add(m[1]);
      for (const n of bare) forIn.delete(n);
    }
    return forIn.has(name);
  };
  /** the `for` loops being followed pass by pass, innermost last: a `break`/`continue` of theirs that surely ran this pass, or one that may have */
  const followedFor: FollowedFor[] = [];
  /** commands run so far by the loops followed pass by pass (bounded by MAX_FOR_STEPS) */
  let forSteps = 0;
  /** the word of the pass being run, per `for` header followed pass by pass */
  const passWord = new Map<Command, string>();
  /** a `for` header followed pass by pass until a `break`/`continue` that may or may not have run (a retry loop's): its words, for the note on its name */
  const laterPasses = new Map<Command, string[]>();
  /** a name a followed `for` header set: the shell and the variable layer it set (read as known there while that layer holds it) */
  const driven = new Map<string, { sh: Shell; layer: GVar }>();
  /**
   * No `break`/`continue` (nor, `withReturn`, `return`) written in a loop's text, nor `break`/
   * `continue` in a function's body (one there may leave a caller's loop): each pass runs to its
   * end. Read once per loop.
   */
  const JUMP = /(^|[^A-Za-z0-9_$-])(break|continue|return)(?![A-Za-z0-9_-])/g;
  let fnJumps: boolean | null = null;
  const loopJumps = new Map<Ctx, { jumps: boolean; returns: boolean }>();
  const noJumps = (l: Ctx, items: Item[], i: number, j: number, withReturn: boolean): boolean => {
    if (fnJumps === null) {
      fnJumps = false;
      for (const c of all) if (c.words.some((w) => (w.value === 'break' || w.value === 'continue') && w.end - w.start === w.value.length) && fnOf(c.ctx ?? null)?.fn) { fnJumps = true; break; }
    }
    if (fnJumps) return false;
    let seen = loopJumps.get(l);
    if (!seen) {
      const first = items[i];
      const last = items[j - 1];
      const from = 'def' in first ? 0 : first.cmd.start;
      const to = 'def' in last ? text.length : last.cmd.end;
      seen = { jumps: false, returns: false };
      for (const m of text.slice(from, to).matchAll(JUMP)) { if (m[2] === 'return') seen.returns = true; else seen.jumps = true; }
      loopJumps.set(l, seen);
    }
    return !seen.jumps && !(withReturn && seen.returns);
  };
  /**
   * The `break`s and `continue`s written in a loop (none in a function's body) are the runner's
   * to follow: no subshell or function body between, each a command of its own, its count (`break
   * 2`) a digit no larger than the loops around it in its shell (see FollowedFor). Read once per
   * loop.
   */
  const ownJumpsSeen = new Map<Ctx, boolean>();
  const ownJumps = (l: Ctx, items: Item[], i: number, j: number): boolean => {
    if (fnJumps) return false;
    let ok = ownJumpsSeen.get(l);
    if (ok === undefined) {
      ok = true;
      let around = 0;
      for (let x = l.subshell ? null : l.parent, n = 0; x && !x.fn && !x.subshell && !x.root && n < 256; x = x.parent, n++) if (x.loop !== undefined) around++;
      for (let k = i + 1; ok && k < j; k++) {
        const it = items[k];
        if ('def' in it) { ok = false; break; }
        const w = it.cmd.words;
        // (a `case` item's patterns, `1|3)`, are read as no command: the subshells of their `|` are none)
        if (it.cmd.casePatterns) continue;
        // (`break N`/`continue N`: at most as many loops as there are around it, in its shell; the
        // runner follows one that leaves this loop where the loops it leaves are followed)
        let loops = 1 + around;
        for (let x: Ctx | null = it.cmd.ctx ?? null, n = 0; x && x !== l; x = x.parent, n++) {
          if (x.subshell || x.fn || n > 64) { ok = false; break; }
          if (x.loop !== undefined) loops++;
        }
        const r = reservedWords(w);
        const count = (m: number) => (w.length === m + 1 ? 1 : w.length === m + 2 && !w[m + 1].exps && /^[1-9]$/.test(w[m + 1].value) ? Number(w[m + 1].value) : 0);
        if (w.some((x, m) => (x.value === 'break' || x.value === 'continue') && (m !== r || x.exps || count(m) === 0 || count(m) > loops))) ok = false;
      }
      ownJumpsSeen.set(l, ok);
    }
    return ok;
  };
  /**
   * A `while`/`until` loop (the outermost, its items i…j) whose condition list is one command
   * (Ctx.soleHead, its first item) with no substitution in its text, with no loop inside it and
   * no jump out of a pass (see noJumps): it may be followed pass by pass (its head decided on the
   * values held each time).
   */
  const whileOk = new Map<Ctx, boolean>();
  const whileList = (l: Ctx, items: Item[], i: number, j: number): boolean => {
    if (!l.soleHead || vol.all) return false;
    let ok = whileOk.get(l);
    if (ok === undefined) {
      const first = items[i];
      ok = !('def' in first) && !!first.cmd.ctx?.head && first.cmd.ctx.parent === l && !/[`]|\$\(/.test(text.slice(first.cmd.start, first.cmd.end));
      // (a loop inside it is run with each pass, runSpan)
      for (let k = i + 1; ok && k < j; k++) {
        const it = items[k];
        for (let x: Ctx | null = ('def' in it ? it.def.parent : it.cmd.ctx ?? null), n = 0; x && x !== l; x = x.parent, n++) if (n > 64) { ok = false; break; }
      }
      whileOk.set(l, ok);
    }
    // (a `return` in a function's loop ends the call: not followed; outside any function dash ends the script there and bash reads on;
    // its own `break`s and `continue`s are followed as a `for` loop's)
    return ok && (noJumps(l, items, i, j, callDepth > 0) || (ownJumps(l, items, i, j) && (callDepth === 0 || !loopJumps.get(l)?.returns)));
  };
  /**
   * The lines a `while read …` loop's `read` takes pass by pass: its `done` (alone, Command.closes)
   * has one redirection, a here-document on its standard input whose body the text tells (its
   * delimiter quoted, or no `$`, `` ` `` or `\\` in it); its condition list is that `read` with no
   * redirection of its own; and nothing else in its body may read that input (each command's
   * program one of STDIN_UNREAD, or none). Null otherwise. Read once per loop.
   */
  const loopLinesOf = new Map<Ctx, { body: string; expands: boolean } | null>();
  const loopLines = (l: Ctx, items: Item[], i: number, j: number): { body: string; expands: boolean } | null => {
    let got = loopLinesOf.get(l);
    if (got !== undefined) return got;
    got = null;
    const done = doneOfLoop(l);
    const first = items[i];
    // (`printf … | while read`, `cat <<EOF | while read`: the loop, a subshell, reads what the command before the `|` writes)
    const f = done && !done.hereDocs?.length && !done.redirs?.length ? loopFeeder(l, 'def' in first ? undefined : first.cmd) ?? procSubst(done) : undefined;
    const fedBy = f ? pipedText(text, f) : null;
    const cat = !!f && f.words.length === 1 && f.words[0].value === 'cat' && !f.words[0].exps && f.hereDocs?.length === 1 && !f.redirs?.length && !f.andOr && !f.scope && !/(^|[\s;&|(])(cat[ \t]*\(|function[ \t]+cat\b|alias\b|PATH=)/.test(text);
    const d = done?.hereDocs?.length === 1 && !done.redirs?.length ? done.hereDocs[0] : cat ? f!.hereDocs![0] : null;
    const programOf = (c: Command): Word | undefined => {
      let k = reservedWords(c.words);
      while (k < c.words.length && ASSIGNMENT.test(c.words[k].value)) k++;
      return c.words[k];
    };
    const quiet = (c: Command) => {
      if (c.casePatterns || c.words.length === 0) return true;
      const p = programOf(c);
      if (!p || /^(fi|esac|done|\}|;;)$/.test(c.words[0].value)) return true;
      // (a loop's `for NAME in …` header, a `case WORD in` header: they read nothing)
      const at = c.words.indexOf(p);
      if (!p.exps && (p.value === 'for' || p.value === 'case') && c.words[at + 2]?.value === 'in') return true;
      return !p.exps && STDIN_UNREAD.has(p.value);
    };
    // (an unquoted delimiter: its body is expanded as the loop starts; only `$NAME` and `${NAME}` are followed, FeedLines)
    const raw = d ? text.slice(d.body.start, d.body.end) : '';
    // (`done < /dev/null`: no line at all)
    const r = done && !done.hereDocs?.length && done.redirs?.length === 1 ? done.redirs[0] : null;
    const none = !!r && !r.exps && r.value === '/dev/null' && r.end - r.start === 9 && /^[ \t]*<[ \t]*$/.test(text.slice(done!.words[0]?.end ?? r.start, r.start));
    if ((none || fedBy !== null || (d?.stdin && d.close && !d.remote && (d.quoted || !/[`\\]|\$(?![A-Za-z_]|\{[A-Za-z_][A-Za-z0-9_]*\})/.test(raw)))) && !('def' in first)) {
      const h = first.cmd;
      const p = programOf(h);
      if (p?.value === 'read' && !p.exps && !h.redirs?.length && !h.hereDocs?.length && !h.andOr) {
        let ok = true;
        for (let k = i + 1; ok && k < j; k++) { const it = items[k]; ok = !('def' in it) && quiet(it.cmd); }
        if (ok) got = none ? { body: '', expands: false } : fedBy !== null ? { body: fedBy, expands: false } : { body: hereDocText(text, d!).text, expands: !d!.quoted && raw.includes('$') };
      }
    }
    loopLinesOf.set(l, got);
    return got;
  };
  /**
   * The lines of a `while read` loop's here-document (loopLines) as the loop starts: an unquoted
   * one's `$NAME` and `${NAME}` replaced by the values its shell holds now (no splitting there);
   * null where one is not told (unknown, or unset where `set -u` may be on).
   */
  const feedLines = (feed: { body: string; expands: boolean }, head: Command): string[] | null => {
    let body = feed.body;
    if (feed.expands) {
      if (head.scope || shellRootAt(head.ctx ?? null)) return null;
      const sh = shellOf(shellKey(head.ctx ?? null, head.scope), head.scope);
      let told = true;
      body = body.replace(/\$(?:([A-Za-z_][A-Za-z0-9_]*)|\{([A-Za-z_][A-Za-z0-9_]*)\})/g, (_m, a?: string, b?: string) => {
        const name = (a ?? b)!;
        const dr = driven.get(name);
        const top = dr && dr.sh === sh ? sh.vars.get(name)?.at(-1) : undefined;
        const v = top && top === dr!.layer ? top.v : heldFor(name) ? heldValue(sh.vars, name) : valueOf(sh.vars, vol, name);
        if (v === UNKNOWN || (v === null && sh.nounset !== false)) { told = false; return ''; }
        return v ?? '';
      });
      if (!told || body.length > MAX_VALUE) return null;
    }
    return body.split('\n').slice(0, -1);
  };
  /**
   * The command a pipeline feeds a loop from (Ctx.pipedFrom): the loop's own, or, where the loop
   * opens a `{ …; }` group or a `( … )` subshell after the `|` (`printf … | { while read …; done;
   * …; }`, `printf … | ( while read …; done )`), the group's or the subshell's.
   */
  const loopFeeder = (l: Ctx, head: Command | undefined): Command | undefined => {
    if (l.pipedFrom) return l.pipedFrom;
    const g = l.parent;
    if (!g?.pipedFrom || !head) return undefined;
    const w = head.words;
    if (head.ctx?.parent !== l) return undefined;
    if (w.length > 1 && w[0].value === '{' && w[0].end - w[0].start === 1 && w[1].value === 'while') return g.pipedFrom;
    // (the subshell's first command: nothing but blanks between its `(` and the loop's `while`)
    return g.paren === undefined && g.subshell && w[0]?.value === 'while' && w[0].end - w[0].start === 5 && /\([ \t\n]*$/.test(text.slice(Math.max(0, head.start - 64), head.start)) ? g.pipedFrom : undefined;
  };
  /**
   * bash's `done < <(CMD)`: CMD, where it is one simple command alone in the substitution (the
   * loop then runs in the script's shell and reads what CMD writes). Dash stops at `< <(` (shell.ts).
   */
  let commandAt: Map<number, Command> | null = null;
  const procSubst = (done: Command): Command | undefined => {
    const m = /^[ \t]*<[ \t]*<\(/.exec(text.slice(done.end, done.end + 32));
    if (!m) return undefined;
    if (!commandAt) {
      commandAt = new Map();
      for (const c of all) if (!commandAt.has(c.start)) commandAt.set(c.start, c);
    }
    let at = done.end + m[0].length;
    while (text[at] === ' ' || text[at] === '\t') at++;
    const c = commandAt.get(at);
    return c?.ctx?.subshell && c.ctx.parent === (done.ctx ?? null) && /^[ \t]*\)/.test(text.slice(c.end, c.end + 16)) ? c : undefined;
  };
  /** each loop's `done` closing it alone (made once) */
  let doneOf: Map<Ctx, Command> | null = null;
  const doneOfLoop = (l: Ctx): Command | undefined => {
    if (doneOf === null) {
      doneOf = new Map();
      for (const c of all) if (c.closes?.loop !== undefined && c.words[0]?.value === 'done') doneOf.set(c.closes, c);
    }
    return doneOf.get(l);
  };
  /**
   * Where a `read` whose line is not told reads it, in words for the note on its names: a file
   * its own `< FILE` or its loop's `done < FILE` names (bdm-lab reads no file), or the command a
   * pipeline or bash's `< <(…)` feeds the loop from; null otherwise.
   */
  const readFrom = (c: Command): ((name: string) => string) | null => {
    const file = (x: Command | undefined): string | null => {
      const r = x?.redirs?.length === 1 && !x.hereDocs?.length ? x.redirs[0] : null;
      if (!r || r.exps || r.value === '/dev/null' || !/(^|[^<>&])<[ \t]*$/.test(text.slice(Math.max(0, r.start - 8), r.start))) return null;
      return r.value.length > 80 ? null : r.value;
    };
    let f = file(c);
    const l = !f && c.ctx?.head && c.ctx.parent?.loop !== undefined ? c.ctx.parent : null;
    const done = l ? doneOfLoop(l) : undefined;
    if (l && done) f = file(done);
    if (f !== null) {
      const at = f;
      return (name) => `\`$${name}\` is set by \`read\` from the file \`${at}\`, whose lines bdm-lab does not read (they are on the machine that runs the script)`;
    }
    const by = l && done && !done.redirs?.length && !done.hereDocs?.length ? loopFeeder(l, c) ?? procSubst(done) : undefined;
    if (!by || by.end - by.start > 80) return null;
    const cmd = text.slice(by.start, by.end);
    return (name) => `\`$${name}\` is set by \`read\` from what \`${cmd}\` writes, which bdm-lab does not run`;
  };
  /** the line (null: none left) the `read` of a loop's condition list takes on the pass being run (see loopLines) */
  const fedLine = new Map<Command, string | null>();
  /**
   * A `for NAME in WORDS` loop (from its first item, its header) whose words are all literal (no
   * expansion, no pattern character), 1 to MAX_FOR_PASSES of them, and whose NAME only `for`
   * headers change (Volatile.forOnly): its header and the words of its passes (else null).
   */
  const forList = (l: Ctx, items: Item[], i: number, j: number): { head: Command; name: string; words: string[] } | null => {
    const first = items[i];
    if (!noJumps(l, items, i, j, false) && !ownJumps(l, items, i, j)) return null;
    if (vol.all) return null;
    if ('def' in first || first.cmd.ctx !== l) return null;
    const c = first.cmd;
    const lead = reservedWords(c.words);
    const w = c.words;
    if (w[lead]?.value !== 'for' || w[lead].exps || w[lead + 2]?.value !== 'in' || w[lead + 2].exps) return null;
    const name = w[lead + 1]?.value ?? '';
    if (w[lead + 1].exps || !/^[A-Za-z_][A-Za-z0-9_]*$/.test(name) || !vol.forOnly?.has(name)) return null;
    if (c.andOr || c.redirs?.length || c.hereDocs?.length || c.defines) return null;
    const list = w.slice(lead + 3);
    if (list.length > MAX_FOR_PASSES || list.some((x) => x.value === 'do' && !x.exps)) return null;
    // (words that expand, `for vol in $VOLS`, `for v in "$@"`: as the header expands them now, when that is told)
    if (list.some((x) => x.exps)) {
      const words = forWordsNow(c, list);
      return words && words.length <= MAX_FOR_PASSES ? { head: c, name, words } : null;
    }
    if (!list.length) return null;
    const words: string[] = [];
    for (const x of list) {
      const ch = literalChars(text, x);
      if (!ch || /[*?[{~]/.test(x.value)) return null;
      words.push(ch.map((y) => y.ch).join(''));
    }
    return { head: c, name, words };
  };
  /**
   * A `for` header's words as its shell expands them where the loop is reached (split, each a
   * pass's word): only `$NAME`, `${NAME}`, `$@`, `$*`, `$#`, `$1`… (nothing they could assign),
   * every word told and no pattern character written or given; else null.
   */
  const forWordsNow = (c: Command, list: readonly Word[]): string[] | null => {
    for (const x of list) {
      if (x.braces || (!x.exps && /[*?[{~]/.test(x.value))) return null;
      if (x.exps?.some((e) => !/^\$(?:[A-Za-z_][A-Za-z0-9_]*|\{[A-Za-z_][A-Za-z0-9_]*\}|[@*#1-9]|\{[@*#1-9]\}|\{[A-Za-z_][A-Za-z0-9_]*\[[@*]\](?::[0-9]{1,9}(?::[0-9]{1,9})?)?\})$/.test(e.src))) return null;
    }
    if (c.scope || shellRootAt(c.ctx ?? null)) return null;
    const sh = shellOf(shellKey(c.ctx ?? null, c.scope), c.scope);
    if (sh.dead) return null;
    const call = callDepth > 0 ? frames[frames.length - 1] : undefined;
    const args = call ? call.args : topArgs;
    const getVar = (name: string) => {
      const d = driven.get(name);
      const top = d && d.sh === sh ? sh.vars.get(name)?.at(-1) : undefined;
      if (top && top === d!.layer) return top.v;
      return heldFor(name) ? heldValue(sh.vars, name) : valueOf(sh.vars, vol, name);
    };
    const shellOpts = { nounset: sh.nounset, dash: !expands(c), interactive: kind !== 'shell', patternOptions: vol.patterns, readonly: () => false, positional: args ? (n: number) => args[n - 1] ?? null : undefined, argc: args ? () => args.length : undefined, array: (name: string) => arrayOf(sh.vars, vol, name), unsetHere: (name: string) => !vol.all && !vol.names.has(name) && !vol.pending?.has(name) && !sh.vars.get(name)?.length };
    const ex = expandCommand(list, getVar, () => undefined, shellOpts, false, (name) => whyUnknown(sh.vars, vol, name));
    if (ex.fatal || ex.unknownAt.size || ex.words.some((x) => /[*?[]/.test(x.value))) return null;
    return ex.words.map((x) => x.value);
  };
  const outerLoop = new Map<Ctx, Ctx | null>();
  /** the outermost loop around a context, up to the function's body or command string it is in (none: null) */
  const outermost = (c: Ctx | null): Ctx | null => {
    const walked: Ctx[] = [];
    let found: Ctx | null = null;
    for (let x = c; x && !x.fn && !x.root; x = x.parent) {
      const m = outerLoop.get(x);
      if (m !== undefined) { found = m ?? found; break; }
      walked.push(x);
    }
    // from the top down: the outermost loop seen so far
    for (let k = walked.length - 1; k >= 0; k--) {
      const x = walked[k];
      if (!found && x.loop) found = x;
      outerLoop.set(x, found);
    }
    return found;
  };
  const loopOf = (it: Item): Ctx | null => outermost('def' in it ? it.def.parent : it.cmd.ctx ?? null);
  /** the outermost loop around a context inside the loop `within` (none, or `within` not around it: null) */
  const loopBelow = (c: Ctx | null, within: Ctx): Ctx | null => {
    let found: Ctx | null = null;
    for (let x = c, n = 0; x && n < 256; x = x.parent, n++) {
      if (x === within) return found;
      if (x.fn || x.root) return null;
      if (x.loop) found = x;
    }
    return null;
  };
  /**
   * The command of a `while`/`until` loop's condition list when it is the list's only command
   * (Ctx.soleHead): its first run decides the loop's first test (firstTest) when it is one
   * `[ … ]`, `test …`, `[[ … ]]`, `((…))` or `let` that surely runs and whose status the values
   * held decide (`status`; no function of that name); its run again starts a later pass; an `if`'s
   * likewise decides its parts (ifTest). A list of more commands is never decided here.
   */
  const noteHead = (c: Command, lead: number, maybe: boolean, words: readonly Word[] | null, status: (w: readonly Word[]) => boolean | null): void => {
    const x = c.ctx;
    const comp = x?.head ? x.parent : null;
    if (comp?.ifThen) {
      // (an and-or list: its last command decides, on the status it leaves; the ones before it are not told here)
      if (comp.ifHead && comp.ifHead !== c) { if (!c.andOr) ifTest.set(comp, null); return; }
      const plain = !c.defines && !c.redirs?.length && !c.hereDocs?.length && (comp.ifHead ? lead === 0 : !c.andOr && lead >= 1 && c.words[lead - 1]?.value === 'if' && !c.words[lead - 1].exps);
      ifTest.set(comp, !plain || maybe || !words ? null : status(words));
      return;
    }
    if (!x?.head || x.parent?.loop === undefined) return;
    const loop = x.parent;
    const list = loop.headList;
    if (list) {
      // (an and-or list: its last command decides, on the status it leaves)
      if (list.last !== c) return;
      const plain = !c.defines && !c.redirs?.length && !c.hereDocs?.length && lead === 0;
      noteLoopTest(loop, !plain || maybe || !words ? null : status(words), list.until);
      return;
    }
    if (!loop.soleHead) return;
    // (`while` right before the head's program, after the reserved words that open its place: `do while …`, `then until …`)
    const kind = lead >= 1 && !c.words[lead - 1].exps ? c.words[lead - 1].value : '';
    const plain = !c.andOr && !c.defines && !c.redirs?.length && !c.hereDocs?.length && (kind === 'while' || kind === 'until');
    noteLoopTest(loop, !plain || maybe || !words ? null : status(words), kind === 'until');
  };
  /** a `while`/`until` loop's condition list's status as it ran (null: not told): whether its body runs now (headNow), its first test (firstTest) */
  const noteLoopTest = (loop: Ctx, st: boolean | null, until: boolean): void => {
    const runs = st === null ? null : st !== until;
    headNow.set(loop, runs);
    if (firstTest.has(loop)) passedFirst.add(loop);
    else firstTest.set(loop, runs);
  };
  /** a `case` header's command as the shell runs it: `case WORD in` (made once) */
  const caseHeads = new Map<Command, Command>();
  const one = (c: Command, depth: number): void => {
    runStatus.delete(c);
    const orig = c;
    if (c.caseItems) caseDecided.delete(c);
    if (callDepth > 0 && budget-- <= 0) { cut = true; return; }
    if (neverAt(c.ctx ?? null)) return;
    // a function's call that returned: the rest of its body does not run
    const call = callDepth > 0 ? frames[frames.length - 1] : undefined;
    if (call && call.returned !== undefined) return;
    // after `&&`/`||`: the status the command before gave on this run decides (skipped: the list's status is that one's)
    if (c.after && linkSkips(c.after)) {
      const st = prevStatus(c.after.prev) ?? null;
      runStatus.set(c, st);
      // (the last command of an `if`'s and-or condition list skipped: the list's status is the one before it left)
      const comp = c.ctx?.head ? c.ctx.parent : null;
      if (comp?.ifHead === c) ifTest.set(comp, conditional({ ...c, andOr: undefined, after: undefined }) ? null : st);
      if (comp?.headList?.last === c) noteLoopTest(comp, conditional({ ...c, andOr: undefined, after: undefined }) ? null : st, comp.headList.until);
      if (call && shellKey(c.ctx ?? null, c.scope) === call.key) call.last = conditional(c, true) ? (call.last === st ? st : null) : st;
      return;
    }
    if (skippedGroup(c)) return;
    if (c.never) {
      // a `case` header with patterns on its line: the shell expands its word (`case WORD in`)
      const k = c.casePatterns === 'header' ? c.words.findIndex((x, n) => x.value === 'case' && !x.exps && c.words[n + 2]?.value === 'in') : -1;
      if (k < 0) return;
      c = caseHeads.get(c) ?? caseHeads.set(c, { ...c, words: c.words.slice(0, k + 3), never: undefined, casePatterns: undefined }).get(c)!;
    }
    const key = shellKey(c.ctx ?? null, c.scope);
    const sh = shellOf(key, c.scope);
    if (sh.dead) return;
    // the complete command the shell gave up (a readonly variable assigned): the rest of it does not run
    const unit = callDepth > 0 ? callUnit : c.unit;
    if (sh.aborted && unit === sh.aborted) return;
    const lead = reservedWords(c.words);
    // a `for`/`select` header (`for NAME in WORDS`, in the loop's own context): its words are expanded once the loop is reached
    const loopHead = c.ctx?.loop !== undefined && (c.words[lead]?.value === 'for' || c.words[lead]?.value === 'select') && c.words[lead + 2]?.value === 'in';
    const maybe = loopHead ? conditional({ ...c, ctx: c.ctx!.parent ?? undefined }) : conditional(c);
    // bash expands the words as it runs the command: with the variables the shell holds now
    let inHereDoc = false;
    for (let s = c.scope, n = 0; s && n < 64; s = s.parent ?? undefined, n++) if (!s.hereDoc.quoted) inHereDoc = true;
    const getVar = (name: string) => {
      const d = driven.get(name);
      const top = d && d.sh === sh ? sh.vars.get(name)?.at(-1) : undefined;
      if (top && top === d!.layer) return top.v;
      return heldFor(name) ? heldValue(sh.vars, name) : valueOf(sh.vars, vol, name);
    };
    const setVar = (name: string, v: Val, arith?: boolean) => assignVar(sh.vars, name, v, maybe || (!!arith && manyPasses > 0));
    // (the script's own level: the positional parameters a `set --` gave, where bdm-lab follows them)
    const args = call ? call.args : !c.scope && !shellRootAt(c.ctx ?? null) ? topArgs : null;
    const shellOpts = { nounset: sh.nounset, dash: !expands(c), interactive: kind !== 'shell', patternOptions: vol.patterns, readonly: (name: string) => !!sh.vars.get(name)?.at(-1)?.ro, positional: args ? (n: number) => args[n - 1] ?? null : undefined, argc: args ? () => args.length : undefined, array: (name: string) => arrayOf(sh.vars, vol, name), unsetHere: (name: string) => !vol.all && !vol.names.has(name) && !vol.pending?.has(name) && !sh.vars.get(name)?.length };
    const whyVar = (name: string) => whyUnknown(sh.vars, vol, name);
    const ex = expandCommand(c.words.slice(lead), getVar, setVar, shellOpts, inHereDoc, whyVar);
    // its redirections' targets, expanded after its words: one the shell refuses stops it there too (the command never runs)
    if (!ex.fatal && c.redirs?.some((w) => w.exps)) ex.fatal = expandCommand(c.redirs, getVar, setVar, shellOpts, inHereDoc, whyVar).fatal;
    // bash's `((…))` and `let` (arithmeticSpans finds them): evaluated once as they run, their assignments made in the shell
    const arith = ex.fatal || shellOpts.dash ? undefined : arithCommand(text, c.words.slice(lead), ex, !!lookup(sh, 'let'), getVar, whyVar, setVar, shellOpts.readonly, sh.nounset);
    const arithRun = arith?.st;
    /**
     * bash's `[[ … ]]` on the words as written (no splitting or globbing there): each a literal,
     * or one name's value (`$X`, `${X}`, in double quotes or not; unquoted right of `==`: a pattern)
     */
    const condOn = (piece?: CondPiece): boolean | null => {
      const orig = c.words.slice(lead);
      const vals: string[] = [];
      const pats: Array<Ch[] | null> = [];
      for (const x of orig) {
        if (!x.exps) {
          const cs = literalChars(text, x);
          vals.push(x.value);
          pats.push(cs && !(cs.length && cs[0].ch === '~' && !cs[0].quoted) ? cs : null);
          continue;
        }
        const m = /^(")?\$(?:([A-Za-z_][A-Za-z0-9_]*)|\{([A-Za-z_][A-Za-z0-9_]*)\})\1$/.exec(text.slice(x.start, x.end));
        if (!m) return null;
        let v = getVar(m[2] ?? m[3]);
        if (v === UNKNOWN || (v === null && sh.nounset !== false)) return null;
        v ??= '';
        vals.push(v);
        pats.push(m[1] ? [...v].map((ch) => ({ ch, quoted: true })) : valuePattern(v));
      }
      return condStatusOn(text, orig, vals, pats, piece);
    };
    const piece = condPiece(c, lead);
    // (a `while read` loop's `read` on the line its pass takes, split among its names; none left: the shells empty them)
    const fed = fedLine.get(orig);
    let readAt = 0;
    while (readAt < ex.words.length && ASSIGNMENT.test(ex.words[readAt].value)) readAt++;
    const fedRead: Map<string, string> | 'untold' | null = fed === undefined || ex.words[readAt]?.value !== 'read' || ex.unknownAt.size || ex.fatal || lookup(sh, 'read')
      ? null
      : readFields(ex.words.slice(readAt + 1).map((x) => x.value), fed ?? '', ex.assigns.find((x) => x.name === 'IFS' && x.value !== UNKNOWN)?.value ?? getVar('IFS')) ?? 'untold';
    // (`getopts SPEC NAME [WORD…]` on words told, over its own words or the positional parameters bdm-lab follows; OPTIND unset by the script: 1, as both shells start)
    const optsWords = ex.words[readAt]?.value === 'getopts' && !ex.unknownAt.size && !ex.fatal && !lookup(sh, 'getopts') && ex.words.length >= readAt + 3 ? ex.words.slice(readAt + 1).map((x) => x.value) : null;
    const optsArgs = optsWords ? (optsWords.length > 2 ? optsWords.slice(2) : args) : null;
    const optind = optsArgs ? getVar('OPTIND') : null;
    const optsRun = optsWords && optsArgs && optind !== null ? getoptsStep(optsWords[0], optsWords[1], optsArgs, optind === UNKNOWN ? (shellOpts.unsetHere('OPTIND') ? '1' : '') : optind, shellOpts.dash) : null;
    /** the status of the command whose words (expanded) are ws, its program first, where the values held decide it (`[ ]`, `test`, `[[ ]]`, `let`, `getopts`) */
    const statusOf = (ws: readonly Word[]): boolean | null => {
      const p = ws[0]?.value;
      if (optsRun && ws === ex.words && readAt === 0) return optsRun.st;
      // a piece of `[[ … && … ]]` after the first (bash: one test of it, where the links before it
      // join as `[[ ]]` does; dash: a command not found, one named `-z`, `-n`…)
      if (piece && !piece.open) {
        if (ws !== ex.words || piece.mixed) return null;
        if (shellOpts.dash) return !c.words[lead]?.exps && /^-[a-zA-Z]{1,2}$/.test(c.words[lead]?.value ?? '') && !lookup(sh, c.words[lead].value) ? false : null;
        return condOn(piece);
      }
      // (a `while read` loop's `read` on the line its pass takes: it succeeds; none left: it fails)
      if (fedRead && ws === ex.words) return fedRead === 'untold' ? null : fed !== null;
      // (a word not told: only `[[ … ]]`, which reads its words itself, and dash's commands not found are told)
      if (ex.unknownAt.size && !((p === '[[' || p === 'let') && !c.words[lead]?.exps && !c.words[lead]?.arith)) return null;
      if (c.words[lead]?.arith) return ws === ex.words ? arithRun !== undefined ? arithRun : arithStatus(c.words[lead].value.slice(2, -2), shellOpts.dash, getVar, whyVar, sh.nounset) : null;
      if (p === '[' || p === 'test') return testStatus(ws.map((x) => x.value), shellOpts.dash);
      // (`true`, `:` and `false`, builtins of both shells, whatever their arguments: `while true`, `until false`)
      if ((p === 'true' || p === ':' || p === 'false') && ws === ex.words) return p !== 'false';
      if (p !== '[[' && p !== 'let') return null;
      // dash has neither: a command not found (127)
      if (shellOpts.dash) return lookup(sh, p) || c.words[lead]?.exps ? null : false;
      // (bash: not after assignments, which hold for the command alone; `X=1 let …` sees them: arithCommand)
      if (ws !== ex.words) return p === 'let' && arithRun !== undefined ? arithRun : null;
      if (p === '[[') return condOn(piece ?? undefined);
      if (ex.unknownAt.size) return null;
      if (arithRun !== undefined) return arithRun;
      return lookup(sh, p) ? null : letStatus(ws.slice(1).map((x) => x.value), getVar, whyVar, sh.nounset);
    };
    noteHead(c, lead, maybe, ex.fatal || (ex.words[0] && lookup(sh, ex.words[0].value)) ? null : ex.words, statusOf);
    // a `case` header: its items decided on the word's value (one word, as the shell reads it: no splitting)
    if (orig.caseItems && !ex.fatal) {
      const v = ex.words;
      // (a word that is one name's value: that value, even one holding a glob character, which a case word does not expand)
      const sole = c.words.length === 3 ? /^("?)\$(?:([A-Za-z_][A-Za-z0-9_]*)|\{([A-Za-z_][A-Za-z0-9_]*)\})\1$/.exec(text.slice(c.words[1].start, c.words[1].end)) : null;
      const held = sole ? getVar(sole[2] ?? sole[3]) : null;
      // (a pattern that is one name's value: its characters, active unless in double quotes)
      const patOf = (x: Word): Ch[] | null => {
        const m = /^(")?\$(?:([A-Za-z_][A-Za-z0-9_]*)|\{([A-Za-z_][A-Za-z0-9_]*)\})\1$/.exec(text.slice(x.start, x.end));
        const pv = m ? getVar(m[2] ?? m[3]) : null;
        if (!m || typeof pv !== 'string') return null;
        return m[1] ? [...pv].map((ch) => ({ ch, quoted: true })) : valuePattern(pv);
      };
      decideCase(orig, !ex.unknownAt.size && v.length === 3 && v[0].value === 'case' && v[2].value === 'in' ? v[1].value : typeof held === 'string' && c.words[0].value === 'case' && !ex.fatal ? held : null, patOf);
    }
    // a `for` header: its name holds the pass's word when the loop is followed pass by pass, else is not known from here
    if (loopHead) {
      const name = c.words[lead + 1].value;
      const word = passWord.get(c);
      driven.delete(name);
      if (word !== undefined && !ex.fatal) {
        assignVar(sh.vars, name, word, false);
        const top = sh.vars.get(name)?.at(-1);
        if (top && top.v === word) driven.set(name, { sh, layer: top });
      } else {
        assignVar(sh.vars, name, UNKNOWN, true);
        const later = laterPasses.get(c);
        const top = later ? sh.vars.get(name)?.at(-1) : undefined;
        if (later && top) top.why = `\`$${name}\` holds one of its \`for\` loop's words (${later.slice(0, 4).join(', ')}${later.length > 4 ? ', …' : ''}): which one depends on the pass where a \`break\` or \`continue\` left the loop, and so on a command's exit status (an \`openstack\` command's, say) that the text does not tell`;
      }
    }
    // an expansion that stops bash: the command never runs; the shell exits, or gives up the complete command
    if (ex.fatal) {
      for (const s of ex.assigns) assignVar(sh.vars, s.name, UNKNOWN, true);
      // dash stops the whole script at an expansion it refuses: said where it is; a command that may not run is only not told
      const d = ex.fatal.dash;
      if (d !== undefined && ex.fatal.exits && !opts.lenient) {
        const at = ex.fatal.at ?? c.start;
        if (!maybe) dashStop(at, Math.max((ex.fatal.end ?? c.end) - at, 1), d, ex.fatal.reason, c.start, key === ROOT && callDepth === 0 ? rangeTo : null);
        else if (mayServerCreate(ex.words, ex.unknownAt)) unreadAt({ offset: c.start, length: c.end - c.start, detail: unresolvedDetail(ex.fatal.reason) });
      }
      // (read on past it when counting what the script writes after a stop)
      if (!maybe && !(opts.lenient && d !== undefined)) {
        // (a subshell exits; the script's shell, a `bash -c` or a here-document's shell reads on from the next complete command)
        if (!ex.fatal.exits && (key === ROOT || key === c.scope || (key as Ctx).root?.shell)) sh.aborted = unit;
        else sh.dead = true;
      }
      return;
    }
    const w = ex.words;
    let a = 0;
    while (a < w.length && ASSIGNMENT.test(w[a].value)) a++;
    // dash expands a here-document for a special builtin (`:`, `set`…) in the shell itself: an
    // arithmetic error in its body stops the script there (any other command only fails)
    const docStop = !maybe && shellOpts.dash && !opts.lenient && a < w.length && !ex.unknownAt.has(a) && DASH_SPECIAL.has(w[a].value) && key === ROOT && !c.scope ? hereDocArithStop(text, c, (ws) => expandCommand(ws, getVar, () => undefined, shellOpts, false, whyVar).fatal) : null;
    if (docStop) {
      dashStop(docStop.at, docStop.length, docStop.dash, docStop.reason, c.start, key === ROOT && callDepth === 0 ? rangeTo : null);
      sh.dead = true;
      return;
    }
    // a function's call: its body runs here, with this shell
    const f = !c.defines && a < w.length && !ex.unknownAt.has(a) && !w[a].value.includes('/') ? lookup(sh, w[a].value) : null;
    if (f) {
      // `N=5 f` with N readonly: dash refuses the call and exits (bash calls f with N as it is)
      if (shellOpts.dash && !maybe && ex.assigns.some((s) => sh.vars.get(s.name)?.at(-1)?.ro)) { sh.dead = true; return; }
      if (callDepth >= MAX_CALL_DEPTH && active.has(f)) endless(f, sh, c);
      if (callDepth >= MAX_CALL_DEPTH || budget <= 0) { cut = true; return; }
      const frame: Frame = { key, cond: maybe, noErrexit: errexitIgnored(c), last: true, maybeReturn: false, args: [...ex.unknownAt].some((k) => k > a) ? null : w.slice(a + 1).map((x) => x.value), locals: new Map(), created: [], temps: new Set(), fn: f, sure: surely(c), crossed: crossing(c), vlocals: new Map(), vtemps: new Set() };
      const prev = active.get(f);
      active.set(f, frame);
      frames.push(frame);
      callDepth++;
      const undo = temp(sh, w.slice(0, a), 'fn');
      // `NAME=VAL f`: the call's temporary variables, exported, gone when it returns
      const temps: Array<[GVar[], GVar]> = [];
      for (const s of ex.assigns) {
        let ls = sh.vars.get(s.name);
        if (!ls) { if (sh.vars.size >= 256) continue; ls = []; sh.vars.set(s.name, ls); }
        if (ls.some((l) => l.ro)) continue;
        const l: GVar = { v: s.value, x: true, temp: true };
        ls.push(l);
        frame.vtemps.add(l);
        temps.push([ls, l]);
      }
      if (callDepth === 1) callUnit = c.unit;
      run(bodies.get(f) ?? [], depth);
      undo();
      // its status: a `return` that surely ran, else its last command's (not told where a `return` may have run)
      const fst = frame.returned !== undefined ? frame.returned : frame.maybeReturn ? null : frame.last;
      for (const [ls, l] of temps) {
        const at = ls.lastIndexOf(l);
        if (at < 0) continue;
        ls.splice(at, 1);
        // an exported one goes to the caller's variable (or becomes it)
        if (l.promote && !l.ro) { if (at > 0) Object.assign(ls[at - 1], { v: l.v, x: true, cond: l.cond }); else ls.splice(0, 0, { v: l.v, x: true, cond: l.cond }); }
      }
      for (const [m, names] of frame.vlocals) {
        for (const [name, l] of names) { const ls = m.get(name); const at = ls?.lastIndexOf(l) ?? -1; if (ls && at >= 0) ls.splice(at, 1); }
      }
      for (const [k, layer] of frame.locals) {
        const layers = shells.get(k)?.layers;
        const at = layers?.lastIndexOf(layer) ?? -1;
        if (layers && at > 0) layers.splice(at, 1);
      }
      for (const k of frame.created) shells.delete(k);
      frames.pop();
      callDepth--;
      if (prev) active.set(f, prev);
      else active.delete(f);
      noteStatus(c, maybe, fst, sh, key);
      return;
    }
    const fn = localFn(c.ctx ?? null);
    const frame = fn?.fn ? active.get(fn) : undefined;
    // `set -u`, `set +o nounset`…: the shell's -u from here on (one that may not run: not known, unless it leaves it as it is)
    if (a < w.length && w[a].value === 'set' && !ex.unknownAt.has(a)) {
      const next = vol.nounsetUntold ? null : setNounset(w.slice(a + 1), !ex.unknownAt.size);
      if (next !== undefined) sh.nounset = maybe && sh.nounset !== next ? null : next;
      const nextE = errexitUntold ? null : setErrexit(w.slice(a + 1), !ex.unknownAt.size);
      if (nextE !== undefined) sh.errexit = maybe && sh.errexit !== nextE ? null : nextE;
      // (bash's pipefail; dash 0.5.12 has no such option: "Illegal option -o pipefail", a special
      // builtin's error, which ends the script even before `||`)
      const nextP = errexitUntold ? null : setPipefail(w.slice(a + 1), !ex.unknownAt.size);
      if (shellOpts.dash && nextP !== undefined && nextP !== null && !maybe && !shellOpts.interactive && !lookup(sh, 'set')) { sh.dead = true; return; }
      if (!shellOpts.dash && nextP !== undefined) sh.pipefail = maybe && (sh.pipefail ?? false) !== nextP ? null : nextP;
    }
    // `set -- …`, `shift [n]` at the script's own level: how many positional parameters it holds
    // (not known until a `set` that surely runs gives them); dash exits at a `shift` past them
    // ("can't shift that many": a special builtin's error, also after `||`), bash's only fails
    if (a < w.length && key === ROOT && callDepth === 0 && !c.scope && (w[a].value === 'set' || w[a].value === 'shift')) {
      const args = w.slice(a + 1);
      const told = !ex.unknownAt.size;
      if (w[a].value === 'set') {
        let k = 0;
        while (k < args.length && /^[-+]/.test(args[k].value) && args[k].value !== '--' && args[k].value !== '-' && args[k].value !== '+') k += /^[-+]o$/.test(args[k].value) ? 2 : 1;
        const gives = args[k]?.value === '--' ? k + 1 : k < args.length ? k : -1;
        if (gives >= 0) argc = maybe || !told ? null : args.length - gives;
        if (gives >= 0) topArgs = maybe || !told || args.length - gives > 64 ? null : args.slice(gives).map((x) => x.value);
      } else {
        const by = args.length === 0 ? 1 : told && args.length === 1 && /^[0-9]{1,6}$/.test(args[0].value) ? Number(args[0].value) : null;
        if (argc !== null && by !== null && by > argc && !maybe && shellOpts.dash && !shellOpts.interactive) { sh.dead = true; return; }
        argc = argc === null || by === null || maybe || by > argc ? (maybe || by === null ? null : argc) : argc - by;
        topArgs = topArgs && by !== null && !maybe ? (by > topArgs.length ? topArgs : topArgs.slice(by)) : null;
      }
    } else if (a < w.length && !call && (w[a].value === 'shift' || w[a].value === 'set')) topArgs = null;
    // (a function's `shift [n]` or `set -- …`: its positional parameters from here, where the call surely runs it with its words told; else not followed)
    if (call && a < w.length && (w[a].value === 'shift' || (w[a].value === 'set' && w.slice(a + 1).some((x) => x.value === '--' || !/^[-+]/.test(x.value))))) call.args = shiftedArgs(call.args, w[a].value, w.slice(a + 1), !ex.unknownAt.size && key === call.key && !conditional(c, true));
    functionAttributes(w, sh.fns, (name) => lookup(sh, name) !== null);
    // a command that may not run may leave the variable as it was: each layer it changes keeps
    // what it held as an alternative (a command that surely runs drops them)
    const touches = w.some((x) => x.value.includes(ENV_MV));
    const before = touches ? sh.layers.map((l) => ({ l, value: l.value, exported: l.exported })) : [];
    const varsEnd = applyVars(ex, sh.vars, maybe, frame ? (name) => {
      let names = frame.vlocals.get(sh.vars);
      if (!names) frame.vlocals.set(sh.vars, (names = new Map()));
      let l = names.get(name);
      // bash: a local of the variable of this call's temporary environment (`V=1 f`) is that variable itself
      const top = sh.vars.get(name)?.at(-1);
      if (!l && top && frame.vtemps.has(top)) return top;
      if (!l) {
        let ls = sh.vars.get(name);
        if (!ls) { if (sh.vars.size >= 256) return null; ls = [{ v: valueOf(sh.vars, vol, name), x: null }]; sh.vars.set(name, ls); }
        l = { v: null, x: ls[ls.length - 1]?.x === true ? true : false };
        ls.push(l);
        names.set(name, l);
      }
      return l;
    } : null, fedRead && fedRead !== 'untold' ? fedRead : optsRun ? optsRun.sets : fed !== undefined ? null : a < w.length && w[a].value === 'read' && !ex.unknownAt.size && !c.scope ? readInput(c, text, w.slice(a + 1).map((x) => x.value), ex.assigns.find((x) => x.name === 'IFS' && x.value !== UNKNOWN)?.value ?? getVar('IFS'), (ws) => expandCommand(ws, getVar, () => undefined, shellOpts, false, whyVar)) : null, a < w.length && w[a].value === 'read' ? readFrom(c) : null);
    const sets = setsVariable(w, sh.layers, frame ? () => {
      let l = frame.locals.get(key);
      const top = sh.layers[sh.layers.length - 1];
      // bash: a local of the variable of the call's temporary environment (`V=1 f`) is that variable itself
      if (!l && key === frame.key && frame.temps.has(top)) {
        top.local = true;
        frame.locals.set(key, top);
        return top;
      }
      if (!l) {
        l = { value: null, exported: sh.layers[sh.layers.length - 1].exported };
        sh.layers.push(l);
        frame.locals.set(key, l);
      }
      return l;
    } : null);
    if (touches) {
      const maybe = conditional(c);
      for (const b of before) {
        if (b.l.value === b.value && b.l.exported === b.exported) continue;
        if (!maybe) b.l.alts = undefined;
        else if ((b.l.alts ??= []).length < MAX_ALTERNATIVES && !b.l.alts.some((x) => x.value === b.value && x.exported === b.exported)) b.l.alts.push({ value: b.value, exported: b.exported });
      }
      // a local a command that may not run made: the variable may be the outer one still
      if (maybe) for (const l of sh.layers) if (!before.some((b) => b.l === l) && !l.alts) l.alts = [{ value: null, exported: false }];
    }
    // a command judged before with the same value and words (a body at another call) gives what it gave
    let envs = judged.get(c);
    if (!envs) judged.set(c, (envs = new Set()));
    const expanded = !c.words.some((x) => x.exps) ? c : { ...c, words: [...c.words.slice(0, lead), ...w] };
    const wordsKey = expanded === c ? '' : w.map((x) => x.value).join('\u0001');
    // OS_COMPUTE_API_VERSION set to what the text cannot tell (`read`, `$(…)`): the version the command is sent with is not known
    // (one a command that may not have run set is followed as its alternatives, seenAll)
    const mvLayers = sh.vars.get(ENV_MV);
    const mvUnknown = ex.assigns.some((x) => x.name === ENV_MV && x.value === UNKNOWN) || (valueOf(sh.vars, vol, ENV_MV) === UNKNOWN && !mvLayers?.[mvLayers.length - 1]?.cond);
    const why = ex.unknown ?? (mvUnknown ? `${ENV_MV} is set to a value the text does not tell` : null);
    // dash refuses `N=5 cmd` with N readonly: it exits there, and cmd never runs
    const refusedByDash = varsEnd === 'refused' && shellOpts.dash;
    for (const env of refusedByDash ? [] : seenAll(sh.layers)) {
      const id0 = `${env}\u0001${wordsKey}`;
      if (envs.has(id0)) continue;
      envs.add(id0);
      const found = serverCreate(expanded, env, cloudMax, expands(c), isReadonly(sh.layers), why ? undefined : unreadAt);
      if (why) {
        if (found || mayServerCreate(w, ex.unknownAt)) unreadAt({ offset: w[0]?.start ?? c.start, length: c.end - (w[0]?.start ?? c.start), detail: unresolvedDetail(why) });
        continue;
      }
      if (found) {
        // (the words themselves: an `eval`'s string has the same place on each pass of its loop, and other words there)
        const id = `${found.program.start}\u0000${found.translation.microversion}\u0000${found.microversionWord?.start ?? ''}\u0000${found.translation.error?.message ?? ''}\u0000${found.words.map((x) => x.value).join('\u0001')}`;
        if (!emitted.has(id)) { emitted.add(id); out.push(found); }
      }
    }
    // `… | xargs [opts] openstack server create …`: xargs runs it with words it reads from its input
    if (!why && xargsRunsServerCreate(w)) unreadAt({ offset: w[0]?.start ?? c.start, length: c.end - (w[0]?.start ?? c.start), detail: XARGS_DETAIL });
    // `trap 'openstack server create …' EXIT`: the shell runs that string later (at its exit, or a signal's arrival)
    const trapped = !why && w[a]?.value === 'trap' ? trapAction(w.slice(a + 1)) : null;
    if (trapped) unreadAt({ offset: c.start, length: c.end - c.start, detail: trapDetail(trapped) });
    // a here-document body bash reads as its script: its syntax error stops that body only
    if (!opts.lenient) for (const h of c.hereDocs ?? []) if (h.syntax) nestedStop(h.syntax, { via: 'stdin', line: h.syntax.line });
    const cond = conditional(c);
    let str = depth < MAX_STRING_NESTING ? commandString(w, seen(sh.layers), cond) : null;
    if (str && ex.unknown) {
      // a command string whose text the run decides (`eval "… $X"`, `bash -c "$CMD"`): what it
      // runs is not told; an `openstack` command written in it is not judged, and an eval may set any variable
      if (mentionsServerCreate(str.words.map((x) => x.value).join(' '))) unreadAt({ offset: c.start, length: c.end - c.start, detail: unresolvedDetail(ex.unknown) });
      if (!str.root.shell) forgetAll(sh.vars);
      str = null;
    }
    if (str) {
      // a new bash started right here (`bash -c`, `X=1 bash -c`) has this shell's exported variables; behind a wrapper or over ssh, none bdm-lab knows
      if (str.root.shell) str.root.vars = SHELL_NAMES.test(w[a]?.value ?? '') ? inheritVars(sh.vars, ex.assigns) : new Map();
      // (a new shell's -u is off, unless its options may turn it on)
      if (str.root.shell) newShellNounset.set(str.root, w.slice(a + 1).some((x) => /^-[A-Za-z]*u|^-o$/.test(x.value)) ? null : false);
      str.root.sure = surely(c);
      if (str.via === 'eval' && !str.root.shell) str.root.noErrexit = errexitIgnored(c);
      if (str.via === 'sh') str.root.noBraces = true;
      const undo = str.root.shell ? () => undefined : temp(sh, w.slice(0, a), callDepth > 0 ? 'fn' : 'eval');
      const r = commandStringScript(str.words, { parent: c.ctx ?? null, subshell: str.root.shell, fn: false, root: str.root }, c.scope, !!opts.lenient);
      // (its commands run here, in their own shell or this one: the arithmetic in their words is followed where they run)
      const spans = arithmeticSpans(r.commands);
      followArithmetic(vol, spans.exp);
      followArithmetic(vol, spans.cmd, true);
      // a syntax error stops this nested script only (bash's own: eval, bash -c; other shells word theirs otherwise)
      if (r.syntax && str.via && !opts.lenient) {
        const e = r.syntax;
        const via: NestedVia = str.via === 'sh' ? { via: 'sh', line: e.line, argv0: str.argv0, dashLine: e.dashLine, dash: e.dash, label: str.label } : str.via === 'eval' ? { via: 'eval', line: evalLine(c, w, e.line) } : { via: '-c', line: e.line, argv0: str.argv0, label: str.label };
        nestedStop(e, via);
      }
      run(group(r.commands), depth + 1);
      undo();
    }
    if (!cond && (execsProgram(w) || exits(w))) {
      // (`exit N`: the shell's exit status, for the one waiting on a subshell)
      if (exits(w) && !sh.dead) { const n = w[w.length - 1]?.value; sh.exitSt = w[w.length - 1]?.value === 'exit' ? sh.lastSt ?? null : !ex.unknownAt.size && /^[0-9]{1,9}$/.test(n) && w[w.length - 2]?.value === 'exit' ? Number(n) % 256 === 0 : null; }
      sh.dead = true;
    }
    // bash gives up the complete command it is running (its top level's, past function calls): a
    // subshell ends, the script's shell reads on from the next complete command
    if (!cond && (sets === 'ends' || varsEnd === 'ends')) {
      if ((key === ROOT || key === c.scope) && !shellOpts.dash) sh.aborted = unit;
      else sh.dead = true;
    }
    // dash exits at a readonly name's assignment error (`N=5`, `N=5 cmd`) and at `unset` of it (bash goes on past the last two)
    if (!cond && varsEnd === 'refused' && shellOpts.dash) sh.dead = true;
    // (`((…))`, `let`: an unset name read under `set -u` exits the shell)
    if (arith?.exits && !cond) sh.dead = true;
    // a loop that never ends: its shell, and every shell that waits for it, never goes on
    if (c.hangs && !cond) for (let u: Shell | null = sh, n = 0; u && n < 4096; u = u.up, n++) u.dead = true;
    // its status, where the values held decide it (`true`, `:`, `false`, `[ … ]`, `test …`, an assignment alone)
    let st: boolean | null = null;
    const prints = printsSurely(c, w, a, ex.unknownAt, (n) => !!lookup(sh, n));
    if ((!ex.unknownAt.size || prints || c.words[lead]?.value === '[[' || c.words[lead]?.value === 'let' || (piece && !piece.open)) && !(c.andOr && !linkRuns(c.after))) {
      const p = a < w.length ? w[a].value : null;
      if (p === null) st = c.words.some((x) => x.exps?.some((e) => /`|\$\((?!\()/.test(e.src))) ? comsubStatus(c) : true;
      else if (p === 'true' || p === ':' || prints) st = true;
      else if (p === 'false') st = false;
      // (`break`, `continue` in a loop: 0, the status the loop they leave gives when they end it)
      else if ((p === 'break' || p === 'continue') && w.length === a + 1 && !lookup(sh, p) && insideLoop(c)) st = true;
      else if (c.closes && a === 0 && w.length === 1) st = compoundStatus(c.closes, w[0].value, sh);
      // `local` outside any function: bash refuses it (status 1); dash exits there ("local: not in a function")
      else if (p === 'local' && callDepth === 0 && !lookup(sh, p)) { st = false; if (shellOpts.dash && !cond) sh.dead = true; }
      else st = statusOf(a === 0 ? ex.words : w.slice(a));
      let neg = false;
      for (let k = 0; k < lead; k++) if (c.words[k].value === '!') neg = !neg;
      if (st !== null && neg) st = !st;
    }
    // `return`: in a function's call (its own shell), it ends the call with its status; outside
    // any function dash ends the script there (bash refuses it: status 1, and reads on)
    if (a < w.length && w[a].value === 'return' && !ex.unknownAt.size && w.length - a <= 2) {
      const n = w[a + 1]?.value;
      const rst = n === undefined ? (call ? call.last : null) : /^[0-9]{1,9}$/.test(n) ? Number(n) % 256 === 0 : null;
      if (call && key === call.key && fnOf(c.ctx ?? null)?.fn) {
        if (conditional(c, true)) call.maybeReturn = true;
        else { call.returned = rst; return; }
      } else if (!call && !c.scope) {
        if (shellOpts.dash) { if (!cond) sh.dead = true; return; }
        st = false;
      }
    }
    // `break`, `continue` of a loop followed pass by pass: it ends the loop or the pass where it surely runs
    // (`break N`/`continue N`: the N loops around it, innermost first, each followed: the inner ones
    // end, the Nth ends or goes on to its next pass; where one of them is not followed, the ones
    // that are may have ended)
    if (followedFor.length && (w[a]?.value === 'break' || w[a]?.value === 'continue') && !ex.unknownAt.size && !lookup(sh, w[a].value)) {
      const count = a === w.length - 1 ? 1 : a === w.length - 2 && /^[1-9]$/.test(w[a + 1].value) ? Number(w[a + 1].value) : 0;
      const around: Ctx[] = [];
      for (let x = innerLoop(c); x && around.length < count;) {
        around.push(x);
        let y = x.parent;
        for (let n = 0; y && n < 256 && !y.fn && !y.subshell && !y.root && y.loop === undefined; n++) y = y.parent;
        x = y && y.loop !== undefined && !x.subshell ? y : null;
      }
      const fs = around.map((x) => followedFor.find((g) => g.loop === x));
      if (count && around.length === count && fs.every((g, m) => g && g === followedFor[followedFor.length - 1 - m])) {
        noteStatus(c, cond, true, sh, key);
        for (let m = 0; m < count; m++) {
          if (cond) fs[m]!.unsure = true;
          else fs[m]!.jump = m === count - 1 ? w[a].value as 'break' | 'continue' : 'break';
        }
        return;
      }
      for (const g of fs) if (g) g.unsure = true;
      if (!count) for (const g of followedFor) g.unsure = true;
    }
    noteStatus(c, cond, st, sh, key);
  };
  /**
   * A command's status as it ran (null: not told): kept for the and-or links after it, as its
   * function call's last status, and, errexit on, a failure that surely happens in the script's
   * own shell where errexit does not ignore it ends the script.
   */
  const noteStatus = (c: Command, cond: boolean, st: boolean | null, sh: Shell, key: object): void => {
    runStatus.set(c, st);
    // (the shell's `$?` from here: this one's, or, where it may not have run, the one before when they agree;
    // the first of an `if`'s only part, no `else`: where it does not run, the `if` gives 0)
    const before = cond && sh.lastCmd && skipsToZero(c, sh.lastCmd) ? true : sh.lastSt;
    sh.lastSt = cond && sh.lastCmd ? (before === st ? st : null) : st;
    sh.lastCmd = c;
    const call = callDepth > 0 ? frames[frames.length - 1] : undefined;
    if (call && key === call.key) call.last = conditional(c, true) ? (call.last === st ? st : null) : st;
    // (a compound's closer: the failure inside it ended the shell already where errexit saw it)
    if (st === false && !cond && sh.errexit === true && !c.scope && !c.closes && !errexitIgnored(c)) {
      if (key === ROOT) sh.dead = true;
      else if ((key as Ctx).subshell) errexitSubshell(c, key as Ctx, sh);
    }
    waitedStatus(c, key, sh);
  };
  /**
   * A command of a subshell: the shell waiting for it has that subshell as its last command, with
   * the subshell's status so far as that command's (Shell.lastSt, a call's last status): its exit
   * status for `( … )` and a `f() ( … )` body (the one its last command, `exit N` or errexit gave;
   * the last command the subshell runs leaves it), not told for any other (a pipeline's part, a
   * job, `$( … )`, whose command's own status is noted where it runs). Outwards through each
   * subshell around it.
   */
  const waitedStatus = (c: Command, key: object, sh: Shell): void => {
    let k = key;
    let s = sh;
    for (let n = 0; n < 64 && k !== ROOT && k !== c.scope; n++) {
      const x = k as Ctx;
      if (!x.subshell || x.root || x.never) return;
      const own = !!x.paren || !!x.parent?.fn;
      const pk = shellKey(x.parent, c.scope);
      const ps = shellOf(pk, c.scope);
      let st = !own ? null : s.errexitDied ? false : s.dead ? s.exitSt ?? null : s.lastCmd ? s.lastSt ?? null : null;
      // (bash's pipefail on, or maybe: a pipeline's part tells the pipeline's status only when it fails)
      if ((x.pipeEnd || x.pipePart) && ps.pipefail !== undefined && ps.pipefail !== false && st === true) st = null;
      // (the subshell as a command of its parent: no `&&`/`||` before it, so conditional's walk from its parent's context)
      const cond = !!x.guarded || conditionalFrom(x.parent ?? null, true);
      ps.lastSt = cond && ps.lastCmd ? (ps.lastSt === st ? st : null) : st;
      ps.lastCmd = c;
      const call = callDepth > 0 ? frames[frames.length - 1] : undefined;
      if (call && pk === call.key) call.last = cond ? (call.last === st ? st : null) : st;
      k = pk;
      s = ps;
    }
  };
  /** the context a command ran in, past the pipeline parts (subshells that are not a condition list) around it: a condition list's, or the command's own */
  const pastPipelineParts = (ctx: Ctx | null): Ctx | null => {
    let h = ctx;
    for (let n = 0; h && !h.head && h.subshell && !h.root && n < 64; n++) h = h.parent;
    return h;
  };
  /** whether c is the first command run after the condition list of an `if` with one part and no `else` (Ctx.elseLess; `last` the shell's last command), inside that part */
  const skipsToZero = (c: Command, last: Command): boolean => {
    // (the condition list's, or a pipeline's part there)
    const h = pastPipelineParts(last.ctx ?? null);
    const f = h?.head ? h.parent : null;
    if (!f?.elseLess || c.ctx === h) return false;
    for (let x = c.ctx ?? null, n = 0; x && n < 256; x = x.parent, n++) {
      if (x.parent === f) return !x.head;
      if (x.fn || x.subshell || x.root) return false;
    }
    return false;
  };
  /** the loop whose body a command is in, in its own shell (not past a function's body or a subshell; null: none) */
  const innerLoop = (c: Command): Ctx | null => {
    for (let x = c.ctx ?? null, n = 0; x && n < 256; x = x.parent, n++) {
      if (x.fn || x.root || x.head) return null;
      // (a loop that is itself a pipeline's part, `… | while …`: its jumps are its own, in its subshell)
      if (x.loop !== undefined) return x;
      if (x.subshell) return null;
    }
    return null;
  };
  const insideLoop = (c: Command): boolean => innerLoop(c) !== null;
  /**
   * The status of a command of assignments alone: its last `$( … )`'s, when that one (of the
   * script's own level, outside loops and calls) ended by errexit (1) or ran to its end with its
   * last command's status told. Not told otherwise (`` `…` ``, one not reached, `exit N`).
   */
  const comsubStatus = (c: Command): boolean | null => {
    const k = c.comsubs?.[c.comsubs.length - 1];
    if (!k || callDepth > 0 || c.comsubs!.length !== c.words.reduce((n, x) => n + (x.exps?.filter((e) => /`|\$\((?!\()/.test(e.src)).length ?? 0), 0)) return null;
    // (in a loop, only one followed pass by pass: each pass enters its subshells anew)
    for (let x: Ctx | null = k, n = 0; x && n < 256; x = x.parent, n++) if ((x.loop !== undefined && !followedFor.some((f) => f.loop === x)) || x.fn) return null;
    const s = shells.get(k);
    if (!s) return null;
    if (s.errexitDied) return false;
    if (s.dead) return s.exitSt ?? null;
    return !s.lastCmd ? null : s.lastSt ?? null;
  };
  /**
   * The status of a compound command as its closer (`fi`, `esac`, `done`, a group's `}`;
   * Command.closes) runs, from the last command its shell ran (Shell.lastCmd) when that is in it:
   * in an `if`'s condition list (no part ran) 0, a `case` header (no item ran) 0, a loop's header
   * or condition list not told; else the status that command left.
   */
  const compoundStatus = (k: Ctx, closer: string, sh: Shell): boolean | null => {
    const lc = sh.lastCmd;
    if (!lc || sh.lastSt === undefined) return null;
    // (the last command ran in a pipeline's part in the `if`'s condition list: no part ran)
    const h = pastPipelineParts(lc.ctx ?? null);
    if (closer === 'fi' && h?.head && h.parent === k && h !== lc.ctx) return true;
    let inHead = false;
    for (let x = lc.ctx ?? null, n = 0; n < 256; x = x.parent, n++) {
      // (past a `( … )` whose status its shell took as its last command's: Shell.lastSt)
      if (!x || x.fn || (x.subshell && !x.paren) || x.root) return null;
      if (x === k) {
        if (closer === 'fi' && inHead) return true;
        if (closer === 'esac' && lc.ctx === k) return lc.caseItems ? true : null;
        if (closer === 'done' && lc.ctx === k && /^(for|select)$/.test(lc.words[reservedWords(lc.words)]?.value ?? '')) {
          // (a `for NAME in` over no word at all: no pass ran, 0)
          const r = reservedWords(lc.words);
          return lc.words.length === r + 3 && lc.words[r + 2].value === 'in' && !lc.words[r + 1].exps ? true : null;
        }
        if (closer === 'done' && inHead) return null;
        return sh.lastSt;
      }
      if (x.head && x.parent === k) inHead = true;
    }
    return null;
  };
  /**
   * errexit in a subshell of the script's own shell (not bash's `$( … )`, which errexit does not
   * reach): the failure ends the subshell; when its status is then that failure (`( … )`, Ctx.paren;
   * a pipeline's last part, Ctx.pipeEnd), the shell that waits for it, errexit on there too and the
   * subshell surely reached, ends as well (and so on outwards).
   */
  const errexitSubshell = (c: Command, key: Ctx, sh: Shell): void => {
    let k: Ctx = key;
    let s = sh;
    for (let n = 0; n < 64; n++) {
      if (k.guarded || k.never || !k.subshell || k.root) return;
      // (the subshell ends; the shell waiting for it sees it fail when it is `( … )` or a pipeline's last part)
      s.dead = true;
      s.errexitDied = true;
      const pk = shellKey(k.parent, c.scope);
      const ps = shellOf(pk, c.scope);
      // (bash's pipefail on in that shell: a part before the last failing makes the pipeline fail too)
      if (!k.paren && !k.pipeEnd && !(k.pipePart && ps.pipefail === true)) return;
      const up = { ...c, andOr: undefined, after: undefined, listHead: undefined, ctx: k.parent ?? undefined };
      if (conditional(up)) return;
      if (ps.errexit !== true) return;
      if (pk === ROOT) { ps.dead = true; return; }
      k = pk as Ctx;
      s = ps;
    }
  };
  // the text's own shell: dash for a script whose first line runs sh or dash (`#!/bin/sh`,
  // `#!/usr/bin/env sh`: Debian's sh), else bash
  const ownDash = kind === 'shell' && SH_SHEBANG.test(text.slice(0, 256));
  /** whether the shell that runs a context's commands is dash (a nested shell's own, else the text's) */
  const dashAt = (x: Ctx): boolean => { const r = shellRootAt(x); return r ? !!r.root!.noBraces : ownDash; };
  /** bash may pass errexit into `$( … )` (inherit_errexit, POSIX mode) */
  const posixUntold = /inherit_errexit|\bposix\b|POSIXLY_CORRECT/.test(text);
  /** the text may change errexit where bdm-lab does not follow it (`local -` restores options, SHELLOPTS) */
  const errexitUntold = /\blocal[ \t]+-(?![A-Za-z0-9_-])|SHELLOPTS/.test(text);
  /** whether the shell that runs a command makes bash's brace expansion (bash does; dash does not) */
  // the nearest context that is a nested shell's root, found once per context (a walk up per
  // command made commands nested d deep cost d each)
  const shellRootAt = nearest((x) => !!x.root?.shell);
  const expands = (c: Command): boolean => {
    const r = shellRootAt(c.ctx ?? null);
    if (r) return !r.root!.noBraces;
    if (c.scope) return !c.scope.noBraces;
    return !ownDash;
  };
  const stops = opts.stops ?? [];
  // the commands whose words bdm-lab cannot tell (a brace expansion past its bounds), once each
  const unreadSeen = new Set<number>();
  const unreadAt = (span: Unread) => {
    if (unreadSeen.has(span.offset)) return;
    unreadSeen.add(span.offset);
    opts.unread?.push(span);
  };
  /** the end of the script or block being read (what a stop of its own shell skips) */
  let rangeTo = text.length;
  const dashSeen = new Set<number>();
  /** an expansion dash refuses in a command that runs: its shell stops there (once a place) */
  const dashStop = (at: number, length: number, words: string, why: string, unit: number, to: number | null) => {
    if (dashSeen.has(at)) return;
    dashSeen.add(at);
    stops.push({ at, length, message: why, unit, to: to ?? unit, expansion: { dash: words, own: to !== null } });
  };
  const nestedSeen = new Set<string>();
  /** a nested script's syntax error, once (a body run at several calls reads its strings again) */
  const nestedStop = (e: NestedSyntaxError, via: NestedVia) => {
    const id = `${e.at}\u0000${e.message}`;
    if (nestedSeen.has(id)) return;
    nestedSeen.add(id);
    stops.push({ at: e.at, length: e.length, message: e.message, unit: e.unit, to: e.to, nested: via });
  };
  /**
   * The line bash names for a syntax error in an eval's string: run from the script file, its own
   * count, the line where the eval's first argument ends (as bash's reader stood when it made the
   * command) plus the error's line in the string, less one; run inside a -c string or a script bash
   * reads from its standard input, none.
   */
  const evalLine = (c: Command, w: readonly Word[], inString: number): number | null => {
    if (c.scope) return null;
    for (let x = c.ctx ?? null, n = 0; x && n < 4096; x = x.parent, n++) if (x.root?.shell) return null;
    const arg = w[1] ?? w[0];
    return lineOf(arg.end - 1) + inString - 1;
  };
  let breaks: number[] | null = null;
  /** the 1-based line of an offset of the text (its line breaks found once) */
  const lineOf = (at: number): number => {
    if (!breaks) { breaks = []; for (let k = text.indexOf('\n'); k >= 0; k = text.indexOf('\n', k + 1)) breaks.push(k); }
    let lo = 0;
    let hi = breaks.length;
    while (lo < hi) { const mid = (lo + hi) >> 1; if (breaks[mid] < at) lo = mid + 1; else hi = mid; }
    return lo + 1;
  };
  // every range read first (its syntax stops kept for when it runs), then run in order
  const read = shellRanges(text, kind).map((r) => {
    const own: StopAt[] = [];
    let cmds: Command[];
    if (r.console) cmds = consoleCommands(text, r.from, r.to, !!opts.lenient, own);
    else {
      const s = splitScript(text, r.from, r.to, opts.lenient, ownDash);
      if (s.syntax) own.push({ ...s.syntax, to: r.to });
      cmds = s.commands;
    }
    return { r, cmds, own };
  });
  // what the text may do to variables, made once its commands are read: which `$((…))` the runner expands (the closures above read it when they run)
  const vol = volatileNames(text);
  const all = read.flatMap((x) => x.cmds);
  // (the text's own, then the strings new shells run: each read once for both kinds)
  for (const spans of [arithmeticSpans(all), newShellSpans(all, !!opts.lenient)]) {
    followArithmetic(vol, spans.exp);
    followArithmetic(vol, spans.cmd, true);
  }
  for (const { r, cmds, own } of read) {
    rangeTo = r.to;
    for (const x of own) stops.push(x);
    budget += CALL_BUDGET_PER_COMMAND * cmds.length;
    run(group(cmds), 0);
  }
  return out;
}

/**
 * The places of the arithmetic (ArithSpans) in the strings a new shell runs (`sh -c '…'`,
 * `bash -c`, `ssh host '…'`), written plain (no expansion in the command's words), as
 * arithmeticSpans finds them in the string's commands, a few strings deep: what they assign stays in that shell, which the runner
 * follows when it runs the string (and which bdm-lab does not model when it does not), so they
 * make no name unknown in the shells around. (An `eval`'s string runs in the shell itself: its
 * arithmetic is followed only once the runner reads it.)
 */
function newShellSpans(cmds: readonly Command[], lenient: boolean, depth = 0, out: ArithSpans = { exp: [], cmd: [] }): ArithSpans {
  if (depth >= 4) return out;
  for (const c of cmds) {
    if (c.never || c.words.some((w) => w.exps) || !c.words.some((w) => SHELL_NAMES.test(w.value) || w.value === 'ssh')) continue;
    const str = commandString(c.words.slice(reservedWords(c.words)), null, false);
    if (!str?.root.shell) continue;
    const r = commandStringScript(str.words, { parent: c.ctx ?? null, subshell: true, fn: false, root: str.root }, c.scope, lenient);
    arithmeticSpans(r.commands, out);
    newShellSpans(r.commands, lenient, depth + 1, out);
  }
  return out;
}

/**
 * Whether a `((…))` is one the runner evaluates (arithCommand): no backslash, single quote or
 * `` ` ``; a `$` only before a name (`$i`, `${i}`: not `$(`, `$1`, `${i:-0}`); double quotes
 * anywhere (bash removes them)
 */
function arithCmdText(s: string): boolean {
  if (/[`\\']/.test(s)) return false;
  for (let k = s.indexOf('$'); k >= 0; k = s.indexOf('$', k + 1)) {
    if (!/^(?:[A-Za-z_]|\{[A-Za-z_][A-Za-z0-9_]{0,255}\})/.test(s.slice(k + 1, k + 260))) return false;
  }
  return true;
}

/** where the arithmetic the runner follows is (arithmeticSpans): `exp` the expansions, `cmd` the arithmetic commands */
interface ArithSpans { exp: Array<[number, number]>; cmd: Array<[number, number]> }

/**
 * The places (added to `spans`, in one walk) of the `$((…))` (and the `${…}` holding one) the
 * runner expands itself, as the shell would, in the words of commands it runs (`exp`): not a
 * `case` header's or pattern's (the shell expands them as it matches; bdm-lab runs only a
 * header's word, and only when it runs), not in a here-document's body the shell that feeds it
 * expands; a simple command's redirection targets (expanded after its words), not a compound
 * command's. And (`cmd`) the places of the arithmetic commands the runner evaluates itself
 * (arithCommand): a `((…))` alone, its text without `$`, quotes or backslashes, and the word
 * `let` of a command it begins.
 */
function arithmeticSpans(cmds: readonly Command[], spans: ArithSpans = { exp: [], cmd: [] }): ArithSpans {
  for (const c of cmds) {
    if (c.casePatterns === 'pattern') continue;
    let hereDoc = false;
    for (let s = c.scope, n = 0; s && n < 64; s = s.parent ?? undefined, n++) if (!s.hereDoc.quoted) hereDoc = true;
    if (hereDoc) continue;
    let lead = reservedWords(c.words);
    // (`X=1 let …`: the `let` after the assignments)
    let p = lead;
    while (p < c.words.length && ASSIGNMENT.test(c.words[p].value)) p++;
    if (p > lead && c.words[p]?.value === 'let') lead = p;
    const lw = c.words[lead];
    if (lw?.offs.length && (lw.arith ? lead === c.words.length - 1 && arithCmdText(lw.value) : lw.value === 'let' && !lw.exps && lw.end - lw.start === 3)) spans.cmd.push([lw.offs[0], lw.offs[lw.offs.length - 1] + 1]);
    const k = c.casePatterns === 'header' ? c.words.findIndex((x, n) => x.value === 'case' && !x.exps && c.words[n + 2]?.value === 'in') : -1;
    // (a compound command's redirections, on its closing word, are expanded before its body runs: not followed)
    const closes = ['}', 'done', 'fi', 'esac'].includes(c.words[0]?.value) && !c.words[0].exps;
    for (const w of k >= 0 ? c.words.slice(0, k + 3) : closes || !c.redirs ? c.words : [...c.words, ...c.redirs]) {
      for (const e of w.exps ?? []) if (e.src.startsWith('$((') || e.src.startsWith('${')) spans.exp.push([w.offs[e.a], w.offs[e.b - 1] + 1]);
    }
  }
  return spans;
}

/**
 * What `read` gets on a line the text tells (see readFields): its standard input a here-string
 * (`<<< WORD`, a literal or one double-quoted word; the shell adds a newline) or a here-document
 * (its delimiter quoted, or a body with no `$`, `` ` `` or `\\`), and no other redirection; its
 * first line split among the names. Null otherwise.
 */
function readInput(c: Command, text: string, args: string[], ifs: Val, expand: (ws: readonly Word[]) => { words: Word[]; unknownAt: Set<number>; fatal?: unknown }): Map<string, string> | null {
  const redirs = c.redirs ?? [];
  const docs = c.hereDocs ?? [];
  let line: string | null = null;
  if (redirs.length === 1 && !docs.length) {
    const r = redirs[0];
    if (!/<<<[ \t]*$/.test(text.slice(Math.max(0, r.start - 16), r.start))) return null;
    if (r.exps && !(text[r.start] === '"' && text[r.end - 1] === '"' && r.end - r.start >= 2)) return null;
    const ex = expand([r]);
    if (ex.fatal || ex.unknownAt.size || ex.words.length > 1) return null;
    line = (ex.words[0]?.value ?? '').split('\n')[0];
  } else if (!redirs.length && docs.length === 1 && docs[0].stdin) {
    const d = docs[0];
    if (!d.close) return null;
    const raw = text.slice(d.body.start, d.body.end);
    if (!d.quoted && /[$`\\]/.test(raw)) return null;
    const body = hereDocText(text, d).text;
    if (!body.includes('\n')) return null;
    line = body.slice(0, body.indexOf('\n'));
  }
  return line === null ? null : readFields(args, line, ifs);
}

/** a text that may define a function or alias named printf, echo or seq, or turn the builtin off (bash's `enable -n`) */
const SHADOWED = {
  printf: /(^|[\s;&|(])(printf[ \t]*\(|function[ \t]+printf\b|alias\b|enable\b)/,
  echo: /(^|[\s;&|(])(echo[ \t]*\(|function[ \t]+echo\b|alias\b|enable\b)/,
  // (a program, not a builtin: also where the script changes PATH)
  seq: /(^|[\s;&|(])(seq[ \t]*\(|function[ \t]+seq\b|alias\b|PATH=)/,
};

/**
 * What the simple command before a loop's `|` writes (Ctx.pipedFrom), where its literal words
 * tell it: `printf FORMAT [ARG…]` whose format holds only `%s`, `%%`, `\n`, `\t` and `\\` (the
 * format used again while arguments are left, as dash's and bash's printf do), or `echo WORD…`
 * with no option and no backslash (dash's echo and bash's then write the same), or coreutils'
 * `seq [FIRST [STEP]] LAST` of whole numbers (up to MAX_FOR_PASSES lines). Null otherwise, and
 * where the script may define a function or an alias of that name.
 */
function pipedText(text: string, f: Command): string | null {
  if (f.andOr || f.never || f.scope || f.redirs?.length || f.hereDocs?.length || reservedWords(f.words) !== 0 || f.words.length > MAX_FOR_PASSES) return null;
  const ws: string[] = [];
  for (const w of f.words) {
    const ch = w.exps || w.braces ? null : literalChars(text, w);
    if (!ch || ch.some((x) => !x.quoted && /[*?[\]{}~]/.test(x.ch))) return null;
    ws.push(ch.map((x) => x.ch).join(''));
  }
  const name = ws[0];
  if ((name !== 'printf' && name !== 'echo' && name !== 'seq') || SHADOWED[name].test(text)) return null;
  if (name === 'seq') {
    const ns = ws.slice(1);
    if (!ns.length || ns.length > 3 || ns.some((x) => !/^-?[0-9]{1,6}$/.test(x))) return null;
    const [first, step, last] = ns.length === 1 ? [1, 1, Number(ns[0])] : ns.length === 2 ? [Number(ns[0]), 1, Number(ns[1])] : ns.map(Number);
    if (step === 0) return null;
    const lines: number[] = [];
    for (let v = first; (step > 0 ? v <= last : v >= last); v += step) {
      if (lines.length >= MAX_FOR_PASSES) return null;
      lines.push(v);
    }
    return lines.map((v) => `${v}\n`).join('');
  }
  if (name === 'echo') return ws.slice(1).some((x) => x.startsWith('-') || x.includes('\\')) ? null : `${ws.slice(1).join(' ')}\n`;
  const fmt = ws[1];
  if (fmt === undefined || fmt.startsWith('-')) return null;
  // (the format's pieces: text, or null where an argument goes)
  const pieces: Array<string | null> = [];
  for (let k = 0; k < fmt.length; k++) {
    const c = fmt[k];
    const e = fmt[k + 1];
    if (c === '%' && e === 's') pieces.push(null);
    else if (c === '%' && e === '%') pieces.push('%');
    else if (c === '\\' && e !== undefined && 'nt\\'.includes(e)) pieces.push(e === 'n' ? '\n' : e === 't' ? '\t' : '\\');
    else if (c === '%' || c === '\\') return null;
    else { pieces.push(c); continue; }
    k++;
  }
  const args = ws.slice(2);
  const takes = pieces.filter((x) => x === null).length;
  let out = '';
  let at = 0;
  do {
    for (const x of pieces) out += x ?? args[at++] ?? '';
  } while (takes && at < args.length && out.length <= MAX_VALUE);
  return out.length > MAX_VALUE ? null : out;
}

/** programs that never read their standard input (a `while read` loop's body of these leaves its input to the loop's `read`) */
const STDIN_UNREAD = new Set(['openstack', 'echo', 'printf', 'sleep', '[', 'test', 'true', 'false', ':', 'break', 'continue', 'export', 'local', 'readonly', 'unset', 'set', 'shift', 'exit', 'return', 'let']);

/**
 * Whether the simple command w[a…] (expanded, its assignments before a) is `echo`, or `printf`
 * with a format told whose only directives are `%s` and `%%`: builtins of both shells that succeed
 * (status 0) whatever their other words hold, so `[ … ] && echo … || B` never runs B. Not where a
 * word up to the name (or the format) is not told, a function of that name is defined, or a
 * redirection other than to `/dev/null` or descriptor 1 or 2 may fail.
 */
function printsSurely(c: Command, w: readonly Word[], a: number, unknownAt: ReadonlySet<number>, defined: (name: string) => boolean): boolean {
  const p = w[a]?.value;
  if ((p !== 'echo' && p !== 'printf') || defined(p) || c.hereDocs?.length) return false;
  if (!(c.redirs ?? []).every((r) => !r.exps && /^(&[12]|\/dev\/null)$/.test(r.value))) return false;
  const told = p === 'echo' ? a : a + 1;
  for (let k = 0; k <= told; k++) if (unknownAt.has(k)) return false;
  if (p === 'echo') return true;
  const fmt = w[a + 1]?.value;
  return fmt !== undefined && !fmt.startsWith('-') && /^(?:[^%]|%[s%])*$/.test(fmt);
}

/** dash's special builtins: an error of their redirections (a here-document's expansion) ends a shell that is not interactive */
const DASH_SPECIAL = new Set([':', '.', 'break', 'continue', 'eval', 'exec', 'exit', 'export', 'readonly', 'return', 'set', 'shift', 'times', 'trap', 'unset']);

/** arithmetic steps one `let` may take (past them: its status not told) */
const MAX_LET_STEPS = 1 << 12;

/**
 * bash's `let ARG…` status on the words as expanded: each argument is arithmetic, and the status
 * is 0 when the last one's value is not 0 (null: no argument, an assignment, which bdm-lab does not
 * follow here, a value not told, or an error).
 */
/** a `for` loop followed pass by pass: the `break`/`continue` that surely ran in this pass (null: none yet), or whether one may have (its passes are not followed from there) */
interface FollowedFor { loop: Ctx; jump: 'break' | 'continue' | null; unsure: boolean }

/** a piece of `[[ … ]]` that holds `&&` or `||` (see condPiece) */
interface CondPiece { open: boolean; close: boolean; mixed: boolean }

/**
 * The parser cuts `[[ a && b || c ]]` at `&&` and `||` into commands linked as an and-or list
 * (Command.after): which of `[[` (open) and `]]` (close) a command of such a list holds, null
 * when it is none (or the whole `[[ … ]]`). The links give the pieces' statuses `&&` and `||`'s
 * answer as the shell's list does, which `[[ ]]` gives too unless an `&&` follows an `||` (it
 * binds `&&` first): such a piece is `mixed`.
 */
function condPiece(c: Command, lead: number): CondPiece | null {
  const bare = (x: Word | undefined, v: string) => !!x && x.value === v && !x.exps && x.end - x.start === 2;
  const opens = (x: Command, at: number) => bare(x.words[at], '[[');
  const closes = (x: Command) => bare(x.words[x.words.length - 1], ']]');
  const open = opens(c, lead);
  const close = closes(c);
  if (open && close) return null;
  if (open) return c.listHead ? { open, close, mixed: false } : null;
  // (walking back: an `&&` met before an `||` is one written after it)
  let mixed = false;
  let seenAnd = false;
  let x: Command = c;
  for (let n = 0; n < 16 && x.after; n++) {
    const prev = x.after.prev;
    if (x.after.op === '&&') seenAnd = true;
    else if (seenAnd) mixed = true;
    if (closes(prev)) return null;
    if (opens(prev, reservedWords(prev.words))) return { open, close, mixed };
    if (prev.words.some((w) => bare(w, '[['))) return null;
    x = prev;
  }
  return null;
}

/**
 * A function's positional parameters after its `shift [n]` or `set [options] -- words` (the words
 * after the command's name, expanded): `sure`, the call surely runs it in its own shell with its
 * words told; else, or past what bdm-lab follows (a shift past them), not told (null).
 */
function shiftedArgs(args: string[] | null, name: string, rest: readonly Word[], sure: boolean): string[] | null {
  if (!args || !sure) return null;
  if (name === 'shift') {
    const by = rest.length === 0 ? 1 : rest.length === 1 && /^[0-9]{1,6}$/.test(rest[0].value) ? Number(rest[0].value) : null;
    return by !== null && by <= args.length ? args.slice(by) : null;
  }
  // (`set -- words`, `set words`: the words; options first are not followed here)
  const from = rest[0]?.value === '--' ? 1 : rest.length && !/^[-+]/.test(rest[0].value) ? 0 : -1;
  return from < 0 || rest.length - from > 64 ? null : rest.slice(from).map((x) => x.value);
}

function letStatus(args: readonly string[], get: (name: string) => Val, why: (name: string) => string, nounset: boolean | null): boolean | null {
  if (!args.length || args.length > 16) return null;
  const steps = { n: MAX_LET_STEPS };
  const vars = { get: (n: string) => { const v = get(n); return v === UNKNOWN ? undefined : v; }, why, nounset };
  let last: bigint | null = null;
  for (const x of args) {
    const r = evalArith(x, vars, steps);
    if (typeof r !== 'bigint') return null;
    last = r;
  }
  return last !== 0n;
}

/**
 * Bash's `((EXPR))` (ws: its one word) or `let ARG…` (ws: its words, no assignment before them;
 * ex: them expanded) as the shell runs it: each expression evaluated in turn, its assignments made
 * as they happen (set); `st`, the status its last value gives (0: 1, else 0). An error bash
 * reports (division by 0, a readonly name assigned…) ends the evaluation there with status 1 (the
 * assignments before it made); an unset name under `set -u` exits the shell (`exits`). Where an
 * expression is not told (a word, a value, text bdm-lab does not read), null, and what it and the
 * ones after it may assign is not told either. Undefined: not such a command (a function named
 * `let` runs instead; a `((…))` arithmeticSpans leaves to vars.ts: its text with `$`, quotes).
 */
function arithCommand(text: string, ws0: readonly Word[], ex0: { words: readonly Word[]; unknownAt: ReadonlySet<number>; assigns: ReadonlyArray<{ name: string; value: Val; append?: boolean }> }, letIsFn: boolean, get0: (name: string) => Val, why: (name: string) => string, set: (name: string, v: Val, arith?: boolean) => void, readonly: (name: string) => boolean, nounset: boolean | null): { st: boolean | null; exits: boolean } | undefined {
  // (`X=1 let …`: bash's `let` sees the assignments before it, which hold for that command alone)
  const na = ex0.assigns.length;
  const ws = ws0.slice(na);
  const ex = na ? { words: ex0.words.slice(na), unknownAt: new Set([...ex0.unknownAt].filter((k) => k >= na).map((k) => k - na)) } : ex0;
  const temps = new Map(ex0.assigns.map((t) => [t.name, t.append ? UNKNOWN : t.value] as const));
  const get = (n: string): Val => (temps.has(n) ? temps.get(n)! : get0(n));
  const x = ws[0];
  if (na && (x?.arith || [...ex0.unknownAt].some((k) => k < na))) return undefined;
  let exprs: string[];
  if (x?.arith) {
    if (ws.length !== 1 || !arithCmdText(x.value)) return undefined;
    // (bash expands `$NAME`, `${NAME}` in it first, as in double quotes, then evaluates the text)
    let untold = false;
    const inner = x.value.slice(2, -2).replace(/"/g, '').replace(/\$(?:([A-Za-z_][A-Za-z0-9_]*)|\{([A-Za-z_][A-Za-z0-9_]*)\})/g, (_, n1?: string, n2?: string) => {
      const v = get((n1 ?? n2)!);
      if (v === UNKNOWN || (v === null && nounset !== false)) untold = true;
      return typeof v === 'string' ? v : '';
    });
    if (untold) {
      for (const n of arithAssignedNames(x.value.slice(2, -2).replace(/"/g, '').replace(/\$(?:[A-Za-z_][A-Za-z0-9_]*|\{[A-Za-z_][A-Za-z0-9_]*\})/g, '0'))) if (!readonly(n)) set(n, UNKNOWN, true);
      return { st: null, exits: false };
    }
    exprs = [inner];
  } else if (x && x.value === 'let' && !x.exps && x.end - x.start === 3 && !letIsFn) {
    const written = ws.slice(1).map((w) => text.slice(w.start, w.end));
    if (ex.unknownAt.size || ex.words.length < 2 || ex.words.length > 17 || written.flatMap(arithAssignedNames).some((n) => temps.has(n))) {
      for (const n of written.flatMap(arithAssignedNames)) if (!readonly(n)) set(n, UNKNOWN, true);
      return { st: null, exits: false };
    }
    exprs = ex.words.slice(1).map((w) => w.value);
  } else return undefined;
  const steps = { n: MAX_LET_STEPS };
  const vars: ArithVars = {
    get: (n) => { const v = get(n); return v === UNKNOWN ? undefined : v; },
    why,
    nounset,
    set: (n, v) => { if (readonly(n)) return false; set(n, v, true); return true; },
  };
  let last = 0n;
  for (let k = 0; k < exprs.length; k++) {
    const r = evalArith(exprs[k], vars, steps);
    if (typeof r === 'bigint') { last = r; continue; }
    if (r.fatal) return { st: r.exits ? null : false, exits: r.exits };
    for (const n of exprs.slice(k).flatMap(arithAssignedNames)) if (!readonly(n)) set(n, UNKNOWN, true);
    return { st: null, exits: false };
  }
  return { st: last !== 0n, exits: false };
}

/** what dash runs for a word that begins its `((…))` (a subshell in a subshell): commands it has, whose status bdm-lab does not tell */
const DASH_RUNS = /^[ \t]*(?:[\\'"$`!{]|(?:true|false|:|test|\[|echo|printf|exit|return|command|eval|exec|set|shift|read|cd|pwd|kill|wait|trap|type|hash|umask|ulimit|times|getopts|alias|unalias|local|export|readonly|unset|break|continue|jobs|fg|bg)(?![A-Za-z0-9_.+-]))/;

/**
 * The status of `((EXPR))`: bash's is 0 when EXPR's value is not 0 (null: `$`, an assignment, a
 * value not told, an error); dash has no such command: it runs `( (EXPR) )`, subshells around a
 * command named by EXPR's first word, which is not found (127) unless it is one dash has.
 */
function arithStatus(expr: string, dash: boolean, get: (name: string) => Val, why: (name: string) => string, nounset: boolean | null): boolean | null {
  if (dash) return DASH_RUNS.test(expr) || !/^[ \t]*[A-Za-z0-9_+-]/.test(expr) ? null : false;
  if (/[$`\\'"]/.test(expr)) return null;
  return letStatus([expr], get, why, nounset);
}

/** how many `$((…))` of a command's here-documents hereDocArithStop reads (the rest: not told) */
const MAX_DOC_ARITH = 32;

/**
 * The first `$((…))` in the unquoted here-documents a command (of the script's own text) reads as data whose expansion stops
 * dash (an arithmetic syntax error, a readonly name assigned, division by 0 where the values are
 * told), as `fatalOf` finds it for the words `: $((…))` (its assignments not followed: a name they
 * change is not told anywhere, vars.ts). Only text of names, numbers and operators is read (no
 * quotes, `$(`, backquotes), at most MAX_DOC_ARITH of them; null: none found.
 */
function hereDocArithStop(text: string, c: Command, fatalOf: (w: readonly Word[]) => { dash?: string; exits: boolean; reason: string; at?: number; end?: number } | null): { at: number; length: number; dash: string; reason: string } | null {
  let n = 0;
  for (const d of c.hereDocs ?? []) {
    if (d.quoted || d.role !== 'data' || d.remote) continue;
    const body = hereDocText(text, d);
    for (let k = body.text.indexOf('$(('); k >= 0 && n < MAX_DOC_ARITH; k = body.text.indexOf('$((', k + 3)) {
      n++;
      let depth = 0;
      let e = -1;
      for (let j = k + 3; j < body.text.length && j < k + 4096; j++) {
        const ch = body.text[j];
        if (ch === '(') depth++;
        else if (ch === ')') { if (depth === 0) { e = body.text[j + 1] === ')' ? j + 2 : -1; break; } depth--; }
      }
      if (e < 0) continue;
      const src = body.text.slice(k, e);
      // (`\$((…))`: written out as it stands)
      if (text[body.map[k] - 1] === '\\') { k = e - 3; continue; }
      if (/["'`\\\n]|\$\((?!\()|\$\{/.test(src.slice(3, -2))) { k = e - 3; continue; }
      const cmd = splitCommands(`: ${src}`)[0];
      const f = cmd ? fatalOf(cmd.words) : null;
      if (f && f.exits && f.dash !== undefined) {
        const from = body.map[k] ?? d.body.start;
        const to = (body.map[e - 1] ?? from) + 1;
        return { at: from, length: Math.max(to - from, 1), dash: f.dash, reason: f.reason };
      }
      k = e - 3;
    }
  }
  return null;
}

/** `exec` with a program to run (after assignments, `command`, `builtin`): the shell becomes it (or exits when it cannot), nothing after it runs */
function execsProgram(w: readonly Word[]): boolean {
  let i = 0;
  while (i < w.length && ASSIGNMENT.test(w[i].value)) i++;
  for (;;) {
    const v = w[i]?.value;
    if (v === 'builtin') { i++; continue; }
    if (v === 'command') {
      for (i++; i < w.length && w[i].value.startsWith('-'); i++) {
        if (/[vV]/.test(w[i].value)) return false;
        if (w[i].value === '--') { i++; break; }
      }
      continue;
    }
    break;
  }
  if (w[i]?.value !== 'exec') return false;
  for (i++; i < w.length && w[i].value.startsWith('-'); i++) {
    if (w[i].value === '--') { i++; break; }
    if (/^-[cl]*a$/.test(w[i].value)) i++;
  }
  return i < w.length;
}

/** `exit [N]` (after assignments, `builtin`, `command`): the shell ends there */
function exits(w: readonly Word[]): boolean {
  let i = 0;
  while (i < w.length && ASSIGNMENT.test(w[i].value)) i++;
  while (w[i]?.value === 'builtin' || (w[i]?.value === 'command' && !/^-/.test(w[i + 1]?.value ?? ''))) i++;
  return w[i]?.value === 'exit';
}

const SHELL_NAMES = /(^|\/)(bash|sh|dash|ksh|ksh93|mksh|zsh|ash|posh)$/;
/** ssh's options that take a value */
const SSH_WITH_VALUE = 'BbcDEeFIiJLlmOoPpQRSWw';

/**
 * A command that runs a command string, and where it runs: `eval WORDS` (the shell itself, after
 * `builtin`/`command`), `bash -c WORD` (any shell, behind the wrappers programRun reads, with the
 * environment they pass: `sudo sh -c`, `env X=1 bash -c`), `ssh [options] host WORDS` (a shell
 * on another host: none of this shell's variables).
 */
function commandString(w: readonly Word[], env: string | null, cond: boolean): { words: Word[]; root: NonNullable<Ctx['root']>; via?: 'eval' | '-c' | 'sh'; argv0?: string; label?: string } | null {
  let i = 0;
  while (i < w.length && ASSIGNMENT.test(w[i].value)) i++;
  let j = i;
  while (w[j]?.value === 'builtin' || (w[j]?.value === 'command' && !/^-/.test(w[j + 1]?.value ?? ''))) j++;
  if (w[j]?.value === 'eval') {
    const words = w.slice(w[j + 1]?.value === '--' ? j + 2 : j + 1);
    return words.length ? { words, root: { shell: false, env: null, cond }, via: 'eval' } : null;
  }
  const sh = programRun(w, 0, env, SHELL_NAMES);
  if (sh) {
    let k = sh.at + 1;
    let c = false;
    while (k < w.length) {
      const a = w[k].value;
      if (a === '--' || a === '-') { k++; break; }
      if (a === '--rcfile' || a === '--init-file') { k += 2; continue; }
      if (a.startsWith('--')) { k++; continue; }
      if (/^[-+][A-Za-z]+$/.test(a)) {
        if (a[0] === '-' && a.includes('c')) c = true;
        k += /[oO]/.test(a) ? 2 : 1;
        continue;
      }
      break;
    }
    const funcs = /(^|\/)bash$/.test(w[sh.at].value) ? passes(sh.cleared) : false;
    const name = w[sh.at].value.slice(w[sh.at].value.lastIndexOf('/') + 1);
    // bash words its errors its way; Debian's sh is dash, which words them its own
    const via = name === 'bash' ? { via: '-c' as const, argv0: 'bash', label: 'bash -c' } : name === 'sh' || name === 'dash' ? { via: 'sh' as const, argv0: name, label: `${name} -c` } : {};
    return c && k < w.length ? { words: [w[k]], root: { shell: true, env: sh.env || null, cond, funcs }, ...via } : null;
  }
  const su = suRun(w, env);
  if (su) return su.command ? { words: [su.command], root: { shell: true, env: su.env, cond, funcs: su.funcs }, ...(su.shell ? { via: su.shell === 'dash' || su.shell === 'sh' ? 'sh' as const : '-c' as const, argv0: su.shell === 'bash' && su.login ? '-bash' : su.shell, label: 'su -c' } : {}) } : null;
  const ssh = programRun(w, 0, env, /(^|\/)ssh$/);
  if (!ssh) return null;
  let k = ssh.at + 1;
  let host = false;
  while (k < w.length) {
    const a = w[k].value;
    if (a === '--') { k++; if (!host && k < w.length) { host = true; k++; } break; }
    if (!a.startsWith('-') || a === '-') {
      if (host) break;
      host = true;
      k++;
      continue;
    }
    const letters = a.slice(1);
    let takes = false;
    for (let q = 0; q < letters.length; q++) if (SSH_WITH_VALUE.includes(letters[q])) { takes = q === letters.length - 1; break; }
    k += takes ? 2 : 1;
  }
  return host && k < w.length ? { words: w.slice(k), root: { shell: true, env: null, cond } } : null;
}

/** util-linux su's long options that take a value (as the next word when not written with =) */
const SU_WITH_VALUE = /^(--command|--session-command|--group|--supp-group|--shell|--whitelist-environment)$/;

/**
 * `su [options] [-] [user [args]]` (util-linux, options anywhere: getopt reorders them) behind the
 * wrappers programRun reads: the command string of its last -c/--command (null: none, su runs a
 * shell that reads its standard input), and the environment that shell starts with: this one's
 * (su sets only HOME, SHELL and the like), or none for a login (`-`, -l, --login; -m is then
 * ignored) except the variables -w/--whitelist-environment names. The user's shell is a bash
 * (root's on Debian) that takes exported functions, unless -s names another, or it is a login.
 */
function suRun(w: readonly Word[], env: string | null): { command: Word | null; env: string | null; funcs: boolean | ReadonlySet<string>; shell: string | null; login: boolean } | null {
  const run = programRun(w, 0, env, /(^|\/)su$/);
  if (!run) return null;
  let command: Word | null = null;
  let login = false;
  let keep = false;
  let shell = '';
  let first = true;
  let user: string | undefined;
  for (let k = run.at + 1; k < w.length; k++) {
    const a = w[k].value;
    if (a === '--') break;
    if (a === '-' && first) { login = true; first = false; continue; }
    if (!a.startsWith('-') || a === '-') { first = false; if (a !== '-') user ??= a; continue; }
    const eq = a.indexOf('=');
    const key = a.startsWith('--') && eq > 0 ? a.slice(0, eq) : a;
    let val: Word | null = null;
    let opt = key;
    if (a.startsWith('--')) {
      if (SU_WITH_VALUE.test(key)) val = eq > 0 ? subWord(w[k], eq + 1, a.length) : w[++k] ?? null;
      if (key === '--login') login = true;
    } else {
      // a cluster of short options; one taking a value takes the rest (or the next word)
      for (let j = 1; j < a.length; j++) {
        if (a[j] === 'l') login = true;
        if ('cgGsw'.includes(a[j])) { opt = `-${a[j]}`; val = j + 1 < a.length ? subWord(w[k], j + 1, a.length) : w[++k] ?? null; break; }
      }
    }
    if (!val) continue;
    if (opt === '-c' || opt === '--command' || opt === '--session-command') command = val;
    if (opt === '-s' || opt === '--shell') shell = val.value;
    if ((opt === '-w' || opt === '--whitelist-environment') && val.value.split(',').includes(ENV_MV)) keep = true;
  }
  const passed = login && !keep ? null : run.env || null;
  // the shell that runs the command: -s's, else the user's (root's is bash on Debian; another user's is not known)
  const named = shell ? shell.slice(shell.lastIndexOf('/') + 1) : user === undefined || user === 'root' ? 'bash' : null;
  return { command, env: passed, funcs: !login && (shell === '' || /(^|\/)bash$/.test(shell)) ? passes(run.cleared) : false, shell: named === 'bash' || named === 'sh' || named === 'dash' ? named : null, login };
}

/**
 * The shell that reads a here-document body as its script (`bash <<EOF`, `sudo -i <<EOF`,
 * `su - <<EOF`), run here from this shell: the value it starts with (`env` is this shell's
 * exported one) and whether it takes this shell's exported functions.
 */
function stdinShell(w: readonly Word[], env: string | null): { env: string | null; funcs: boolean | ReadonlySet<string> } {
  const sh = programRun(w, reservedWords(w), env, SHELL_NAMES);
  if (sh) return { env: sh.env || null, funcs: /(^|\/)bash$/.test(w[sh.at].value) ? passes(sh.cleared) : false };
  const su = suRun(w, env);
  if (su) return { env: su.env, funcs: su.funcs };
  // `sudo -i`, `sudo -s` with no command: a shell with sudo's environment (reset unless -E without -i)
  const k = w.findIndex((x) => /(^|\/)sudo$/.test(x.value));
  if (k >= 0) {
    const opts = w.slice(k + 1).filter((x) => x.value.startsWith('-')).map((x) => x.value);
    const keep = opts.some((o) => /^-[A-Za-z]*E/.test(o) || o === '--preserve-env') && !opts.some((o) => /^-[A-Za-z]*i/.test(o) || o === '--login');
    return { env: keep ? env : null, funcs: false };
  }
  return { env, funcs: false };
}

/**
 * What a command does to OS_COMPUTE_API_VERSION in its shell (bash's builtins): `NAME=VAL` alone
 * sets it (exported or not as it was); `export [-n]` exports (or unexports) it, setting it when
 * given a value, also before it is set; `declare`/`typeset` [-x|+x] (in a function, its local
 * unless -g: the global) and `local` set it, -x exporting and +x unexporting it, a new local
 * exported when the variable it hides is; `readonly` (`declare -r`…) sets it and makes it readonly:
 * from then on no assignment changes its value (`export` still exports it), `unset` and `local` of
 * it are refused, and an assignment of it alone ('ends') makes bash give up the complete command
 * it is running (a script that is not interactive; bash 5.2 variables.c, execute_cmd.c
 * ASSIGNMENT_ERROR: jump_to_top_level DISCARD); `unset` unsets and unexports it.
 * `local` is refused outside a function (localOf null).
 */
function setsVariable(w: readonly Word[], layers: VarState[], localOf: (() => VarState) | null): 'ends' | void {
  const cmd = w[0]?.value;
  const inner = layers[layers.length - 1];
  if (cmd === undefined) return;
  const fixed = isReadonly(layers);
  if (ASSIGNMENT.test(cmd)) {
    if (!w.every((x) => ASSIGNMENT.test(x.value))) return;
    for (const a of w) {
      if (!a.value.startsWith(`${ENV_MV}=`)) continue;
      // an assignment alone to a readonly variable: a shell that is not interactive exits there
      if (fixed) return 'ends';
      inner.value = a.value.slice(ENV_MV.length + 1);
    }
    return;
  }
  // bash refuses to unset a readonly variable
  if (cmd === 'unset' && fixed) return;
  if (cmd === 'unset' && inner.temp) {
    // a temporary one made local stays, unset, a plain local of the call (it no longer goes back to the caller)
    if (w.some((a) => a.value === ENV_MV)) {
      if (inner.local) Object.assign(inner, { value: null, exported: false, temp: undefined, promote: false });
      else layers.pop();
    }
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
  let ro = cmd === 'readonly';
  for (; k < w.length && /^[-+][A-Za-z]+$/.test(w[k].value); k++) {
    const on = w[k].value[0] === '-';
    for (const ch of w[k].value.slice(1)) {
      if (ch === 'f' || ch === 'F' || ch === 'p' || (ch === 'n' && cmd !== 'export')) return;
      if (ch === 'r' && on && cmd !== 'export' && cmd !== 'readonly') ro = true;
      if (cmd === 'export' && ch === 'n') exp = false;
      else if (ch === 'x' && cmd !== 'export' && cmd !== 'readonly') exp = on;
      else if (ch === 'g' && cmd !== 'local' && localOf) { global = true; bottom = true; }
    }
  }
  if (w[k]?.value === '--') k++;
  for (const a of w.slice(k)) {
    const eq = a.value.indexOf('=');
    if ((eq < 0 ? a.value : a.value.slice(0, eq)) !== ENV_MV) continue;
    // (bash refuses a local of a readonly variable, and a new value for it; `export` still exports it)
    if (fixed && !global) continue;
    const v = global ? (bottom ? layers[0] : inner) : localOf!();
    if (eq >= 0 && !fixed) v.value = a.value.slice(eq + 1);
    if (exp !== null) v.exported = exp;
    if (ro) v.readonly = true;
    // exporting the variable of a call's temporary environment: bash gives its value to the caller's variable when the call ends
    if (exp === true && v.temp === 'fn') v.promote = true;
  }
}

const ENV_MV = 'OS_COMPUTE_API_VERSION';

/**
 * What a command does to the shell's functions: `export -f NAME…` and `declare -fx`/`typeset -fx`
 * turn their export attribute on (for a function that exists: else bash refuses the name), `export
 * -fn` and `declare -f +x` off; `unset -f NAME…` removes them.
 */
function functionAttributes(w: readonly Word[], t: FnTable, exists: (name: string) => boolean): void {
  const cmd = w[0]?.value;
  if (cmd !== 'export' && cmd !== 'declare' && cmd !== 'typeset' && cmd !== 'unset') return;
  let k = 1;
  let f = false;
  let x: boolean | null = cmd === 'export' ? true : null;
  for (; k < w.length && /^[-+][A-Za-z]+$/.test(w[k].value); k++) {
    const on = w[k].value[0] === '-';
    for (const ch of w[k].value.slice(1)) {
      if (ch === 'f' && on) f = true;
      else if (ch === 'n' && cmd === 'export') x = false;
      else if (ch === 'x' && cmd !== 'export') x = on;
    }
  }
  if (!f) return;
  if (w[k]?.value === '--') k++;
  for (const a of w.slice(k)) {
    if (cmd === 'unset') { t.map.set(a.value, null); continue; }
    if (x !== null && exists(a.value)) t.xp.set(a.value, x);
  }
}

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
function programRun(w: readonly Word[], i: number, env: string | null, target = /(^|\/)openstack$/, fixed = false): { at: number; env: string | null; mvWord: Word | null; cleared: FnsPassed } | null {
  let mvWord: Word | null = null;
  // the environment was emptied or reset (env -i, sudo): no exported function reaches the program
  // but those sudo's --preserve-env names (`BASH_FUNC_f%%`)
  let cleared: FnsPassed = false;
  let shell = true;
  const assign = (x: Word, byShell = false) => {
    // `NAME=VAL cmd` with NAME readonly: bash refuses the assignment and runs the command with the variable as it is
    if (!x.value.startsWith(`${ENV_MV}=`) || (byShell && fixed)) return;
    env = x.value.slice(ENV_MV.length + 1);
    mvWord = subWord(x, ENV_MV.length + 1, x.value.length);
  };
  let named = false; // after `command`: a command's name comes, not an assignment
  while (i < w.length) {
    const v = w[i].value;
    if (shell && !named && ASSIGNMENT.test(v)) { assign(w[i], true); i++; continue; }
    if (target.test(v)) return { at: i, env, mvWord, cleared };
    if (shell && (v === 'command' || v === 'builtin' || v === 'exec')) {
      if (v === 'builtin') return w[i + 1]?.value === 'command' || w[i + 1]?.value === 'exec' ? programRun(w, i + 1, env, target, fixed) : null;
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
    // sudo resets the environment (env_reset) unless told to keep it: -E (not with -i, a login
    // shell's environment) or --preserve-env naming the variable
    let reset = name === 'sudo';
    let keepAll = false;
    let keepVar = false;
    let login = false;
    const resets = () => reset && !keepVar && !(keepAll && !login);
    const drop = (all = true) => { env = null; mvWord = null; if (all) cleared = true; };
    // sudo also strips bash's functions from the environment it keeps (-E), but a variable
    // --preserve-env names is kept whatever its name: `BASH_FUNC_f%%` is f, exported
    const before = cleared;
    const kept = new Set<string>();
    if (name === 'sudo') cleared = true;
    let durationDone = name !== 'timeout';
    for (; i < w.length; i++) {
      const a = w[i].value;
      if (a === '--') { i++; break; }
      if (name === 'env' && a === '-') { drop(); continue; }
      if (!a.startsWith('-') || a === '-') {
        if ((name === 'env' || name === 'sudo') && ASSIGNMENT.test(a)) {
          // sudo's assignments are allowed (Debian's `ALL` commands carry SETENV)
          // sudo refuses -i with -E (or --preserve-env without a list): nothing runs
    if (login && keepAll) return null;
    if (resets()) drop();
          reset = false;
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
          if (name === 'sudo' && a[j] === 'E') keepAll = true;
          if (name === 'sudo' && a[j] === 'i') login = true;
          j++;
        }
        if (j < a.length) {
          val = j + 1 < a.length ? a.slice(j + 1) : w[++i]?.value;
          if (name === 'env' && a[j] === 'u' && val === ENV_MV) drop(false);
        }
        continue;
      }
      if (VALUE_OPTS[name]?.test(key) && val === undefined) val = w[++i]?.value;
      if (name === 'env' && key === '--ignore-environment') drop();
      if (name === 'env' && key === '--unset' && val === ENV_MV) drop(false);
      if (name === 'sudo' && key === '--preserve-env') {
        if (val === undefined) keepAll = true;
        else if (val.split(',').includes(ENV_MV)) keepVar = true;
        for (const v of val?.split(',') ?? []) {
          const f = /^BASH_FUNC_(.+)%%$/.exec(v);
          if (f && (before === false || (before !== true && before.has(f[1])))) kept.add(f[1]);
        }
      }
      if (name === 'sudo' && key === '--login') login = true;
    }
    // sudo refuses -i with -E (or --preserve-env without a list): nothing runs
    if (login && keepAll) return null;
    if (resets()) drop();
    if (name === 'sudo' && kept.size) cleared = kept;
  }
  return null;
}

/**
 * `trap ACTION SIGNAL…`: the conditions (as written) whose action string runs an `openstack server
 * create`/`server add volume`; null for another action, a listing (`-l`, `-p`) or a reset (`-`).
 */
function trapAction(args: readonly Word[]): string[] | null {
  let k = 0;
  if (args[k]?.value === '--') k++;
  const action = args[k];
  const sigs = args.slice(k + 1).map((x) => x.value);
  if (!action || !sigs.length || /^-/.test(action.value) || !mentionsServerCreate(action.value)) return null;
  return sigs.slice(0, 8);
}
const trapDetail = (sigs: readonly string[]) => `the shell runs this trap's command string later, ${sigs.every((x) => /^(EXIT|0|SIGEXIT)$/i.test(x)) ? 'as it exits' : `when ${sigs.map((x) => `\`${x.length > 16 ? `${x.slice(0, 13)}...` : x}\``).join(', ')} happens`}, with the values its variables hold then, which bdm-lab does not follow. bdm-lab cannot tell the words \`openstack\` gets there, so that command is not judged.`;

/** what bdm-lab says of an `openstack` command run by xargs */
const XARGS_DETAIL = 'xargs runs this `openstack` command with words it reads from its standard input (appended, one line or a few words a run, or put where its -I name stands), which bdm-lab does not follow. bdm-lab cannot tell the words `openstack` gets, so this command is not judged.';

/**
 * Whether a command runs xargs (after the shell's reserved words, assignments and wrappers) whose
 * command is `openstack` naming `server create` or `server add volume` (the words xargs adds are
 * the input's: not followed).
 */
function xargsRunsServerCreate(w: readonly Word[]): boolean {
  const run = programRun(w, reservedWords(w), null, /(^|\/)xargs$/);
  if (!run) return false;
  const rest = w.slice(run.at + 1);
  const k = rest.findIndex((x) => /(^|\/)openstack$/.test(x.value));
  return k >= 0 && rest.length <= 4096 && mentionsServerCreate(rest.slice(k).map((x) => x.value).join(' '));
}

/** which of a shell's exported functions the environment passed on still holds: all (false), none (true), those named */
type FnsPassed = boolean | ReadonlySet<string>;
/** whether a bash started with that environment takes the exported functions (all, or those named) */
const passes = (cleared: FnsPassed): boolean | ReadonlySet<string> => (cleared === false ? true : cleared === true ? false : cleared);

/** a first line that runs sh or dash (which has no brace expansion) */
const SH_SHEBANG = /^#![ \t]*(\/\S*\/)?(env[ \t]+(-\S+[ \t]+)*)?(sh|dash)([ \t]|\r?\n|$)/;

/**
 * The `openstack server create`/`server add volume` a command runs (null: none, or one whose
 * words bdm-lab cannot tell: a brace expansion past its bounds, whose span goes to `unread`).
 * `braces`: the shell that runs it makes bash's brace expansion of the words after the program
 * (braces.ts). `fixed`: OS_COMPUTE_API_VERSION is readonly (an assignment before the program fails).
 */
function serverCreate(c: Command, envMv: string | null, cloudMax: string, braces = true, fixed = false, unread?: (span: Span) => void): OscCommand | null {
  let w = c.words;
  const run = programRun(w, reservedWords(w), envMv, undefined, fixed);
  if (!run) return null;
  if (braces && w.some((x, k) => k > run.at && x.braces)) {
    const args = expandBraces(w.slice(run.at + 1));
    if (!args) {
      unread?.({ offset: w[run.at].start, length: w[w.length - 1].end - w[run.at].start });
      return null;
    }
    w = [...w.slice(0, run.at + 1), ...args];
  }
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
  let r = g.rest;
  // `--os-compute-api-version server create …` (a version word that split to nothing): the
  // option takes `server`, which the shell's compute version check refuses before it looks for
  // the command (openstackclient/compute/client.py check_api_version): that refusal, on the words
  const mw = g.microversion;
  if (mw?.value === 'server' && (r[0]?.value === 'create' || (r[0]?.value === 'add' && r[1]?.value === 'volume')) && w.indexOf(mw) >= 0 && w.indexOf(mw) + 1 === w.indexOf(r[0])) r = [mw, ...r];
  let k = 0;
  /** where the words the shell leaves start when they do not start with the command (see below) */
  let stray = -1;
  while (k < r.length && r[k].value !== 'server') {
    const a = r[k].value;
    const eq = a.indexOf('=');
    const key = a.startsWith('--') && eq > 0 ? a.slice(0, eq) : a;
    if (OTHER_FLAGS.has(key)) { k++; continue; }
    if (OTHER_WITH_VALUE.has(key) || key.startsWith('--os-')) { k += key !== a ? 1 : 2; continue; }
    // the shell refused a word of its own (an option without its value): the command is still found
    if (g.stop && unknownOption(a)) { k++; continue; }
    // a word that is none of the shell's (a version word that split in two: `2.67 2.1 server
    // create`): cliff finds no command named by it, but only after the shell's compute version
    // check (OSC 6.0.0 initialize_app, then run_subcommand): a version it refuses is that refusal
    const at = r.findIndex((x, j) => j > k && x.value === 'server' && (r[j + 1]?.value === 'create' || (r[j + 1]?.value === 'add' && r[j + 2]?.value === 'volume')));
    if (!mw || given === null || at < 0 || !('error' in clientMicroversion(given))) return null;
    stray = k;
    k = at;
    break;
  }
  const span: Span = { offset: start.start, length: w[w.length - 1].end - start.start };
  const add = r[k]?.value === 'server' && r[k + 1]?.value === 'add' && r[k + 2]?.value === 'volume';
  if (!add && (r[k]?.value !== 'server' || r[k + 1]?.value !== 'create')) return null;
  const last = r[k + (add ? 2 : 1)];
  const head: Span = { offset: start.start, length: last.end - start.start };
  const words = r.slice(k + (add ? 3 : 2));
  const t = add ? translateAddVolume(words, given, cloudMax, head) : translate(words, given ?? OSC_DEFAULT_MICROVERSION, head);
  return { kind: add ? 'add-volume' : 'create', span, head, program: start, microversionWord: mvWord, words: r.slice(stray >= 0 ? stray : k), translation: shellStops(t, g, words, add ? 'server add volume' : 'server create') };
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
    return locateWritten(this.command.translation.places, path, part, this.command.span, this.command.head);
  }

  /** everything OSC sends comes from the command (a default is the option's doing) */
  covers(): boolean {
    return true;
  }

  printPath(path: string): string {
    return path;
  }
}

/**
 * The sources of a shell script's or a runbook's `openstack server create` commands; after them,
 * one ShellStopDoc per syntax error bash stops at (a finding on the text, no request).
 */
export function oscSources(text: string, kind: 'shell' | 'markdown', cloudMax = DEFAULT_CLOUD_MAX): SourceDoc[] {
  const stops: StopAt[] = [];
  const unread: Unread[] = [];
  const docs: SourceDoc[] = findServerCreates(text, kind, cloudMax, { stops, unread }).map((c) => new OscDoc(text, c));
  for (const span of unread) docs.push(new UnreadDoc(text, span, span.detail));
  if (!stops.length) return docs;
  // what the text writes after each stop, read as if bash read on: the commands that never run
  const written = findServerCreates(text, kind, cloudMax, { lenient: true }).map((c) => c.program.start);
  for (const s of stops) docs.push(new ShellStopDoc(text, s, new Set(written.filter((x) => x >= s.unit && x < s.to)).size, kind));
  return docs;
}

/**
 * A note of bash's on a script that is no request (`textOnly`): its one finding sits on one span
 * of the text, the only place it locates.
 */
abstract class ShellNoteDoc extends BuiltBodyDoc implements SourceDoc {
  readonly kind = 'server';
  readonly api = 'server';
  readonly tool = 'openstack-cli';
  readonly toolLabel = 'bash';
  readonly textOnly = true;
  readonly microversion = null;
  readonly body = null;
  readonly imageRef = null;
  abstract readonly text: string;
  abstract readonly findings: readonly SourceFinding[];

  constructor(protected readonly span: Span) {
    super();
  }

  locate(path: BodyPath): Span | undefined { return path.length === 0 ? this.span : undefined; }
  covers(): boolean { return false; }
  printPath(path: string): string { return path; }
}

/**
 * A command whose words bdm-lab cannot tell, seen as a SourceDoc that is no request (`textOnly`):
 * bash's brace expansion of its words goes past bdm-lab's bounds (braces.ts: more words or
 * characters than it makes, or braces nested deeper than it follows), so whether it is an
 * `openstack server create`/`server add volume` and what it sends are not judged. Its one finding,
 * an information, says so on the command.
 */
export class UnreadDoc extends ShellNoteDoc {
  readonly findings: readonly SourceFinding[];

  constructor(readonly text: string, span: Span, why?: string) {
    super({ offset: span.offset, length: span.length });
    const detail = why ?? `bash's brace expansion of this command's words makes more than bdm-lab expands (${MAX_BRACE_WORDS} words, ${MAX_BRACE_CHARS} characters, braces nested ${MAX_BRACE_DEPTH} deep): bdm-lab cannot tell the words \`openstack\` gets, so this command is not judged.`;
    this.findings = [{ code: 'BDM-OSC-UNRESOLVED', span, path: '', args: { detail } }];
  }
}

/**
 * A syntax error bash stops at, seen as a SourceDoc that is no request (`textOnly`): its one
 * finding, in bash's words, on the token (or the construct left open at the end), says that
 * nothing from the complete command holding it on runs, and how many `openstack server create`/
 * `server add volume` commands written there are skipped.
 */
export class ShellStopDoc extends ShellNoteDoc {
  readonly findings: readonly SourceFinding[];

  constructor(readonly text: string, stop: StopAt, skipped: number, kind: 'shell' | 'markdown') {
    super({ offset: stop.at, length: Math.max(stop.length, 1) });
    let line = 1;
    for (let k = text.indexOf('\n'); k >= 0 && k < stop.unit; k = text.indexOf('\n', k + 1)) line++;
    const what = stop.console ? 'this command line' : kind === 'markdown' ? 'this block' : 'the script';
    const cmds = skipped === 0 ? '' : `, so ${skipped === 1 ? '1 `openstack server create`/`server add volume` command' : `${skipped} \`openstack server create\`/\`server add volume\` commands`} written there never ${skipped === 1 ? 'runs' : 'run'}`;
    const n = stop.nested;
    const x = stop.expansion;
    const detail = x
      ? `${stop.message}. dash, not interactive, exits there (status 2) as it expands the command: ${x.own ? `nothing of ${what} from line ${line} on runs (this command and all after it)${cmds}` : 'this command never runs, nor does anything after it in the shell that runs it (the script, a subshell, or the `sh -c` string or script dash reads)'}.`
      : !n && stop.dashOnly
      ? `dash: ${line}: ${stop.message}. dash (Debian's sh) stops reading ${what} here, though bash would read it: nothing of it from line ${line} on runs (the command holding the error and all after it)${cmds}.`
      : !n
      ? `bash: ${stop.message}. bash stops reading ${what} here: nothing of it from line ${line} on runs (the command holding the error and all after it)${cmds}.`
      : n.via === 'stdin'
        ? `bash: line ${n.line}: ${stop.message}. The here-document's script, which bash reads from its standard input, stops here: nothing of it from the command holding the error on runs${cmds}; the outer script goes on after the command that feeds it.`
        : n.via === '-c'
        ? `${n.argv0 ?? 'bash'}: -c: line ${n.line}: ${stop.message}. The \`${n.label ?? 'bash -c'}\` script stops here: nothing of it from the command holding the error on runs${cmds}; the outer script goes on after the \`${n.label ?? 'bash -c'}\` command.`
        : n.via === 'sh'
        ? `${n.dash ? `${n.argv0}: ${n.dashLine}: Syntax error: ${n.dash}` : `${n.argv0} (dash on Debian) stops at a syntax error here, in words of its own (bash would say: ${stop.message})`}. The \`${n.label ?? `${n.argv0} -c`}\` script stops here: nothing of it from the command holding the error on runs${cmds}; the outer script goes on after the \`${n.label ?? `${n.argv0} -c`}\` command.`
        : `eval: ${n.line === null ? '' : `line ${n.line}: `}${stop.message}. The \`eval\` string stops here: nothing of it from the command holding the error on runs${cmds}; the outer script goes on after the \`eval\`.`;
    this.findings = [{ code: 'BDM-OSC-SHELL-SYNTAX', span: this.span, path: '', args: { detail } }];
  }
}
