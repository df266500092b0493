/**
 * The `openstack server create` runs of a script as the bash labeller recorded them
 * (scripts/osc-hunt23-label.py: each run's words after `openstack` and the OS_COMPUTE_API_VERSION
 * it saw) and as bdm-lab finds them, both written `words @microversion` (unset or empty: OSC's
 * default), so the two lists compare directly.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { findServerCreates, oscSources, OSC_DEFAULT_MICROVERSION, type OscCommand } from '../../server/src/source/oscCli';
import { clientMicroversion } from '../../server/src/source/oscCli/translate';

export type Oracle = Record<string, { runs: Array<{ argv: string[]; mv: string | null }> }>;

/** a reader of the JSON files of test/fixtures/<folder> */
export const fixtures = (folder: string) => <T>(f: string): T => JSON.parse(readFileSync(join(__dirname, '..', 'fixtures', folder, f), 'utf8')) as T;

/** bash's runs as bdm-lab would translate them */
export const ran = (o: Oracle[string]): string[] => o.runs.filter((r) => r.argv[0] === 'server' && r.argv[1] === 'create').map((r) => {
  const c = clientMicroversion(r.mv || OSC_DEFAULT_MICROVERSION);
  return `${r.argv.join(' ')} @${'error' in c ? r.mv : c.microversion}`;
});

/**
 * bdm-lab's commands of the script as the hunt tables write bash's runs: the microversion (null
 * where none was asked for, OSC's default), then the words after `openstack`
 */
export const commandRuns = (script: string) => findServerCreates(script, 'shell').map((x) => [x.translation.microversion === '2.1' && !x.microversionWord ? null : x.translation.microversion, ...x.words.map((w) => w.value)]);
/** the script's documents that mark a command BDM-OSC-UNRESOLVED */
export const unresolvedCommands = (script: string) => oscSources(script, 'shell').filter((d) => d.findings.some((f) => f.code === 'BDM-OSC-UNRESOLVED'));

/** bdm-lab's commands of the script */
export const found = (script: string): string[] => findServerCreates(script, 'shell').map((x) => `${x.words.map((w) => w.value).join(' ')} @${x.translation.microversion}`);

type Cases = Array<{ id: string; script: string }>;

/**
 * The labelled tables of a folder: each hand case (cases.json, oracle.json) a test of its own,
 * and the generated ones (generated-cases.json, generated-oracle.json) one test listing the ids
 * where bdm-lab and bash differ, which must be `knownBad`.
 */
export function testBashTables(load: ReturnType<typeof fixtures>, seen: { found: (s: string) => string[]; ran: (o: Oracle[string]) => string[] }, knownBad: string[] = []): void {
  const handOracle = load<Oracle>('oracle.json');
  for (const c of load<Cases>('cases.json')) {
    test(`as bash runs it: ${c.id}`, () => {
      assert.deepEqual(seen.found(c.script), seen.ran(handOracle[c.id]), c.script);
    });
  }
  test('as bash runs them: the generated scripts', () => {
    const oracle = load<Oracle>('generated-oracle.json');
    const bad = load<Cases>('generated-cases.json').filter((c) => JSON.stringify(seen.found(c.script)) !== JSON.stringify(seen.ran(oracle[c.id]))).map((c) => c.id);
    assert.deepEqual(bad, knownBad);
  });
}

/** a word as a shell script writes it (single-quoted unless plain) */
export const shellQuote = (s: string): string => (/^[\w.=,:/@%+-]+$/.test(s) ? s : `'${s.replace(/'/g, "'\\''")}'`);

/** a command as bdm-lab translates it: its words, microversion and body (a hash) or refusal */
export const describeCommand = (x: OscCommand | undefined): string => {
  if (!x) return 'not a command';
  const t = x.translation;
  const out = t.error ? `refused: ${t.error.message}` : `body ${createHash('sha1').update(JSON.stringify(t.body)).digest('hex').slice(0, 12)}`;
  return `${x.words.map((w) => w.value).join(' ')} @${t.microversion} => ${out}`;
};

/** the distinct strings, sorted */
export const sortedSet = (xs: string[]): string[] => [...new Set(xs)].sort();
