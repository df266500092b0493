/**
 * A replace() pattern that Go's regexp refuses: Terraform's ReplaceFunc (internal/lang/funcs/string.go)
 * returns regexp.Compile's error as it is, which hcl shows as "Error in function call" (function.go
 * Call). The words are regexp/syntax's (parse.go: Error.Error, "error parsing regexp: CODE: `EXPR`"),
 * from its one left-to-right pass. Expected values: Go's regexp.Compile run by
 * scripts/terraform-cty-oracle (regexcompile); scripts/terraform-regex-error-compare.ts checks
 * thousands more.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { tf } from './terraform-local';
import { bestGrowth, describeGrowth } from './growth';
import { goRegexpError } from '../../server/src/source/terraform/regex';

const call = (p: string) => `Error in function call: Call to function "replace" failed: error parsing regexp: ${p}.`;

test('oracle: replace() with a pattern Go refuses fails the call in Go\'s words', () => {
  assert.equal(tf('replace("abc", "/(a/", "x")'), call('missing closing ): `(a`'));
  assert.equal(tf('replace("abc", "/a)/", "x")'), call('unexpected ): `a)`'));
  assert.equal(tf('replace("abc", "/[z-a]/", "x")'), call('invalid character class range: `z-a`'));
  assert.equal(tf('replace("abc", "/a**/", "x")'), call('invalid nested repetition operator: `**`'));
  assert.equal(tf('replace("abc", "/\\\\q/", "x")'), call('invalid escape sequence: `\\q`'));
  assert.equal(tf('replace("abc", "/x{1001}/", "x")'), call('invalid repeat count: `{1001}`'));
  assert.equal(tf('replace("abc", "/(?z)/", "x")'), call('invalid or unsupported Perl syntax: `(?z`'));
  assert.equal(tf('replace("abc", "/[[:foo:]]/", "x")'), call('invalid character class range: `[:foo:]`'));
});

test('oracle (regexp.Compile): the first error of the pass, with its EXPR', () => {
  const cases: Array<[string, string | null]> = [
    ['[a', 'missing closing ]: `[a`'],
    ['x[^a-', 'missing closing ]: `[^a-`'],
    ['a*?*', 'invalid nested repetition operator: `*?*`'],
    ['*a', 'missing argument to repetition operator: `*`'],
    ['(*a)', 'missing argument to repetition operator: `*`'],
    ['a|*', 'missing argument to repetition operator: `*`'],
    ['(?i)*', 'missing argument to repetition operator: `*`'],
    ['a\\', 'trailing backslash at end of expression: ``'],
    ['\\1', 'invalid escape sequence: `\\1`'],
    ['\\xZ1', 'invalid escape sequence: `\\xZ1`'],
    ['\\x{}', 'invalid escape sequence: `\\x{}`'],
    ['\\x{110000}', 'invalid escape sequence: `\\x{110000`'],
    ['[\\b]', 'invalid escape sequence: `\\b`'],
    ['a{2,1}', 'invalid repeat count: `{2,1}`'],
    ['a{12345678901}', 'invalid repeat count: `{12345678901}`'],
    ['(?-)a', 'invalid or unsupported Perl syntax: `(?-)`'],
    ['(?i', 'invalid or unsupported Perl syntax: `(?i`'],
    ['(?P<n!>a)', 'invalid named capture: `(?P<n!>`'],
    ['(?P<n', 'invalid named capture: `(?P<n`'],
    ['\\C', 'invalid escape sequence: `\\C`'],
    ['[\\x{10}-\\x{5}]', 'invalid character class range: `\\x{10}-\\x{5}`'],
    ['(a))', 'unexpected ): `(a))`'],
    ['{3}', 'missing argument to repetition operator: `{3}`'],
    // accepted by Go
    ['a{01}', null], ['a{,3}', null], ['x{3', null], ['^*', null], ['\\Q*\\E*', null], ['[]a]', null], ['[[:alpha:]]', null], ['(?i-s:a)', null], ['()*', null], ['a{1000}', null],
  ];
  for (const [p, want] of cases) assert.equal(goRegexpError(p), want === null ? null : `error parsing regexp: ${want}`, p);
  // \p{…} classes and repeat counts nested in one another (their product against 1000): decided since hunt 37
  assert.equal(goRegexpError('\\p{Greek}'), null);
  assert.equal(goRegexpError('(a{2}){3}'), null);
  assert.equal(goRegexpError('(a{10}){200}'), 'error parsing regexp: invalid repeat count: `{200}`');
  assert.equal(goRegexpError('\\p{Foo}'), 'error parsing regexp: invalid character class range: `\\p{Foo}`');
  assert.equal(goRegexpError('[\\p{Greek]'), 'error parsing regexp: invalid character class range: `\\p{Greek]`');
});

test('the check is one pass: linear on `[[:` runs, parentheses and escapes', { timeout: 60_000 }, () => {
  for (const unit of ['[[:', '(', '\\x{1', 'a{2,', '(?P<a>b)']) {
    // the run inside a class and bare; time at 2n over time at n (test/unit/growth.ts)
    const g = bestGrowth((n) => [`[${unit.repeat(n)}`, unit.repeat(n)], (ps) => ps.map((p) => goRegexpError(p)), 20_000 / unit.length, 3.5);
    assert.ok(g.ratio < 3.5, describeGrowth(`${unit} repeated n times`, 20_000 / unit.length, g));
  }
});
