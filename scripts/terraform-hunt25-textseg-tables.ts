/**
 * Checks bdm-lab's grapheme classes (server/src/source/terraform/graphemes.ts) against go-textseg
 * v15.0.0's generated Ragel tables (the tables go-cty v1.18.1 counts with): decodes each class's
 * UTF-8 byte patterns into code points and prints every code point whose class differs.
 * Usage: git -C <go-textseg mirror> show v15.0.0:textseg/grapheme_clusters_table.rl > gc.rl, and
 * emoji_table.rl > emoji.rl; then: node --import tsx scripts/terraform-hunt25-textseg-tables.ts gc.rl emoji.rl
 */
import { graphemeClass } from '../server/src/source/terraform/graphemes';
import { decode } from './terraform-hunt25-textseg-gen';

const gc = decode(process.argv[2]);
const emoji = decode(process.argv[3]);
const names: Record<string, string> = { Prepend: 'p', CR: 'C', LF: 'F', Control: 'X', Extend: 'E', Regional_Indicator: 'I', SpacingMark: 'S', L: 'L', V: 'V', T: 'T', LV: 'a', LVT: 'b', ZWJ: 'Z' };
const want = new Map<number, string>();
for (const [name, set] of gc) for (const cp of set) want.set(cp, names[name]);
const pict = emoji.get('Extended_Pictographic')!;
want.set(0xfffd, 'R');
let diffs = 0;
for (let cp = 0; cp <= 0x10ffff; cp++) {
  if (cp >= 0xd800 && cp <= 0xdfff) continue;
  const w = pict.has(cp) ? 'P' : want.get(cp) ?? 'o';
  const got = graphemeClass(cp);
  if (w !== got) { diffs++; if (diffs < 200) console.log(cp.toString(16).padStart(4, '0'), 'textseg', w, 'bdm-lab', got); }
}
console.log('differences', diffs);
