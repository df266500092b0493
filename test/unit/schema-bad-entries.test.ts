/**
 * schemaBadEntries (rules/nova/judging.ts) must tell each entry the same bad paths as cutting
 * the request's set of bad paths at their first index (the way the stages read them before):
 * checked on seeded random findings, on both lists.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { schemaBadEntries } from '../../server/src/rules/nova';
import { rng } from '../../scripts/prng.mjs';

/** the reference: the set of bad paths plus each entry's own path, cut at the first ']' */
function reference(findings: Array<{ path: string; entry: number | null }>): Map<string, Set<string>> {
  const bad = new Set(findings.map((f) => f.path));
  for (const f of findings) if (f.entry !== null) bad.add(`${f.path.startsWith('server.block_device_mapping_v2') ? 'server.block_device_mapping_v2' : 'server.block_device_mapping'}[${f.entry}]`);
  const out = new Map<string, Set<string>>();
  for (const s of bad) {
    const j = s.indexOf(']');
    if (j < 0) continue;
    const key = s.slice(0, j + 1);
    if (!out.has(key)) out.set(key, new Set());
    out.get(key)!.add(s.slice(j + 1));
  }
  return out;
}

test('schemaBadEntries gives every entry the rests of the string cut (seeded random findings)', () => {
  const next = rng(4242);
  const pick = <T>(xs: T[]) => xs[Math.floor(next() * xs.length)];
  for (let round = 0; round < 300; round++) {
    const findings: Array<{ path: string; entry: number | null }> = [];
    const n = Math.floor(next() * 20);
    for (let i = 0; i < n; i++) {
      const kind = next();
      if (kind < 0.2) findings.push({ path: pick(['server.imageRef', 'server.min_count', 'server.networks[0].uuid', 'server.block_device_mapping_v2', 'server.block_device_mapping', '']), entry: null });
      else {
        const list = next() < 0.7 ? 'server.block_device_mapping_v2' : 'server.block_device_mapping';
        const e = Math.floor(next() * 6);
        const rest = pick(['', '.boot_index', '.uuid', '.tag', '.a]b', '.x.y', '[1]']);
        findings.push({ path: `${list}[${e}]${rest}`, entry: e });
      }
    }
    const ref = reference(findings);
    const got = schemaBadEntries(findings);
    for (const [syntax, list] of [['v2', 'server.block_device_mapping_v2'], ['v1', 'server.block_device_mapping']] as const) {
      for (let e = 0; e < 6; e++) {
        const want = ref.get(`${list}[${e}]`);
        const have = got[syntax][e];
        assert.deepEqual(have ? new Set(have) : undefined, want, `${list}[${e}] in ${JSON.stringify(findings)}`);
      }
    }
  }
});
