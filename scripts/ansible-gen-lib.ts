/**
 * The frame shared by the Ansible playbook generators (scripts/ansible-hunt26-gen.ts,
 * scripts/ansible-hunt27-gen.ts): the seeded draws, and playbooks of one to three plays (or a bare
 * task list) whose tasks, pre_tasks, post_tasks and handlers hold server tasks, other tasks and
 * blocks. Each generator gives its own tasks and blocks; the order of the draws is the frame's, so
 * a seed names the same cases as before the frame was shared.
 */
import { rng } from './prng.mjs';

export interface Draws {
  r: () => number;
  pick: <T>(xs: readonly T[]) => T;
  maybe: (p: number) => boolean;
  /** a YAML double-quoted scalar */
  q: (v: string) => string;
}

/** the count (argv[2], 40 unless given) and the draws of the seed (argv[3], `defaultSeed` unless given) */
export function generatorArgs(defaultSeed: number): { n: number } & Draws {
  const n = Number(process.argv[2] ?? 40);
  const r = rng(Number(process.argv[3] ?? defaultSeed));
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(r() * xs.length)]!;
  const maybe = (p: number) => r() < p;
  const q = (v: string) => `"${v.replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`;
  return { n, r, pick, maybe, q };
}

export interface PlaybookParts {
  /** the i-th server task, each line prefixed with `indent` */
  serverTask: (i: number, indent: string) => string;
  /** another task (also each handler) */
  otherTask: (indent: string) => string;
  /** a block at `depth`, its inner lists made by `taskList` */
  block: (indent: string, depth: number, taskList: (indent: string, depth: number) => string) => string;
  /** lines a play may add after `hosts` and `gather_facts` (none unless given) */
  playExtras?: () => string[];
}

/** a playbook maker: 30% a bare task list, else one to three plays */
export function playbookMaker({ r, maybe }: Draws, parts: PlaybookParts): () => string {
  let k = 0;
  const taskList = (indent: string, depth = 0): string => {
    const out: string[] = [];
    const count = 1 + Math.floor(r() * 3);
    for (let j = 0; j < count; j++) {
      const x = r();
      if (x < 0.55) out.push(parts.serverTask(k++, indent));
      else if (x < 0.85 || depth > 0) out.push(parts.otherTask(indent));
      else out.push(parts.block(indent, depth, taskList));
    }
    return out.join('\n');
  };
  return () => {
    if (maybe(0.3)) return `${taskList('')}\n`;
    const plays: string[] = [];
    const count = 1 + Math.floor(r() * 3);
    for (let p = 0; p < count; p++) {
      const playParts = ['- hosts: localhost', '  gather_facts: false', ...(parts.playExtras ? parts.playExtras() : [])];
      for (const key of ['pre_tasks', 'tasks', 'post_tasks', 'handlers']) {
        if (key === 'tasks' || maybe(0.25)) playParts.push(`  ${key}:\n${key === 'handlers' ? parts.otherTask('    ') : taskList('    ')}`);
      }
      plays.push(playParts.join('\n'));
    }
    return `${plays.join('\n')}\n`;
  };
}

/** prints `n` cases `{ id: PREFIX-i, input: playbook() }` as JSON */
export function printCases(prefix: string, n: number, playbook: () => string): void {
  const cases = Array.from({ length: n }, (_, i) => ({ id: `${prefix}-${i}`, input: playbook() }));
  process.stdout.write(JSON.stringify(cases, null, 1) + '\n');
}

/**
 * Wraps what `playbook` makes in one play when it is a bare task list (with `playVars` as the
 * play's vars), so that every case runs as a playbook; a playbook is returned as it is.
 */
export function inOnePlay(playbook: () => string, playVars: readonly string[]): () => string {
  return () => {
    const text = playbook();
    if (text.startsWith('- hosts:')) return text;
    return ['- hosts: localhost', '  gather_facts: false', '  vars:', ...playVars.map((v) => `    ${v}`), '  tasks:', text.replace(/^(?=.)/gm, '    ')].join('\n');
  };
}
