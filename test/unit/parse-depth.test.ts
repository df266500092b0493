/**
 * jsonc-parser's parseTree recurses once per nesting level: every text it is given is first
 * checked by tooDeepToParse, which reads the text with the same scanner. A broken text (a string
 * cut by a line break, a lone quote, a comment) once fooled the earlier quote-to-quote check: a
 * lab host made by the fuzzer (seed 120502) whose cut string hid 40 000 levels from it overflowed
 * the stack in loadLabHost. Here: the check never says "not too deep" where the parser goes deeper
 * (random broken texts, fixed seed), and each place that parses with jsonc-parser refuses such a
 * text with its own clear error instead of throwing.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { visit } from 'jsonc-parser';
import { MAX_DEPTH, parseJson, tooDeepToParse } from '../../server/src/parse/json';
import { loadLabHost, formatLabHostError } from '../../server/src/attach/input/labhost';
import { analyzeJson } from '../../server/src/analyze';
import { defaultContext } from '../../server/src/model/context';
import { main } from '../../server/src/cli';

const ROOT = join(import.meta.dirname, '..', '..');

/** The deepest nesting jsonc-parser's parser reaches on a text (its visitor's open containers). */
function parserDepth(text: string): number {
  let depth = 0;
  let deepest = 0;
  const open = () => { deepest = Math.max(deepest, ++depth); };
  const close = () => { depth--; };
  visit(text, { onObjectBegin: open, onArrayBegin: open, onObjectEnd: close, onArrayEnd: close }, { allowTrailingComma: true, disallowComments: false });
  return deepest;
}

test('tooDeepToParse never misses a level the parser reaches (random broken texts, fixed seed)', () => {
  let seed = 120502;
  const rnd = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
  const pick = <T>(xs: T[]): T => xs[Math.floor(rnd() * xs.length)];
  // containers opened in turn, with now and then what breaks a text (a string cut by a line
  // break, a lone or escaped quote, a comment, an unclosed comment, a stray bracket), then closed
  // (some not, some by the other kind)
  const OPEN = ['{"k":', '[', '{"k": ', '[ ', '{"k":\n'];
  const NOISE = ['"x\n', '"', '\\"', '// c\n', '/* c */', '/*', '"a', '}', ']', ',', '1,', '"{[', '*/', "'"];
  const CLOSE = ['}', ']', '}', ']', '', ' }', '"]'];
  const limit = 12;
  let deepSeen = 0;
  let flagged = 0;
  for (let k = 0; k < 4000; k++) {
    const n = 1 + Math.floor(rnd() * 30);
    let text = '';
    for (let i = 0; i < n; i++) text += rnd() < 0.12 ? pick(NOISE) : pick(OPEN);
    text += rnd() < 0.5 ? '1' : '"v"';
    for (let i = 0; i < n; i++) text += pick(CLOSE);
    const depth = parserDepth(text);
    const at = tooDeepToParse(text, limit);
    if (depth > limit) {
      deepSeen++;
      assert.notEqual(at, null, `the parser goes ${depth} deep, the check says not past ${limit}: ${JSON.stringify(text)}`);
    }
    if (at !== null) {
      flagged++;
      assert.ok(at >= 0 && at < text.length && '{['.includes(text[at]), `${at}: ${JSON.stringify(text)}`);
    }
  }
  assert.ok(deepSeen > 100, `${deepSeen} texts the parser nests past the limit`);
  assert.ok(flagged >= deepSeen, `${flagged} flagged`);
});

const CUT = readFileSync(join(ROOT, 'test', 'fixtures', 'deep', 'labhost-cut-string.json'), 'utf8');

test('the fuzzer\'s lab host (a cut string before 40 000 levels) is refused on load, not a stack overflow', () => {
  assert.ok(parserDepth(CUT.slice(0, 4000)) > 100, 'the fixture nests deep as the parser reads it');
  const r = loadLabHost(CUT, 'cut.labhost.json');
  assert.equal(r.ok, false);
  const lines = r.ok ? [] : r.errors.map(formatLabHostError);
  assert.match(lines[0], /^cut\.labhost\.json:\d+:\d+: \$: JSON nested deeper than 500 levels$/, lines.join('\n'));
});

/**
 * A body JSON.parse refuses: a string cut by a line break, then brackets the parser reads as
 * 3 000 levels of arrays (and a jump from quote to quote as the rest of that string).
 */
const CUT_BODY = `{"server": {"name": "x\n${'['.repeat(3000)}"}}`;

test('a broken body nested past the limit: Nova cannot parse it (the too-deep syntax error), the rules never run', () => {
  const parsed = parseJson(CUT_BODY);
  assert.equal(parsed.root, undefined);
  assert.match(parsed.syntax[0].message, new RegExp(`nested deeper than ${MAX_DEPTH} levels`));
  const a = analyzeJson(CUT_BODY, defaultContext(), { forced: true });
  assert.equal(a.valid, false);
  assert.ok(a.diagnostics.some((d) => d.code === 'BDM-JSON-SYNTAX' && /deeper than 500/.test(d.message)), a.diagnostics.map((d) => d.message).join('\n'));
});

test('bdm-lab attach: a request file nested past the limit is a usage error with its place, not a crash', async () => {
  let out = '';
  let err = '';
  const io = { stdout: (s: string) => { out += s; }, stderr: (s: string) => { err += s; }, readFile: () => `{"volumeAttachment": {"volumeId": "x\n${'['.repeat(5000)}"}}`, cwd: '/' };
  const code = await main(['attach', '--lab', 'default', 'deep.json'], io as never);
  assert.equal(code, 2, out + err);
  assert.match(err, /deep\.json:2:\d+: \$: JSON nested deeper than 500 levels/);
});
