/**
 * No freeze from a pattern: every regular expression literal of the product (server and client)
 * is checked by recheck (a ReDoS checker: it finds the inputs on which backtracking grows faster
 * than the input), and must be safe, but for the few listed below with the reason their inputs
 * cannot be the attack. Then the places fixed after such a finding, each on its attack input, grow
 * linearly (time at 2n over time at n, in the same run), and the hand-written scanners that
 * replaced patterns give the patterns' results on seeded random texts.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { transformSync } from 'esbuild';
import { Parser } from 'acorn';
import { checkSync } from 'recheck';
import { bestGrowth } from './growth';
import { rng } from '../../scripts/prng.mjs';
import { mentionsServerTask } from '../../server/src/source/ansible/mentions';
import { mentionsHeat } from '../../server/src/source/heat/mentions';
import { shellRanges, FENCE_OPEN } from '../../server/src/source/oscCli';
import { pyLiteralAsJson } from '../../server/src/source/ansible/module';
import { parseNovaConfIni } from '../../server/src/model/novaConfIni';
import { uuid } from '../../server/src/rules/formats.cjs';
import { lastElement } from '../../server/src/host/relaxng';
import { analyzeLibvirtXml } from '../../server/src/libvirtxml';
import { parseJson, findAt } from '../../server/src/parse/json';

const ROOT = join(__dirname, '..', '..');

/** Patterns recheck calls vulnerable whose inputs cannot be the attack it found. */
const ALLOWED: Record<string, string> = {
  'server/src/parse/lazyTree.ts /"[^"\\\\]*(?:\\\\.[^"\\\\]*)*"|[{}[\\]]/g': 'runs only on text JSON.parse accepted: every string there is closed, so no start scans past its close',
  'server/src/parse/lazyTree.ts /\\{[^"{}[\\]]*(?:"[^"\\\\]*(?:\\\\.[^"\\\\]*)*"[^"{}[\\]]*)*\\}/y': 'sticky, one start per skipped container, on text JSON.parse accepted (strings closed, brackets balanced): a match or a failure at the first nested bracket, then the counting scan (growth test below)',
  'server/src/parse/lazyTree.ts /\\[[^"{}[\\]]*(?:"[^"\\\\]*(?:\\\\.[^"\\\\]*)*"[^"{}[\\]]*)*\\]/y': 'sticky, one start per skipped container, on text JSON.parse accepted (strings closed, brackets balanced): a match or a failure at the first nested bracket, then the counting scan (growth test below)',
  'server/src/model/fileContext.ts /^\\s*(?:\\/\\/|#|\\/\\*|<!--)\\s*\\$bdm(?::|\\s)\\s*(.*?)\\s*(?:\\*\\/|-->)?\\s*$/': 'runs on one line of at most 400 characters (readModeline), a handful of them',
  'server/src/libvirtxml/parse.ts /\\s*([^\\s=/>]+)\\s*=\\s*("([^"]*)"|\'([^\']*)\')/y': 'sticky: one start per call, and the tag scanner stops at the first call that fails',
};

function sources(dir: string, out: string[] = []): string[] {
  for (const f of readdirSync(dir)) {
    const p = join(dir, f);
    if (statSync(p).isDirectory()) {
      if (f !== 'generated' && f !== 'node_modules') sources(p, out);
    } else if (/\.(ts|cjs|mjs|js)$/.test(f) && !f.endsWith('.d.ts')) out.push(p);
  }
  return out;
}

/** Every regular expression literal of a file, as written (after the types are stripped). */
function literals(file: string): Array<{ pattern: string; flags: string }> {
  const js = transformSync(readFileSync(file, 'utf8'), { loader: file.endsWith('.ts') ? 'ts' : 'js', format: 'esm' }).code;
  const found: Array<{ pattern: string; flags: string }> = [];
  Parser.parse(js, { ecmaVersion: 'latest', sourceType: 'module', onToken: (t) => { if (t.type.label === 'regexp') found.push((t as unknown as { value: { pattern: string; flags: string } }).value); } });
  return found;
}

/**
 * recheck's answer for one pattern. recheck runs in a worker (synckit); on a loaded machine a
 * reply was once lost ("Cannot read properties of undefined (reading 'message')" inside synckit):
 * such a failure of the checker itself is asked again, up to three times; a verdict never is.
 */
function checked3(pattern: string, flags: string): ReturnType<typeof checkSync> {
  for (let attempt = 1; ; attempt++) {
    try {
      // Only recheck's step limits decide (its time limits off, its recall run skipped): with
      // them, a machine slowed by load made a linear pattern look polynomial in one CI run (the
      // alternation now in schemaCheck.ts namesAnAncestor). The overall timeout only ever makes
      // an answer unknown, never vulnerable.
      return checkSync(pattern, flags, { timeout: 10_000, attackTimeout: null, incubationTimeout: null, recallTimeout: -1, seedingTimeout: null });
    } catch (e) {
      if (attempt >= 3) throw e;
    }
  }
}

test('every pattern of the product is safe from catastrophic backtracking (recheck), or listed with why its input is not the attack', { timeout: 600_000 }, () => {
  const bad: string[] = [];
  const seen = new Set<string>();
  let checked = 0;
  for (const file of [...sources(join(ROOT, 'server', 'src')), ...sources(join(ROOT, 'client', 'src'))]) {
    const rel = relative(ROOT, file);
    for (const { pattern, flags } of literals(file)) {
      const key = `${rel} /${pattern}/${flags}`;
      if (seen.has(key)) continue;
      seen.add(key);
      checked++;
      // recheck judges one match from one start; g and y only say where the next starts
      const r = checked3(pattern, flags.replace(/[gyd]/g, ''));
      if (r.status === 'vulnerable' && !ALLOWED[key]) bad.push(`${key}: ${r.complexity.type}, e.g. ${r.attack.pattern}`);
    }
  }
  assert.ok(checked > 150, `only ${checked} patterns found: the scan is broken`);
  for (const key of Object.keys(ALLOWED)) assert.ok(seen.has(key), `listed but no longer in the code: ${key}`);
  assert.deepEqual(bad, []);
});

// ---- the places fixed, on their attack inputs: linear growth (about 2 at 2n; quadratic reads 4)

const LINEAR = 3;
const grows = (name: string, make: (n: number) => string, work: (s: string) => unknown, n: number) => {
  test(`${name} grows linearly on its attack input`, { timeout: 120_000 }, () => {
    // measured again while at or above the limit (a burst of load on a shared machine spoils
    // one measurement; quadratic work reads about 4 on every attempt)
    const g = bestGrowth(make, work, n, LINEAR, 5);
    assert.ok(g.ratio < LINEAR, `time at 2n / time at n = ${g.ratio.toFixed(2)} (${g.msN.toFixed(1)} / ${g.ms2N.toFixed(1)} ms)`);
  });
};

grows('Ansible detection (blank lines after an openstack.cloud mention)', (n) => '# openstack.cloud\n' + ' \n'.repeat(n) + 'x', mentionsServerTask, 4000);
grows('Ansible detection (a line of blanks)', (n) => 'openstack.cloud ' + '\t'.repeat(n) + 'x', mentionsServerTask, 20000);
grows('Heat detection (blank lines)', (n) => '\n '.repeat(n) + 'x', mentionsHeat, 20000);
grows('Markdown fences (one unclosed line of backticks)', (n) => '```' + '`'.repeat(n), (s) => shellRanges(s, 'markdown'), 20000);
grows('Markdown fences (lines a lone CR starts)', (n) => ' ```\r'.repeat(n), (s) => shellRanges(s, 'markdown'), 5000);
grows('Markdown fences (an info string with no line end)', (n) => '```+' + '+'.repeat(n), (s) => shellRanges(s, 'markdown'), 20000);
grows('Python literal reading (escaped quotes)', (n) => '{"' + '\\"'.repeat(n), pyLiteralAsJson, 20000);
grows('Python literal reading (escaped single quotes)', (n) => "{'" + "\\'".repeat(n), pyLiteralAsJson, 20000);
grows('nova.conf (a long line of blanks)', (n) => '[libvirt]\na' + '\t'.repeat(n) + 'b\n', parseNovaConfIni, 20000);
grows('the uuid format (a run of braces)', (n) => 'x' + '{'.repeat(n) + 'x', uuid, 20000);
grows('an xpath\'s last element (a long name a non-ASCII letter ends)', (n) => '/domain/' + 'A'.repeat(n) + 'é', lastElement, 20000);
// the positioning walk's skip over entries not reported: each entry a long string of escaped
// quotes and brackets, then a nested container (the flat match fails there, the counting scan
// goes again): the last entry's place is read
const skippedEntries = (n: number) => JSON.stringify({ server: { block_device_mapping_v2: Array.from({ length: n }, () => ({ s: '"[{\\'.repeat(20), n: { m: [] } })) } });
grows('the positioning walk (skipped entries with escaped quotes and brackets, then a nested container)', skippedEntries, (s) => {
  const root = parseJson(s).root;
  return findAt(root, ['server', 'block_device_mapping_v2', s.length > 0 ? JSON.parse(s).server.block_device_mapping_v2.length - 1 : 0])?.offset;
}, 4000);
grows('libvirt <boot order> (a long run of digits)', (n) => `<domain type="kvm"><name>g</name><memory>1</memory><os><type>hvm</type></os><devices><disk type="file" device="disk"><source file="/x"/><target dev="vda" bus="virtio"/><boot order="${'1'.repeat(n)}x"/></disk></devices></domain>`, (s) => analyzeLibvirtXml(s), 20000);

// ---- the scanners that replaced patterns give the patterns' results

/** The pattern pyLiteralAsJson replaced. */
function pyLiteralAsJsonByPattern(s: string): string {
  return s.replace(/'((?:[^'\\]|\\.)*)'|"(?:[^"\\]|\\.)*"|\b(True|False|None)\b/g, (m: string, sq: string | undefined, word: string | undefined) => {
    if (word) return word === 'True' ? 'true' : word === 'False' ? 'false' : 'null';
    return sq === undefined ? m : JSON.stringify(sq.replace(/\\'/g, "'"));
  });
}

const random = (r: () => number, parts: string[], max: number) => {
  let s = '';
  const n = Math.floor(r() * max);
  for (let i = 0; i < n; i++) s += parts[Math.floor(r() * parts.length)];
  return s;
};

test('pyLiteralAsJson reads as its pattern did (seeded texts of quotes, escapes, line breaks and words)', () => {
  const r = rng(31);
  const parts = ["'", '"', '\\', '\n', '\r', '\u2028', 'a', ' ', '_', 'True', 'False', 'None', 'xTrue', 'None_', '{', ':', ','];
  for (let i = 0; i < 20000; i++) {
    const s = random(r, parts, 14);
    assert.equal(pyLiteralAsJson(s), pyLiteralAsJsonByPattern(s), JSON.stringify(s));
  }
});

test('lastElement finds what its pattern did (seeded xpaths)', () => {
  const r = rng(32);
  const parts = ['/', 'disk', 'a', '9', '.', '-', '_', '[', ']', '2', ':', 'é', 'x[1]', '[12]'];
  for (let i = 0; i < 20000; i++) {
    const s = random(r, parts, 10);
    assert.equal(lastElement(s), /([A-Za-z_][\w.-]*)(?:\[\d+\])?$/.exec(s)?.[1], JSON.stringify(s));
  }
});

test('the uuid format strips the braces at either end as its pattern did', () => {
  const r = rng(33);
  const parts = ['{', '}', '-', 'a', '0', '70a599e0', '31e7', '49b7b260868f441e862b', 'urn:', 'uuid:'];
  const byPattern = (s: string) => /^[0-9a-fA-F]{32}$/.test(s.replace(/urn:/g, '').replace(/uuid:/g, '').replace(/^[{}]+|[{}]+$/g, '').replace(/-/g, ''));
  for (let i = 0; i < 20000; i++) {
    const s = random(r, parts, 12);
    assert.equal(uuid(s), byPattern(s), JSON.stringify(s));
  }
});

test('Markdown fences: every opening line the pattern before found, with the same groups, on LF and CRLF texts', () => {
  const before = /^( {0,3})(```+|~~~+)[ \t]*([A-Za-z0-9_+-]*)[^\n]*\n/gm;
  const r = rng(34);
  const lines = ['```bash', '```', '````sh', '~~~console', '~~~', '  ```shell x', '```` ', 'openstack server create --flavor m1 s', 'text', '', '    ```bash', '```bash`x', '``` bash', '~~~~zsh ~'];
  for (let i = 0; i < 5000; i++) {
    const eol = r() < 0.5 ? '\n' : '\r\n';
    const n = Math.floor(r() * 10);
    const text = Array.from({ length: n }, () => lines[Math.floor(r() * lines.length)]).join(eol) + (r() < 0.5 ? eol : '');
    const found = (re: RegExp) => [...text.matchAll(new RegExp(re.source, 'gm'))].map((m) => [m.index, m[0], m[1], m[2], m[3]]);
    assert.deepEqual(found(FENCE_OPEN), found(before), JSON.stringify(text));
  }
  assert.deepEqual(shellRanges('# run\n```bash\nopenstack server list\n```\n', 'markdown'), [{ from: 14, to: 36, console: false }]);
});

test('detection still finds Heat templates and Ansible server tasks as written', () => {
  assert.ok(mentionsHeat('heat_template_version: 2018-08-31\n'));
  assert.ok(mentionsHeat('\uFEFFheat_template_version : wallaby\r\n'));
  assert.ok(mentionsHeat('# HOT\n\n  heat_template_version: 2021-04-16\n'));
  assert.ok(!mentionsHeat('description: heat_template_version: no\n'));
  assert.ok(mentionsServerTask('- name: boot\n  openstack.cloud.server:\n    name: s\n'));
  assert.ok(mentionsServerTask('- hosts: all\n  tasks:\n    - action: openstack.cloud.server name=s\n'));
  assert.ok(mentionsServerTask('tasks:\n  - action:\n      openstack.cloud.os_server\n'));
  assert.ok(mentionsServerTask('collections: [openstack.cloud]\ntasks:\n  -   server: {name: s}\n'));
  assert.ok(mentionsServerTask('collections: [openstack.cloud]\ntasks:\n  - server:\n'));
  assert.ok(!mentionsServerTask('heat_template_version: 2018-08-31\nresources: {}\n'));
  assert.ok(!mentionsServerTask('tasks:\n  - debug: msg=server\n'));
});
