/** The getting-started walkthrough (issue 16): its pages exist and ship, its links go somewhere. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

const ROOT = join(__dirname, '..', '..');
const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8'));

test('every step has a page that exists, a completion event, and links only to contributed or built-in commands', () => {
  const [w] = pkg.contributes.walkthroughs;
  assert.equal(w.id, 'gettingStarted');
  assert.ok(w.steps.length >= 5);
  const contributed = new Set(pkg.contributes.commands.map((c: { command: string }) => c.command));
  const builtIn = new Set(['workbench.actions.view.problems', 'editor.action.quickFix']);
  for (const st of w.steps) {
    assert.ok(existsSync(join(ROOT, st.media.markdown)), st.media.markdown);
    assert.ok(st.completionEvents.length > 0, st.id);
    for (const m of st.description.matchAll(/\(command:([\w.]+)(\?[^)]*)?\)/g)) {
      assert.ok(contributed.has(m[1]) || builtIn.has(m[1]), `${st.id}: ${m[1]}`);
      if (m[2]) assert.doesNotThrow(() => JSON.parse(decodeURIComponent(m[2].slice(1))), `${st.id}: arguments of ${m[1]}`);
    }
    for (const e of st.completionEvents) {
      const cmd = /^onCommand:(.+)$/.exec(e)?.[1];
      if (cmd) assert.ok(contributed.has(cmd) || builtIn.has(cmd), `${st.id}: ${e}`);
    }
  }
});

test('the samples the walkthrough opens exist and the VSIX ships them with the pages', () => {
  const ignore = readFileSync(join(ROOT, '.vscodeignore'), 'utf8').split('\n');
  assert.ok(ignore.includes('!media/walkthrough/*.md'));
  assert.ok(ignore.includes('!samples/workspace/*.json'));
  const src = readFileSync(join(ROOT, 'client', 'src', 'samples.ts'), 'utf8');
  const map = /const samples: Record<string, string> = (\{[^}]*\})/.exec(src);
  assert.ok(map, 'the sample map in bdmLab.openSample');
  for (const f of map[1].matchAll(/'([\w.-]+\.json)'/g)) assert.ok(existsSync(join(ROOT, 'samples', 'workspace', f[1])), f[1]);
  for (const m of JSON.stringify(pkg.contributes.walkthroughs).matchAll(/openSample\?%5B%22([\w-]+)%22%5D/g)) assert.match(map[1], new RegExp(`'?${m[1]}'?:`), m[1]);
});

test('the preview language: its grammar embeds VS Code\'s XML, its editors wrap, the VSIX ships the grammar', () => {
  const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { contributes: { languages: Array<{ id: string }>; grammars: Array<{ language: string; scopeName: string; path: string }>; configurationDefaults: Record<string, Record<string, unknown>> } };
  assert.ok(pkg.contributes.languages.some((l) => l.id === 'bdm-disks-xml'));
  const g = pkg.contributes.grammars.find((x) => x.language === 'bdm-disks-xml')!;
  const grammar = JSON.parse(readFileSync(join(ROOT, g.path), 'utf8')) as { scopeName: string; patterns: Array<{ include: string }> };
  assert.equal(grammar.scopeName, g.scopeName);
  assert.deepEqual(grammar.patterns, [{ include: 'text.xml' }]);
  assert.equal(pkg.contributes.configurationDefaults['[bdm-disks-xml]']!['editor.wordWrap'], 'on');
  const ignore = readFileSync(join(ROOT, '.vscodeignore'), 'utf8').split('\n');
  assert.ok(ignore.includes('!syntaxes/**'), 'the VSIX keeps syntaxes/');
  const client = readFileSync(join(ROOT, 'client', 'src', 'preview.ts'), 'utf8');
  assert.match(client, /setTextDocumentLanguage\(doc, PREVIEW_LANGUAGE\)/);
});
