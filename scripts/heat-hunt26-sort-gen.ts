/**
 * Hunt 26: templates with 64 resources or more whose names Python cannot all order (an int or
 * None among str names), and str_replace params of 64 keys or more with such a key, for the
 * differential test against Heat (label and compare with scripts/heat-hunt22-difftest.ts):
 *
 *     node --import tsx scripts/heat-hunt26-sort-gen.ts > /tmp/sort-cases.json
 *     node --import tsx scripts/heat-hunt22-difftest.ts /tmp/sort-cases.json /tmp/sort-oracle.json
 */
import { rng } from './heat-hunt26-yaql-cases';

const r = rng(2626);
const pick = <T>(xs: readonly T[]): T => xs[Math.floor(r() * xs.length)];
const SERVER = `  srv:\n    type: OS::Nova::Server\n    properties:\n      image: cirros\n      flavor: m1.small\n      networks: [{network: private}]\n`;
const odd = () => pick(['1', '2', '70', '1.5', 'true', 'null', '0x10']);
const out: Array<{ id: string; template: string }> = [];
for (let k = 0; k < 40; k++) {
  const n = pick([63, 64, 65, 70, 96, 100, 127, 128, 130, 200]);
  const names = Array.from({ length: n }, (_, i) => (pick(['sorted', 'random', 'reversed']) === 'random' ? `r${Math.floor(r() * 1e6)}` : `r${String(i).padStart(4, '0')}`));
  const where = pick(['end', 'start', 'middle', 'random', 'two']);
  const at = where === 'end' ? n : where === 'start' ? 0 : where === 'middle' ? n >> 1 : Math.floor(r() * n);
  const keys: string[] = [...new Set(names)];
  keys.splice(at, 0, odd());
  if (where === 'two') keys.splice(Math.floor(r() * keys.length), 0, odd());
  if (k % 2 === 0) {
    const res = keys.map((x) => `  ${x}: {type: OS::Heat::None}\n`).join('');
    out.push({ id: `sort-resources-${k}`, template: `heat_template_version: 2018-08-31\nresources:\n${SERVER}${res}` });
  } else {
    const params = [...new Set(keys)].map((x) => `${x}: v`).join(', ');
    out.push({ id: `sort-params-${k}`, template: `heat_template_version: 2018-08-31\nresources:\n${SERVER}      name: {str_replace: {template: r0001, params: {${params}}}}\n` });
  }
}
console.log(JSON.stringify(out, null, 1));
