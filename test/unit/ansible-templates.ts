/**
 * What the tables of templates labelled by ansible-core's Templar (ansible-jinja.test.ts,
 * ansible-filters-more.test.ts) share: a case, its label, bdm-lab's answer written as the labels
 * write Python's values, and a label's keys as JSON writes them.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { ROOT } from './cli-run';
import { findTasks } from '../../server/src/source/ansible';
import { KEY_ORDER, PyFloat } from '../../server/src/source/ansible/tasks';
import { pyKey } from '../../server/src/source/ansible/pyvalue';
import { render, TemplateError, TemplateRaised, Unresolved } from '../../server/src/source/ansible/template';
import { pyFloat } from '../../server/src/parse/pyrepr';

export interface Case { id: string; t: string; vars?: string }
export type Label = { v: unknown } | { error: string } | { exception: string };
export type Answer = { v: unknown } | { error: string } | { exception: string } | { unresolved: Unresolved };

/** a value as the labels write Python's (ints and floats apart, a dict as its pairs in order) */
export const enc = (v: unknown): unknown => (typeof v === 'number' ? { int: String(v) } : v instanceof PyFloat ? { float: pyFloat(v.value) } : Array.isArray(v) ? v.map(enc)
  : v && typeof v === 'object' ? { dict: (KEY_ORDER.get(v) ?? Object.keys(v)).map((k) => [enc(pyKey(v as Record<string, unknown>, k)), enc((v as Record<string, unknown>)[k])]) } : v);

/** the variable scopes a task with these `vars:` (YAML) gives its templates */
export const scopesOf = (vars: string) => findTasks(`- openstack.cloud.server:\n    name: x\n  vars:\n${vars.replace(/^/gm, '    ')}\n`)[0]!.scopes;

/** bdm-lab's answer to a case: the value, the words the task fails with, the exception it raises, or what it leaves unresolved */
export function answerOf(c: Case, defaultVars: string): Answer {
  try {
    return { v: enc(render(c.t, scopesOf(c.vars ?? defaultVars))) };
  } catch (e) {
    if (e instanceof TemplateError) return { error: e.message };
    // another Python exception than a TypeError, as the labels write it (the class's own name and its words)
    if (e instanceof TemplateRaised) return { exception: `${e.cls.slice(e.cls.lastIndexOf('.') + 1)}: ${e.message}` };
    if (e instanceof Unresolved) return { unresolved: e };
    throw e;
  }
}

/**
 * A label's dicts with their keys as JSON writes them: render() gives a dict whose keys are not
 * strings as the module gets it, as JSON (`{2: 'b'}` arrives as `{"2": "b"}`).
 */
export const jsonKeys = (v: unknown): unknown => {
  if (Array.isArray(v)) return v.map(jsonKeys);
  if (!v || typeof v !== 'object') return v;
  const o = v as Record<string, unknown>;
  if (Array.isArray(o.dict)) return { dict: (o.dict as Array<[unknown, unknown]>).map(([k, x]) => [k && typeof k === 'object' ? Object.values(k)[0] : k === null ? 'null' : typeof k === 'boolean' ? String(k) : k, jsonKeys(x)]) };
  return Object.fromEntries(Object.entries(o).map(([k, x]) => [k, jsonKeys(x)]));
};

/**
 * A hunt's template cases (test/fixtures/NAME/cases.json) and ansible-core's answers to them
 * (oracle.json); run with `--label`, the answers are written first by jinja_label.py.
 */
export function templateHunt(name: string): { dir: string; doc: { DEFAULT_VARS: string; cases: Case[] }; labels: Record<string, Label> } {
  const dir = join(ROOT, 'test', 'fixtures', name);
  const casesFile = join(dir, 'cases.json');
  const labelsFile = join(dir, 'oracle.json');
  if (process.argv.includes('--label')) {
    writeFileSync(labelsFile, execFileSync('/usr/bin/python3', [join(ROOT, 'test', 'fixtures', 'ansible', 'jinja_label.py'), casesFile], { encoding: 'utf8', env: { PATH: '/usr/bin:/bin' }, maxBuffer: 1 << 26 }));
  }
  return { dir, doc: JSON.parse(readFileSync(casesFile, 'utf8')), labels: JSON.parse(readFileSync(labelsFile, 'utf8')) };
}
