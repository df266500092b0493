/**
 * Nova's name and description checks and Python's repr() follow Unicode 14.0's categories (the
 * Python 3.11 Nova runs on), not the JavaScript engine's newer ones: a character assigned after
 * 14.0 is unassigned for Nova (not printable, escaped by repr), and a description takes nothing
 * past the BMP. Every expectation here is the nova-oracle's answer (Nova's own code, run by
 * scripts/gen-unicode14-cases.py into test/fixtures/unicode14/cases.json; labelled by
 * shared/tools/nova-oracle), or Python 3.11's repr() for the repr table: the verdict, the status
 * and Nova's message, byte for byte.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { analyzeJson } from '../../server/src/analyze';
import { mergeContext, type PartialContext } from '../../server/src/model/contextLoad';
import { pyRepr } from '../../server/src/parse/pyrepr';
import { descriptionPatternPython, name } from '../../server/src/rules/formats.cjs';
import { UNICODE_VERSION } from '../../server/src/text/unicode14.cjs';

interface Labelled {
  id: string;
  body: string;
  context: PartialContext;
  oracle: { valid: boolean; http_status: number; layer: string | null; nova_message: string | null };
}
const fixture = JSON.parse(readFileSync(join(__dirname, '..', 'fixtures', 'unicode14', 'cases.json'), 'utf8')) as { cases: Labelled[]; repr: Array<{ text: string; repr: string }> };
const byId = new Map(fixture.cases.map((c) => [c.id, c]));

function judge(id: string) {
  const c = byId.get(id);
  assert.ok(c, `no labelled case ${id}`);
  const a = analyzeJson(c.body, mergeContext([{ source: 'cli', context: c.context }]).context);
  return { c, a };
}

/** bdm-lab's verdict is the oracle's: valid, and for a refusal the HTTP status and Nova's words */
function agrees(id: string) {
  const { c, a } = judge(id);
  const o = c.oracle;
  assert.equal(a.valid, o.valid, `${id}: valid (Nova: ${o.http_status} ${o.nova_message?.slice(0, 120)})`);
  if (!o.valid) {
    assert.equal(a.verdict?.httpStatus, o.http_status, `${id}: status`);
    assert.equal(a.verdict?.message, o.nova_message, `${id}: Nova's message`);
  }
  return { c, a };
}

test('the tables are Unicode 14.0\'s, and the fixture holds every case the tests read', () => {
  assert.equal(UNICODE_VERSION, '14.0.0');
  assert.ok(fixture.cases.length >= 19);
});

test('a description with an emoji (past the BMP) is refused, in Nova\'s words with its whole pattern', () => {
  const { c } = agrees('description-emoji');
  assert.equal(c.oracle.http_status, 400);
  assert.ok(c.oracle.nova_message!.length > 1000, 'Nova quotes its pattern of about a thousand characters');
});

test('a description with a newline inside: Nova\'s exact message; a final newline passes (Python\'s `$`)', () => {
  agrees('description-newline');
  agrees('description-final-newline');
});

test('a description with a character assigned after Unicode 14 (U+1C89), or a line separator, is refused; space separators and null pass', () => {
  for (const id of ['description-unicode16-bmp', 'description-line-separator', 'description-spaces', 'description-null']) agrees(id);
});

test('the description pattern bdm-lab spells is the one Nova\'s message quotes', () => {
  const m = byId.get('description-newline')!.oracle.nova_message!;
  assert.ok(m.endsWith(` does not match ${pyRepr(descriptionPatternPython())}`), m.slice(-80));
});

test('the summary of a description refusal cuts the pattern; the message keeps it whole', () => {
  const { a } = judge('description-newline');
  const d = a.diagnostics.find((x) => x.code === 'BDM-SCHEMA-REQUEST');
  assert.ok(d);
  assert.ok(d.summary !== undefined && d.summary.startsWith("server.description: 'line1\\nline2' does not match '^[\\\\ -\\\\~"), d.summary);
  assert.ok(d.summary.length < 120, d.summary);
  assert.equal(a.verdict?.message, byId.get('description-newline')!.oracle.nova_message);
});

test('a name with a character assigned after Unicode 14 (U+1C89) is refused, at 2.1 and at 2.0 (the leading/trailing spaces variant)', () => {
  agrees('name-unicode16');
  agrees('name-unicode16-v20');
  agrees('name-unicode14-letter');
  assert.equal(name('web\u1c89'), false);
  assert.equal(name('web\u0c5d'), true); // assigned in Unicode 14.0
});

test('key_name, a security group\'s name and availability_zone take the same printable check', () => {
  for (const id of ['key-name-unicode16', 'security-group-unicode16', 'availability-zone-unicode15']) agrees(id);
});

test('a name ending in one newline passes (Python\'s `$` matches before it); a newline alone does not', () => {
  for (const id of ['name-final-newline', 'name-final-newline-v20', 'name-newline-only']) agrees(id);
});

test('repr in a message escapes characters assigned after Unicode 14, in the BMP and past it', () => {
  const { a } = agrees('hostname-unicode15-1');
  assert.match(a.verdict!.message, /'h\\u2ffc' does not match/);
  agrees('hostname-unicode15-astral');
  agrees('hostname-unicode14');
});

test('pyRepr answers as Python 3.11\'s repr() on the labelled strings', () => {
  for (const { text, repr } of fixture.repr) assert.equal(pyRepr(text), repr, JSON.stringify(text));
});
