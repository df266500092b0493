/**
 * Writes the grapheme class tables of server/src/source/terraform/graphemes.ts from go-textseg
 * v15.0.0's Ragel tables (the ones go-cty v1.18.1 counts length() with). Each class is a list of
 * code point ranges, written as base-36 pairs "gap,length" (gap from the end of the previous range).
 * Usage: node --import tsx scripts/terraform-hunt25-textseg-gen.ts gc.rl emoji.rl
 * (gc.rl, emoji.rl: `git show v15.0.0:textseg/grapheme_clusters_table.rl`, `…/emoji_table.rl`).
 */
import { readFileSync } from 'node:fs';

export function decode(file: string): Map<string, Set<number>> {
  const out = new Map<string, Set<number>>();
  let cur: Set<number> | null = null;
  for (const line of readFileSync(file, 'utf8').split('\n')) {
    const head = /^\s*(\w+) = $/.exec(line);
    if (head) { cur = new Set(); out.set(head[1], cur); continue; }
    const m = /^\s*\|?\s*((?:0x[0-9A-F]{2}(?:\.\.0x[0-9A-F]{2})?\s*)+)#/.exec(line);
    if (!m || !cur) continue;
    const ranges = m[1].trim().split(/\s+/).map((r) => { const [a, b] = r.split('..').map((x) => parseInt(x, 16)); return [a, b ?? a]; });
    const walk = (i: number, bytes: number[]) => {
      if (i === ranges.length) {
        const s = Buffer.from(bytes).toString('utf8');
        const cps = [...s];
        if (cps.length === 1 && (s !== '\uFFFD' || bytes.length === 3)) cur!.add(cps[0].codePointAt(0)!);
        return;
      }
      const [lo, hi] = ranges[i];
      for (let b = i === 0 ? lo : Math.max(lo, 0x80); b <= (i === 0 ? hi : Math.min(hi, 0xbf)); b++) walk(i + 1, [...bytes, b]);
    };
    walk(0, []);
  }
  return out;
}

function encode(set: Set<number>): string {
  const cps = [...set].sort((a, b) => a - b);
  const parts: string[] = [];
  let prevEnd = 0;
  for (let i = 0; i < cps.length;) {
    let j = i;
    while (j + 1 < cps.length && cps[j + 1] === cps[j] + 1) j++;
    parts.push(`${(cps[i] - prevEnd).toString(36)},${(j - i + 1).toString(36)}`);
    prevEnd = cps[j] + 1;
    i = j + 1;
  }
  return parts.join(' ');
}

if (process.argv[1]?.endsWith('terraform-hunt25-textseg-gen.ts') && process.argv[2]) {
  const gc = decode(process.argv[2]);
  const emoji = decode(process.argv[3]);
  for (const [name, letter] of [['Prepend', 'p'], ['Control', 'X'], ['Extend', 'E'], ['SpacingMark', 'S']] as const) console.log(`  ${letter}: '${encode(gc.get(name)!)}',`);
  console.log(`  P: '${encode(emoji.get('Extended_Pictographic')!)}',`);
}
