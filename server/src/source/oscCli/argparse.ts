/**
 * How Python 3.11's argparse reads the words of a command line, as OSC's parsers use it (its
 * defaults: long names may be shortened, '-' is the only prefix, no @file words), in its two steps.
 *
 * First every word is sorted, before any option is taken: the first `--` (every word after it is
 * an argument), an option, an unknown option, or an argument. An option is written by its exact
 * name, by its name before a '=' (the value after it), by the start of exactly one long name (also
 * before a '='), or as a short name with its value glued on (`-fjson`). The start of several long
 * names is refused right there, so that refusal comes before any other. A word that names no
 * option is still an argument when it is a lone '-', a negative number or holds a space.
 *
 * Then the words are taken left to right: an option with its value (the word after it, only when
 * that word is an argument), short flags glued together (`-vq`), a flag given a value is refused;
 * a run of arguments fills the positionals still empty (a positional may take the `--` next to its
 * word, and drops it); what nothing takes is kept, in order, for "unrecognized arguments".
 * argparse drops one `--` from the words of every option and positional: a value that is `--`
 * (`--nic=--`, or a second `--` read as a positional) leaves an empty list in its place.
 * Facts: Lib/argparse.py of Python 3.11 (ArgumentParser._parse_optional, _get_option_tuples,
 * _parse_known_args, _get_values), each checked against the osc-oracle and the `openstack` shell
 * (test/unit/osc-argparse.test.ts).
 */
import type { Span } from '../../text/span';
import { pyStrRepr } from '../../parse/pyrepr';
import { subWord, type Word } from './shell';

export interface OptionSpec {
  /** its names as the parser adds them (`-f`, `--format`) */
  names: readonly string[];
  /** it takes one word (else it is a flag) */
  value: boolean;
}

export interface ParserSpec {
  /** the program name argparse puts before its errors */
  prog: string;
  /** in the order the parser adds them: the order a shortened name's candidates are listed in */
  options: readonly OptionSpec[];
  /** groups of options (by key) that exclude each other */
  exclusive: ReadonlyArray<readonly string[]>;
  /** how many positionals (one word each) the parser has */
  positionals: number;
}

/** An option as the parser takes it. */
export interface TakenOption {
  /** its key: its last name, however it was written */
  name: string;
  /** how argparse names it in an error: its names joined by '/' */
  label: string;
  /** where its name is written: the whole word, the part before '=', a glued short name */
  nameWord: Word;
  /** its value; an empty list (the value was `--`) is written `[]`, as Python prints it */
  value: Word | null;
  /** the value is an empty list */
  empty: boolean;
  /** the word it is written in */
  word: Word;
  /** from its name to its value */
  whole: Span;
}

/**
 * Options written as a list: names joined by '/', a trailing '!' for an option that takes no
 * value (`'-h/--help!'`, `'-f/--format'`).
 */
export function optionSpecs(list: readonly string[]): OptionSpec[] {
  return list.map((s) => ({ names: s.replace(/!$/, '').split('/'), value: !s.endsWith('!') }));
}

/** the empty list argparse leaves where a `--` was, written as Python prints it, at that `--` */
const emptyList = (dashes: Word): Word => ({ value: '[]', offs: dashes.offs.slice(0, 2), start: dashes.start, end: dashes.end });
const keyOf = (o: OptionSpec) => o.names[o.names.length - 1];
const labelOf = (o: OptionSpec) => o.names.join('/');
const spanOf = (w: { start: number; end: number }): Span => ({ offset: w.start, length: Math.max(0, w.end - w.start) });

/** a word argparse reads as a negative number (Python's \d is any decimal digit; its $ also matches before a final newline) */
const NEGATIVE = /^-\p{Nd}+\n?$|^-\p{Nd}*\.\p{Nd}+\n?$/u;

/** a word that argparse reads as an option when it names none of the parser's: not an argument */
export const unknownOption = (s: string): boolean => s.startsWith('-') && s.length > 1 && s !== '--' && !NEGATIVE.test(s) && !s.includes(' ');

type Named = { kind: 'option'; option: OptionSpec; name: string; nameAt: [number, number]; valueAt: number | null };
type Sorted = { kind: 'arg' | 'dashes' | 'unknown' } | Named;

/**
 * Read `words` as the parser of `spec` does. `take` is called for each option in the order argparse
 * takes it (it may throw: the action's own refusal); `fail` gets argparse's own error (with its
 * program) and the words it is about: when it returns, reading goes on as if the word were unknown,
 * or the option had no value. Returns the positionals filled and the words nothing took.
 */
export function parseArgs(words: readonly Word[], spec: ParserSpec, take: (o: TakenOption) => void, fail: (message: string, span: Span) => void): { positionals: Word[]; extras: Word[] } {
  const err = `${spec.prog}: error: `;
  const byName = new Map<string, OptionSpec>();
  for (const o of spec.options) for (const n of o.names) byName.set(n, o);
  const option = (o: OptionSpec, name: string, nameAt: [number, number], valueAt: number | null): Named => ({ kind: 'option', option: o, name, nameAt, valueAt });

  const sort = (w: Word): Sorted => {
    const s = w.value;
    if (!s.startsWith('-')) return { kind: 'arg' };
    const exact = byName.get(s);
    if (exact) return option(exact, s, [0, s.length], null);
    if (s.length === 1) return { kind: 'arg' };
    const eq = s.indexOf('=');
    const before = eq >= 0 ? byName.get(s.slice(0, eq)) : undefined;
    if (before) return option(before, s.slice(0, eq), [0, eq], eq + 1);
    const found: Named[] = [];
    if (s[1] === '-') {
      // a long name: the start of one, up to a '='
      const start = eq >= 0 ? s.slice(0, eq) : s;
      for (const [n, o] of byName) if (n.startsWith(start)) found.push(option(o, n, [0, start.length], eq >= 0 ? eq + 1 : null));
    } else {
      // a short name with its value glued on (or the start of a one-dash long name)
      for (const [n, o] of byName) {
        if (n === s.slice(0, 2)) found.push(option(o, n, [0, 2], 2));
        else if (n.startsWith(s)) found.push(option(o, n, [0, s.length], null));
      }
    }
    if (found.length > 1) {
      fail(`${err}ambiguous option: ${s} could match ${found.map((f) => f.name).join(', ')}`, spanOf(w));
      return { kind: 'unknown' };
    }
    if (found.length === 1) return found[0];
    return { kind: unknownOption(s) ? 'unknown' : 'arg' };
  };

  // step 1: every word sorted (the first `--` ends the options)
  const sorted: Sorted[] = [];
  let ended = false;
  for (const w of words) {
    sorted.push(ended ? { kind: 'arg' } : w.value === '--' ? { kind: 'dashes' } : sort(w));
    ended ||= w.value === '--';
  }
  const pattern = sorted.map((x) => (x.kind === 'arg' ? 'A' : x.kind === 'dashes' ? '-' : 'O')).join('');

  // step 2: left to right
  const positionals: Word[] = [];
  const extras: Word[] = [];
  const seen = new Set<string>();
  let open = spec.positionals;
  /** fill as many of the open positionals as the run of arguments at `at` allows; where it stops */
  const fill = (at: number): number => {
    for (let n = open; n > 0; n--) {
      const run = new RegExp('(-*A-*)'.repeat(n), 'y');
      run.lastIndex = at;
      const m = run.exec(pattern);
      if (!m) continue;
      for (const g of m.slice(1)) {
        const ws = words.slice(at, at + g.length);
        at += g.length;
        const dashes = ws.findIndex((x) => x.value === '--');
        if (dashes >= 0) ws.splice(dashes, 1);
        // a lone `--` read as an argument leaves the positional an empty list
        positionals.push(ws[0] ?? emptyList(words[at - 1]));
      }
      open -= n;
      return at;
    }
    return at;
  };
  const takeOption = (at: number): number => {
    const w = words[at];
    const s = sorted[at];
    if (s.kind !== 'option') {
      extras.push(w);
      return at + 1;
    }
    const got: TakenOption[] = [];
    const add = (o: OptionSpec, nameAt: [number, number], value: Word | null) => {
      const empty = value?.value === '--';
      got.push({ name: keyOf(o), label: labelOf(o), nameWord: subWord(w, nameAt[0], nameAt[1]), value: value && empty ? emptyList(value) : value, empty, word: w, whole: { offset: w.start, length: Math.max(0, (value ?? w).end - w.start) } });
    };
    let { option: o, name, nameAt, valueAt } = s;
    let next = at + 1;
    for (;;) {
      if (valueAt === null) {
        if (!o.value) add(o, nameAt, null);
        else if (sorted[at + 1]?.kind === 'arg') { add(o, nameAt, words[at + 1]); next = at + 2; }
        else fail(`${err}argument ${labelOf(o)}: expected one argument`, spanOf(w));
        break;
      }
      const glued = w.value.slice(valueAt);
      if (o.value) { add(o, nameAt, subWord(w, valueAt, w.value.length)); break; }
      // a short flag with more after it: the next character is another short option
      const more = name[1] !== '-' && glued !== '' ? byName.get(`-${glued[0]}`) : undefined;
      if (!more) { fail(`${err}argument ${labelOf(o)}: ignored explicit argument ${pyStrRepr(glued)}`, spanOf(w)); break; }
      add(o, nameAt, null);
      [o, name, nameAt, valueAt] = [more, `-${glued[0]}`, [valueAt, valueAt + 1], glued.length > 1 ? valueAt + 1 : null];
    }
    for (const t of got) {
      for (const group of spec.exclusive) {
        if (!group.includes(t.name)) continue;
        const other = group.find((g) => g !== t.name && seen.has(g));
        if (other) fail(`${err}argument ${t.label}: not allowed with argument ${labelOf(byName.get(other)!)}`, spanOf(w));
      }
      seen.add(t.name);
      take(t);
    }
    return next;
  };

  let at = 0;
  for (let next = 0; next < words.length; next++) {
    if (pattern[next] !== 'O') continue;
    // the arguments before an option: the open positionals first, the rest unrecognized
    at = fill(at);
    extras.push(...words.slice(at, next));
    at = takeOption(next);
  }
  extras.push(...words.slice(fill(at)));
  return { positionals, extras };
}
