// The extension-host suite: opens the samples of samples/workspace and checks, through the
// `vscode` API, what bdm-lab contributes there: diagnostics (codes and ranges), hovers, code
// lenses, code actions and every contributed command.
//
// VS Code loads this file as extensionTestsPath and calls run(). The same file runs in
// code-server (scripts/e2e/ext-host.mjs) and in desktop VS Code (scripts/e2e/desktop.mjs, through
// @vscode/test-electron). Both open a throw-away copy of samples/workspace, because
// "BDM: Set Microversion" writes into the workspace settings.
'use strict';

const assert = require('node:assert/strict');
const vscode = require('vscode');
const { test, runAll } = require('./harness');
const h = require('./helpers');

/** The boot sequence is a property of the list: somewhere between its key and its closing bracket. */
function assertBootSequenceInList(doc, diagnostics) {
  const text = doc.getText();
  const list = { start: text.indexOf('"block_device_mapping_v2"'), end: text.indexOf(']', h.entrySpan(doc, 2).end) + 1 };
  const bootSequence = diagnostics.filter((d) => h.codeOf(d) === 'BDM-COMPUTE-BOOT-SEQUENCE');
  assert.ok(
    bootSequence.some((d) => h.rangeWithin(doc, d.range, list)),
    `BDM-COMPUTE-BOOT-SEQUENCE should point into block_device_mapping_v2; got ${h.describe(bootSequence)}`,
  );
  assert.equal(bootSequence[0].severity, vscode.DiagnosticSeverity.Error);
}

const CONTRACT_COMMANDS = [
  'bdmLab.setMicroversion',
  'bdmLab.previewDomainDisks',
  'bdmLab.simulateAttach',
  'bdmLab.selectLabHost',
  'bdmLab.showOutput',
];

test('the extension activates on a JSON document', async () => {
  await h.openSample('boot-from-volume.bdm.json');
  const extension = await h.ensureActivated();
  assert.equal(extension.isActive, true);
  assert.equal(extension.packageJSON.engines.vscode, '^1.100.0');
});

test('hover on a boot-from-volume entry names the Nova driver class', async () => {
  const { doc } = await h.openSample('boot-from-volume.bdm.json');
  await h.ensureActivated();
  const expectations = [
    { index: 0, driver: 'DriverVolImageBlockDevice' }, // image -> volume
    { index: 1, driver: 'DriverVolumeBlockDevice' }, // volume -> volume
  ];
  for (const { index, driver } of expectations) {
    const span = h.entrySpan(doc, index);
    // Any of these places inside the entry is "on the entry".
    const positions = [h.positionOf(doc, '"source_type"', span.start), doc.positionAt(span.start), h.positionOf(doc, '"uuid"', span.start)];
    const text = await h.waitFor(
      async () => {
        for (const position of positions) {
          const hovers = await vscode.commands.executeCommand('vscode.executeHoverProvider', doc.uri, position);
          const text = h.hoverText(hovers);
          if (text.includes(driver)) return text;
        }
        return undefined;
      },
      { timeout: 20_000, interval: 500, what: `a hover naming ${driver} on entry ${index}` },
    );
    assert.match(text, new RegExp(driver));
  }
});

test('a valid server-create body gets no bdm-lab errors', async () => {
  const { doc } = await h.openSample('boot-from-volume.bdm.json');
  await h.ensureActivated();
  // The hover test proved the server is answering; give a debounced publish time to arrive,
  // then nothing of severity Error may be there (information about skipped rules is fine).
  await h.sleep(2000);
  const errors = h.bdmDiagnostics(doc.uri).filter((d) => d.severity === vscode.DiagnosticSeverity.Error);
  assert.deepEqual(errors.map(h.codeOf), []);
});

test('broken.bdm.json: duplicate boot_index 0 and image->local off the root, each at its place', async () => {
  const { doc } = await h.openSample('broken.bdm.json');
  await h.ensureActivated();
  const diagnostics = await h.waitForCodes(doc.uri, ['BDM-COMPUTE-BOOT-SEQUENCE', 'BDM-DICT-IMAGE-LOCAL-BOOT']);
  for (const d of diagnostics) {
    assert.ok(!d.range.isEmpty, `${h.codeOf(d)} has an empty range`);
    assert.equal(d.source, 'bdm-lab');
  }
  // image -> local is the third entry (index 2): the diagnostic points inside it.
  const imageLocal = diagnostics.filter((d) => h.codeOf(d) === 'BDM-DICT-IMAGE-LOCAL-BOOT');
  const third = h.entrySpan(doc, 2);
  assert.ok(
    imageLocal.some((d) => h.rangeWithin(doc, d.range, third)),
    `BDM-DICT-IMAGE-LOCAL-BOOT should point into entry 2 (offsets ${third.start}-${third.end}); got ${h.describe(imageLocal)}`,
  );
  assert.equal(imageLocal[0].severity, vscode.DiagnosticSeverity.Error);
  assert.match(imageLocal[0].message, /Mapping image to local is not supported\./);
  assertBootSequenceInList(doc, diagnostics);
  const first = h.entrySpan(doc, 0);
  assert.ok(!imageLocal.some((d) => h.rangeWithin(doc, d.range, first)), 'entry 0 wrongly blamed for image->local');

  // Fix entry 2 in the editor (image -> volume with a size) without saving.
  const text = doc.getText();
  const at = text.indexOf('"destination_type": "local"', third.start);
  assert.ok(at > 0 && at < third.end, 'entry 2 has no "destination_type": "local"');
  const edit = new vscode.WorkspaceEdit();
  const range = new vscode.Range(doc.positionAt(at), doc.positionAt(at + '"destination_type": "local"'.length));
  edit.replace(doc.uri, range, '"destination_type": "volume", "volume_size": 1');
  assert.ok(await vscode.workspace.applyEdit(edit), 'the edit was not applied');
  try {
    // image -> local goes away, the duplicate boot_index 0 stays.
    await h.waitForCodeGone(doc.uri, 'BDM-DICT-IMAGE-LOCAL-BOOT');
    assertBootSequenceInList(doc, await h.waitForCodes(doc.uri, ['BDM-COMPUTE-BOOT-SEQUENCE']));
  } finally {
    await vscode.window.showTextDocument(doc);
    await vscode.commands.executeCommand('workbench.action.files.revert');
  }
  assert.equal(doc.isDirty, false);
});

test('code actions are offered for bdm-lab diagnostics', async () => {
  const offered = [];
  for (const [name, codes] of [
    ['broken.bdm.json', ['BDM-COMPUTE-BOOT-SEQUENCE', 'BDM-DICT-IMAGE-LOCAL-BOOT']],
    ['volume-type.json', ['BDM-SCHEMA-VOLUME-TYPE-MICROVERSION']],
  ]) {
    const { doc } = await h.openSample(name);
    const diagnostics = await h.waitForCodes(doc.uri, codes);
    for (const d of diagnostics) {
      const actions = (await vscode.commands.executeCommand('vscode.executeCodeActionProvider', doc.uri, d.range)) || [];
      for (const a of actions) {
        const forUs = (a.diagnostics || []).some((x) => x.source === 'bdm-lab');
        offered.push({ file: name, code: h.codeOf(d), title: a.title, kind: a.kind?.value, forUs });
      }
    }
  }
  const ours = offered.filter((a) => a.forUs || /bdm|nova|microversion|boot/i.test(a.title));
  assert.ok(ours.length > 0, `no code action refers to a bdm-lab diagnostic; offered: ${JSON.stringify(offered)}`);
  for (const a of ours) assert.ok(a.title && a.title.trim(), 'a code action without a title');
});

test('volume-type.json: volume_type needs 2.67, and "BDM: Set Microversion" 2.67 clears it', async () => {
  const { doc } = await h.openSample('volume-type.json');
  await h.ensureActivated();
  const before = vscode.workspace.getConfiguration('bdmLab').get('microversion') ?? '2.1';
  const diagnostics = await h.waitForCodes(doc.uri, ['BDM-SCHEMA-VOLUME-TYPE-MICROVERSION']);
  const gate = diagnostics.find((d) => h.codeOf(d) === 'BDM-SCHEMA-VOLUME-TYPE-MICROVERSION');
  const line = doc.lineAt(gate.range.start.line).text;
  assert.match(line, /volume_type/, `the diagnostic should sit on the volume_type line, not on: ${line.trim()}`);
  assert.match(doc.getText(gate.range), /volume_type|lvmdriver-1/);
  try {
    await vscode.commands.executeCommand('bdmLab.setMicroversion', '2.67');
    await h.waitForCodeGone(doc.uri, 'BDM-SCHEMA-VOLUME-TYPE-MICROVERSION');
    const errors = h.bdmDiagnostics(doc.uri).filter((d) => d.severity === vscode.DiagnosticSeverity.Error);
    assert.deepEqual(errors.map(h.codeOf), [], 'at 2.67 the payload is valid');
  } finally {
    await vscode.commands.executeCommand('bdmLab.setMicroversion', String(before)).then(undefined, () => {});
  }
  // Back at the old microversion the verdict comes back: the setting really drives it.
  await h.waitForCodes(doc.uri, ['BDM-SCHEMA-VOLUME-TYPE-MICROVERSION']);
});

test('code lenses: "Preview libvirt XML" above entries, "Simulate Attach" on a volumeAttachment', async () => {
  const { doc } = await h.openSample('boot-from-volume.bdm.json');
  await h.ensureActivated();
  const registered = new Set(await vscode.commands.getCommands(true));
  const lenses = await h.waitFor(
    async () => {
      const all = (await vscode.commands.executeCommand('vscode.executeCodeLensProvider', doc.uri, 100)) || [];
      const preview = all.filter((l) => /Preview libvirt XML/i.test(l.command?.title || ''));
      return preview.length ? preview : undefined;
    },
    { timeout: 20_000, interval: 500, what: '"Preview libvirt XML" code lenses' },
  );
  for (const index of [0, 1]) {
    const span = h.entrySpan(doc, index);
    const startLine = doc.positionAt(span.start).line;
    const endLine = doc.positionAt(span.end).line;
    assert.ok(
      lenses.some((l) => l.range.start.line >= startLine - 1 && l.range.start.line <= endLine),
      `no "Preview libvirt XML" lens at entry ${index} (lines ${startLine + 1}-${endLine + 1})`,
    );
  }
  for (const l of lenses) assert.ok(registered.has(l.command.command), `lens command ${l.command.command} is not registered`);

  const attach = await h.openSample('attach.json');
  const attachLenses = await h.waitFor(
    async () => {
      const all = (await vscode.commands.executeCommand('vscode.executeCodeLensProvider', attach.doc.uri, 100)) || [];
      const simulate = all.filter((l) => /Simulate Attach/i.test(l.command?.title || ''));
      return simulate.length ? simulate : undefined;
    },
    { timeout: 20_000, interval: 500, what: '"Simulate Attach" code lens' },
  );
  assert.ok(registered.has(attachLenses[0].command.command), `lens command ${attachLenses[0].command.command} is not registered`);
});

test('every contributed command is registered and runs', async () => {
  const extension = await h.ensureActivated();
  const contributed = (extension.packageJSON.contributes?.commands || []).map((c) => c.command);
  const registered = new Set(await vscode.commands.getCommands(true));
  const ids = [...new Set([...CONTRACT_COMMANDS, ...contributed])];
  const missing = ids.filter((id) => !registered.has(id));
  assert.deepEqual(missing, [], 'commands contributed or promised but not registered');

  const failures = [];
  const before = vscode.workspace.getConfiguration('bdmLab').get('microversion') ?? '2.1';
  for (const id of ids) {
    // Give each command the document it works on.
    const sample = id === 'bdmLab.simulateAttach' ? 'attach.json' : 'boot-from-volume.bdm.json';
    await h.openSample(sample);
    const args = id === 'bdmLab.setMicroversion' ? [String(before)] : [];
    try {
      await h.runCommandSettled(id, args);
    } catch (error) {
      failures.push(`${id}: ${error.message || error}`);
    }
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  }
  assert.deepEqual(failures, [], 'commands that threw');
  assert.equal(vscode.workspace.getConfiguration('bdmLab').get('microversion') ?? '2.1', before);
});

async function run() {
  const { failed } = await runAll('bdm-lab extension host');
  if (failed) throw new Error(`${failed} extension-host test(s) failed`);
}

module.exports = { run };
