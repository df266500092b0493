/**
 * Hunt 26: compares bdm-lab's yaql (server/src/source/heat/yaql.ts) with yaql 2.0.0 as Heat 19
 * runs it (scripts/heat-hunt26-yaql-direct.py) on scripts/heat-hunt26-yaql-cases.ts's cases.
 * Prints agree / note (bdm-lab does not evaluate) / differ (a value Heat does not give, or a
 * value where Heat fails: both wrong).
 *
 *     node --import tsx scripts/heat-hunt26-yaql-direct.ts [SEED] [COUNT] [--label FILE] [--notes]
 *
 * (`--label scripts/heat-hunt26-yaql-labels.json` with seed 26 and count 400 writes the unit test's labels)
 */
import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { evaluateYaql, NotEvaluated, PyFloat, YaqlError, YDict, YList, floatRepr, type YV } from '../server/src/source/heat/yaql';
import { yaqlCases } from './heat-hunt26-yaql-cases';

/** a value as the Python script tags it */
export function tagged(v: YV): unknown {
  if (v instanceof PyFloat) return { float: floatRepr(v.v) };
  if (v instanceof YDict) return { dict: Object.fromEntries([...v.m].map(([k, x]) => [k, tagged(x)])) };
  if (v instanceof YList) return v.items.map(tagged);
  return v;
}

/** bdm-lab's answer: the tagged value, yaql's failure in its words, or undefined (not evaluated) */
export function mine(expression: string, data: unknown): { value: unknown } | { error: string } | undefined {
  try {
    return { value: tagged(evaluateYaql(expression, toYaql(data))) };
  } catch (e) {
    if (e instanceof NotEvaluated) return undefined;
    if (e instanceof YaqlError) return { error: e.message };
    throw e;
  }
}

/**
 * whether bdm-lab's answer is yaql's (its failure without the exception's class; a lazy result's
 * repr in it, `<map object at 0x7f…>`, has the address of yaql's Python process, which bdm-lab
 * writes `0x…`: the same words but the address)
 */
export function same(m: { value: unknown } | { error: string }, heat: { value?: unknown; error?: string }): boolean {
  if ('error' in m) {
    const h = heat.error?.replace(/^[A-Za-z]+: /, '');
    return h !== undefined && (h === m.error || (m.error.includes(' at 0x…>') && h.replace(/ at 0x[0-9a-f]+>/g, ' at 0x…>') === m.error));
  }
  return 'value' in heat && JSON.stringify(m.value) === JSON.stringify(heat.value);
}

/** JSON data as yaql's input (JSON numbers with a fraction are floats) */
export function toYaql(d: unknown): YV {
  if (Array.isArray(d)) return new YList(d.map(toYaql), 'tuple');
  if (d && typeof d === 'object') return new YDict(new Map(Object.entries(d).map(([k, x]) => [k, toYaql(x)])));
  if (typeof d === 'number' && !Number.isInteger(d)) return new PyFloat(d);
  return (d ?? null) as YV;
}

if (require.main === module) {
  const args = process.argv.slice(2).filter((a) => !a.startsWith('--'));
  const seed = Number(args[0] ?? 26);
  const count = Number(args[1] ?? 1000);
  const cases = yaqlCases(count, seed);
  const heat = JSON.parse(execFileSync('/usr/bin/python3', [`${__dirname}/heat-hunt26-yaql-direct.py`], { input: JSON.stringify(cases), maxBuffer: 1 << 28 }).toString()) as Array<{ value?: unknown; error?: string }>;
  const label = process.argv.indexOf('--label');
  // the labels test/unit/heat-yaql.test.ts reads: yaql's answer to each case, by its expression (the data comes again from the seed)
  if (label > 0) writeFileSync(process.argv[label + 1], `{"seed": ${seed}, "count": ${count}, "cases": [\n${cases.map(([e], i) => JSON.stringify([e, heat[i]])).join(',\n')}\n]}\n`);
  let agree = 0; let refusals = 0; let note = 0; let differ = 0; let heatValues = 0;
  cases.forEach(([e, d], i) => {
    const m = mine(e, d);
    if ('value' in heat[i]) heatValues++;
    if (m === undefined) { note++; if (process.argv.includes('--notes') && 'value' in heat[i]) console.log(`NOTE ${e} -> ${JSON.stringify(heat[i].value)}`); return; }
    if (same(m, heat[i])) { agree++; if ('error' in m) refusals++; return; }
    differ++;
    console.log(`DIFFER ${e}  data ${JSON.stringify(d).slice(0, 80)}: bdm-lab ${JSON.stringify(m)} heat ${JSON.stringify(heat[i])}`);
  });
  console.log(`cases ${cases.length} (Heat gives a value for ${heatValues}): agree ${agree} (${refusals} of them yaql's failure)  note ${note}  differ ${differ}`);
}
