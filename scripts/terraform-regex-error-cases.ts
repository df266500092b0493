/**
 * Prints patterns (hand-picked malformed ones, then seeded random ones) as terraform-cty-oracle lines
 * `regexcompile("…")` — Go's regexp.Compile verdict — for terraform-regex-error-compare.ts.
 * `node --import tsx scripts/terraform-regex-error-cases.ts N SEED`
 */
export {};
const hand = ['(a', 'a)', '(a))', '[a', '[a-', '[z-a]', 'a**', 'a*?*', 'a+*', '*a', '(*a)', 'a|*', '\\', 'a\\', '\\q', '\\1', '\\8', '\\x', '\\xZ', '\\xZ1', '\\x{}', '\\x{110000}', '\\x{12', '\\x{zz}', '[\\q]', '[\\b]',
  'a{2,1}', 'a{1001}', 'a{1000}', 'a{01}', 'a{1,01}', 'a{,3}', '{3}', 'x{3', 'a{12345678901}', 'a{99999999}', '(?i)a', '(?i)*', '(?z)a', '(?i', '(?-)a', '(?i-s:a)', '(?P<n>a)', '(?P<>a)', '(?P<n!>a)', '(?P<n', '(?:a',
  '[[:alpha:]]', '[[:foo:]]', '[[:alpha:]', 'a{2}{3}', '^*', '$+', '\\b*', '\\Q*\\E*', '\\Qab', '\\C', '[]a]', '[^]a]', '[a-\\d]', '[\\d-z]', '[\\x{10}-\\x{5}]', '[a-\\x{5}]', '\\pL', '\\p{Greek}', '()*', '(|a)*', 'a||b', 'x(?i)*'];
let s = Number(process.argv[3] ?? 1);
const rnd = () => { s = (s * 1103515245 + 12345) % 2147483648; return s / 2147483648; };
const atoms = ['a', 'b', '(', ')', '[', ']', '*', '+', '?', '{2}', '{1,3}', '{', '}', '|', '\\', '\\d', '\\w', '\\.', '\\x4', '-', '^', '$', '.', '(?:', '(?i)', '[a-z]', '[^', '\\Q', '\\E', '0', ',', ':'];
const out = [...hand];
for (let i = 0; i < Number(process.argv[2] ?? 300); i++) out.push(Array.from({ length: 1 + Math.floor(rnd() * 6) }, () => atoms[Math.floor(rnd() * atoms.length)]).join(''));
// an HCL string: `${` and `%{` would start a template sequence
for (const p of out) console.log(`regexcompile(${JSON.stringify(p).replace(/\$\{/g, () => '$${').replace(/%\{/g, '%%{')})`);
