/**
 * Hunt 23 (digest, make_url): Heat's words that print a Python set list it in the order of the
 * Heat process's string hashing (PYTHONHASHSEED): digest's "Algorithm must be one of {...}" and
 * make_url's "Invalid arguments to "make_url": a, b". A label is put in bdm-lab's order (the set as
 * PYTHONHASHSEED=0 lists it; the keys as the template writes them) when the set is the same, so
 * a comparison sees only what differs. Shared by scripts/heat-hunt23-fn-difftest.ts and
 * test/unit/heat-hunt23-functions.test.ts.
 */
import type { HeatOracle } from '../test/fixtures/heat/compare';

const SEED0 = "{'sha3_256', 'sha3_384', 'shake_256', 'sha512_224', 'sha512_256', 'md5-sha1', 'sm3', 'sha512', 'ripemd160', 'sha384', 'shake_128', 'sha256', 'blake2s', 'sha3_224', 'sha224', 'md5', 'sha1', 'blake2b', 'sha3_512'}";

const members = (set: string) => set.slice(1, -1).split(', ').sort().join(',');

/** the key's place in the template's text (the order bdm-lab writes the keys in) */
const placeIn = (template: string, key: string) => {
  const m = new RegExp(`[{,\\s]${key.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}:`).exec(template);
  return m ? m.index : Infinity;
};

function normalise(s: string, template: string): string {
  return s
    .replace(/Algorithm must be one of (\{[^}]*\})/g, (all, set: string) => (members(set) === members(SEED0) ? `Algorithm must be one of ${SEED0}` : all))
    .replace(/Invalid arguments to "make_url": ([^\n"]*)$/, (_all, keys: string) => `Invalid arguments to "make_url": ${keys.split(', ').sort((a, b) => placeIn(template, a) - placeIn(template, b)).join(', ')}`);
}

/** the label with its set words in bdm-lab's order */
export function normaliseSetWords(o: HeatOracle, template: string): HeatOracle {
  return JSON.parse(JSON.stringify(o), (_k, v: unknown) => (typeof v === 'string' ? normalise(v, template) : v)) as HeatOracle;
}
