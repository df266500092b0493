/** Prints seeded random conditionals over nested tuples, objects and collections (for terraform-cty-oracle and terraform-cty-compare.ts): `node --import tsx scripts/terraform-cond-cases.ts N SEED` */
export {};
let s = Number(process.argv[3] ?? 1);
const rnd = () => { s = (s * 1103515245 + 12345) % 2147483648; return s / 2147483648; };
const pick = <T>(xs: T[]): T => xs[Math.floor(rnd() * xs.length)];
function val(d: number): string {
  const r = rnd();
  if (d === 0 || r < 0.35) return pick(['1', '"a"', 'true', '2.5', '"7"', 'null', '"true"', 'false']);
  const n = Math.floor(rnd() * 3);
  const items = Array.from({ length: n }, () => val(d - 1));
  if (r < 0.6) return `[${items.join(', ')}]`;
  if (r < 0.85) return `{${items.map((x, i) => `${pick(['a', 'b', 'c'])}${i} = ${x}`).join(', ')}}`;
  return `${pick(['tolist', 'toset', 'tomap'])}(${r < 0.95 ? `[${items.join(', ')}]` : `{${items.map((x, i) => `k${i} = ${x}`).join(', ')}}`})`;
}
const n = Number(process.argv[2] ?? 200);
for (let i = 0; i < n; i++) console.log(`${pick(['true', 'false'])} ? ${val(3)} : ${val(3)}`);
