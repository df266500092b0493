/**
 * Generates random scripts with here-documents for the differential test of the shell splitter
 * against bash (scripts/osc-heredoc-label.py labels them; test/unit/osc-heredoc.test.ts compares):
 * readers that take the body as data (cat, cat > f, tee, python3 -, bash -c) or run it (bash,
 * sh -s, ssh host, sudo bash, cat | bash), every delimiter quoting (EOF, 'EOF', "EOF", \EOF,
 * E"O"F, $'EOF'), <<- with tabs, several here-documents on a line, continuations and operators
 * after the operator, bodies with near-miss delimiter lines, apostrophes, quotes, backslashes at
 * line ends (joins when unquoted), `\$` and `\\`, nested here-documents, unterminated bodies.
 * No unescaped `$` or backquote in a body: bash would expand it, bdm-lab keeps it as written. No
 * `&&` (whether the next command runs is bash's execution, not its splitting).
 * Seeded, so a run is repeatable. Usage: node scripts/osc-heredoc-generate.mjs N SEED > cases.json
 */
import { rng } from './prng.mjs';

const n = Number(process.argv[2] ?? 200);
const rand = rng(Number(process.argv[3] ?? 1));
const pick = (xs) => xs[Math.floor(rand() * xs.length)];
const chance = (p) => rand() < p;
let k = 0;
const C = (tag) => `openstack server create --flavor m1 --image cirros ${tag}${k++}`;

const NAMES = ['EOF', 'END', 'X', 'E_1', 'EOF2', 'eof'];
const QUOTINGS = [(d) => d, (d) => `'${d}'`, (d) => `"${d}"`, (d) => `\\${d}`, (d) => (d.length > 1 ? `${d[0]}"${d.slice(1)}"` : `"${d}"`), (d) => `$'${d}'`];
const DATA = ['cat', 'cat > out.txt', 'tee out.txt', 'python3 -', "bash -c ':'", 'cat >>log', 'bash run.sh'];
const SHELL = ['bash', 'sh -s', 'ssh host', 'sudo bash', 'bash -ex', "ssh -p 22 admin@host 'bash -s'", 'sudo -u stack -i'];

/**
 * a body line for a body that ends with `delim` (never the delimiter line itself); a body a shell
 * runs gets only lines that parse (a syntax error stops bash reading the rest of the body, an
 * execution question the splitter does not answer)
 */
function bodyLine(delim, depth, script) {
  const r = rand();
  if (r < 0.3) return C('b');
  if (r < 0.4) return `${delim} `;
  if (r < 0.45) return ` ${delim}`;
  if (r < 0.5) return `${delim}x`;
  if (r < 0.55) return script ? `${C('q')} --description "it's"` : "it's a body";
  if (r < 0.6) return script ? `${C('q')} --description 'say "x"'` : 'say "unbalanced';
  if (r < 0.65) return `${C('b')} --property 'k=\\$x' --description a\\\\\\\\b`;
  if (r < 0.7) return `${C('b')} \\`; // unquoted: joins with the next line
  if (r < 0.75) return 'a\\\\';
  if (r < 0.8) return `# ${C('c')}`;
  if (r < 0.85 && depth < 2) return heredoc(depth + 1).join('\n');
  return script ? 'true a b' : 'plain text ( ) ; | & < > { }';
}

/** the lines of one here-document command (operator line, bodies, delimiter lines) */
function heredoc(depth = 0) {
  const count = chance(0.2) ? 2 : 1;
  const docs = [];
  let line = '';
  for (let i = 0; i < count; i++) {
    const name = pick(NAMES);
    const dash = chance(0.25);
    const shell = chance(0.45);
    const pipe = !shell && chance(0.15);
    const reader = pipe ? 'cat' : shell ? pick(SHELL) : pick(DATA);
    const op = `${dash ? '<<-' : '<<'}${chance(0.2) ? ' ' : ''}${pick(QUOTINGS)(name)}`;
    let cmd = `${reader} ${op}`;
    if (pipe) cmd += ` | ${pick(['bash', 'ssh host', 'tee x'])}`;
    line += (i ? '; ' : '') + cmd;
    docs.push({ name, dash, script: shell || pipe });
  }
  if (chance(0.15)) line += `; ${C('s')}`;
  if (chance(0.1)) line += ' \\\n  >/dev/null';
  if (chance(0.1)) line += ` # note <<${pick(NAMES)}`;
  const out = [line];
  docs.forEach((d, i) => {
    const tab = d.dash ? '\t'.repeat(1 + Math.floor(rand() * 2)) : '';
    const m = Math.floor(rand() * 4);
    for (let j = 0; j < m; j++) out.push(tab + bodyLine(d.name, depth, d.script));
    // the last body of the text may run to its end (unterminated)
    if (!(depth === 0 && i === docs.length - 1 && chance(0.05))) out.push(tab + d.name);
  });
  return out;
}

const cases = [];
for (let i = 0; i < n; i++) {
  const lines = [];
  const m = 1 + Math.floor(rand() * 4);
  for (let j = 0; j < m; j++) {
    if (chance(0.35)) lines.push(C('t'));
    lines.push(...heredoc());
  }
  lines.push(C('end'));
  cases.push({ id: `gen-${i}`, script: `${lines.join('\n')}\n` });
}
process.stdout.write(`${JSON.stringify(cases, null, 1)}\n`);
