/**
 * A shell word splitter that keeps offsets: the text is read as a POSIX shell reads words
 * (quotes, backslashes, line continuations, comments, command separators), and every character
 * of a word's value remembers where it is written. Nothing is run or expanded here: `$VAR` and
 * `$(...)` stay in the value as they are written, and each is noted on its word (Word.exps) for
 * expand.ts, which expands the parameters the text decides when bash would run the command.
 *
 * Here-documents are read as bash reads them (HereDoc): a body is the standard input of its
 * command, not commands of the text, so it is skipped; unless its reader is a shell that runs it
 * (`bash <<EOF`, `ssh host <<'EOF'`, `cat <<EOF | bash`: readsScript), and then its commands are
 * found in it, as the shell reads it, with their offsets in the text (scriptCommands). `<<<` is a
 * here-string (its word is not an argument); `<<` inside `$((…))` and `((…))` is a shift.
 * Checked against bash itself: test/unit/osc-heredoc.test.ts (scripts/osc-heredoc-label.py).
 */

export interface Word {
  /** the word after quote removal */
  value: string;
  /** the text offset of each character of `value` */
  offs: number[];
  /** where the word is written: its first and one past its last character */
  start: number;
  end: number;
  /**
   * On a word with an unquoted, unescaped `{`: the indices in `value` of its characters written
   * unquoted and unescaped (not in quotes, `$(…)` or backquotes), the ones bash's brace expansion
   * reads (braces.ts)
   */
  braces?: number[];
  /** the expansions written in the word (`$NAME`, `${…}`, `$(…)`, `` `…` ``, `$((…))`), in order; see Expansion */
  exps?: Expansion[];
  /** bash's arithmetic command `((…))` written whole as one word (its value: the text as written) */
  arith?: boolean;
  /** on a word with exps: the indices in `value` where a quote opens (`'`, `"`, `$'`, `$"`; a word of only empty expansions and quotes is kept, empty) */
  quotes?: number[];
  /** bash's `NAME=(…)` / `NAME+=(…)` (value: `NAME=`, `NAME+=`): the words written in the parentheses (see arrayEnd) */
  array?: Word[];
}

/**
 * An expansion written in a word, unquoted or in double quotes: characters [a, b) of the word's
 * value hold its text as written (`src`); `dq`: inside double quotes (its result is not split).
 */
export interface Expansion {
  a: number;
  b: number;
  dq: boolean;
  src: string;
}

export interface Command {
  words: Word[];
  start: number;
  end: number;
  /** the here-documents the command's redirections open (`<<EOF`, `<<-'EOF'`), in the order written */
  hereDocs?: HereDoc[];
  /** on a command of a here-document body that a shell runs: that body (none for the text's own commands) */
  scope?: Scope;
  /** the subshells, groups and function bodies the command is in (none: the shell's own level) */
  ctx?: Ctx;
  /** it follows `&&` or `||`: whether it runs depends on the command before */
  andOr?: boolean;
  /** it never runs: it follows `false &&` or `true ||` (see Ctx.never) */
  never?: boolean;
  /** `f ()` or `function f`: the name of a function whose body follows (the command defines it, it calls nothing) */
  defines?: boolean;
  /**
   * A `case`'s header with patterns on its line (`header`: run for its word only, `case WORD in`),
   * or an item's patterns (`pattern`, also a header that never runs): never run as a command (the
   * shell expands the patterns as it matches them).
   */
  casePatterns?: 'header' | 'pattern';
  /** the targets of its redirections (`> FILE`, `2>FILE`, `< FILE`, `&> FILE`; not a here-document's delimiter), expanded after its words */
  redirs?: Word[];
  /** the complete command it is part of (what bash reads before it runs it), one object per complete command of a text read */
  unit?: object;
  /**
   * The `done` of a `while`/`until` loop whose condition the text decides always holds and whose
   * body has nothing that could end it (no `break`, `return`, `exit`, `exec`, function call or
   * program but a few that cannot end a shell): when the loop is reached, the shell never gets
   * past it (see loopHangs).
   */
  hangs?: boolean;
  /** it is followed by `&&` or `||`, or negated by `!`: its failure does not end a shell with errexit on */
  listHead?: boolean;
  /**
   * It follows `&&` or `||` right after a simple command of the same list (not a compound
   * command's closer, not a pipeline's part): that command and the operator, so the runner can
   * decide on the status it holds whether this one runs.
   */
  after?: { prev: Command; op: '&&' | '||' };
  /** the contexts of the `$( … )` in its words (and redirections), in order (at most 64) */
  comsubs?: Ctx[];
  /** a `fi`, `esac`, loop's `done` or group's `}` alone (not after `|`, not before `|` or `&`): the compound command it closes (its status is that compound's) */
  closes?: Ctx;
  /**
   * A `case` header's (`case WORD in`): its items in order, each its patterns and the part its
   * body runs in, so the runner can decide them on the word's value, and how it ends (`end`: `;;`,
   * or bash's `;&`, the next body runs too, and `;;&`, the next patterns are tested); `falls`: some
   * item ends with `;&` or `;;&`.
   */
  caseItems?: { items: Array<{ pats: Word[]; part: Ctx; end?: ';;' | ';&' | ';;&' }>; falls: boolean };
}

/**
 * A part of a script that bash runs as a unit: `( … )`, `$( … )`, a pipeline's part or a job
 * started with `&` runs in a subshell (a copy of the shell: what it sets or exports stays in it;
 * `{ …; } | cat` and `while …; done | cat` too, as lastpipe is off); `{ …; }`, `if`/`for`/`while`/
 * `case` bodies run in the shell itself; a function's body is where `local` holds. A command's
 * ctx is the innermost.
 */
export interface Ctx {
  parent: Ctx | null;
  subshell: boolean;
  /** a function's body (`f() { … }`, `function f { … }`) */
  fn: boolean;
  /** the function's name (on a function's body) */
  name?: string;
  /** its commands may not run: the body of `if`, `while`, `until`, `for`, `select`, `case`, or a group after `&&`/`||` */
  cond?: boolean;
  /** what follows a plain `break`/`continue` that may run (cond): the loop it leaves (a runner that saw no jump of that loop run this pass knows its commands run) */
  jumpOf?: Ctx;
  /**
   * The top of a command string's commands (see commandStringCommands): `eval`'s run in the shell
   * that runs eval (shell false); `bash -c '…'`'s and `ssh host '…'`'s in a new shell (shell true)
   * that starts with `env` exported (null: unset); `funcs`: a bash given the environment, which
   * takes the functions exported to it (`export -f f`), or only those named (the environment
   * reset by sudo, but for the functions its --preserve-env names: `BASH_FUNC_f%%`).
   * `noBraces`: the new shell is dash (`sh -c`, `dash -c`), which has no brace expansion.
   * `vars`: the variables the new shell starts with as far as they are told (index.ts's VarMap).
   * `noErrexit`: an `eval`'s string, where errexit ignores the `eval`'s own failure (index.ts).
   */
  root?: { shell: boolean; env: string | null; cond: boolean; funcs?: boolean | ReadonlySet<string>; sure?: boolean; noBraces?: boolean; vars?: unknown; noErrexit?: boolean };
  /** a job started with `&`: the shell that starts it does not wait for it */
  bg?: boolean;
  /** the condition list of an `if`, `while`, `until` (parent: the compound's own): it runs whenever the compound does (cond: when that may not run) */
  head?: boolean;
  /**
   * A loop's (`while`, `until`, `for`, `select`): whether its body runs at most once (`once`: a
   * condition that never holds, a `break` that surely ends the first pass, `for` over one literal
   * word) or may run again (`many`), so that what a pass sets is seen by the next.
   */
  loop?: 'once' | 'many';
  /** a `while`/`until` loop's: its condition list is one simple command, nothing inside or after it */
  soleHead?: boolean;
  /** a compound command after `|` (`printf … | while read …`): the simple command right before that `|`, whose output it reads */
  pipedFrom?: Command;
  /** a `while`/`until` loop's whose condition list is an and-or list of simple commands (`[ … ] && [ … ]`): its last command (the status it leaves, run or skipped, is the list's) */
  headList?: { last: Command; until: boolean };
  /** an `if` with one `then` part, no `elif` or `else`: when that part does not run, its status is 0 */
  elseLess?: boolean;
  /** an `if`'s whose condition list is one simple command the text does not decide: its `then` part (index.ts decides it on the values it holds) */
  ifThen?: Ctx;
  /** on such an `if` whose condition list is an and-or list of simple commands (`[ … ] && [ … ]`): its last command (the status it leaves, run or skipped, is the list's) */
  ifHead?: Command;
  /** on such an `if`: its parts after the `then` part (`elif`, `else`): they do not run when the runner finds its condition holds */
  ifRest?: Ctx[];
  /** a subshell `( … )` after `&&` or `||`: it may not run */
  guarded?: boolean;
  /** a group `{ … }` its opening command's and-or link guards (see Command.after): the runner decides it with that command */
  guard?: { prev: Command; op: '&&' | '||' };
  /** a compound command followed by `&&` or `||`, or negated by `!`: errexit is ignored inside it */
  noErrexit?: boolean;
  /** a subshell `( … )` on its own (not a pipeline's part, not negated, not a job): its status is its shell's exit status */
  paren?: boolean;
  /** a command substitution's (`$( … )`, `` `…` ``): bash does not pass errexit into it (dash does) */
  comsub?: boolean;
  /** the last part of a pipeline, a simple command (no `!` before the pipeline, not a job): the pipeline's status is its own */
  pipeEnd?: boolean;
  /** a part of a pipeline before its last (no `!` before the pipeline): with bash's pipefail on, its failure is the pipeline's */
  pipePart?: boolean;
  /** a `case` item's body: its header command and its index there (Command.caseItems) */
  caseOf?: { head: Command; index: number };
  /**
   * Its commands never run: a group or subshell after `false &&` or `true ||`, the `then` part of
   * `if false`, what follows the `then` part of `if true` (`true`, `:` and `false`, also after
   * `!`, are the conditions bdm-lab knows; `if true` also makes its `then` part sure: cond off)
   */
  never?: boolean;
}

/** A here-document body a shell runs: its commands live in their own shell. */
export interface Scope {
  hereDoc: HereDoc;
  /** the scope of the command that feeds the body (null: the text's own shell) */
  parent: Scope | null;
  /** the shell runs here (`bash <<EOF`, `sudo -i <<EOF`) and inherits the exported environment; not `ssh host <<EOF` */
  inherits: boolean;
  /** the command that feeds the body (its shell is the one the body's shell starts from) */
  feeder?: Command;
  /** the shell that reads the body, when it is not the feeder (`cat <<EOF | env -i bash`: the pipe's reader) */
  reader?: Command;
  /** the shell that reads the body is dash (`sh <<EOF`, `dash <<EOF`): no brace expansion */
  noBraces?: boolean;
}

/**
 * A here-document (`<<WORD`, `<<-WORD`) as bash reads it. The delimiter is the word after quote
 * removal (`'EOF'`, `"EOF"`, `\EOF`, `E"O"F`, `$'EOF'` all give EOF; `$'…'` escapes decoded);
 * nothing else of it is expanded. The body is the lines after the line the operator is on ends
 * (after its line continuations, and after the bodies of here-documents opened earlier on that
 * line), up to the first line that is the delimiter exactly (after `<<-`, once its leading tabs are
 * stripped; with an unquoted delimiter, once backslash-newlines are joined, so a delimiter can be
 * split over lines). Without such a line the body runs to the end of the text (bash warns
 * "here-document … delimited by end-of-file" and does the same). One leniency for files with CRLF
 * line ends (which the splitter reads as LF ones): a line that is the delimiter and a CR matches,
 * as `cat <<EOF` with its CR does in bash.
 */
export interface HereDoc {
  /** the operator (with its fd) through the delimiter word */
  op: { start: number; end: number };
  delimiter: string;
  /** some part of the delimiter was quoted: bash does not expand the body (unquoted: the feeding shell expands it before a shell reads it, so index.ts tells no expansion in its commands) */
  quoted: boolean;
  /** `<<-`: leading tabs are stripped from the body's lines and the delimiter line */
  stripTabs: boolean;
  /** the body: from the start of its first line to the start of the delimiter line (or the end of the text) */
  body: { start: number; end: number };
  /** the delimiter line (without its newline); null when the text ends first */
  close: { start: number; end: number } | null;
  /**
   * `script` when the body is the standard input of a shell that reads it as commands (see
   * readsScript): its commands are found and judged as the text's own are; `data` for any other
   * reader (cat, tee, python, a command with a script file…): nothing in it is a command.
   */
  role: 'script' | 'data';
  /** the shell runs on another host (`ssh host <<EOF`) */
  remote: boolean;
  /** it is its command's standard input (the last of the command's `<`, `<<`, `<<<` on fd 0; `3<<EOF` is not) */
  stdin: boolean;
  /** a body bash reads as its script (`bash <<EOF`) stops at this syntax error (the outer script goes on) */
  syntax?: NestedSyntaxError;
}

import { caseSubject, globMatch, knownStatus, literalChars } from './conditions';

const SEPARATORS = new Set([';', '&', '|', '(', ')']);
/** what ends a word in bash (\r too here: the splitter reads CRLF text as LF text) */
const METACHARS = ' \t\r\n;&|()<>';
/** how deep here-document bodies run by shells in bodies are read (deeper ones are skipped, a bounded cost per character) */
export const MAX_HEREDOC_NESTING = 8;
/** how deep `$( … $( … ) … )` is read as such (deeper, `$(` is a `$` and a separator, and in a string the string runs to the next quote) */
const MAX_COMSUB_NESTING = 16;
/** how far `$((` looks for its `))` on its line (bounded: an unclosed one costs no more) */
const MAX_ARITH = 512;

interface ScanOptions {
  /** the nesting of here-document bodies being read as scripts */
  depth: number;
  scope: Scope | null;
  /** reading the inside of `$(` from a double-quoted string: stop after its `)` */
  untilParen: boolean;
  comsub: number;
  /** where the scanned commands run (a `$( … )`'s subshell) */
  ctx: Ctx | null;
  /** read on past a syntax error (the text's own level only; see splitScript) */
  lenient?: boolean;
  /** the text may turn errexit or pipefail on (a `set -e`, `set -o pipefail`…): computed once per text read */
  opts?: { errexit: boolean; pipefail: boolean };
  /** the script's aliases (its own text and the command substitutions read with it; see Aliases) */
  aliases?: Aliases;
  /**
   * The shell reading the text is dash (a `#!/bin/sh` script's own text): in a double-quoted
   * `${…}` a `'` is a plain character there, where bash (not in POSIX mode: parse.y
   * parse_matched_pair) reads `'…'` as a pair whose `"` and `}` do not end anything. Unset: the
   * scope's or the command string's shell decides (see readsDash).
   */
  dash?: boolean;
}

/** whether dash reads the text scan reads with these options (a here-document fed to `sh`, an `sh -c` string, a `#!/bin/sh` script) */
function readsDash(o: ScanOptions): boolean {
  if (o.dash !== undefined) return o.dash;
  if (o.scope?.noBraces) return true;
  let c = o.ctx;
  for (let n = 0; c && n < 4096; c = c.parent, n++) if (c.root) return !!c.root.noBraces;
  return false;
}

/**
 * The aliases of the shell that reads a script (bash 5.2): a script expands them only after
 * `shopt -s expand_aliases`, and bash reads a complete command before it runs it, so an `alias`,
 * `unalias` or `shopt` changes how the commands read after that complete command are read (not
 * the rest of its own line). bdm-lab follows the ones the script's own shell surely runs (also in
 * a group or an `if` part the text decides runs); one written anywhere else (in a function, a
 * condition that may not hold, a subshell, a loop, `eval`) is left out.
 */
interface Aliases {
  expand: boolean;
  map: Map<string, string>;
  /** the changes made by the complete command being read (and where each is written), made once it ends */
  pending: Array<{ at: Ctx | null; make: (a: Aliases) => void }>;
  /** each value's words, read once */
  words: Map<string, Word[] | null>;
  /** how many more characters expansions may make (linear in the text; past it, no alias is expanded) */
  budget: number;
}
/**
 * A command written here surely runs in the script's own shell once its complete command runs: in
 * no subshell, function body, background job or command string, and in no part that may not run
 * (a condition's part the text does not decide, a loop's body, a group after `&&`/`||`).
 */
function surelyHere(at: Ctx | null): boolean {
  for (let x = at, n = 0; x && n < 4096; x = x.parent, n++) if (x.subshell || x.fn || x.cond || x.never || x.guarded || x.root || x.bg || x.loop) return false;
  return true;
}
/** bash's alias names: no blank, quote, `/`, `$`, backquote or `=`, nor a shell metacharacter */
const ALIAS_NAME = /^[^\s'"\\/$`=;&|<>()]+$/;
/** an alias value bdm-lab reads as words: no operator, redirection or substitution in it */
const ALIAS_WORDS = /^[^;&|<>()`\n]*$/;
/** the commands that define aliases or turn their expansion on or off */
const ALIAS_COMMANDS = new Set(['alias', 'unalias', 'shopt']);

/** the reserved words after which `((` opens an arithmetic command */
const ARITH_AFTER = new Set(['!', 'if', 'then', 'else', 'elif', 'do', 'while', 'until', 'time', '{']);
/** words that may stand before a command on its line (a command there is in command position) */
const LEAD = new Set(['!', 'if', 'then', 'else', 'elif', 'do', 'while', 'until', 'time', 'coproc', '{', '}', 'fi', 'done', 'esac']);
/** compound commands opened by a word in command position, with the word that closes them */
const OPENERS = new Map([['{', '}'], ['if', 'fi'], ['while', 'done'], ['until', 'done'], ['for', 'done'], ['select', 'done'], ['case', 'esac']]);
const CLOSERS = new Set(['}', 'fi', 'done', 'esac']);
type Runs = 'always' | 'maybe' | 'never';
/** the loops `break` and `continue` leave, and the commands that leave a loop or a function's body */
const LOOPS = new Set(['while', 'until', 'for', 'select']);
const JUMPS = new Set(['break', 'continue', 'return']);
/** the words that start a part of an `if` or a loop's body */
const PART_WORDS = new Set(['then', 'else', 'elif', 'do']);
/**
 * Commands that cannot end the shell that runs them (no builtin that exits, returns, breaks or
 * execs; no function: a name that may be one is not here), so a loop made of them alone whose
 * condition always holds never ends; with errexit possibly on, only those that cannot fail.
 */
const SAFE_IN_LOOP = new Set([':', 'true', 'false', 'echo', 'printf', 'sleep', 'openstack', 'export', 'unset', 'continue', '[', '[[', 'test', 'date', 'cat']);
const SAFE_ERREXIT = new Set([':', 'true', 'continue']);

/** a compound command open while a text is read (see scan) */
interface Frame {
  ctx: Ctx;
  /** the word that closes it */
  close: string;
  /** the word that opened it (`if`, `while`, `case`, `{`…; `)` for a subshell) */
  kind?: string;
  /** an `if`'s or a loop's: where its commands start in out; a `case`'s: how many `(` were open when it opened */
  at?: number;
  /** whether it surely runs when its list is reached */
  runs?: Runs;
  /** the part being read (an `if`'s `then`/`else`/`elif`, a loop's body, a `case` item; a part a jump made) */
  part?: Ctx;
  /** the value of an `if`'s condition, or whether a loop's condition holds, when the text decides it */
  known?: boolean | null;
  /** a `break` (or a jump out) is written in it */
  broken?: boolean;
  jumped?: boolean;
  /** a loop's `do` was read */
  doSeen?: boolean;
  /** a `break` surely ends the loop's first pass */
  once?: boolean;
  /** a `case`'s: the part being read, its word's value (null: unknown), the patterns of the item being read, whether an earlier item surely (matched) or maybe (possible) matched, a `;&`/`;;&` read */
  state?: 'head' | 'pat' | 'body';
  subject?: string | null;
  pats?: Word[];
  matched?: boolean;
  possible?: boolean;
  /** how surely the body of the item being read runs, and (after `;&`) the item before's */
  item?: Runs;
  fall?: Runs;
  /** a `case`'s: its header command (where its items are listed for the runner) */
  headCmd?: Command;
  /** where it opens (a syntax error at the end of the text is placed on the innermost) */
  pos?: number;
  len?: number;
  /** a `!` stands before it in its pipeline (its status is negated) */
  bang?: boolean;
}

/**
 * Whether a text may turn on errexit (`set -e`, `set -o errexit`, `bash -e`, a shebang's -e) or
 * pipefail: then a command that fails may end the shell, and a pipeline's status is not its last
 * part's. Read once per text (nested reads of the same text take it from their options).
 */
function shellOptions(text: string, from: number, to: number): { errexit: boolean; pipefail: boolean } {
  const t = text.slice(from, to);
  return { errexit: /errexit|(^|[\s;&|(])(set|bash|sh|shopt)[ \t]+(-[A-Za-z]*e|[+-]o)/.test(t) || (t.startsWith('#!') && /[ \t]-[A-Za-z]*e/.test(t.slice(0, t.indexOf('\n') >>> 0))), pipefail: t.includes('pipefail') };
}
const plainWord = (w: Word) => w.end - w.start === w.value.length && !/[\\'"$]/.test(w.value);
/** whether a pipeline's first command (its words) starts with `!` (an odd count of them, after the reserved words before it) */
function pipeNegated(words: readonly Word[]): boolean {
  let lk = 0;
  while (lk < words.length && words[lk].value !== '!' && LEAD.has(words[lk].value) && plainWord(words[lk])) lk++;
  let n = lk;
  while (n < words.length && words[n].value === '!' && plainWord(words[n])) n++;
  return (n - lk) % 2 === 1;
}

/** the most characters an array's `( … )` is read over */
const MAX_ARRAY_TEXT = 1 << 16;

/**
 * Where bash's compound assignment `NAME=( … )` that opens at `open` (its `(`) ends: one past its
 * `)`, when its words are ones bdm-lab reads as plain words (quotes, backslashes, `$NAME` and
 * `${…}` without parentheses, blanks and newlines between); -1 for anything else (`$( … )`,
 * backquotes, `[N]=` subscripts, comments, operators, no `)` within MAX_ARRAY_TEXT). The parser
 * and volatileNames (vars.ts) read the same ones.
 */
export function arrayEnd(text: string, open: number, to = text.length): number {
  const end = Math.min(to, open + MAX_ARRAY_TEXT);
  let start = true;
  for (let k = open + 1; k < end; k++) {
    const ch = text[k];
    if (ch === ' ' || ch === '\t' || ch === '\n') { start = true; continue; }
    if (start && (ch === '[' || ch === '#')) return -1;
    start = false;
    if (ch === ')') return k + 1;
    if (ch === '\\') { if (text[k + 1] === '\n') return -1; k++; continue; }
    if (ch === "'") { const q = text.indexOf("'", k + 1); if (q < 0 || q >= end) return -1; k = q; continue; }
    if (ch === '`' || ch === '(' || ch === ';' || ch === '&' || ch === '|' || ch === '<' || ch === '>') return -1;
    if (ch === '$' && (text[k + 1] === '(' || text[k + 1] === "'" || text[k + 1] === '"')) return -1;
    if (ch === '$' && text[k + 1] === '{') {
      const q = text.indexOf('}', k + 2);
      if (q < 0 || q >= end || /[()'"`\\{\n]/.test(text.slice(k + 2, q))) return -1;
      k = q;
      continue;
    }
    if (ch === '"') {
      let q = k + 1;
      for (; q < end && text[q] !== '"'; q++) {
        if (text[q] === '\\') q++;
        else if (text[q] === '`' || (text[q] === '$' && text[q + 1] === '(')) return -1;
        else if (text[q] === '$' && text[q + 1] === '{') {
          const b = text.indexOf('}', q + 2);
          if (b < 0 || b >= end || /[()'"`\\{\n]/.test(text.slice(q + 2, b))) return -1;
          q = b;
        }
      }
      if (q >= end) return -1;
      k = q;
    }
  }
  return -1;
}

/** The simple commands of a text (or of a part of it, [from, to)), in order; the commands of here-document bodies that a shell runs after the command that feeds them. */
export function splitCommands(text: string, from = 0, to = text.length): Command[] {
  return scan(text, from, to, { depth: 0, scope: null, untilParen: false, comsub: 0, ctx: null }).commands;
}

/**
 * Where bash stops reading a script at a syntax error: the token or construct it names (`at`,
 * `length`), its words (`message`, bash 5.2's without the `file: line N:` prefix), and where the
 * complete command holding it starts (`unit`): nothing from there on runs.
 */
export interface ShellSyntaxError {
  at: number;
  length: number;
  message: string;
  unit: number;
  /** dash's words for it after its `Syntax error: ` (Debian's sh), when bdm-lab knows them (null: not known) */
  dash?: string | null;
  /** an error of dash's only (bash reads the text: `<<<`, an array's `A=(`, `for ((`); `message` is then dash's too */
  dashOnly?: boolean;
}

/**
 * splitCommands, with the syntax error bash stops at (null: none). `lenient`: read on past it as
 * if bash did not stop (what the script writes after it: the commands that never run).
 */
export function splitScript(text: string, from = 0, to = text.length, lenient = false, dash = false): { commands: Command[]; syntax: ShellSyntaxError | null } {
  const r = scan(text, from, to, { depth: 0, scope: null, untilParen: false, comsub: 0, ctx: null, lenient, dash });
  return { commands: r.commands, syntax: r.syntax ?? null };
}

/** one here-document while the command line it is on is read */
interface Pending {
  doc: HereDoc;
  fd: number;
  /** its place among the command's standard-input redirections (the last one wins) */
  seq: number;
  /** its command (null when the command has no words: `<<EOF` alone) */
  cmd: Command | null;
  words: Word[];
  /** the operator after the command (`|` pipes it to the next command) */
  sep: string;
  /** the command its command pipes into (`cat <<EOF | bash`) */
  pipeTo: Command | null;
  stdin: boolean;
}

type ScanResult = { commands: Command[]; end: number; pending: Pending[]; error?: boolean; syntax?: ShellSyntaxError };
const UNEXPECTED_EOF = 'syntax error: unexpected end of file';
const unexpected = (token: string) => `syntax error near unexpected token \`${token}'`;
const noMatch = (c: string) => `unexpected EOF while looking for matching \`${c}'`;
/** dash's words (after `Syntax error: `) for a quote left open, and for the end of the text where a command or word was due */
const UNTERMINATED = 'Unterminated quoted string';
const UNTERMINATED_BACKQUOTE = 'EOF in backquote substitution';
const DASH_EOF = 'end of file unexpected';
/** dash's words for the end of the text inside a construct: the word it expects next (a `case`: not known here) */
function dashExpecting(f: Frame): string | null {
  const next = f.close === ')' ? ')' : f.close === '}' ? '}' : f.kind === 'if' ? (f.part === undefined || f.part.head ? 'then' : 'fi')
    : f.kind === 'while' || f.kind === 'until' ? (f.doSeen ? 'done' : 'do') : f.kind === 'for' || f.kind === 'select' ? (f.doSeen ? 'done' : '') : null;
  return next === null ? null : next === '' ? DASH_EOF : `${DASH_EOF} (expecting "${next}")`;
}

function scan(text: string, from: number, to: number, o: ScanOptions): ScanResult {
  const out: Command[] = [];
  // (in a double-quoted `${…}`, bash reads `'…'` as a pair; dash reads `'` as a character; told
  // once, and handed on to the substitutions read inside)
  if (o.dash === undefined) o = { ...o, dash: readsDash(o) };
  const sqPairs = !o.dash;
  // bash reads a script one complete command (a list up to a newline outside any construct) at a
  // time and runs it before it reads on; a syntax error ends the script there: of the command it
  // is in, nothing runs (see syntaxError)
  let unitStart = 0; // where the command being read starts in out
  let unitFrom = from; // and in the text
  let unit: object = {}; // and its identity (Command.unit)
  let error = false;
  let syntax: ShellSyntaxError | undefined;
  /** a syntax error (the first one is kept): true when bash stops there (false: lenient, read on) */
  const fail = (at: number, length: number, message: string, dash: string | null = null): boolean => {
    syntax ??= { at, length, message, unit: unitFrom, dash };
    if (!o.lenient) error = true;
    return error;
  };
  /** a syntax error dash stops at where bash reads on (the text is dash's: o.dash) */
  const failDash = (at: number, length: number, dash: string): boolean => {
    syntax ??= { at, length, message: `Syntax error: ${dash}`, unit: unitFrom, dash, dashOnly: true };
    if (!o.lenient) error = true;
    return error;
  };
  /** bash stops at a syntax error: the complete commands before the one it is in have run, nothing after */
  const syntaxError = (): ScanResult => {
    out.splice(unitStart);
    return { commands: out, end: to, pending: [], error: true, syntax };
  };
  let words: Word[] = [];
  // whether a plain `!` is among `words` (each group a command's leading words open asks; a
  // search of them would go over every `{` before it: nested groups made that square in depth)
  let bangWord = false;
  let cur: Word | null = null;
  let skipNext = false; // the word after a redirection is a file name, not an argument
  let redirs: Word[] = []; // the command's redirection targets
  let docs: Pending[] = []; // this command's here-documents
  let queued: Pending[] = []; // the here-documents whose bodies follow the current line
  // those a `$( … )` closed on this line left open: bash 5.2 reads their bodies first (and warns)
  let fromComsubs: Pending[] = [];
  let stdinSeq = 0;
  let parens = 0;
  let lineFirst = 0; // where the current line's commands start in out
  let piped: Pending[] = []; // the here-documents of a command that pipes into the next one
  // the compound commands open here (`(`, `{`, `if`, `while`…), innermost last, with what closes each
  // (an `if`'s: where its commands start in out, whether it surely runs when its list is reached,
  // the part being read (`then`, `else`, `elif`) and the condition's value when it is known; a
  // `case`'s: how many `(` were open when it opened)
  // (and where each opens: a syntax error at the end of the text is placed on the innermost)
  // (a loop's: its opening word, where its commands start, whether its condition holds, whether a
  // `break` or a jump out of it is written inside; a `case`'s: which part is being read, whether an
  // earlier item surely or maybe matched, its word's value when the text decides it)
  const frames: Frame[] = [];
  o.opts ??= shellOptions(text, from, to);
  const opts = o.opts;
  // a script's own text: its aliases start empty and off (command substitutions read with it share them)
  if (!o.aliases && o.depth === 0 && !o.scope && o.comsub === 0 && !o.ctx) o.aliases = { expand: false, map: new Map(), pending: [], words: new Map(), budget: 4 * (to - from) + 4096 };
  const aliases = o.aliases;
  let aliasNext = false; // the alias just expanded ends in a blank: the next word is checked too
  const top = (): Ctx | null => (frames.length ? frames[frames.length - 1].part ?? frames[frames.length - 1].ctx : o.ctx);
  const parenFrames: Array<Ctx | null> = []; // for each open `(`: its subshell (null: an array's or a function's `()`)
  const parenPos: number[] = []; // and where it is written
  let fnPos: Word | null = null; // the word naming the function whose body is pending
  let opAt = 0; // where the last operator (`&&`, `||`, `|`) is written, and its length
  let opLen = 0;
  let prevPipe = false; // the command after `|` (a pipeline's part)
  let feeder: Command | null = null; // the simple command before that `|` (Ctx.pipedFrom)
  let fnPending = false; // `f()` or `function f` was read: the next `{` is its body
  let opened = false; // the current command opened a compound command
  let closed: Ctx | null = null; // the compound command the current command's first word closed
  let lead = true; // the current command's words so far all stand before a command (a word now is in command position)
  let coproc = false; // the current command is `coproc …`: it runs in a subshell
  let andOr = false; // the current command follows `&&` or `||`
  let lastSimple: Command | null = null; // the command before, when it was a simple command (not a compound's closer, not a pipeline's part)
  // the and-or list so far: its status when known (`true`, `:` give 0, `false` 1), how surely the
  // command that gave it ran, and the operator before the current command
  let status: boolean | null = null;
  let lastRuns: Runs = 'always';
  let lastOp = '';
  // a `{ …; }` group that surely runs, closed by a command of its `}` alone: its status is its last command's
  let groupClosed: { w: Word; status: boolean | null } | null = null;
  /** the `$( … )` of the command being read (Command.comsubs) */
  let comsubCtxs: Ctx[] = [];
  /** one past the `)` that closed the subshell just read (see closed) */
  let parenEnd = 0;
  /** the compound just closed (closed) was negated by a `!` before it */
  let closedBang = false;
  // the pipeline being read: how surely it runs, whether a `!` negates its status
  let pipeline: { runs: Runs; negate: boolean } = { runs: 'always', negate: false };
  /** the parts of the pipeline being read marked Ctx.pipePart (unmarked when it ends before `&&`, `||` or `&`) */
  let pipeParts: Ctx[] = [];
  /** whether the current command runs when its list is reached: surely, never, or maybe (after && or ||) */
  const runsNow = (): Runs => (!andOr ? 'always' : status === null ? 'maybe' : status === (lastOp === '&&') ? lastRuns : 'never');
  let fnName = ''; // the name of the function whose body is pending
  const openFrame = (close: string, w: Word) => {
    const fn = fnPending && close === '}';
    // (after `|`, the part's first compound is the subshell: one opened inside it, `| { while …`, is not another)
    const piped = prevPipe && !opened;
    const ctx: Ctx = { parent: top(), subshell: piped || coproc, fn };
    if (fn) ctx.name = fnName;
    if (piped && feeder) ctx.pipedFrom = feeder;
    const runs = runsNow();
    if (runs === 'never') ctx.never = true;
    // (a `case`'s items decide each their own: see casePattern)
    if ((close !== '}' && close !== 'esac') || runs === 'maybe') ctx.cond = true;
    const base = close === 'fi' || close === 'done' ? { ctx, close, at: out.length, runs, known: null } : close === 'esac' ? { ctx, close, at: parens, runs, state: 'head' as const } : { ctx, close };
    frames.push({ ...base, kind: w.value, pos: w.start, len: w.end - w.start, ...(bangWord ? { bang: true } : {}) });
    // the condition of an `if`, `while`, `until` runs whenever the compound command does
    if (close === 'fi' || ((w.value === 'while' || w.value === 'until') && close === 'done')) frames[frames.length - 1].part = { parent: ctx, subshell: false, fn: false, head: true, ...(runs === 'maybe' ? { cond: true } : {}) };
    fnPending = false;
    opened = true;
  };
  /**
   * `then`, `else` or `elif` of the innermost `if`: the part it starts. An `if` whose condition is
   * a plain `true`/`:` (or `false`) alone: its `then` part surely runs (when the `if` does) and
   * what follows never (or the `then` part never, the `else` part surely); an `elif` part may.
   */
  const ifPart = (word: string) => {
    const fr = frames[frames.length - 1];
    const part: Ctx = { parent: fr.ctx, subshell: false, fn: false };
    if (word === 'then' && (fr.part === undefined || fr.part.head)) {
      // the condition list's status, when the text decides it (see knownStatus)
      fr.known = out.length > fr.at! ? status : null;
      if (fr.known !== null && fr.runs === 'always') fr.ctx.cond = false;
      if (fr.known === false) part.never = true;
      // (a condition of one command the text does not decide: the runner may, on the values it holds)
      // (or of one and-or list of simple commands, each deciding whether the next runs: Command.after; the last one's status is the list's)
      const head = out.slice(fr.at!);
      if (fr.known === null && fr.kind === 'if' && head.length >= 1 && head.length <= 16 && head.slice(1).every((x, j) => x.after?.prev === head[j])) {
        fr.ctx.ifThen = part;
        if (head.length > 1) fr.ctx.ifHead = head[head.length - 1];
      }
      fr.ctx.elseLess = true;
    } else if (fr.known === true) part.never = true;
    else if (fr.known === false && !(word === 'else' && fr.part?.never)) part.cond = true;
    if (word === 'elif' || word === 'else') fr.ctx.elseLess = false;
    if (word !== 'then' || (fr.part !== undefined && !fr.part.head)) if (fr.ctx.ifThen && (fr.ctx.ifRest ??= []).length < 64) fr.ctx.ifRest.push(part);
    fr.part = part;
  };
  /**
   * `do` of a `while`/`until` loop: its condition decided by the text (see knownStatus) never
   * holding: the body never runs; always holding: the body surely runs when the loop does (and
   * whether the loop ever ends is read at its `done`: loopHangs).
   */
  const loopPart = () => {
    const fr = frames[frames.length - 1];
    fr.doSeen = true;
    if (fr.kind === 'for' && fr.part === undefined) {
      // over literal words: the body runs once for each (none: never; some: surely, when the loop runs)
      const n = forWords(fr);
      fr.known = n === null ? null : n > 0;
      if (n === 0) fr.part = { parent: fr.ctx, subshell: false, fn: false, never: true };
      else if (n !== null && fr.runs === 'always') fr.ctx.cond = false;
      return;
    }
    if ((fr.part !== undefined && !fr.part.head) || (fr.kind !== 'while' && fr.kind !== 'until')) return;
    const st = out.length > fr.at! ? status : null;
    if (out.length - fr.at! === 1) fr.ctx.soleHead = true;
    // (an and-or list of simple commands: its last one's status, run or skipped, is the list's)
    const head = out.slice(fr.at!);
    if (head.length > 1 && head.length <= 16 && head.slice(1).every((x, j) => x.after?.prev === head[j])) fr.ctx.headList = { last: head[head.length - 1], until: fr.kind === 'until' };
    fr.known = st === null ? null : st === (fr.kind === 'while');
    const part: Ctx = { parent: fr.ctx, subshell: false, fn: false };
    if (fr.known === false) part.never = true;
    if (fr.known === true && fr.runs === 'always') fr.ctx.cond = false;
    fr.part = part;
  };
  /** the innermost frame (up to a subshell or a function's body) that a `break`/`continue` (loop) or `return` (function) leaves */
  const jumpTarget = (name: string): number => {
    for (let j = frames.length - 1; j >= 0; j--) {
      const f = frames[j];
      if (name === 'return' ? f.ctx.fn : LOOPS.has(f.kind ?? '')) return j;
      if (f.ctx.subshell || f.ctx.fn) return -1;
    }
    return -1;
  };
  /**
   * `break`, `continue` or `return` (its command, how surely it runs): one that surely runs where
   * it is written, directly in its loop's (function's) body, makes the rest of that body never run
   * (a `break` ends the loop); any other makes what follows it in the frames it leaves maybe run.
   */
  const jump = (name: string, args: number, runs: Runs) => {
    // written where it never runs (`if false; then break; fi`): it leaves nothing
    for (let c = top(), n = 0; c && n < 256; c = c.parent, n++) if (c.never) return;
    const t = jumpTarget(name);
    if (t < 0) {
      // a jump out of something this text does not show (a function's body in a command string): all after it may not run
      if (o.ctx) for (const f of frames) { f.jumped = true; f.part = { parent: f.part ?? f.ctx, subshell: false, fn: false, cond: true }; }
      return;
    }
    const f = frames[t];
    if (name === 'break') f.broken = true;
    const plainJump = args === 0 || name === 'return';
    // it surely runs once its target is reached: every frame from the target in runs its part surely
    let sure = runs === 'always' && plainJump;
    for (let j = t; sure && j < frames.length; j++) { const g = frames[j]; sure = !g.ctx.cond && !(g.part ?? g.ctx).cond && !condAbove(g); }
    if (sure) {
      for (let j = t; j < frames.length; j++) {
        const g = frames[j];
        g.part = { parent: g.ctx, subshell: false, fn: false, never: true };
        // a loop it leaves ends (the target of a `break`, every loop a `return` passes)
        if (LOOPS.has(g.kind ?? '') && (name === 'return' || (name === 'break' && j === t) || j > t)) { g.once = true; g.broken = true; }
      }
      return;
    }
    // `break 2`: the loops around are left too (what follows in them may not run)
    const outer = name !== 'return' && !plainJump ? 0 : t;
    // (`break N`/`continue N`: what follows it in a frame runs when it did not, as told by the nearest loop around that frame, jumpOf)
    // (per frame: the nearest loop at or below it with no subshell or function body between, else -1)
    const near: number[] = [];
    if (name !== 'return' && !plainJump) {
      let m = -1;
      for (let j = 0; j < frames.length; j++) {
        if (LOOPS.has(frames[j].kind ?? '')) m = j;
        else if (frames[j].ctx.subshell || frames[j].ctx.fn) m = -1;
        near.push(m);
      }
    }
    for (let j = frames.length - 1; j >= outer; j--) {
      const g = frames[j];
      if (j < t && (g.ctx.subshell || g.ctx.fn)) break;
      g.jumped = true;
      if (name === 'break') g.broken ||= LOOPS.has(g.kind ?? '');
      const of = name === 'return' ? undefined : plainJump ? f.ctx : near[j] >= 0 ? frames[near[j]].ctx : undefined;
      g.part = { parent: g.part ?? g.ctx, subshell: false, fn: false, cond: true, ...(of ? { jumpOf: of } : {}) };
    }
  };
  /** the frame's current part is itself inside a part that may not run (a chain of parts a jump made) */
  const condAbove = (f: Frame): boolean => {
    for (let c = f.part ?? null; c && c !== f.ctx; c = c.parent) if (c.cond) return true;
    return false;
  };
  /**
   * At a `while`/`until` loop's `done`: it never ends when its condition always holds, no `break`
   * or jump out is written in it, and each command in it is one that cannot end the shell (with
   * errexit possibly on, one that cannot fail either).
   */
  const loopHangs = (f: Frame): boolean => {
    if (f.kind !== 'while' && f.kind !== 'until') return false;
    if (f.known !== true || f.runs !== 'always' || f.broken || f.jumped || f.ctx.never) return false;
    for (let k = f.at!; k < out.length; k++) {
      const c = out[k];
      if (c.never) continue;
      if (!safeInLoop(c.words)) return false;
      if (c.hereDocs?.some((h) => h.role === 'script')) return false;
    }
    return true;
  };
  /**
   * whether a command's words run only what a loop may repeat for ever (its program in the safe
   * set): read once per command and kept (by its words, while their number stays), as every loop
   * around a command asks again (loops nested d deep asked d times per command)
   */
  const safeWords = new WeakMap<Word[], { n: number; ok: boolean }>();
  const safeInLoop = (w: Word[]): boolean => {
    const known = safeWords.get(w);
    if (known && known.n === w.length) return known.ok;
    const safe = opts.errexit ? SAFE_ERREXIT : SAFE_IN_LOOP;
    let j = 0;
    while (j < w.length && ((LEAD.has(w[j].value) || CLOSERS.has(w[j].value) || w[j].value === 'do') && plainWord(w[j]))) j++;
    while (j < w.length && ASSIGNMENT.test(w[j].value)) j++;
    const ok = !(j < w.length && !(plainWord(w[j]) && safe.has(w[j].value)));
    safeWords.set(w, { n: w.length, ok });
    return ok;
  };
  /** whether a loop's body may run more than once (see Ctx.loop) */
  const loopPasses = (f: Frame): 'once' | 'many' => {
    if (f.once || f.known === false) return 'once';
    if (f.kind !== 'for') return 'many';
    const n = forWords(f);
    return n !== null && n <= 1 ? 'once' : 'many';
  };
  /** `for NAME in WORDS`: how many words, when none of them may expand to more or fewer (null: not known) */
  const forWords = (f: Frame): number | null => {
    let head: Command | undefined;
    for (let k = f.at!; k < out.length && !head; k++) if (out[k].words.some((x) => x.value === 'for' && plainWord(x))) head = out[k];
    if (!head) return null;
    const w = head.words;
    const at = w.findIndex((x) => x.value === 'for' && plainWord(x));
    if (w[at + 2]?.value !== 'in' || !plainWord(w[at + 2])) return null;
    const list = w.slice(at + 3).filter((x) => !(x.value === 'do' && plainWord(x)));
    if (list.some((x) => literalChars(text, x) === null || /[*?[{~]/.test(x.value))) return null;
    return list.length;
  };
  /** the last frame a closer popped never ends (its `done` command hangs) */
  let closedHangs = false;
  /**
   * The items of the innermost `case`, read command by command: after `in` and after `;;`, the
   * commands up to `)` are its patterns (joined by `|`; `(` before the first is passed over); the
   * commands after `)` its body. An item whose patterns the text decides against the word (see
   * globMatch) never runs when they do not match or an earlier item surely matched, and surely
   * runs when it is the first that may match and does; any other may. `;&`, `;;&` (the next item
   * runs too): every later item may.
   */
  const casePattern = (cmd: Command | null, sep: string) => {
    const f = frames[frames.length - 1];
    if (!f || f.close !== 'esac' || parens !== f.at || !cmd) return;
    if (f.state === 'head') {
      // `case WORD in` (and the first patterns on its line)
      const w = cmd.words;
      const k = w.findIndex((x) => x.value === 'case' && plainWord(x));
      if (k < 0 || w[k + 2]?.value !== 'in') { f.state = 'body'; f.possible = true; f.subject = undefined; return; }
      f.subject = caseSubject(text, w[k + 1]);
      f.headCmd = cmd;
      cmd.caseItems = { items: [], falls: false };
      f.pats = [];
      for (const p of w.slice(k + 3)) f.pats.push(p);
      if (w.length > k + 3) { cmd.casePatterns = cmd.never ? 'pattern' : 'header'; cmd.never = true; }
      f.state = 'pat';
      if (sep === ')') caseItem(f);
      return;
    }
    if (f.state !== 'pat') return;
    // a pattern is no command
    cmd.never = true;
    cmd.casePatterns = 'pattern';
    for (const p of cmd.words) (f.pats ??= []).push(p);
    if (sep === ')') caseItem(f);
  };
  const caseItem = (f: Frame) => {
    let m: boolean | null = false;
    if (f.subject === undefined) m = null;
    else {
      for (const p of f.pats ?? []) {
        const r = f.subject === null ? (p.value === '*' && plainWord(p) ? true : null) : globMatch(literalChars(text, p), f.subject);
        if (r === true) { m = true; break; }
        if (r === null) m = null;
      }
    }
    // its body runs when it is tested (no earlier item's body ran with `;;`) and matches, or when
    // the item before ended with `;&` and its body ran
    let st: Runs;
    if (f.matched) st = 'never';
    else {
      const byPattern: Runs = m === false ? 'never' : m === true && !f.possible ? 'always' : 'maybe';
      const byFall = f.fall ?? 'never';
      st = byPattern === 'always' || byFall === 'always' ? 'always' : byPattern === 'never' && byFall === 'never' ? 'never' : 'maybe';
    }
    const part: Ctx = { parent: f.ctx, subshell: false, fn: false };
    if (st === 'never') part.never = true;
    else if (st === 'maybe' || f.runs !== 'always') part.cond = true;
    f.item = st;
    f.fall = undefined;
    f.part = part;
    const list = f.headCmd?.caseItems;
    if (list && list.items.length < 4096) { part.caseOf = { head: f.headCmd!, index: list.items.length }; list.items.push({ pats: f.pats ?? [], part }); }
    f.pats = [];
    f.state = 'body';
  };
  /** the end of a `case` item: `;;` (a body that ran ends the case), `;&` (the next body runs too), `;;&` (the next patterns are tested) */
  const caseEnd = (f: Frame, how: ';;' | ';&' | ';;&') => {
    const st = f.item ?? 'maybe';
    f.item = undefined;
    if (how !== ';;' && f.headCmd?.caseItems) f.headCmd.caseItems.falls = true;
    // (how the item ends, for the runner's decision on the word's value)
    const at = f.part?.caseOf;
    if (at && f.headCmd?.caseItems?.items[at.index]) f.headCmd.caseItems.items[at.index].end = how;
    if (how === ';&') f.fall = st;
    else if (how === ';;') {
      if (st === 'always') f.matched = true;
      else if (st === 'maybe') f.possible = true;
    }
  };
  /**
   * The words an alias in command position (the first word, after any reserved words and
   * assignments, or the word after an alias whose value ends in a blank), written without any
   * quoting, stands for: its value read as words (an alias at the start of that value is expanded
   * in turn, each name once), placed on the word itself. null: not an alias there, or a value
   * bdm-lab does not read as words (operators, redirections, substitutions: left as written).
   */
  const aliasWords = (w: Word): { words: Word[]; blank: boolean } | null => {
    if (!aliases || !plainWord(w) || !(aliasNext || words.every((x) => (LEAD.has(x.value) && plainWord(x)) || ASSIGNMENT.test(x.value)))) return null;
    const seenNames = new Set<string>();
    let name = w.value;
    let value = aliases.map.get(name);
    if (value === undefined) return null;
    const out: Word[] = [];
    let blank = false;
    let rest: Word[] = [];
    for (let n = 0; value !== undefined && n < 64; n++) {
      seenNames.add(name);
      let read: Word[] | null | undefined = aliases.words.get(value);
      if (read === undefined) {
        const cmds: Command[] = ALIAS_WORDS.test(value) ? splitCommands(value) : [];
        read = cmds.length > 1 || (!cmds.length && value.trim()) || cmds[0]?.words.some((x) => OPENERS.has(x.value) || CLOSERS.has(x.value)) ? null : cmds[0]?.words ?? [];
        aliases.words.set(value, read);
      }
      if (!read) return null;
      aliases.budget -= value.length + 1;
      if (aliases.budget < 0) return null;
      const ws = read.map((x) => ({ ...x, offs: x.offs.map(() => w.start), start: w.start, end: w.end }));
      blank = /[ \t]$/.test(value);
      rest = [...ws.slice(1), ...rest];
      // the first word of the value, when it is an alias too (and not one being expanded)
      const head = ws[0];
      if (!head) { value = undefined; break; }
      name = head.value;
      value = plainWord(read[0]) && !seenNames.has(name) ? aliases.map.get(name) : undefined;
      if (value === undefined) out.push(head);
    }
    return { words: [...out, ...rest], blank };
  };
  /** what an `alias NAME=VALUE…`, `unalias NAME…`/`unalias -a` or `shopt -s|-u expand_aliases` changes, once its complete command ends */
  const aliasCommand = (w: Word[], at: Ctx | null) => {
    if (!aliases) return;
    let k = 0;
    while (k < w.length && ASSIGNMENT.test(w[k].value)) k++;
    const head = w[k];
    // (where the command stands is asked only of alias, unalias and shopt: the walk up its
    // contexts, per command, made deep nesting quadratic)
    if (!head || !ALIAS_COMMANDS.has(head.value) || !plainWord(head) || !surelyHere(at)) return;
    const args = w.slice(k + 1).filter((x) => literalChars(text, x) !== null).map((x) => x.value);
    if (head.value === 'alias') {
      for (const a of args) {
        const eq = a.indexOf('=');
        const name = a.slice(0, eq);
        if (eq > 0 && ALIAS_NAME.test(name)) aliases.pending.push({ at, make: (x) => x.map.set(name, a.slice(eq + 1)) });
      }
    } else if (head.value === 'unalias') {
      for (const a of args) aliases.pending.push({ at, make: a === '-a' ? (x) => x.map.clear() : (x) => x.map.delete(a) });
    } else if (head.value === 'shopt' && args.includes('expand_aliases') && !args.includes('-o') && !args.includes('-q') && !args.includes('-p')) {
      const on = args.lastIndexOf('-s') > args.lastIndexOf('-u');
      if (args.includes('-s') || args.includes('-u')) aliases.pending.push({ at, make: (x) => { x.expand = on; } });
    }
  };
  const endWord = () => {
    if (cur) {
      if (plainOf === cur && plainBrace) cur.braces = plain.slice();
      if (/[\uDC80-\uDCFF]/.test(cur.value)) cur = joinBytes(cur);
      if (skipNext) { skipNext = false; redirs.push(cur); }
      else {
        const w = cur;
        if (lead && plainWord(w) && OPENERS.has(w.value)) openFrame(OPENERS.get(w.value)!, w);
        else if (lead && plainWord(w) && CLOSERS.has(w.value)) {
          // it closes the innermost compound command when that is the one it closes; else bash
          // stops at it (`echo; }`, `{ a; } }`, `( a; fi )`: "syntax error near unexpected token")
          if (frames.length && frames[frames.length - 1].close === w.value) {
            const f = frames.pop()!;
            closed = f.ctx;
            closedBang = !!f.bang;
            if (f.bang) f.ctx.noErrexit = true;
            groupClosed = f.close === '}' && !f.bang && !f.ctx.fn && !f.ctx.cond && !f.ctx.never && !f.ctx.subshell && lastOp !== '&' ? { w, status } : null;
            closedHangs = loopHangs(f);
            if (LOOPS.has(f.kind ?? '')) f.ctx.loop = loopPasses(f);
          }
          else fail(w.start, w.end - w.start, unexpected(w.value), `"${w.value}" unexpected`);
        } else if (lead && plainWord(w) && frames[frames.length - 1]?.close === 'fi' && (w.value === 'then' || w.value === 'else' || w.value === 'elif')) ifPart(w.value);
        else if (lead && plainWord(w) && w.value === 'do' && frames[frames.length - 1]?.close === 'done') loopPart();
        // `then`, `else`, `elif` outside an `if`, `do` outside a loop: bash stops there ("syntax error near unexpected token")
        else if (lead && plainWord(w) && PART_WORDS.has(w.value) && frames[frames.length - 1]?.close !== 'esac') fail(w.start, w.end - w.start, unexpected(w.value), `"${w.value}" unexpected`);
        // (dash has no `function` keyword: `function f {` is a command named function, its `{` a word)
        else if (!o.dash && words.length === 2 && words[0].value === 'function' && w.value === '{') {
          fnPending = true;
          fnName = words[1].value;
          openFrame('}', w);
        } else if (words.length === 2 && coproc && w.value === '{' && plainWord(w)) openFrame('}', w);
        if (lead && plainWord(w) && w.value === 'coproc') coproc = true;
        if (!o.dash && words.length === 0 && w.value === 'function' && plainWord(w)) { fnPending = true; fnPos = w; }
        const made = aliases?.expand && aliases.map.size ? aliasWords(w) : null;
        aliasNext = false;
        if (made) {
          for (const x of made.words) { words.push(x); bangWord ||= x.value === '!' && plainWord(x); lead &&= LEAD.has(x.value) && plainWord(x); }
          aliasNext = made.blank;
        } else {
          words.push(w);
          bangWord ||= w.value === '!' && plainWord(w);
          lead &&= LEAD.has(w.value) && plainWord(w);
        }
      }
      cur = null;
    }
  };
  const endCommand = (sep: string) => {
    endWord();
    let cmd: Command | null = null;
    const pipe = sep === '|' || sep === '|&';
    if (words.length) {
      cmd = { words, start: words[0].start, end: words[words.length - 1].end, unit };
      if (redirs.length) cmd.redirs = redirs;
      if (o.scope) cmd.scope = o.scope;
      let ctx = top();
      // a pipeline's part or a background job is a subshell (a compound command's as a whole)
      if (closed) {
        if (pipe || sep === '&') closed.subshell = true;
        if (pipe && prevPipe && !pipeline.negate) { closed.pipePart = true; pipeParts.push(closed); }
        if (sep === '&' && !prevPipe) closed.bg = true;
      } else if ((!opened && (prevPipe || coproc)) || pipe || sep === '&') {
        // (`{ g | cat; }`, `if g | cat`: the simple command inside the compound just opened is the pipeline's part)
        ctx = { parent: ctx, subshell: true, fn: false };
        if (sep === '&' && !prevPipe) ctx.bg = true;
        if (prevPipe && !pipe && sep !== '&' && !opened && !pipeline.negate) ctx.pipeEnd = true;
        if (pipe && !(opened && prevPipe) && !(prevPipe ? pipeline.negate : pipeNegated(words))) { ctx.pipePart = true; pipeParts.push(ctx); }
      }
      // (the pipeline's last part: one before `&&`, `||` or `&` leaves errexit out of its parts' failures)
      if (prevPipe && !pipe) {
        if (sep === '&&' || sep === '||' || sep === '&') for (const p of pipeParts) delete p.pipePart;
        pipeParts = [];
      }
      if (ctx) cmd.ctx = ctx;
      if (closed && closedHangs && !pipe && !prevPipe && sep !== '&') cmd.hangs = true;
      const runs = runsNow();
      if (runs === 'maybe') cmd.andOr = true;
      let lk = 0;
      while (lk < words.length && words[lk].value !== '!' && LEAD.has(words[lk].value) && plainWord(words[lk])) lk++;
      // (what errexit ignores; the and-or link the runner may decide on the status it holds)
      if (sep === '&&' || sep === '||' || (lk < words.length && words[lk].value === '!' && plainWord(words[lk]))) cmd.listHead = true;
      if (closed && (sep === '&&' || sep === '||')) closed.noErrexit = true;
      // (only the operator and blanks between them: nothing bdm-lab does not read, `((…))` in dash, a
      // redirection that may fail; one to /dev/null or descriptor 1 or 2 (`>&2`, `2>&1`) leaves the status as it is)
      if (runs === 'maybe' && lastSimple && (lastOp === '&&' || lastOp === '||') && !prevPipe && /^(?:[ \t]*[12]?>>?[ \t]*(?:&[12]|\/dev\/null)(?![^ \t\n&|;]))*[ \t\n\\]*(&&|\|\|)[ \t\n\\]*$/.test(text.slice(lastSimple.end, words[0].start))) {
        const link = { prev: lastSimple, op: lastOp as '&&' | '||' };
        if (!opened && !closed && cmd.ctx === lastSimple.ctx) cmd.after = link;
        else if (opened && !closed && frames.length && frames[frames.length - 1].kind === '{' && frames[frames.length - 1].ctx === cmd.ctx && cmd.ctx.parent === (lastSimple.ctx ?? null)) { cmd.after = link; cmd.ctx.guard = link; }
      }
      if (runs === 'never') cmd.never = true;
      else {
        // an `alias`, `unalias` or `shopt` the script's own level surely runs
        if (aliases && runs === 'always' && parens === 0 && o.comsub === 0 && !pipe && !prevPipe && sep !== '&') aliasCommand(words.slice(lk), top());
        // the list's status when the text decides it (knownStatus) and the command surely ran; a
        // pipeline's is its last part's (pipefail off), negated by a `!` before its first
        if (pipe && !prevPipe) {
          let n = lk;
          while (n < words.length && words[n].value === '!' && plainWord(words[n])) n++;
          pipeline = { runs, negate: (n - lk) % 2 === 1 };
        }
        if (pipe) status = null;
        else if (prevPipe) {
          const st = pipeline.runs === 'always' && !opts.pipefail ? knownStatus(text, words, lk, o.dash) : null;
          status = st === null ? null : st !== pipeline.negate;
        } else if (runs === 'always' && words.length === 1 && groupClosed?.w === words[0]) status = groupClosed.status;
        else status = runs === 'always' ? knownStatus(text, words, lk, o.dash) : null;
        lastRuns = runs;
        // `break`, `continue`, `return` (and where they go: jump)
        const name = words[lk]?.value;
        if (name !== undefined && plainWord(words[lk]) && JUMPS.has(name) && !prevPipe && !pipe && sep !== '&') jump(name, words.length - lk - 1, runs);
      }
      casePattern(cmd, sep);
      out.push(cmd);
      // (a `fi`, `esac`, `done` or a group's `}` alone, the compound it closes a command of the script's shell: the
      // runner may tell the compound's status, and so the and-or link after it)
      const closer = !!closed && !closedBang && words.length === 1 && plainWord(words[0]) && (words[0].value === 'fi' || words[0].value === 'esac' || (words[0].value === 'done' && closed.loop !== undefined) || (words[0].value === '}' && !closed.fn && !closed.subshell)) && !pipe && !prevPipe && sep !== '&' && !closed.never;
      if (closer) cmd.closes = closed!;
      lastSimple = (!closed || closer) && !pipe && !prevPipe && !cmd.never ? cmd : null;
      // `f ()` and `function f ()`: a function's name (its body comes next), also after `{`, `then`…
      const k = words.findIndex((x) => !(LEAD.has(x.value) && plainWord(x)));
      const named = k >= 0 && ((sep === '(' && k === words.length - 1 && !words[k].value.endsWith('=')) || (!o.dash && words.length === k + 2 && words[k].value === 'function' && plainWord(words[k])));
      if (named) { fnPending = true; fnName = words[words.length - 1].value; fnPos = words[words.length - 1]; cmd.defines = true; }
      else if (!opened) fnPending = false;
    }
    // (a subshell closed just before: `( … ) || x` ignores errexit inside it; `( … ) | x`, `( … ) &` is no subshell on its own)
    if (!words.length && closed) {
      if (sep === '&&' || sep === '||') closed.noErrexit = true;
      if (pipe || sep === '&') delete closed.paren;
    } else if (closed) delete closed.paren;
    if (words.length || sep !== '\n') { prevPipe = pipe; andOr = sep === '&&' || sep === '||'; lastOp = sep; feeder = pipe && !closed ? cmd : null; }
    if (!words.length && sep !== '\n') lastSimple = null;
    // (a `( … )` on its own followed by `&&`/`||`: a stand-in command for it (no words, never run,
    // Command.closes), so the runner may decide the link on the subshell's exit status)
    if (!words.length && closed?.paren && (sep === '&&' || sep === '||')) lastSimple = { words: [], start: parenEnd - 1, end: parenEnd, unit, closes: closed, ...(closed.parent ? { ctx: closed.parent } : {}) };
    // a compound command's status is not known
    if (!words.length && sep !== '\n' && !andOr) status = null;
    opened = false;
    closed = null;
    closedHangs = false;
    lead = true;
    coproc = false;
    for (const d of piped) d.pipeTo = cmd;
    piped = [];
    for (const d of docs) {
      Object.assign(d, { cmd, words, sep, stdin: d.fd === 0 && d.seq === stdinSeq });
      if (cmd) (cmd.hereDocs ??= []).push(d.doc);
      if (pipe) piped.push(d);
    }
    docs = [];
    stdinSeq = 0;
    if (cmd && comsubCtxs.length) cmd.comsubs = comsubCtxs;
    comsubCtxs = [];
    words = [];
    bangWord = false;
    redirs = [];
    skipNext = false;
  };
  /** the bodies of the line's here-documents, from p (the start of the next line); the commands of those a shell runs */
  const readBodies = (p: number): number => {
    const line = [...fromComsubs, ...queued];
    queued = [];
    fromComsubs = [];
    const roles = new Map<Word[], Reader>();
    for (const d of line) {
      let r: Reader = null;
      if (d.stdin) {
        if (!roles.has(d.words)) roles.set(d.words, readerOf(d));
        r = roles.get(d.words)!;
      }
      d.doc.stdin = d.stdin;
      d.doc.role = r ? 'script' : 'data';
      d.doc.remote = r === 'remote';
      const b = findClose(text, p, to, d.doc.delimiter, d.doc.quoted, d.doc.stripTabs);
      d.doc.body = { start: p, end: b.end };
      d.doc.close = b.close;
      p = b.next;
    }
    // a body's commands run while the command that feeds it runs: they come right after it
    const bodies = new Map<Command, Command[]>();
    if (o.depth < MAX_HEREDOC_NESTING) for (const d of line) if (d.doc.role === 'script' && d.cmd) bodies.set(d.cmd, [...(bodies.get(d.cmd) ?? []), ...scriptCommands(text, d.doc, o, d.cmd!, readsScript(d.words.map((x) => x.value)) ? null : d.pipeTo, bashReads(d))]);
    if (bodies.size) {
      const ofLine = out.splice(lineFirst);
      for (const c of ofLine) {
        out.push(c);
        for (const b of bodies.get(c) ?? []) out.push(b);
      }
    }
    return p;
  };
  const add = (ch: string, at: number, end: number) => {
    if (!cur) cur = { value: '', offs: [], start: at, end };
    cur.value += ch;
    cur.offs.push(at);
    cur.end = end;
  };
  // the current word's characters written unquoted (for brace expansion: Word.braces), and whether one is a `{`
  const plain: number[] = [];
  let plainOf: Word | null = null;
  let plainBrace = false;
  const addPlain = (ch: string, at: number) => {
    add(ch, at, at + 1);
    const w = cur as unknown as Word;
    if (plainOf !== w) { plain.length = 0; plainOf = w; plainBrace = false; }
    plain.push(w.value.length - 1);
    if (ch === '{') plainBrace = true;
  };
  const addRaw = (a: number, b: number) => {
    for (let k = a; k < b; k++) add(text[k], k, k + 1);
  };
  const open = (at: number) => {
    if (!cur) cur = { value: '', offs: [], start: at, end: at };
    ((cur as Word).quotes ??= []).push((cur as Word).value.length);
  };
  /** text[from, to) is an expansion: it goes into the word as written, and is noted (Word.exps) */
  const addExp = (from: number, end: number, dq: boolean) => {
    const a = cur ? (cur as Word).value.length : 0;
    addRaw(from, end);
    const w = cur as unknown as Word;
    (w.exps ??= []).push({ a, b: w.value.length, dq, src: text.slice(from, end) });
  };
  /**
   * The end (one past its closing backquote) of a `…` whose text starts at a, or -1 when the text
   * ends first. bash finds the closing backquote before it reads the inside (quotes are not
   * special there; a backslash escapes the next character), and reads the inside as a script only
   * when it runs it: a syntax error in it fails that substitution, not the text (its commands,
   * which then never run, are not taken). The script it reads is the inside with a backslash
   * before `$`, `` ` `` or `\\` (and `"` when the `…` is in a double-quoted string) removed and
   * each backslash-newline gone, whatever quotes it is in (backquotedText); so `` \` `` nests.
   */
  const backquoted = (a: number, dq = false): number => {
    let j = a;
    while (j < to && text[j] !== '`') j += text[j] === '\\' ? 2 : 1;
    if (j >= to) return -1;
    if (o.comsub < MAX_COMSUB_NESTING) {
      const inner: ScanOptions = { ...o, untilParen: false, comsub: o.comsub + 1, ctx: { parent: top(), subshell: true, fn: false, comsub: true } };
      const made = backquotedText(text, a, j, dq);
      const r = made ? scan(made.text, 0, made.text.length, inner) : scan(text, a, j, inner);
      if (!r.error && !r.syntax) {
        for (const x of made ? remap(r.commands, made.map) : r.commands) out.push(x);
      }
    }
    return j + 1;
  };
  let i = from;
  /** a quote (or `$(`) at q left open at the end of the text */
  const openAt = (q: number, c: string) => { i = to; fail(q, c.length, noMatch(c), null); };
  /** a `${` at q left open to the end of the text, bash still looking for c there */
  const openParam = (q: number, c: string) => { i = to; fail(q, 2, noMatch(c), c === '}' ? "Missing '}'" : c === ')' ? `${DASH_EOF} (expecting ")")` : UNTERMINATED); };
  while (i < to && !error) {
    const c = text[i];
    if (c === '\\') {
      if (text[i + 1] === '\n') { i += 2; continue; }
      if (text[i + 1] === '\r' && text[i + 2] === '\n') { i += 3; continue; }
      if (i + 1 < to) { add(text[i + 1], i + 1, i + 2); if (cur) (cur as Word).start = Math.min((cur as Word).start, i); }
      // a backslash that ends the text stays (bash: nothing follows it to quote)
      else add('\\', i, i + 1);
      i += 2;
      continue;
    }
    if (c === '$' && text[i + 1] === "'" && i + 1 < to) {
      // $'…': bash's C-like escapes
      open(i);
      const q = i;
      i = ansiC(text, i + 2, to, add);
      if (i > to) openAt(q + 1, "'");
      (cur as unknown as Word).end = i;
      continue;
    }
    // $((…)): arithmetic, where << is a shift; kept as written
    if (c === '$' && text[i + 1] === '(' && text[i + 2] === '(') {
      const k = arithEnd(text, i + 3, to);
      if (k > 0) { addExp(i, k, false); i = k; continue; }
    }
    // $( … ): a command substitution, read as bash reads it (its here-documents are read at its own
    // line ends, before those of the line it is on); its commands are the text's, and it stays in
    // the word as written
    if (c === '$' && text[i + 1] === '(' && o.comsub < MAX_COMSUB_NESTING) {
      const cx: Ctx = { parent: top(), subshell: true, fn: false, comsub: true };
      if (comsubCtxs.length < 64) comsubCtxs.push(cx);
      const r = scan(text, i + 2, to, { ...o, untilParen: true, comsub: o.comsub + 1, ctx: cx });
      if (r.error) { fail(r.syntax!.at, r.syntax!.length, r.syntax!.message, r.syntax!.dash); break; }
      for (const x of r.commands) out.push(x);
      for (const d of r.pending) fromComsubs.push(d);
      addExp(i, r.end, false);
      i = r.end;
      continue;
    }
    // ((…)): an arithmetic command (no words to judge), one word (Word.arith) whose status the runner may decide
    if (c === '(' && text[i + 1] === '(' && !cur && (!words.length || (lead && ARITH_AFTER.has(words[words.length - 1].value) && plainWord(words[words.length - 1])))) {
      const k = arithEnd(text, i + 2, to);
      if (k > 0) {
        const offs: number[] = [];
        for (let j = i; j < k; j++) offs.push(j);
        words.push({ value: text.slice(i, k), offs, start: i, end: k, arith: true });
        lead = false;
        i = k;
        continue;
      }
    }
    // `…`: an old-style command substitution, part of the word (its spaces, `|` and `;` do not
    // end it); its commands are the text's, and it stays in the word as written
    if (c === '`') {
      const q0 = i;
      const k = backquoted(i + 1);
      if (k < 0) { i = to; fail(q0, 1, noMatch('`'), UNTERMINATED_BACKQUOTE); break; }
      addExp(i, k, false);
      i = k;
      continue;
    }
    // $"…" is a double-quoted string (translated by the locale: the same text without a catalogue)
    if (c === '$' && text[i + 1] === '"' && i + 1 < to) { open(i); i++; continue; }
    if (c === "'") {
      open(i);
      let j = i + 1;
      while (j < to && text[j] !== "'") { add(text[j], j, j + 1); j++; }
      if (j >= to) fail(i, 1, noMatch("'"), UNTERMINATED); // the text ends inside the quote
      (cur as unknown as Word).end = Math.min(j + 1, to);
      i = j + 1;
      continue;
    }
    if (c === '"') {
      open(i);
      let j = i + 1;
      while (j < to && text[j] !== '"') {
        if (text[j] === '\\' && j + 1 < to && '$`"\\\n'.includes(text[j + 1])) {
          if (text[j + 1] !== '\n') add(text[j + 1], j + 1, j + 2);
          j += 2;
          continue;
        }
        if (text[j] === '`') {
          // "…`…`…": a command substitution inside the string (a '"' in it does not end the string)
          const k = backquoted(j + 1, true);
          if (k < 0) { fail(j, 1, noMatch('`'), UNTERMINATED_BACKQUOTE); j = to; break; }
          addExp(j, k, true);
          j = k;
          continue;
        }
        if (text[j] === '$' && text[j + 1] === '(') {
          // "$(( … ))" and "$( … )": their insides are read as bash reads them (quotes, here-documents
          // and all), so a quote inside does not end the string; kept as written
          let k = text[j + 2] === '(' ? arithEnd(text, j + 3, to) : -1;
          if (k < 0 && o.comsub < MAX_COMSUB_NESTING) {
            const cx: Ctx = { parent: top(), subshell: true, fn: false, comsub: true };
            if (comsubCtxs.length < 64) comsubCtxs.push(cx);
            const r = scan(text, j + 2, to, { ...o, untilParen: true, comsub: o.comsub + 1, ctx: cx });
            if (r.error) { fail(r.syntax!.at, r.syntax!.length, r.syntax!.message, r.syntax!.dash); break; }
            for (const x of r.commands) out.push(x);
            for (const d of r.pending) fromComsubs.push(d);
            k = r.end;
          }
          if (k > 0) { addExp(j, k, true); j = k; continue; }
        }
        if (text[j] === '$') {
          const open = { c: '' };
          const k = paramEnd(text, j, to, true, open, sqPairs);
          if (k > 0) { addExp(j, k, true); j = k; continue; }
          if (open.c) { openParam(j, open.c); j = to; break; }
        }
        add(text[j], j, j + 1);
        j++;
      }
      if (j >= to) fail(i, 1, noMatch('"'), UNTERMINATED);
      (cur as unknown as Word).end = Math.min(j + 1, to);
      i = j + 1;
      continue;
    }
    if (c === '\n') {
      endCommand('\n');
      if (error) break;
      i++;
      if (queued.length || fromComsubs.length) i = readBodies(i);
      lineFirst = out.length;
      // the line ends a complete command: bash runs it before it reads on
      if (!o.untilParen && !frames.length && parens === 0 && !andOr && !prevPipe && !fnPending) {
        unitStart = out.length;
        unitFrom = i;
        unit = {};
        // what the complete command changed of the aliases holds for the commands read from here
        // (where each was written is asked again: a group piped or sent to the background is known a subshell only at its end)
        if (aliases?.pending.length) { for (const p of aliases.pending) if (surelyHere(p.at)) p.make(aliases); aliases.pending = []; }
      }
      continue;
    }
    if (c === ' ' || c === '\t' || c === '\r') { endWord(); i++; continue; }
    if (c === '#' && !cur) {
      while (i < to && text[i] !== '\n') i++;
      continue;
    }
    // (a word before it ends first: `esac)` closes the `case`, then the `)` its `$(`)
    if (c === ')') endWord();
    if (o.untilParen && c === ')' && parens === 0 && !(frames[frames.length - 1]?.close === 'esac' && frames[frames.length - 1].at === 0)) {
      endCommand(')');
      return { commands: out, end: i + 1, pending: [...fromComsubs, ...queued] };
    }
    if (c === '&' && text[i + 1] === '>') {
      // `&>file`, `&>>file`: both outputs to a file (not a job)
      endWord();
      i += text[i + 2] === '>' ? 3 : 2;
      skipNext = true;
      continue;
    }
    if (SEPARATORS.has(c)) {
      // (a closer right before `;;`, `done;;` or `fi;;`, closes its compound first: the `;;` then ends the `case` item)
      if (c === ';' && (text[i + 1] === ';' || text[i + 1] === '&')) endWord();
      const cf = frames[frames.length - 1];
      const inItems = cf?.close === 'esac' && parens === cf.at;
      if (c === ';' && inItems && (text[i + 1] === ';' || text[i + 1] === '&')) {
        // the end of a `case` item: `;;` (the next item's patterns follow), `;&` or `;;&` (the next item runs too, or is tested)
        const len = text[i + 1] === '&' ? 2 : text[i + 2] === '&' ? 3 : 2;
        // dash has neither `;&` nor `;;&`: its `;` ends the command (none before it: `";" unexpected`), then
        // `&` stands alone; after `;;` it reads `&` as the next pattern and wants `)` after it
        if (o.dash && len === 2 && text[i + 1] === '&' && (words.length ? failDash(i + 1, 1, '"&" unexpected') : failDash(i, 1, '";" unexpected'))) break;
        if (o.dash && len === 3) {
          let k = i + 3;
          while (k < to && (text[k] === ' ' || text[k] === '\t')) k++;
          if (text[k] !== ')' && failDash(i + 2, 1, `${k >= to || text[k] === '\n' ? 'newline' : 'word'} unexpected (expecting ")")`)) break;
        }
        endCommand(';');
        caseEnd(cf, len === 2 && text[i + 1] === '&' ? ';&' : len === 3 ? ';;&' : ';;');
        cf.state = 'pat';
        cf.part = { parent: cf.ctx, subshell: false, fn: false, never: true };
        i += len;
        continue;
      }
      if (c === '(' && inItems && !cur && ((cf.state === 'pat' && !words.length) || (cf.state === 'head' && words.length >= 3 && words[words.length - 1].value === 'in' && plainWord(words[words.length - 1])))) { i++; continue; }
      // bash's `NAME=( … )`, `NAME+=( … )`: one word, its elements read as words (not a command)
      const named = cur as Word | null;
      if (c === '(' && !o.dash && named && /^[A-Za-z_][A-Za-z0-9_]*\+?=$/.test(named.value) && plainWord(named)) {
        const e = arrayEnd(text, i, to);
        if (e > 0) {
          named.array = splitCommands(text, i + 1, e - 1).flatMap((x) => x.words);
          named.end = e;
          i = e;
          continue;
        }
      }
      if (c === '(' && o.dash) {
        // dash has no arrays (`A=(1 2)`, `declare -a A=(…)`) and no `for ((…))`: a syntax error there
        // (`A+=(` is no assignment to dash: a function's name, with a word where its `)` is due)
        const arr = cur ? /^[A-Za-z_][A-Za-z0-9_]*(\+?)=$/.exec((cur as Word).value) : null;
        if (arr && !(arr[1] && /^[ \t]*\)/.test(text.slice(i + 1, i + 64))) && failDash(i, 1, arr[1] ? 'word unexpected (expecting ")")' : '"(" unexpected')) break;
        if (!cur && words.length && words[words.length - 1].value === 'for' && plainWord(words[words.length - 1]) && words.every((x) => LEAD.has(x.value) || x.value === 'for') && failDash(i, 1, 'Bad for loop variable')) break;
        // (`function f()`: dash has no `function` keyword, and a `(` after two words is no function's)
        const wc = words.length + (cur ? 1 : 0);
        const wAt = (n: number): Word => (n < words.length ? words[n] : (cur as Word));
        let f0 = 0;
        while (f0 < wc && f0 < 16 && LEAD.has(wAt(f0).value) && plainWord(wAt(f0))) f0++;
        if (wc - f0 === 2 && wAt(f0).value === 'function' && plainWord(wAt(f0)) && failDash(i, 1, '"(" unexpected')) break;
      }
      if (c === '(') {
        // `V=1 f() …`: a name after assignments is a command's, not a function's (bash: a syntax error)
        const all = cur ? [...words, cur] : words;
        let k0 = 0;
        while (k0 < all.length && LEAD.has(all[k0].value) && plainWord(all[k0])) k0++;
        let b = i - 1;
        while (b > from && (text[b] === ' ' || text[b] === '\t')) b--;
        if (all.length - k0 >= 2 && text[b] !== '<' && text[b] !== '>' && all.slice(k0, -1).every((x) => ASSIGNMENT.test(x.value)) && !ASSIGNMENT.test(all[all.length - 1].value) && fail(i, 1, unexpected('('), '"(" unexpected')) break;
        parens++;
        parenPos.push(i);
        // at a command's start a subshell; after a name, a function's `()`; after `a=`, an array
        // `function f ( … )`: no `()`, the body is a subshell
        let k = i + 1;
        while (k < to && (text[k] === ' ' || text[k] === '\t')) k++;
        const fnWord = !o.dash && words.length + (cur ? 1 : 0) === 2 && words[0].value === 'function' && plainWord(words[0]) && text[k] !== ')';
        const sub = (!cur && lead) || fnWord;
        const bare = !cur && !words.length && !prevPipe;
        const runs = runsNow();
        const guarded = runs === 'maybe';
        // (a subshell after `|`: the simple command before it feeds it, Ctx.pipedFrom)
        const feeds = prevPipe && !cur && !words.length ? feeder : null;
        // `f() ( … )`: the function's body is a subshell (made anew at each call)
        endCommand('(');
        const body = sub && fnPending;
        const fnCtx: Ctx | null = body ? { parent: top(), subshell: false, fn: true, name: fnName } : null;
        if (body) fnPending = false;
        parenFrames.push(sub ? { parent: fnCtx ?? top(), subshell: true, fn: false, ...(guarded && !body ? { guarded } : {}), ...(runs === 'never' && !body ? { never: true } : {}), ...(bare && !body ? { paren: true } : {}), ...(feeds && !body ? { pipedFrom: feeds } : {}) } : null);
        if (sub) frames.push({ ctx: parenFrames[parenFrames.length - 1]!, close: ')', pos: i, len: 1 });
        i++;
        continue;
      }
      const op = c === ')' ? ')' : text[i + 1] === c && c !== ';' ? c + c : c === '|' && text[i + 1] === '&' ? '|&' : c;
      // a `)` that closes nothing (but a `case` pattern's)
      // a `case` pattern's `)` (`x|y)`, also in a subshell: `( case … x) … esac )`) closes no `(`
      const inCase = frames[frames.length - 1]?.close === 'esac' && parens === frames[frames.length - 1].at;
      if (c === ')' && parens === 0 && !inCase && fail(i, 1, unexpected(')'), '")" unexpected')) break;
      if (c !== ')') { opAt = i; opLen = op.length; }
      endCommand(op);
      if (c === ')' && parens > 0 && !inCase) {
        parens--;
        parenPos.pop();
        const f = parenFrames.pop();
        if (f) {
          let k = frames.length - 1;
          while (k >= 0 && frames[k].ctx !== f) k--;
          if (k >= 0) frames.splice(k);
          closed = f;
          parenEnd = i + 1;
          status = null;
        }
      }
      i += op === ')' ? 1 : op.length;
      continue;
    }
    if (c === '<' || c === '>') {
      // a redirection: `2>&1`, `> file`; its target is not an argument
      let fd = c === '<' ? 0 : 1;
      if (cur && /^\d+$/.test((cur as Word).value)) { fd = Number((cur as Word).value); cur = null; }
      endWord();
      // dash has no here-string: its `<<` takes the third `<` as the word it wants
      if (o.dash && c === '<' && text.startsWith('<<<', i) && failDash(i, 3, 'redirection unexpected')) break;
      if (c === '<' && text[i + 1] === '<' && text[i + 2] !== '<') {
        // a here-document: `<<WORD` or `<<-WORD`; its body is read when the line ends
        let j = i + 2;
        const stripTabs = text[j] === '-';
        if (stripTabs) j++;
        while (j < to && (text[j] === ' ' || text[j] === '\t')) j++;
        const w = delimiterWord(text, j, to);
        if (w) {
          if (fd === 0) stdinSeq++;
          const doc: HereDoc = { op: { start: i, end: w.end }, delimiter: w.value, quoted: w.quoted, stripTabs, body: { start: to, end: to }, close: null, role: 'data', remote: false, stdin: false };
          const d: Pending = { doc, fd, seq: stdinSeq, cmd: null, words: [], sep: '', pipeTo: null, stdin: false };
          docs.push(d);
          queued.push(d);
          i = w.end;
          continue;
        }
        // no word (bash: a syntax error): read on as before
        i = j;
        continue;
      }
      let j = i + 1;
      while (j < to && (text[j] === '>' || text[j] === '<' || text[j] === '&')) j++;
      if (c === '<' && fd === 0) stdinSeq++;
      if (o.dash) {
        // dash wants the target word here: another redirection (`< <(…)`, bash's process
        // substitution) or a `(` (`<(…)`, `>(…)`) is a syntax error
        let k = j;
        while (k < to && (text[k] === ' ' || text[k] === '\t')) k++;
        if ((text[k] === '<' || text[k] === '>') && k > j && failDash(k, 1, 'redirection unexpected')) break;
        if (text[k] === '(' && failDash(k, 1, '"(" unexpected')) break;
      }
      if (text[j - 1] === '&' && /\d|-/.test(text[j] ?? '')) { while (j < to && /[\d-]/.test(text[j])) j++; }
      else skipNext = true;
      i = j;
      continue;
    }
    if (c === '$') {
      const open = { c: '' };
      const k = paramEnd(text, i, to, false, open);
      if (k > 0) { addExp(i, k, false); i = k; continue; }
      // a `${` the text never closes: bash's parser reads to the end of the text for its `}` (dash: "Missing '}'")
      if (open.c) { openParam(i, open.c); break; }
    }
    addPlain(c, i);
    i++;
  }
  // the text ends inside a `$( … )`, or a construct is left open (`(`, `{`, `if`, `while`, a
  // function's name with no body, a quote) or an operator waits for its command (`a &&`, `a |`)
  const dangling = (andOr || prevPipe) && !words.length && !cur;
  endWord();
  if (!error) {
    // at the end of the text: inside `$( … )` (or an array's `( … )`) bash looks for its `)`; else it
    // names no token, and the diagnostic goes on the innermost construct left open (the one opened
    // last) or the operator waiting for its command
    let at = -1;
    let len = 0;
    let message = UNEXPECTED_EOF;
    // dash's words: what it was expecting when the text ended (the innermost construct's next word)
    let dash: string | null = null;
    const last = frames[frames.length - 1];
    if (last?.pos !== undefined) { at = last.pos; len = last.len ?? 1; dash = dashExpecting(last); }
    const paren = parenPos[parenPos.length - 1];
    if (paren !== undefined && paren > at) { at = paren; len = 1; message = noMatch(')'); dash = null; }
    const fp = fnPos as Word | null;
    if (fnPending && fp && fp.start > at) { at = fp.start; len = fp.end - fp.start; message = UNEXPECTED_EOF; dash = null; }
    if (dangling && opAt > at) { at = opAt; len = opLen; message = UNEXPECTED_EOF; dash = DASH_EOF; }
    if (o.untilParen) fail(from - 2, 2, noMatch(')'), `${DASH_EOF} (expecting ")")`);
    else if (at >= 0) fail(at, len, message, dash);
  }
  if (!o.lenient && (error || o.untilParen || frames.length || parens > 0 || fnPending || dangling)) return syntaxError();
  endCommand('');
  // here-documents on the text's last line: bash reads them as empty (and warns)
  for (const d of [...fromComsubs, ...queued]) d.doc.body = { start: to, end: to };
  return { commands: out, end: to, pending: [] };
}

/** how long a `${…}` bdm-lab reads (a longer one stays plain text) */
const MAX_PARAM = 1024;

/**
 * The end (one past it) of a parameter expansion written at `$` (text[i]): `$NAME`, `$1`, `$@`
 * and the other special parameters, `${…}` up to its matching `}` (quotes, backslashes, `${…}`
 * and `$(…)` inside skipped as bash's parser skips them; in double quotes a `'…'` is skipped too
 * when `sqPairs` (bash), else a `'` is a plain character (dash)); -1 when the `$` is a plain character.
 */
function paramEnd(text: string, i: number, to: number, dq: boolean, open?: { c: string }, sqPairs = false): number {
  const n = text[i + 1];
  if (n === undefined || i + 1 >= to) return -1;
  if (/[A-Za-z_]/.test(n)) {
    let k = i + 2;
    while (k < to && /[A-Za-z0-9_]/.test(text[k])) k++;
    return k;
  }
  if (/[0-9@*#?$!-]/.test(n)) return i + 2;
  if (n !== '{') return -1;
  let depth = 1;
  const lim = Math.min(to, i + MAX_PARAM);
  // the text ends inside it (not only past how far bdm-lab reads): what bash still looks for
  const ends = (c: string) => { if (open && lim === to) open.c = c; return -1; };
  for (let k = i + 2; k < lim;) {
    const c = text[k];
    if (c === '\\') { k += 2; continue; }
    if (c === "'" && (!dq || sqPairs)) {
      // (looked for within the bound only: a text of many open `${'` stays linear)
      let e = k + 1;
      while (e < lim && text[e] !== "'") e++;
      if (e >= lim) return ends("'");
      k = e + 1;
      continue;
    }
    if (c === '"') {
      let e = k + 1;
      while (e < lim && text[e] !== '"') e += text[e] === '\\' ? 2 : 1;
      if (e >= lim) return ends('"');
      k = e + 1;
      continue;
    }
    if (c === '$' && text[k + 1] === '{') { depth++; k += 2; continue; }
    if (c === '$' && text[k + 1] === '(') {
      let d = 1;
      let e = k + 2;
      for (; e < lim && d > 0; e++) { if (text[e] === '(') d++; else if (text[e] === ')') d--; }
      if (d > 0) return ends(')');
      k = e;
      continue;
    }
    if (c === '}' && --depth === 0) return k + 1;
    k++;
  }
  return ends('}');
}

/** After `$((` (or `((`), from the first character inside: one past its `))` on the same line, within MAX_ARITH characters; -1 when it is not there. */
function arithEnd(text: string, from: number, to: number): number {
  let depth = 0;
  const stop = Math.min(to, from + MAX_ARITH);
  for (let k = from; k < stop; k++) {
    const ch = text[k];
    if (ch === '\n') return -1;
    if (ch === '(') depth++;
    else if (ch === ')') {
      if (depth > 0) depth--;
      else return text[k + 1] === ')' ? k + 2 : -1;
    }
  }
  return -1;
}

/** The delimiter word of a here-document at j: its value after quote removal, whether any part was quoted, its end; null when no word is there. */
function delimiterWord(text: string, j: number, to: number): { value: string; quoted: boolean; end: number } | null {
  let value = '';
  let quoted = false;
  let k = j;
  while (k < to && !METACHARS.includes(text[k])) {
    const ch = text[k];
    if (ch === '\\') {
      if (text[k + 1] === '\n') { k += 2; continue; }
      quoted = true;
      if (k + 1 < to) value += text[k + 1];
      k += 2;
      continue;
    }
    if (ch === "'") {
      quoted = true;
      let e = k + 1;
      while (e < to && text[e] !== "'") e++;
      value += text.slice(k + 1, e);
      k = e + 1;
      continue;
    }
    if (ch === '$' && text[k + 1] === "'") {
      quoted = true;
      k = Math.min(ansiC(text, k + 2, to, (x) => { value += x; }), to);
      continue;
    }
    if (ch === '$' && text[k + 1] === '"') { k++; continue; }
    if (ch === '"') {
      quoted = true;
      k++;
      while (k < to && text[k] !== '"') {
        if (text[k] === '\\' && k + 1 < to && '$`"\\\n'.includes(text[k + 1])) {
          if (text[k + 1] !== '\n') value += text[k + 1];
          k += 2;
          continue;
        }
        value += text[k];
        k++;
      }
      k++;
      continue;
    }
    value += ch;
    k++;
  }
  if (k === j) return null;
  return { value, quoted, end: Math.min(k, to) };
}

/**
 * The end of a here-document's body that starts at p: bash reads it line by line and stops at the
 * first line that is the delimiter (see HereDoc). `end` is where the delimiter line starts (or
 * `to`), `next` where the text goes on. One pass; a line is compared only up to the delimiter's
 * length, so a long body or a delimiter that never matches costs its length once.
 */
function findClose(text: string, p: number, to: number, delim: string, quoted: boolean, strip: boolean): { end: number; close: { start: number; end: number } | null; next: number } {
  let ls = p;
  const cap = delim.length + 1;
  while (ls < to) {
    let e = ls;
    if (strip) while (e < to && text[e] === '\t') e++;
    let line = '';
    while (e < to && text[e] !== '\n') {
      if (!quoted && text[e] === '\\' && e + 1 < to) {
        // unquoted: a backslash-newline joins the lines; a backslash pair is one piece
        if (text[e + 1] === '\n') { e += 2; continue; }
        if (text[e + 1] === '\r' && text[e + 2] === '\n') { e += 3; continue; }
        if (line.length <= cap) line += text.slice(e, e + 2);
        e += 2;
        continue;
      }
      if (line.length <= cap) line += text[e];
      e++;
    }
    if (line === delim || line === `${delim}\r`) return { end: ls, close: { start: ls, end: e }, next: e < to ? e + 1 : to };
    ls = e + 1;
  }
  return { end: to, close: null, next: to };
}

type Reader = 'local' | 'remote' | null;

/**
 * Who reads a here-document that is a command's standard input as a script. bdm-lab's decision:
 * a body is a script when bash would hand it to a shell that reads its standard input as commands,
 * here or on another host, so its `openstack` commands will run and are judged:
 *  - a shell with no script file or with -s (`bash`, `sh -s`, `bash -ex`, `bash -s -- a b`,
 *    `bash /dev/stdin`), not `bash -c '…'` or `bash file.sh` (then the body is that program's input);
 *  - behind `sudo` (its options; `sudo -i`/`sudo -s` with no command is a shell), `su` (without
 *    -c), `env`, `exec`, `command`, `nohup`, `time`, `nice`, `timeout`;
 *  - `ssh [options] host` with no remote command (the remote login shell reads it) or with one that
 *    is itself such a shell (`ssh host 'sudo bash -s'`; ssh joins the words, the remote shell
 *    splits them again), but not with `-n`;
 *  - `source /dev/stdin`, `. /dev/stdin`;
 *  - `cat <<EOF | bash` (a plain `cat` of the body piped into any of the above on the same line).
 * Anything else is data (cat, tee, a file, python, mysql, `bash -c`…): nothing in it is judged.
 */
function readerOf(d: Pending): Reader {
  const w = d.words.map((x) => x.value);
  const r = readsScript(w);
  if (r) return r;
  const name = w[0]?.slice(w[0].lastIndexOf('/') + 1);
  if (d.pipeTo && name === 'cat' && (w.length === 1 || (w.length === 2 && w[1] === '-'))) return readsScript(d.pipeTo.words.map((x) => x.value));
  return null;
}

const SHELLS = new Set(['bash', 'sh', 'dash', 'ksh', 'ksh93', 'mksh', 'zsh', 'ash', 'posh']);
/** a word bash reads as an assignment when it comes before a command's name (`NAME=…`) */
export const ASSIGNMENT = /^[A-Za-z_][A-Za-z0-9_]*=/;
const SUDO_WITH_VALUE = new Set(['-u', '-g', '-C', '-D', '-h', '-p', '-r', '-t', '-U', '-T', '-R', '--user', '--group', '--close-from', '--chdir', '--host', '--prompt', '--role', '--type', '--other-user', '--command-timeout', '--chroot']);
/** ssh's options that take a value */
const SSH_WITH_VALUE = 'BbcDEeFIiJLlmOoPpQRSWw';

/** Whether the command `w` reads its standard input as a script (see readerOf): where it runs, or null. */
function readsScript(w: string[], hops = 0): Reader {
  let i = 0;
  for (;;) {
    while (i < w.length && ASSIGNMENT.test(w[i])) i++;
    if (i >= w.length) return null;
    const name = w[i].slice(w[i].lastIndexOf('/') + 1);
    i++;
    if (name === 'exec' || name === 'command' || name === 'nohup' || name === 'time') {
      while (i < w.length && w[i].startsWith('-')) i += w[i] === '-a' ? 2 : 1;
      continue;
    }
    if (name === 'env') {
      while (i < w.length && (w[i].startsWith('-') || ASSIGNMENT.test(w[i]))) i += w[i] === '-u' || w[i] === '-C' || w[i] === '-S' ? 2 : 1;
      continue;
    }
    if (name === 'nice') {
      if (w[i] === '-n') i += 2;
      else if (w[i]?.startsWith('-')) i++;
      continue;
    }
    if (name === 'timeout') {
      while (i < w.length && w[i].startsWith('-')) i += w[i] === '-s' || w[i] === '-k' || w[i] === '--signal' || w[i] === '--kill-after' ? 2 : 1;
      i++; // the duration
      continue;
    }
    if (name === 'sudo') {
      let shell = false;
      while (i < w.length && w[i].startsWith('-')) {
        const a = w[i];
        if (a === '--') { i++; break; }
        if (SUDO_WITH_VALUE.has(a)) { i += 2; continue; }
        if (a === '--login' || a === '--shell' || (!a.startsWith('--') && (a.includes('i') || a.includes('s')))) shell = true;
        i++;
      }
      if (i >= w.length) return shell ? 'local' : null;
      continue;
    }
    if (name === 'su') {
      for (let k = i; k < w.length; k++) if (w[k] === '-c' || w[k].startsWith('--command') || w[k] === '--session-command') return null;
      return 'local';
    }
    if (name === 'ssh') {
      // OpenSSH takes options before and after the host, up to `--` or the remote command
      let host = false;
      while (i < w.length) {
        const a = w[i];
        if (a === '--') { i++; if (!host && i < w.length) { host = true; i++; } break; }
        if (!a.startsWith('-') || a === '-') {
          if (host) break;
          host = true;
          i++;
          continue;
        }
        const letters = a.slice(1);
        if (letters.includes('n')) return null; // stdin from /dev/null
        let takes = false;
        for (let q = 0; q < letters.length; q++) if (SSH_WITH_VALUE.includes(letters[q])) { takes = q === letters.length - 1; break; }
        i += takes ? 2 : 1;
      }
      if (!host) return null;
      if (i >= w.length) return 'remote';
      if (hops > 2) return null;
      const remote = splitCommands(w.slice(i).join(' '));
      return remote.length === 1 && readsScript(remote[0].words.map((x) => x.value), hops + 1) ? 'remote' : null;
    }
    if (name === 'source' || name === '.') return w[i] === '/dev/stdin' ? 'local' : null;
    if (!SHELLS.has(name)) return null;
    let s = false;
    while (i < w.length) {
      const a = w[i];
      if (a === '--' || a === '-') { i++; break; }
      if (a === '--rcfile' || a === '--init-file') { i += 2; continue; }
      if (a.startsWith('--')) { i++; continue; }
      if ((a[0] === '-' || a[0] === '+') && a.length > 1 && /^[A-Za-z]+$/.test(a.slice(1))) {
        if (a[0] === '-' && a.includes('c')) return null; // `bash -c '…'`: the body is that command's input
        if (a.includes('s')) s = true;
        i += /[oO]/.test(a) ? 2 : 1;
        continue;
      }
      break;
    }
    return s || i >= w.length || w[i] === '/dev/stdin' ? 'local' : null;
  }
}

/**
 * The text bash hands a here-document's reader, as far as bdm-lab reads it (scriptCommands): after
 * `<<-` without each line's leading tabs; with an unquoted delimiter `\$`, `` \` `` and `\\` without
 * their backslash and backslash-newlines joined (`$…` and `` `…` `` are not expanded). `map[k]` is
 * where its character k is written (and map[text.length] the body's end).
 */
export function hereDocText(text: string, doc: HereDoc): { text: string; map: number[] } {
  const { start, end } = doc.body;
  const parts: string[] = [];
  const map: number[] = [];
  let lineStart = true;
  for (let k = start; k < end;) {
    const ch = text[k];
    if (lineStart && doc.stripTabs && ch === '\t') { k++; continue; }
    lineStart = false;
    if (!doc.quoted && ch === '\\' && k + 1 < end) {
      const n = text[k + 1];
      if (n === '\n') { k += 2; continue; }
      if (n === '\r' && text[k + 2] === '\n') { k += 3; continue; }
      if (n === '$' || n === '`' || n === '\\') { parts.push(n); map.push(k + 1); k += 2; continue; }
    }
    parts.push(ch);
    map.push(k);
    if (ch === '\n') lineStart = true;
    k++;
  }
  map.push(end);
  return { text: parts.join(''), map };
}

/**
 * The script bash reads from the inside [a, b) of a `…` (a command substitution's old form): a
 * backslash before `$`, `` ` `` or `\\` (or `"`, when the substitution is in a double-quoted string)
 * is removed, a backslash-newline goes (in quotes too: the quotes are read only afterwards), and
 * any other backslash stays. null when that changes nothing (the inside is read as written).
 * `map[k]` is where its character k is written (and map[text.length] the inside's end).
 */
function backquotedText(text: string, a: number, b: number, dq: boolean): { text: string; map: number[] } | null {
  let k = a;
  while (k < b && text[k] !== '\\') k++;
  if (k >= b) return null;
  const parts: string[] = [];
  const map: number[] = [];
  let changed = false;
  for (k = a; k < b;) {
    const ch = text[k];
    if (ch === '\\' && k + 1 < b) {
      const n = text[k + 1];
      if (n === '\n') { k += 2; changed = true; continue; }
      if (n === '\r' && text[k + 2] === '\n' && k + 2 < b) { k += 3; changed = true; continue; }
      if (n === '$' || n === '`' || n === '\\' || (dq && n === '"')) { parts.push(n); map.push(k + 1); k += 2; changed = true; continue; }
      parts.push(ch, n);
      map.push(k, k + 1);
      k += 2;
      continue;
    }
    parts.push(ch);
    map.push(k);
    k++;
  }
  map.push(b);
  return changed ? { text: parts.join(''), map } : null;
}

/**
 * The commands of a here-document body a shell runs, with their offsets in the text. The shell
 * reads what bash hands it: after `<<-` each line without its leading tabs; with an unquoted
 * delimiter the body expanded, of which bdm-lab does the part that is not a value it cannot know:
 * `\$`, `` \` `` and `\\` lose their backslash and a backslash-newline goes (bash's rules for a
 * here-document; other backslashes stay), while `$VAR`, `$(…)` and `` `…` `` stay as written, as
 * everywhere in bdm-lab. A quoted delimiter's body is read as written.
 */
function scriptCommands(text: string, doc: HereDoc, o: ScanOptions, feeder: Command, reader: Command | null, bash: boolean): Command[] {
  const { start, end } = doc.body;
  const scope: Scope = { hereDoc: doc, parent: o.scope, inherits: !doc.remote, feeder };
  if (reader) scope.reader = reader;
  if (!doc.remote && readerShell([feeder.words, reader?.words ?? []]) === 'dash') scope.noBraces = true;
  const inner: ScanOptions = { depth: o.depth + 1, scope, untilParen: false, comsub: 0, ctx: null, lenient: o.lenient };
  if (doc.quoted && !doc.stripTabs) {
    const r = scan(text, start, end, inner);
    if (r.syntax && bash) doc.syntax = nestedSyntax(text.slice(start, end), Array.from({ length: end - start + 1 }, (_, k) => start + k), { ...r.syntax, at: r.syntax.at - start, unit: r.syntax.unit - start });
    return r.commands;
  }
  const { text: t, map } = hereDocText(text, doc);
  const r = scan(t, 0, t.length, inner);
  if (r.syntax && bash) doc.syntax = nestedSyntax(t, map, r.syntax);
  return remap(r.commands, map);
}

/** the first shell a command names among its words (`sh` read as dash, Debian's; null: none) */
function readerShell(lists: ReadonlyArray<readonly Word[]>): string | null {
  for (const ws of lists) {
    for (const x of ws) {
      const name = x.value.slice(x.value.lastIndexOf('/') + 1);
      if (SHELLS.has(name)) return name === 'sh' ? 'dash' : name;
    }
  }
  return null;
}

/** the shell that reads a here-document body as its script is bash (other shells word their errors otherwise) */
function bashReads(d: Pending): boolean {
  if (d.doc.remote) return false;
  for (const ws of [d.words, d.pipeTo?.words ?? []]) {
    for (const x of ws) {
      const name = x.value.slice(x.value.lastIndexOf('/') + 1);
      if (SHELLS.has(name)) return name === 'bash';
    }
  }
  return false;
}

/** Commands read from a text made of the text's characters: each offset x moved to map[x] (map[length]: where the made text ends). */
function remap(cmds: Command[], map: number[]): Command[] {
  const at = (x: number) => map[x];
  const after = (x: number) => (x > 0 ? map[x - 1] + 1 : map[0]);
  const seen = new Set<HereDoc>();
  for (const c of cmds) {
    for (const w of c.words) {
      w.offs = w.offs.map(at);
      w.start = at(w.start);
      w.end = after(w.end);
    }
    c.start = at(c.start);
    c.end = after(c.end);
    for (const h of c.hereDocs ?? []) {
      if (seen.has(h)) continue;
      seen.add(h);
      h.op = { start: at(h.op.start), end: after(h.op.end) };
      h.body = { start: at(h.body.start), end: at(h.body.end) };
      if (h.close) h.close = { start: at(h.close.start), end: after(h.close.end) };
      if (h.syntax) {
        const e = h.syntax;
        const a = at(e.at);
        h.syntax = { ...e, at: a, length: Math.max(after(e.at + e.length) - a, 1), unit: at(e.unit), to: at(e.to) };
      }
    }
  }
  return cmds;
}

/** A word made of a part of another: characters [a, b) of its value. */
export function subWord(w: Word, a: number, b: number): Word {
  const offs = w.offs.slice(a, b);
  const start = offs.length ? offs[0] : (w.offs[a - 1] ?? w.start) + (a > 0 ? 1 : 0);
  const end = offs.length ? offs[offs.length - 1] + 1 : start;
  return { value: w.value.slice(a, b), offs, start, end };
}

const SIMPLE_ESCAPES: Record<string, string> = { a: '\x07', b: '\b', e: '\x1b', E: '\x1b', f: '\f', n: '\n', r: '\r', t: '\t', v: '\v', '\\': '\\', "'": "'", '"': '"', '?': '?' };

/**
 * The inside of bash's $'…' from `from` (just after the opening quote): each character or escape
 * is given to `add` with where it is written; returns the offset after the closing quote. A byte
 * escape (\xHH, \nnn) of 0x80 or more is kept as Python's surrogateescape keeps a byte of argv that
 * is not UTF-8 (U+DC80 + the byte: joinBytes decodes runs of them); \uHHHH and \UHHHHHHHH give
 * their UTF-8 bytes the same way; a NUL (\0, \x0, \c@) ends the string (bash's strings are C's):
 * the rest up to the quote is dropped. Past `to` when the text ends before the closing quote.
 */
function ansiC(text: string, from: number, to: number, add: (ch: string, at: number, end: number) => void): number {
  let j = from;
  let dropped = false;
  const put = (code: number, at: number, end: number) => {
    if (code === 0) dropped = true;
    if (dropped) return;
    if (code < 0x80) add(String.fromCharCode(code), at, end);
    else add(String.fromCharCode(0xdc00 + (code & 0xff)), at, end);
  };
  const hex = (k: number, max: number) => {
    let n = 0;
    while (n < max && k + n < to && /[0-9A-Fa-f]/.test(text[k + n])) n++;
    return n;
  };
  while (j < to && text[j] !== "'") {
    if (text[j] !== '\\' || j + 1 >= to) {
      if (!dropped) { const cp = text.codePointAt(j)!; const ch = String.fromCodePoint(cp); for (let u = 0; u < ch.length; u++) add(ch[u], j + u, j + u + 1); j += ch.length; } else j++;
      continue;
    }
    const e = text[j + 1];
    const at = j;
    if (e in SIMPLE_ESCAPES) { if (!dropped) add(SIMPLE_ESCAPES[e], at, j + 2); j += 2; continue; }
    if (/[0-7]/.test(e)) {
      let n = 0;
      let v = 0;
      while (n < 3 && j + 1 + n < to && /[0-7]/.test(text[j + 1 + n])) { v = v * 8 + Number(text[j + 1 + n]); n++; }
      j += 1 + n;
      put(v & 0xff, at, j);
      continue;
    }
    if (e === 'x' || e === 'u' || e === 'U') {
      const n = hex(j + 2, e === 'x' ? 2 : e === 'u' ? 4 : 8);
      if (n === 0) { if (!dropped) { add('\\', at, at + 1); add(e, at + 1, at + 2); } j += 2; continue; }
      const v = parseInt(text.slice(j + 2, j + 2 + n), 16);
      j += 2 + n;
      if (e === 'x' || v < 0x80) put(v, at, j);
      else for (const b of utf8Bytes(v)) put(b, at, j);
      continue;
    }
    if (e === 'c' && j + 2 < to && text[j + 2] !== "'") {
      let k = j + 2;
      if (text[k] === '\\' && text[k + 1] === '\\') k++;
      const x = text[k];
      put(x === '?' ? 0x7f : x.toUpperCase().charCodeAt(0) & 0x1f, at, k + 1);
      j = k + 1;
      continue;
    }
    // any other escape stays as written, backslash and all
    if (!dropped) { add('\\', at, at + 1); add(e, at + 1, at + 2); }
    j += 2;
  }
  return j + 1;
}

/** the bytes bash writes for a code point (UTF-8's scheme, also for surrogates and past U+10FFFF) */
function utf8Bytes(v: number): number[] {
  if (v < 0x800) return [0xc0 | (v >> 6), 0x80 | (v & 0x3f)];
  if (v < 0x10000) return [0xe0 | (v >> 12), 0x80 | ((v >> 6) & 0x3f), 0x80 | (v & 0x3f)];
  if (v < 0x200000) return [0xf0 | (v >> 18), 0x80 | ((v >> 12) & 0x3f), 0x80 | ((v >> 6) & 0x3f), 0x80 | (v & 0x3f)];
  if (v < 0x4000000) return [0xf8 | (v >> 24), 0x80 | ((v >> 18) & 0x3f), 0x80 | ((v >> 12) & 0x3f), 0x80 | ((v >> 6) & 0x3f), 0x80 | (v & 0x3f)];
  return [0xfc | ((v / 0x40000000) & 1), 0x80 | ((v >> 24) & 0x3f), 0x80 | ((v >> 18) & 0x3f), 0x80 | ((v >> 12) & 0x3f), 0x80 | ((v >> 6) & 0x3f), 0x80 | (v & 0x3f)];
}

/** A word's runs of raw bytes (U+DC80..U+DCFF) read as Python reads argv: each well-formed UTF-8
 * sequence becomes its character (at the offset of its first byte), any other byte stays escaped. */
function joinBytes(w: Word): Word {
  const v = w.value;
  let value = '';
  const offs: number[] = [];
  // where each character of v is in the new value (for Word.braces)
  const moved = w.braces ? new Array<number>(v.length) : null;
  // where each character starts in the new value (for Word.exps)
  const pos = w.exps ? new Array<number>(v.length + 1) : null;
  const byteAt = (k: number) => { const c = v.charCodeAt(k); return c >= 0xdc80 && c <= 0xdcff ? c - 0xdc00 : -1; };
  for (let k = 0; k < v.length;) {
    const b0 = byteAt(k);
    const len = b0 >= 0xc2 && b0 <= 0xdf ? 2 : b0 >= 0xe0 && b0 <= 0xef ? 3 : b0 >= 0xf0 && b0 <= 0xf4 ? 4 : 0;
    let cp = -1;
    if (len) {
      const bs = Array.from({ length: len - 1 }, (_, n) => byteAt(k + 1 + n));
      if (bs.every((b) => b >= 0x80 && b <= 0xbf)) {
        cp = len === 2 ? ((b0 & 0x1f) << 6) | (bs[0] & 0x3f) : len === 3 ? ((b0 & 0x0f) << 12) | ((bs[0] & 0x3f) << 6) | (bs[1] & 0x3f) : ((b0 & 0x07) << 18) | ((bs[0] & 0x3f) << 12) | ((bs[1] & 0x3f) << 6) | (bs[2] & 0x3f);
        const min = len === 2 ? 0x80 : len === 3 ? 0x800 : 0x10000;
        if (cp < min || cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff)) cp = -1;
      }
    }
    if (cp >= 0) {
      const ch = String.fromCodePoint(cp);
      if (moved) for (let u = 0; u < len; u++) moved[k + u] = -1;
      if (pos) pos[k] = value.length;
      value += ch;
      for (let u = 0; u < ch.length; u++) offs.push(w.offs[k]);
      k += len;
    } else {
      if (moved) moved[k] = value.length;
      if (pos) pos[k] = value.length;
      value += v[k];
      offs.push(w.offs[k]);
      k++;
    }
  }
  if (pos) pos[v.length] = value.length;
  // an expansion's text is ASCII as written: its ends move with the bytes joined before it
  const exps = pos && w.exps ? { exps: w.exps.map((e) => ({ ...e, a: pos[e.a], b: pos[e.b] })), quotes: w.quotes?.map((k) => pos[k]) } : {};
  if (moved && w.braces) return { ...w, value, offs, braces: w.braces.map((k) => moved[k]).filter((k) => k >= 0), ...exps };
  return { ...w, value, offs, ...exps };
}

/**
 * The commands of a command string: `bash -c WORD`'s word, `eval WORDS`'s and `ssh host WORDS`'s
 * words joined with spaces (as eval and ssh join them before a shell reads them again), read as a
 * shell reads a script after bash's quote removal of the words. Each character keeps the place in
 * the text its word's character is written at (a joining space: just after the word before it), so
 * a command found inside is placed where it is written. Its commands' contexts start at `root`.
 */
export function commandStringCommands(words: readonly Word[], root: Ctx, scope: Scope | undefined): Command[] {
  return commandStringScript(words, root, scope).commands;
}

/**
 * A syntax error that stops a nested script (a command string) only: where it is in the text
 * (`at`, `length`, `unit`: where the complete command holding it starts), bash's words, the line
 * of the nested script bash names (`line`) and where the nested script ends in the text (`to`).
 */
export interface NestedSyntaxError extends ShellSyntaxError {
  line: number;
  to: number;
  /** the line dash names (it counts the end of the text, and a quote left open, at the text's last line) */
  dashLine: number;
}

/**
 * commandStringCommands, with the syntax error that stops the command string (null: none), placed
 * in the text. `lenient`: read on past it (the commands written after it, which never run).
 */
export function commandStringScript(words: readonly Word[], root: Ctx, scope: Scope | undefined, lenient = false): { commands: Command[]; syntax: NestedSyntaxError | null } {
  if (!words.length) return { commands: [], syntax: null };
  let t = '';
  const map: number[] = [];
  words.forEach((w, k) => {
    if (k) { t += ' '; map.push(words[k - 1].end); }
    t += w.value;
    for (const x of w.offs) map.push(x);
  });
  map.push(words[words.length - 1].end);
  const r = scan(t, 0, t.length, { depth: 0, scope: scope ?? null, untilParen: false, comsub: 0, ctx: root, lenient });
  return { commands: remap(r.commands, map), syntax: r.syntax ? nestedSyntax(t, map, r.syntax) : null };
}

/** a nested script's syntax error (offsets in its text t) placed in the text through map, with the line bash names */
function nestedSyntax(t: string, map: number[], e: ShellSyntaxError): NestedSyntaxError {
  // bash names the token's line (a quote's: where it opens); at the end of the text (also inside
  // `$(`), the line after the last one that ends (one more when the text does not end a line);
  // dash the token's line, or the text's last
  const eof = e.message === UNEXPECTED_EOF || e.message === noMatch(')');
  const linesUpTo = (upTo: number) => {
    let n = 1;
    for (let k = t.indexOf('\n'); k >= 0 && k < upTo; k = t.indexOf('\n', k + 1)) n++;
    return n;
  };
  const all = linesUpTo(t.length);
  const line = eof ? all + (t.endsWith('\n') ? 0 : 1) : linesUpTo(e.at);
  const dashLine = eof || e.dash === UNTERMINATED ? all : line;
  const at = map[Math.min(e.at, t.length)];
  const last = e.length > 0 && e.at + e.length - 1 < t.length ? map[e.at + e.length - 1] + 1 : at + 1;
  return { at, length: Math.max(last - at, 1), message: e.message, unit: map[Math.min(e.unit, t.length)], line, to: map[t.length], dash: e.dash ?? null, dashLine };
}
