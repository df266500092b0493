/**
 * What the tests of libvirt-labelled domain fixtures share (test/fixtures/libvirtdomain/, labelled
 * by `virsh define --validate` through scripts/libvirt-label.ts): the labels, a fixture's errors
 * as bdm-lab finds them without libvirt, and the checks every such file makes.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { analyzeLibvirtXml, analyzeLibvirtXmlStaged } from '../../server/src/libvirtxml/analyze';
import { STAGE_RANK } from '../../server/src/libvirtxml/stages';

export const DIR = join(__dirname, '..', 'fixtures', 'libvirtdomain');
export const labels: Record<string, { libvirt: 'accepts' | 'refuses'; message?: string }> = JSON.parse(readFileSync(join(DIR, 'labels.json'), 'utf8'));

export const fixtureText = (file: string): string => readFileSync(join(DIR, file), 'utf8');

/** bdm-lab's errors on a fixture */
export function errors(file: string) {
  return analyzeLibvirtXml(fixtureText(file)).problems.filter((p) => p.severity === 'error');
}

/**
 * The checks every file of labelled refusals makes: libvirt labels each fixture as its name says;
 * each refused one is refused by exactly its rules (one, or several), in libvirt's words where
 * `words` are given (none: a schema refusal); the accepted ones get no error.
 */
export function labelledFixtures(refused: Record<string, [string | string[], string?]>, accepted: readonly string[]): void {
  test('libvirt labels these fixtures as their names say', () => {
    for (const f of Object.keys(refused)) assert.equal(labels[f]?.libvirt, 'refuses', f);
    for (const f of accepted) assert.equal(labels[f]?.libvirt, 'accepts', f);
  });

  for (const [f, [rules, words]] of Object.entries(refused)) {
    const ids = typeof rules === 'string' ? [rules] : rules;
    test(`${f}: refused by ${ids.join(' and ')}${words ? " in libvirt's words" : ''}`, () => {
      const found = errors(f);
      assert.deepEqual([...new Set(found.map((p) => p.id))].sort(), [...ids].sort(), `${f}: ${found.map((p) => `${p.id} ${p.message}`).join(' | ')}`);
      if (!words) return;
      assert.ok(labels[f].message?.includes(words), `${f}: libvirt's label carries "${words}" (${labels[f].message})`);
      assert.ok(found.some((p) => p.message.includes(words)), `${f}: no finding says "${words}" (got ${found.map((p) => p.message).join(' | ')})`);
    });
  }

  test('the documents libvirt accepts beside them get no error', () => {
    const wrong = accepted.flatMap((f) => errors(f).map((p) => `${f}: ${p.id} ${p.message}`));
    assert.deepEqual(wrong, []);
  });
}

/**
 * The checks every file of stage-order fixtures makes (`*-<stage>-*.xml`, labelled by libvirt):
 * each is labelled and the refused ones are exactly `firstRule`'s keys; bdm-lab's first error is
 * libvirt's answer (the rule given, in libvirt's words, or a schema finding for a schema refusal);
 * the accepted ones get no error; every fixture's problems come in the order of their stages.
 */
export function stagedFixtures(stage: string, firstRule: Record<string, string>, least: { files: number; accepted: number }): void {
  const files = readdirSync(DIR).filter((f) => f.includes(`-${stage}-`) && f.endsWith('.xml')).sort();
  const schema = 'Element domain failed to validate content';
  const words = (m: string) => m.replace(/^(XML error|internal error|unsupported configuration|invalid argument): /, '').replace(/\.$/, '');

  test(`every ${stage} fixture is labelled by libvirt and the set has both verdicts`, () => {
    assert.ok(files.length >= least.files, `${files.length} fixtures`);
    for (const f of files) assert.ok(labels[f], `${f} is labelled`);
    assert.deepEqual(files.filter((f) => labels[f]!.libvirt === 'refuses'), Object.keys(firstRule).sort());
    assert.ok(files.length - Object.keys(firstRule).length >= least.accepted);
  });

  test(`${stage}: bdm-lab's first error is libvirt's answer: its words, or a schema finding for a schema refusal`, () => {
    const wrong: string[] = [];
    for (const [f, rule] of Object.entries(firstRule)) {
      const { analysis, stages } = analyzeLibvirtXmlStaged(fixtureText(f));
      const i = analysis.problems.findIndex((p) => p.severity === 'error');
      const first = analysis.problems[i];
      const message = labels[f]!.message!;
      const ok = first !== undefined && first.id === rule && (message === schema ? stages[i] === 'schema' : first.message.includes(words(message)));
      if (!ok) wrong.push(`${f}: libvirt "${message}", bdm-lab first ${first ? `${first.id} (${stages[i]}) ${first.message}` : 'none'}`);
    }
    assert.deepEqual(wrong, []);
  });

  test(`no accepted ${stage} fixture gets an error`, () => {
    for (const f of files.filter((x) => labels[x]!.libvirt === 'accepts')) assert.deepEqual(errors(f).map((p) => p.message), [], f);
  });

  test(`problems of the ${stage} fixtures come in the order of their stages`, () => {
    for (const f of files) {
      const { analysis, stages } = analyzeLibvirtXmlStaged(fixtureText(f));
      assert.equal(stages.length, analysis.problems.length, f);
      for (let i = 1; i < stages.length; i++) assert.ok(STAGE_RANK[stages[i - 1]!] <= STAGE_RANK[stages[i]!], `${f}: ${stages[i - 1]} before ${stages[i]}`);
    }
  });
}

/** what libvirt answers a define with when its RelaxNG schema refuses the document */
const SCHEMA_REFUSAL = 'Element domain failed to validate content';

/** libvirt's words without its category, with a MAC it generated read as bdm-lab names it */
const libvirtWords = (m: string) => m
  .replace(/^(XML error|internal error|unsupported configuration|invalid argument|argument unsupported): /, '')
  .replace(/\.$/, '')
  .replace(/52:54:00(?::[0-9a-f]{2}){3}/g, '(its generated MAC)');

/**
 * A test per case of a round's labelled cases (test/unit/libvirtxml-huntN-cases.ts, checked by
 * scripts/libvirt-cases-label.ts): libvirt accepts it and bdm-lab finds no error, or bdm-lab's
 * first error is libvirt's (its words; a schema refusal, one of the schema stage).
 */
export function labelledFirstErrors(
  round: string,
  cases: ReadonlyArray<{ name: string; xml: string; libvirt: string }>,
  opts: { words?: (m: string) => string; schemaStages?: readonly string[] } = {},
): void {
  const words = opts.words ?? libvirtWords;
  const schemaStages = opts.schemaStages ?? ['schema'];
  for (const c of cases) {
    test(`${round} ${c.name}: libvirt ${c.libvirt === 'accepts' ? 'accepts it' : `refuses it first with "${c.libvirt}"`}`, () => {
      const { analysis, stages } = analyzeLibvirtXmlStaged(c.xml);
      const i = analysis.problems.findIndex((p) => p.severity === 'error');
      const first = analysis.problems[i];
      if (c.libvirt === 'accepts') {
        assert.equal(first, undefined, first && `bdm-lab refuses: ${first.id} ${first.message}`);
        return;
      }
      assert.ok(first, 'bdm-lab accepts it');
      if (c.libvirt === SCHEMA_REFUSAL) assert.ok(schemaStages.includes(stages[i]!), `${first.id} (${stages[i]}) ${first.message}`);
      else assert.ok(first.message.includes(words(c.libvirt)), `bdm-lab first: ${first.id} (${stages[i]}) ${first.message}`);
    });
  }
}
