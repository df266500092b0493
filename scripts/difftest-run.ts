/**
 * Differential test: seeded bodies judged by bdm-lab and by Nova's own code (the oracle), then
 * compared. Run through scripts/difftest.mjs (`npm run difftest -- --count N [--seed S]`).
 *
 *   --count N         number of generated bodies (default 500)
 *   --seed S          generator seed (default 1)
 *   --ci              fixed-seed slice of 300 bodies; disagreements go to test-results/
 *   --out DIR         where disagreement fixtures are written
 *                     (default test/fixtures/difftest/disagreements, --ci: test-results/difftest/disagreements)
 *   --write-corpus F  also write every case with the oracle's verdict to F (the labelled corpus)
 *   --examples N      print up to N example ids per disagreement group (default 1)
 *   --stats           also print how often Nova gave each answer (to tune the generator)
 *   --shape ops       bodies from scripts/difftest-ops.ts (operators' shapes, libvirt contexts)
 *   --shape wild      bodies from scripts/difftest-wild.ts (odd spellings, every microversion, v1/v2 mixes)
 *   --words           a refusal whose words differ from Nova's counts as failed too
 *
 * Closing line: "N passed, N failed"; failed = bodies whose valid/invalid or HTTP status differ.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { generateCases, type DiffCase } from './difftest-gen';
import { generateOpsCases } from './difftest-ops';
import { generateWildCases } from './difftest-wild';
import { RULES } from '../server/src/rules/table';
import { ROOT, judgeWithBdmLab, oracleAvailable, runOracle, compare, disagreementKey, type OracleVerdict, type BdmLabVerdict, type Comparison } from './difftest-lib';

const CI_SEED = 20240601;
const CI_COUNT = 300;

function parseArgs(argv: string[]) {
  const a = { count: 500, seed: 1, ci: false, out: '', corpus: '', examples: 1, stats: false, shape: 'mutations', words: false };
  for (let i = 0; i < argv.length; i++) {
    const k = argv[i];
    const v = () => {
      const x = argv[++i];
      if (x === undefined) usage(`${k} needs a value`);
      return x;
    };
    if (k === '--count') a.count = Number(v());
    else if (k === '--seed') a.seed = Number(v());
    else if (k === '--ci') a.ci = true;
    else if (k === '--out') a.out = v();
    else if (k === '--write-corpus') a.corpus = v();
    else if (k === '--examples') a.examples = Number(v());
    else if (k === '--stats') a.stats = true;
    else if (k === '--shape') a.shape = v();
    else if (k === '--words') a.words = true;
    else usage(`unknown argument ${k}`);
  }
  if (!Number.isInteger(a.count) || a.count < 1) usage('--count must be a positive integer');
  if (!Number.isInteger(a.seed)) usage('--seed must be an integer');
  if (a.shape !== 'mutations' && a.shape !== 'ops' && a.shape !== 'wild') usage('--shape is mutations, ops or wild');
  if (a.ci) {
    a.seed = CI_SEED;
    a.count = CI_COUNT;
  }
  if (!a.out) a.out = a.ci ? join(ROOT, 'test-results', 'difftest', 'disagreements') : join(ROOT, 'test', 'fixtures', 'difftest', 'disagreements');
  return a;
}

function usage(msg: string): never {
  console.error(`difftest: ${msg}\nusage: npm run difftest -- [--count N] [--seed S] [--ci] [--out DIR] [--write-corpus FILE] [--shape ops|wild] [--words]`);
  process.exit(2);
}

/**
 * Words of a rule that needs Glance/Cinder contents (layers data and attach-state): the oracle's
 * stubs answer those (every volume 10 GiB, ...), bdm-lab judges them only with a lab host, so
 * --words does not count them. But for the flavor's disk: without a lab host bdm-lab assumes
 * the volume size the stubs have.
 */
const DATA_WORDS = RULES.filter((r) => (r.layer === 'data' || r.layer === 'attach-state') && r.id !== 'BDM-COMPUTE-FLAVOR-DISK' && /[^{}]{8}/.test(r.nova))
  .map((r) => new RegExp('^' + r.nova.replace(/[.*+?^$()|[\]\\]/g, '\\$&').replace(/\{\w+\}/g, '.*') + '$', 's'));
const dataWords = (msg: string) => DATA_WORDS.some((re) => re.test(msg));

function main() {
  const args = parseArgs(process.argv.slice(2));
  const avail = oracleAvailable();
  if (!avail.ok) {
    if (process.env.CI === 'true') {
      console.error(`difftest: FAILED: Nova's oracle cannot run under CI: ${avail.why}. Install python3-nova (scripts/setup-system.sh).`);
      console.log('0 passed, 1 failed');
      process.exit(1);
    }
    console.log(`difftest: skipped: ${avail.why}. Install python3-nova to compare with Nova (CI=true makes this a failure).`);
    console.log('0 passed, 0 failed');
    return;
  }

  const t0 = Date.now();
  const cases = args.shape === 'ops' ? generateOpsCases(args.seed, args.count) : args.shape === 'wild' ? generateWildCases(args.seed, args.count) : generateCases(args.seed, args.count);
  const ours = new Map<string, BdmLabVerdict>();
  for (const c of cases) {
    try {
      ours.set(c.id, judgeWithBdmLab(c.payloadText, c.context));
    } catch (e) {
      ours.set(c.id, { kind: null, valid: false, httpStatus: -1, code: `THROW ${(e as Error).message}`, message: String((e as Error).stack), driverClasses: [] });
    }
  }
  const t1 = Date.now();
  const oracle = new Map<string, OracleVerdict>();
  const CHUNK = 2000;
  for (let i = 0; i < cases.length; i += CHUNK) for (const [k, v] of runOracle(cases.slice(i, i + CHUNK))) oracle.set(k, v);
  const t2 = Date.now();

  let passed = 0;
  let failed = 0;
  const tally = { valid: 0, status: 0, rule: 0, classes: 0, acceptedByNova: 0, refusedByNova: 0, ruleCompared: 0, classesCompared: 0, words: 0 };
  const groups = new Map<string, Array<{ c: DiffCase; o: OracleVerdict; b: BdmLabVerdict; cmp: Comparison }>>();
  mkdirSync(args.out, { recursive: true });
  let written = 0;
  for (const c of cases) {
    const o = oracle.get(c.id);
    const b = ours.get(c.id)!;
    if (!o) {
      failed++;
      console.log(`difftest: the oracle gave no answer for ${c.id}`);
      continue;
    }
    const cmp = compare(c.kind, o, b);
    if (o.valid) tally.acceptedByNova++;
    else tally.refusedByNova++;
    if (cmp.valid) tally.valid++;
    if (cmp.status) tally.status++;
    if (cmp.valid && !o.valid && cmp.oracleRules.length) {
      tally.ruleCompared++;
      if (cmp.rule) tally.rule++;
    }
    if (cmp.valid && o.valid && c.kind === 'server') {
      tally.classesCompared++;
      if (cmp.classes) tally.classes++;
    }
    // --words: the verdicts agree, Nova's words do not
    const words = args.words && !cmp.hard && !o.valid && o.nova_message !== null && o.nova_message !== b.message && !dataWords(o.nova_message);
    if (cmp.hard || words) failed++;
    else passed++;
    if (words) tally.words++;
    if (cmp.category !== 'agree' || words) {
      const key = cmp.category === 'agree' ? `${c.kind} words: ${b.code}` : disagreementKey(c.kind, o, b, cmp);
      if (!groups.has(key)) groups.set(key, []);
      groups.get(key)!.push({ c, o, b, cmp });
      const fixture = { id: c.id, category: cmp.category, summary: key, payloadText: c.payloadText, context: c.context, oracle: o, bdmLab: b };
      writeFileSync(join(args.out, `${c.id}.json`), JSON.stringify(fixture, null, 2) + '\n');
      written++;
    }
  }

  if (args.corpus) {
    const corpus = {
      description: 'Seed-generated request bodies with the verdict of Nova\'s own code (shared/tools/nova-oracle) stored beside each. Regenerate with npm run difftest -- --seed S --count N --write-corpus FILE.',
      seed: args.seed,
      count: cases.length,
      cases: cases.map((c) => {
        const o = oracle.get(c.id)!;
        return { id: c.id, kind: c.kind, payloadText: c.payloadText, context: c.context, oracle: { valid: o.valid, http_status: o.http_status, layer: o.layer, nova_message: o.nova_message, driver_classes: o.driver_classes ?? null } };
      }),
    };
    writeFileSync(args.corpus, JSON.stringify(corpus, null, 1) + '\n');
    console.log(`difftest: corpus of ${cases.length} cases written to ${relative(process.cwd(), args.corpus)}`);
  }

  const n = cases.length;
  const pct = (x: number, d: number) => (d ? ((100 * x) / d).toFixed(1) + '%' : 'n/a');
  console.log(`difftest: seed ${args.seed}, ${n} bodies (${cases.filter((c) => c.kind === 'server').length} server-create, ${cases.filter((c) => c.kind === 'attach').length} volumeAttachment); Nova accepts ${tally.acceptedByNova}, refuses ${tally.refusedByNova}`);
  console.log(`  valid/invalid agree: ${tally.valid}/${n} (${pct(tally.valid, n)})`);
  console.log(`  HTTP status agrees:  ${tally.status}/${n} (${pct(tally.status, n)})`);
  console.log(`  rule agrees:         ${tally.rule}/${tally.ruleCompared} refusals with a mapped Nova message (${pct(tally.rule, tally.ruleCompared)})`);
  console.log(`  driver classes agree: ${tally.classes}/${tally.classesCompared} accepted server bodies (${pct(tally.classes, tally.classesCompared)})`);
  if (args.words) console.log(`  words differ:        ${tally.words} refusals with the same verdict`);
  console.log(`  time: bdm-lab ${t1 - t0} ms, oracle ${t2 - t1} ms`);
  if (args.stats) {
    const by = new Map<string, number>();
    for (const o of oracle.values()) {
      const k = o.valid ? `accepted ${o.http_status}` : `${o.http_status} ${o.layer}: ${(o.nova_message ?? '').split('\n')[0].replace(/Value: .*?\. /, '').slice(0, 90)}`;
      by.set(k, (by.get(k) ?? 0) + 1);
    }
    console.log('Nova answers:');
    for (const [k, v] of [...by.entries()].sort((x, y) => y[1] - x[1])) console.log(`  ${String(v).padStart(5)}  ${k}`);
  }
  if (groups.size) {
    console.log(`disagreements (${written} fixtures in ${relative(process.cwd(), args.out) || '.'}), by group:`);
    const sorted = [...groups.entries()].sort((x, y) => y[1].length - x[1].length);
    for (const [key, items] of sorted) {
      items.sort((x, y) => x.c.payloadText.length - y.c.payloadText.length);
      console.log(`  ${String(items.length).padStart(4)}  ${key}`);
      for (const it of items.slice(0, args.examples)) {
        console.log(`        e.g. ${it.c.id} (${it.c.context.microversion}): nova "${(it.o.nova_message ?? '').split('\n')[0].slice(0, 120)}"`);
        if (args.words && it.cmp.category === 'agree') console.log(`             bdm-lab "${(it.b.message ?? '').split('\n')[0].slice(0, 120)}"`);
      }
    }
  }
  console.log(`${passed} passed, ${failed} failed`);
  if (failed) process.exitCode = 1;
}

main();
