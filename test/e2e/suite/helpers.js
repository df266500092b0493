// Helpers for the extension-host suite: open a sample, wait for bdm-lab's diagnostics, find the
// text a range covers. They wait for events with a deadline instead of sleeping a fixed time.
'use strict';

const assert = require('node:assert/strict');
const path = require('node:path');
const vscode = require('vscode');

const EXTENSION_ID = 'bdm-lab.bdm-lab';
const SOURCE = 'bdm-lab';

function workspaceRoot() {
  const folder = vscode.workspace.workspaceFolders?.[0];
  assert.ok(folder, 'the test instance must open the sample workspace (samples/workspace or a copy of it)');
  return folder.uri;
}

function sampleUri(name) {
  return vscode.Uri.joinPath(workspaceRoot(), name);
}

async function openSample(name) {
  const doc = await vscode.workspace.openTextDocument(sampleUri(name));
  const editor = await vscode.window.showTextDocument(doc, { preview: false });
  return { doc, editor };
}

function sleep(ms) {
  return new Promise((r) => setTimeout(r, ms));
}

/** Polls `probe` (sync or async) until it returns a truthy value or the deadline passes. */
async function waitFor(probe, { timeout = 30_000, interval = 100, what = 'condition' } = {}) {
  const deadline = Date.now() + timeout;
  let last;
  for (;;) {
    last = await probe();
    if (last) return last;
    if (Date.now() > deadline) throw new Error(`timed out after ${timeout} ms waiting for ${what}`);
    await sleep(interval);
  }
}

function codeOf(diagnostic) {
  const code = diagnostic.code;
  if (code && typeof code === 'object') return String(code.value);
  return code === undefined ? undefined : String(code);
}

function bdmDiagnostics(uri) {
  return vscode.languages.getDiagnostics(uri).filter((d) => d.source === SOURCE);
}

function describe(diagnostics) {
  return diagnostics.map((d) => `${codeOf(d)}@${d.range.start.line + 1}:${d.range.start.character + 1}`).join(', ') || '(none)';
}

/** Waits until bdm-lab reports a diagnostic with every code in `codes` for `uri`. */
async function waitForCodes(uri, codes, timeout = 30_000) {
  try {
    return await waitFor(
      () => {
        const diagnostics = bdmDiagnostics(uri);
        const have = new Set(diagnostics.map(codeOf));
        return codes.every((c) => have.has(c)) ? diagnostics : undefined;
      },
      { timeout, what: `diagnostics ${codes.join(', ')}` },
    );
  } catch (error) {
    throw new Error(`${error.message}; ${path.basename(uri.path)} has: ${describe(bdmDiagnostics(uri))}`);
  }
}

/** Waits until no bdm-lab diagnostic with `code` is left for `uri`. */
async function waitForCodeGone(uri, code, timeout = 30_000) {
  try {
    await waitFor(() => !bdmDiagnostics(uri).some((d) => codeOf(d) === code), { timeout, what: `${code} to go away` });
  } catch (error) {
    throw new Error(`${error.message}; ${path.basename(uri.path)} has: ${describe(bdmDiagnostics(uri))}`);
  }
}

/** The [start, end) offsets of the `index`-th object in the block_device_mapping_v2 array. */
function entrySpan(doc, index) {
  const text = doc.getText();
  const arrayKey = text.indexOf('"block_device_mapping_v2"');
  assert.ok(arrayKey >= 0, 'no block_device_mapping_v2 in ' + doc.uri.path);
  let offset = text.indexOf('[', arrayKey);
  let depth = 0;
  let current = -1;
  let start = -1;
  for (offset += 1; offset < text.length; offset++) {
    const ch = text[offset];
    if (ch === '"') {
      // skip strings (the samples have no escaped quotes)
      offset = text.indexOf('"', offset + 1);
      continue;
    }
    if (ch === '{') {
      if (depth === 0) {
        current++;
        start = offset;
      }
      depth++;
    } else if (ch === '}') {
      depth--;
      if (depth === 0 && current === index) return { start, end: offset + 1 };
    } else if (ch === ']' && depth === 0) break;
  }
  throw new Error(`no entry ${index} in ${doc.uri.path}`);
}

function rangeOffsets(doc, range) {
  return { start: doc.offsetAt(range.start), end: doc.offsetAt(range.end) };
}

/** True when `range` lies within [span.start, span.end). */
function rangeWithin(doc, range, span) {
  const r = rangeOffsets(doc, range);
  return r.start >= span.start && r.end <= span.end;
}

/** The position just inside the first occurrence of `needle` at or after `from` (an offset). */
function positionOf(doc, needle, from = 0) {
  const offset = doc.getText().indexOf(needle, from);
  assert.ok(offset >= 0, `"${needle}" not found in ${doc.uri.path}`);
  return doc.positionAt(offset + 1);
}

function hoverText(hovers) {
  const parts = [];
  for (const hover of hovers || []) {
    for (const content of hover.contents) {
      if (typeof content === 'string') parts.push(content);
      else if (content && typeof content.value === 'string') parts.push(content.value);
    }
  }
  return parts.join('\n');
}

async function ensureActivated() {
  const extension = vscode.extensions.getExtension(EXTENSION_ID);
  assert.ok(extension, `extension ${EXTENSION_ID} is not installed in this instance`);
  if (!extension.isActive) await extension.activate();
  return extension;
}

/**
 * Runs a command and, if it opens a quick pick or an input box and keeps waiting for the user,
 * dismisses it after `settleMs` so the command can finish. Rejects if the command throws.
 */
async function runCommandSettled(id, args = [], settleMs = 1500) {
  let done = false;
  const execution = Promise.resolve(vscode.commands.executeCommand(id, ...args)).finally(() => {
    done = true;
  });
  const outcome = await Promise.race([execution.then(() => 'done'), sleep(settleMs).then(() => 'waiting')]);
  if (outcome === 'waiting' && !done) {
    await vscode.commands.executeCommand('workbench.action.closeQuickOpen');
  }
  return execution;
}

/** The code lenses VS Code shows on a document now (all providers, resolved up to 100). */
async function codeLenses(uri) {
  return (await vscode.commands.executeCommand('vscode.executeCodeLensProvider', uri, 100)) || [];
}

module.exports = {
  codeLenses,
  EXTENSION_ID,
  SOURCE,
  bdmDiagnostics,
  codeOf,
  describe,
  ensureActivated,
  entrySpan,
  hoverText,
  openSample,
  positionOf,
  rangeOffsets,
  rangeWithin,
  runCommandSettled,
  sampleUri,
  sleep,
  waitFor,
  waitForCodeGone,
  waitForCodes,
  workspaceRoot,
};
