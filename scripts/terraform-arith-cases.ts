/** Prints seeded random chains of Terraform arithmetic (for terraform-cty-oracle and terraform-cty-compare.ts): `node --import tsx scripts/terraform-arith-cases.ts N SEED` */
export {};
let s = Number(process.argv[3] ?? 1);
const rnd = () => { s = (s * 1103515245 + 12345) % 2147483648; return s / 2147483648; };
const pick = <T>(xs: T[]): T => xs[Math.floor(rnd() * xs.length)];
const lits = ['0.1', '0.2', '0.3', '3', '7', '1', '10', '2.5', '1e3', '1.15', '4.35', '100', '0.7', '1e-7', '123456789012345678901234567890', '9007199254740993', '3.5', '0.5', '1e21', '33', '6'];
function expr(d: number): string {
  if (d === 0 || rnd() < 0.25) return pick(lits);
  const op = pick(['+', '-', '*', '/', '%', '+', '*', '/']);
  const e = `${expr(d - 1)} ${op} ${expr(d - 1)}`;
  return rnd() < 0.4 ? `(${e})` : rnd() < 0.1 ? `-(${e})` : e;
}
const n = Number(process.argv[2] ?? 200);
for (let i = 0; i < n; i++) console.log(rnd() < 0.15 ? `${expr(2)} ${pick(['==', '<', '>=', '!='])} ${expr(2)}` : expr(3));
