// The UI suite: what a user sees in a real VS Code (code-server in Debian's Chromium) with the
// packaged VSIX installed. scripts/e2e/ui.mjs starts everything and calls these tests in order
// with { page, shot, listExtensions }; each returns nothing and throws on failure.
//
// Everything is driven by the keyboard (Ctrl+P, Ctrl+K Ctrl+I, F1): no pixel maths.
// Waits are for text or elements with a deadline, never a fixed sleep before a check.

import { readFileSync } from 'node:fs';
import { join } from 'node:path';

const EXTENSION_ID = 'bdm-lab.bdm-lab';

/** 1-based line and column of the first `needle` after `after` in a workspace file. */
function find(workspace, name, needle, after = '') {
  const text = readFileSync(join(workspace, name), 'utf8');
  const offset = text.indexOf(needle, after ? text.indexOf(after) : 0);
  if (offset < 0) throw new Error(`"${needle}" not found in ${name}`);
  const before = text.slice(0, offset).split('\n');
  return { line: before.length, column: before.at(-1).length + 1 };
}
const SQUIGGLE = '.monaco-editor .view-overlays .squiggly-error';

async function focusWorkbench(page) {
  await page.locator('.monaco-workbench').waitFor({ state: 'visible', timeout: 60_000 });
  // Close whatever popup or quick input might be open.
  await page.keyboard.press('Escape');
}

/** Opens a file of the workspace with Quick Open (Ctrl+P) and waits for its editor tab. */
async function openFile(page, name) {
  await focusWorkbench(page);
  await page.keyboard.press('Control+P');
  const input = page.locator('.quick-input-widget input');
  await input.waitFor({ state: 'visible', timeout: 10_000 });
  await input.fill(name);
  await page.locator('.quick-input-list .monaco-list-row', { hasText: name }).first().waitFor({ timeout: 10_000 });
  await page.keyboard.press('Enter');
  await page.locator('.tabs-container .tab.active', { hasText: name }).waitFor({ timeout: 10_000 });
  await page.locator('.editor-instance .monaco-editor .view-lines').first().waitFor({ timeout: 10_000 });
}

/** Moves the cursor with Go to Line (Quick Open with ":line:column"; the browser keeps Ctrl+G). */
async function goTo(page, line, column) {
  await page.keyboard.press('Control+P');
  const input = page.locator('.quick-input-widget input');
  await input.waitFor({ state: 'visible', timeout: 10_000 });
  await input.fill(`:${line}:${column}`);
  await page.locator('.quick-input-widget', { hasText: `line ${line}` }).first().waitFor({ timeout: 10_000 }).catch(() => {});
  await page.keyboard.press('Enter');
  await input.waitFor({ state: 'hidden', timeout: 10_000 });
  await page.locator('.statusbar', { hasText: `Ln ${line}, Col ${column}` }).waitFor({ timeout: 10_000 });
}

/** Runs a command from the palette by its title. */
async function runFromPalette(page, title) {
  await page.keyboard.press('F1');
  const input = page.locator('.quick-input-widget input');
  await input.waitFor({ state: 'visible', timeout: 10_000 });
  await input.fill(`>${title}`);
  await page.locator('.quick-input-list .monaco-list-row', { hasText: title }).first().waitFor({ timeout: 10_000 });
  await page.keyboard.press('Enter');
}

async function openProblems(page) {
  await page.keyboard.press('Control+Shift+M');
  await page.locator('.markers-panel').waitFor({ state: 'visible', timeout: 10_000 });
}

export const tests = [
  {
    name: 'the packaged VSIX is installed in code-server',
    async run({ listExtensions }) {
      const list = await listExtensions();
      if (!list.some((line) => line.toLowerCase().startsWith(EXTENSION_ID)))
        throw new Error(`${EXTENSION_ID} not in --list-extensions: ${list.join(', ') || '(none)'}`);
    },
  },
  {
    name: 'broken.bdm.json shows an error squiggle and Problems entries',
    async run({ page, shot }) {
      await openFile(page, 'broken.bdm.json');
      await page.locator(SQUIGGLE).first().waitFor({ state: 'attached', timeout: 30_000 });
      await shot('squiggle');
      await openProblems(page);
      const panel = page.locator('.markers-panel');
      await panel.getByText('BDM-COMPUTE-BOOT-SEQUENCE').first().waitFor({ timeout: 15_000 });
      await panel.getByText('BDM-DICT-IMAGE-LOCAL-BOOT').first().waitFor({ timeout: 15_000 });
      await panel.getByText('Mapping image to local is not supported.').first().waitFor({ timeout: 15_000 });
      await shot('problems');
      await page.keyboard.press('Control+Shift+M'); // toggle the panel away again
    },
  },
  {
    name: 'hovering an entry shows its Nova driver class',
    async run({ page, shot, workspace }) {
      await openFile(page, 'boot-from-volume.bdm.json');
      // The `{` of the first entry (image -> volume): the hover on an entry (a key inside it
      // shows that field's documentation instead).
      const brace = find(workspace, 'boot-from-volume.bdm.json', '{', '"block_device_mapping_v2"');
      await goTo(page, brace.line, brace.column);
      const hover = page.locator('.monaco-hover:not(.hidden)');
      const deadline = Date.now() + 20_000;
      // The language server may still be starting: ask again until the hover has the class.
      for (;;) {
        await page.keyboard.press('Control+K');
        await page.keyboard.press('Control+I');
        try {
          await hover.getByText('DriverVolImageBlockDevice').first().waitFor({ timeout: 3000 });
          break;
        } catch (error) {
          if (Date.now() > deadline) throw new Error('no hover naming DriverVolImageBlockDevice on the first entry');
          await page.keyboard.press('Escape');
        }
      }
      await shot('hover');
      await page.keyboard.press('Escape');
    },
  },
  {
    name: '"BDM: Set Microversion" 2.67 changes the verdict on volume-type.json',
    async run({ page, shot, workspace }) {
      // Only this file open, so the Problems panel lists its entries alone.
      await runFromPalette(page, 'View: Close All Editors');
      await openFile(page, 'volume-type.json');
      // Bring volume_type into view (the editor renders visible lines only).
      const key = find(workspace, 'volume-type.json', '"volume_type"');
      await goTo(page, key.line, key.column);
      const squiggles = page.locator(SQUIGGLE);
      await squiggles.first().waitFor({ state: 'attached', timeout: 30_000 });
      await openProblems(page);
      await page.locator('.markers-panel').getByText('BDM-SCHEMA-VOLUME-TYPE-MICROVERSION').first().waitFor({ timeout: 15_000 });
      await shot('microversion-before');
      await runFromPalette(page, 'BDM: Set Microversion');
      // The command asks for the microversion: an input box or a pick list, both take typing.
      const input = page.locator('.quick-input-widget input');
      await page.waitForFunction(
        () => {
          const el = document.querySelector('.quick-input-widget input');
          return el && el.offsetParent !== null && !el.value.startsWith('>');
        },
        undefined,
        { timeout: 10_000 },
      );
      await input.fill('2.67');
      await page.waitForTimeout(200); // let a pick list filter before Enter picks the first match
      await page.keyboard.press('Enter');
      await squiggles.first().waitFor({ state: 'detached', timeout: 20_000 });
      await page
        .locator('.markers-panel')
        .getByText('BDM-SCHEMA-VOLUME-TYPE-MICROVERSION')
        .first()
        .waitFor({ state: 'detached', timeout: 15_000 });
      // If the extension says so in a notification, let it finish fading in (not part of the check).
      await page
        .waitForFunction(
          () => [...document.querySelectorAll('.notification-toast')].some((t) => t.textContent.includes('2.67') && getComputedStyle(t).opacity === '1'),
          undefined,
          { timeout: 3000 },
        )
        .catch(() => {});
      await shot('microversion-after');
    },
  },
];
