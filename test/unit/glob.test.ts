/**
 * The bdmLab.files glob matcher. The glob comes from workspace settings, so it is hostile: the
 * matcher must cost at most (glob length × path length) whatever the glob. The hostile cases
 * run in a child process with a kill timer (a backtracking regex cannot be interrupted inside).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { minimatch } from '../../server/src/lsp/glob';

const ROOT = join(__dirname, '..', '..');

const CASES: Array<[glob: string, path: string, expected: boolean]> = [
  ['**/*.bdm.json', '/ws/payload.bdm.json', true],
  ['**/*.bdm.json', '/ws/deep/er/payload.bdm.json', true],
  ['**/*.bdm.json', '/ws/payload.json', false],
  ['*.bdm.json', '/ws/a/b/x.bdm.json', true], // no slash: the file name in any folder
  ['*.bdm.json', '/ws/a/b.bdm.json/c', false],
  ['bodies/*.json', '/ws/bodies/x.json', true],
  ['bodies/*.json', '/ws/bodies/sub/x.json', false],
  ['bodies/**/*.json', '/ws/bodies/sub/x.json', true],
  ['bodies/**/*.json', '/ws/bodies/x.json', true],
  ['bodies/**', '/ws/bodies/a/b/c', true],
  ['**/bodies/*.json', '/ws/bodies/x.json', true],
  ['?.json', '/ws/a.json', true],
  ['?.json', '/ws/ab.json', false],
  ['?.json', '/ws/.json', false],
  ['*.{bdm,attach}.json', '/ws/x.attach.json', true],
  ['*.{bdm,attach}.json', '/ws/x.other.json', false],
  ['{a,b}/{c,d}.json', '/ws/b/c.json', true],
  ['{a,b}/{c,d}.json', '/ws/b/e.json', false],
  ['x{.json', '/ws/x{.json', true], // an unclosed brace is a character
  ['a+b(c).json', '/ws/a+b(c).json', true], // regex characters are plain characters
  ['a+b(c).json', '/ws/aab(c).json', false],
  ['[ab].json', '/ws/[ab].json', true],
  ['*', '/ws/x', true],
  ['', '/ws/x', false],
];

test('bdmLab.files globs match as VS Code file globs do', () => {
  for (const [glob, path, expected] of CASES) assert.equal(minimatch(path, glob), expected, `${glob} on ${path}`);
});

test('a glob that asks for more than 256 brace alternatives matches nothing (and expands nothing)', () => {
  const glob = '{a,b}'.repeat(9) + '.json'; // 512 alternatives
  assert.equal(minimatch('/ws/aaaaaaaaa.json', glob), false);
  assert.equal(minimatch('/ws/aaaaaaaa.json', '{a,b}'.repeat(8) + '.json'), true);
});

test('hostile globs from workspace settings finish at once (no backtracking)', { timeout: 120_000 }, () => {
  const hostile = [
    ['*a'.repeat(30) + 'b', '/ws/' + 'a'.repeat(80) + '.json'],
    ['**/'.repeat(40) + 'x', '/a'.repeat(400)],
    ['**a'.repeat(25) + 'b', '/ws/' + 'a/'.repeat(60) + 'c'],
  ];
  const code = `const { minimatch } = require(${JSON.stringify(join(ROOT, 'server/src/lsp/glob.ts'))});
    const cases = ${JSON.stringify(hostile)};
    process.stdout.write(JSON.stringify(cases.map(([g, p]) => minimatch(p, g))));`;
  const r = spawnSync(process.execPath, ['--import', 'tsx', '-e', code], { cwd: ROOT, timeout: 60_000, encoding: 'utf8' });
  assert.equal(r.signal, null, 'the matcher did not finish within the 60 s watchdog');
  assert.equal(r.status, 0, r.stderr);
  assert.deepEqual(JSON.parse(r.stdout), [false, false, false]);
});
