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
      { timeout: 30_000, interval: 500, what: `a hover naming ${driver} on entry ${index}` },
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
    await vscode.commands.executeCommand('bdmLab.setMicroversion', '2.67', { target: 'workspace' });
    await h.waitForCodeGone(doc.uri, 'BDM-SCHEMA-VOLUME-TYPE-MICROVERSION');
    const errors = h.bdmDiagnostics(doc.uri).filter((d) => d.severity === vscode.DiagnosticSeverity.Error);
    assert.deepEqual(errors.map(h.codeOf), [], 'at 2.67 the payload is valid');
  } finally {
    await vscode.commands.executeCommand('bdmLab.setMicroversion', String(before), { target: 'workspace' }).then(undefined, () => {});
  }
  // Back at the old microversion the verdict comes back: the setting really drives it.
  await h.waitForCodes(doc.uri, ['BDM-SCHEMA-VOLUME-TYPE-MICROVERSION']);
});

test('"BDM: Set Microversion" and "Select Lab Host" ask where to write before they write (cancel: nothing written)', async () => {
  await h.openSample('volume-type.json');
  await h.ensureActivated();
  const config = () => vscode.workspace.getConfiguration('bdmLab').inspect('microversion');
  const before = config();
  const asked = [];
  const saved = vscode.window.showInformationMessage;
  // Every dialog is answered "cancel" (undefined), as Escape does.
  vscode.window.showInformationMessage = (...args) => {
    asked.push({ message: args[0], options: args[1], buttons: args.slice(2).map((b) => (typeof b === 'string' ? b : b.title)) });
    return Promise.resolve(undefined);
  };
  try {
    await vscode.commands.executeCommand('bdmLab.setMicroversion', '2.67');
    await vscode.commands.executeCommand('bdmLab.selectLabHost', 'iscsi');
  } finally {
    vscode.window.showInformationMessage = saved;
  }
  assert.equal(asked.length, 2, JSON.stringify(asked));
  assert.match(asked[0].message, /Where should bdm-lab keep bdmLab\.microversion = 2\.67\?/);
  assert.equal(asked[0].options.modal, true);
  assert.match(asked[0].options.detail, /writes .*\.vscode\/settings\.json/);
  assert.deepEqual(asked[0].buttons, ['Workspace settings', 'User settings']);
  assert.match(asked[1].message, /bdmLab\.labHost = iscsi/);
  const after = config();
  assert.equal(after.workspaceValue, before.workspaceValue, 'cancelled: the workspace setting is unchanged');
  assert.equal(after.globalValue, before.globalValue, 'cancelled: the user setting is unchanged');
  assert.notEqual(vscode.workspace.getConfiguration('bdmLab').get('labHost'), 'iscsi');
});

test('the walkthrough\'s "Open a broken payload" opens an untitled copy, judged by content', async () => {
  await h.ensureActivated();
  const uri = await vscode.commands.executeCommand('bdmLab.openSample', 'broken');
  try {
    assert.match(String(uri), /^untitled:/);
    const doc = vscode.window.activeTextEditor.document;
    assert.equal(doc.uri.toString(), uri);
    assert.equal(doc.languageId, 'json');
    assert.match(doc.getText(), /"broken-demo"/);
    await h.waitForCodes(doc.uri, ['BDM-COMPUTE-BOOT-SEQUENCE', 'BDM-DICT-IMAGE-LOCAL-BOOT']);
  } finally {
    await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
  }
  const extension = await h.ensureActivated();
  const walkthrough = extension.packageJSON.contributes.walkthroughs[0];
  const registered = new Set(await vscode.commands.getCommands(true));
  const linked = walkthrough.steps.flatMap((st) => [...st.description.matchAll(/\(command:([\w.]+)/g)].map((m) => m[1]));
  assert.ok(linked.length >= 6, linked.join(' '));
  assert.deepEqual(linked.filter((c) => !registered.has(c)), [], 'walkthrough links to commands that do not exist');
});

test('code lenses: "Preview libvirt XML" above entries, "Simulate Attach" on a volumeAttachment', async () => {
  const { doc } = await h.openSample('boot-from-volume.bdm.json');
  await h.ensureActivated();
  const registered = new Set(await vscode.commands.getCommands(true));
  const lenses = await h.waitFor(
    async () => {
      const all = await h.codeLenses(doc.uri);
      const preview = all.filter((l) => /Preview libvirt XML/i.test(l.command?.title || ''));
      return preview.length ? preview : undefined;
    },
    { timeout: 30_000, interval: 500, what: '"Preview libvirt XML" code lenses' },
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
      const all = await h.codeLenses(attach.doc.uri);
      const simulate = all.filter((l) => /Simulate Attach/i.test(l.command?.title || ''));
      return simulate.length ? simulate : undefined;
    },
    { timeout: 30_000, interval: 500, what: '"Simulate Attach" code lens' },
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
    const sample = id.startsWith('bdmLab.simulateAttach') ? 'attach.json' : 'boot-from-volume.bdm.json';
    await h.openSample(sample);
    const args = id === 'bdmLab.setMicroversion' ? [String(before), { target: 'workspace' }] : [];
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

// ---------------------------------------------------------------------------------------------
// The features that came with the preview, the attach simulator, quick fixes, completion, the
// outline and libvirt XML files.
// ---------------------------------------------------------------------------------------------
const PREVIEW_SCHEME = 'bdm-lab-preview';
const WEB_1 = 'a1b2c3d4-e5f6-4a7b-8c9d-0e1f2a3b4c01';
const EMC_VOLUME = 'e8f58c95-3f8a-40dc-861d-163ce68fcdaf'; // the only volume of newton-emc-multipath
const NEWTON_VM = '62b302e5-6d95-4e61-8dd4-6aa8b1049545';

function allTabs() {
  return vscode.window.tabGroups.all.flatMap((g) => g.tabs);
}

function webviewTab(label) {
  return allTabs().find((t) => t.input instanceof vscode.TabInputWebview && t.label === label);
}

function describeTabs() {
  return allTabs().map((t) => `${t.label} [${t.input?.constructor?.name ?? typeof t.input}]`).join(', ') || '(no tabs)';
}

/**
 * Records what the extension says through error and warning notifications while `fn` runs.
 * The suite lives inside the extension's folder, so `require('vscode')` hands it the extension's
 * own API object and the wrappers see the extension's calls (a negative control proves it).
 */
async function recordingMessages(fn) {
  const calls = [];
  const saved = {};
  for (const k of ['showErrorMessage', 'showWarningMessage']) {
    saved[k] = vscode.window[k];
    vscode.window[k] = (...args) => {
      calls.push(`${k}: ${args[0]}`);
      return saved[k].apply(vscode.window, args);
    };
  }
  try {
    await fn();
  } finally {
    for (const k of Object.keys(saved)) vscode.window[k] = saved[k];
  }
  return calls;
}

async function revert(doc) {
  await vscode.window.showTextDocument(doc);
  await vscode.commands.executeCommand('workbench.action.files.revert');
  assert.equal(doc.isDirty, false, `${doc.uri.path} is still dirty after revert`);
}

function labelOf(item) {
  return typeof item.label === 'string' ? item.label : item.label.label;
}

test('hover on an entry shows the libvirt device and the <disk> XML', async () => {
  const { doc } = await h.openSample('boot-from-volume.bdm.json');
  await h.ensureActivated();
  const span = h.entrySpan(doc, 0); // image -> volume, boot_index 0: the root disk
  const text = await h.waitFor(
    async () => {
      const hovers = await vscode.commands.executeCommand('vscode.executeHoverProvider', doc.uri, doc.positionAt(span.start));
      const t = h.hoverText(hovers);
      return t.includes('<disk') ? t : undefined;
    },
    { timeout: 30_000, interval: 500, what: 'a hover with <disk> XML on entry 0' },
  );
  assert.match(text, /DriverVolImageBlockDevice/);
  assert.match(text, /\/dev\/vda/);
  assert.match(text, /virtio/);
  assert.match(text, /```xml[\s\S]*<disk type="block" device="disk">[\s\S]*<target dev="vda" bus="virtio"\/>[\s\S]*```/);
  // On a field key: the field's documentation first, then the same device lines.
  const key = h.positionOf(doc, '"volume_size"', span.start);
  const keyText = h.hoverText(await vscode.commands.executeCommand('vscode.executeHoverProvider', doc.uri, key));
  assert.match(keyText, /volume_size/);
  assert.match(keyText, /<disk/, `the hover on "volume_size" has no <disk> XML:\n${keyText}`);
  assert.ok(keyText.indexOf('volume_size') < keyText.indexOf('<disk'), 'the field doc should come before the XML');
});

test('code lenses name the driver class, and a server payload gets "Simulate Attach (boot from volume)"', async () => {
  const { doc } = await h.openSample('boot-from-volume.bdm.json');
  await h.ensureActivated();
  const titles = await h.waitFor(
    async () => {
      const all = await h.codeLenses(doc.uri);
      const t = all.map((l) => l.command?.title || '');
      return t.some((x) => x.startsWith('Preview libvirt XML')) ? t : undefined;
    },
    { timeout: 30_000, interval: 500, what: 'code lenses on boot-from-volume.bdm.json' },
  );
  assert.ok(titles.includes('Preview libvirt XML · DriverVolImageBlockDevice'), `lens titles: ${titles.join(' | ')}`);
  assert.ok(titles.includes('Preview libvirt XML · DriverVolumeBlockDevice'), `lens titles: ${titles.join(' | ')}`);
  assert.ok(titles.includes('$(play) Simulate Attach (boot from volume)'), `lens titles: ${titles.join(' | ')}`);
  const attach = await h.openSample('attach.json');
  const attachTitles = await h.waitFor(
    async () => {
      const all = await h.codeLenses(attach.doc.uri);
      return all.length ? all.map((l) => l.command?.title || '') : undefined;
    },
    { timeout: 30_000, interval: 500, what: 'code lenses on attach.json' },
  );
  assert.ok(attachTitles.includes('$(play) Simulate Attach'), `lens titles: ${attachTitles.join(' | ')}`);
});

test('"BDM: Preview Domain Disks" opens a read-only <devices> preview beside, updated as the payload changes', async () => {
  const { doc } = await h.openSample('boot-from-volume.bdm.json');
  await h.ensureActivated();
  await vscode.commands.executeCommand('bdmLab.previewDomainDisks', doc.uri);
  const previewDoc = await h.waitFor(
    () => vscode.workspace.textDocuments.find((d) => d.uri.scheme === PREVIEW_SCHEME && d.getText().includes('<devices>')),
    { timeout: 30_000, what: `a ${PREVIEW_SCHEME}: document with <devices>` },
  );
  assert.equal(previewDoc.uri.path, '/boot-from-volume.bdm.json.disks.xml');
  // issue 16: its own language, whose editors wrap long lines (XML colouring kept)
  assert.equal(previewDoc.languageId, 'bdm-disks-xml');
  assert.equal(vscode.workspace.getConfiguration('editor', { languageId: 'bdm-disks-xml' }).get('wordWrap'), 'on');
  const text = previewDoc.getText();
  assert.match(text, /<devices>[\s\S]*<disk type="block" device="disk">[\s\S]*<\/devices>/);
  assert.match(text, /<target dev="vda" bus="virtio"\/>/);
  assert.match(text, /<target dev="vdb" bus="virtio"\/>/);
  const editor = vscode.window.visibleTextEditors.find((e) => e.document === previewDoc);
  assert.ok(editor, 'the preview is not visible');
  assert.notEqual(editor.viewColumn, vscode.window.activeTextEditor?.viewColumn, 'the preview should open beside the payload');
  assert.equal(vscode.window.activeTextEditor?.document, doc, 'the payload should keep the focus');

  // Put the volume -> volume entry on the SCSI bus: the preview follows without being reopened.
  const span = h.entrySpan(doc, 1);
  const at = doc.getText().indexOf('"destination_type": "volume"', span.start) + '"destination_type": "volume"'.length;
  const edit = new vscode.WorkspaceEdit();
  edit.insert(doc.uri, doc.positionAt(at), ', "disk_bus": "scsi"');
  assert.ok(await vscode.workspace.applyEdit(edit), 'the edit was not applied');
  try {
    await h.waitFor(() => previewDoc.getText().includes('<target dev="sda" bus="scsi"/>'), {
      timeout: 30_000,
      what: 'the preview to show the volume on bus scsi',
    }).catch((error) => {
      throw new Error(`${error.message}; preview now:\n${previewDoc.getText()}`);
    });
  } finally {
    await revert(doc);
  }
  await h.waitFor(() => previewDoc.getText().includes('<target dev="vdb" bus="virtio"/>'), { timeout: 30_000, what: 'the preview to follow the revert' });
});

test('"BDM: Simulate Attach" on attach.json with web-1 opens the attach panel, no error or warning', async () => {
  const { doc } = await h.openSample('attach.json');
  await h.ensureActivated();
  // Negative control: a volume the lab host does not know is an error notification and no panel.
  const control = await recordingMessages(() =>
    vscode.commands.executeCommand('bdmLab.simulateAttach', doc.uri, { instance: WEB_1, volume: '00000000-0000-4000-8000-000000000000' }),
  );
  assert.ok(
    control.some((c) => c.startsWith('showErrorMessage: bdm-lab:') && /not on lab host/.test(c)),
    `the unknown-volume control raised no "not on lab host" error (so the recorder sees nothing): ${JSON.stringify(control)}`,
  );
  assert.equal(webviewTab('Simulate Attach: attach.json'), undefined, 'a panel opened for a failed simulation');

  const calls = await recordingMessages(() => vscode.commands.executeCommand('bdmLab.simulateAttach', doc.uri, { instance: WEB_1 }));
  assert.deepEqual(calls, [], 'Simulate Attach with web-1 raised notifications');
  const tab = await h.waitFor(() => webviewTab('Simulate Attach: attach.json'), { timeout: 30_000, what: 'the "Simulate Attach: attach.json" webview tab' }).catch(
    (error) => {
      throw new Error(`${error.message}; tabs: ${describeTabs()}`);
    },
  );
  assert.match(tab.input.viewType, /bdmLab\.attach$/);
  assert.notEqual(tab.group.viewColumn, vscode.window.activeTextEditor?.viewColumn, 'the panel should open beside the body');
});

test('"BDM: Select Lab Host" newton-emc-multipath: Simulate Attach runs there, then back to default', async () => {
  const { doc } = await h.openSample('attach.json');
  await h.ensureActivated();
  const before = vscode.workspace.getConfiguration('bdmLab').inspect('labHost')?.workspaceValue;
  try {
    await vscode.commands.executeCommand('bdmLab.selectLabHost', 'newton-emc-multipath', { target: 'workspace' });
    assert.equal(vscode.workspace.getConfiguration('bdmLab').get('labHost'), 'newton-emc-multipath');
    // The sample volume lives on the default lab host only: the multipath host refuses it...
    const refused = await recordingMessages(() => vscode.commands.executeCommand('bdmLab.simulateAttach', doc.uri, { instance: NEWTON_VM }));
    assert.ok(refused.some((c) => /not on lab host "newton-emc-multipath"/.test(c)), `expected "not on lab host", got ${JSON.stringify(refused)}`);
    // ...and attaches its own EMC volume (after the long iSCSI logins into the dead portal).
    const calls = await recordingMessages(() =>
      vscode.commands.executeCommand('bdmLab.simulateAttach', doc.uri, { instance: NEWTON_VM, volume: EMC_VOLUME }),
    );
    assert.deepEqual(calls, []);
    await h.waitFor(() => webviewTab('Simulate Attach: attach.json'), { timeout: 30_000, what: 'the attach panel' });
  } finally {
    await vscode.workspace.getConfiguration('bdmLab').update('labHost', before, vscode.ConfigurationTarget.Workspace);
  }
});

test('quick fixes: "Renumber boot indexes into 0..n-1" and "Make it image→volume" clear their diagnostics', async () => {
  const { doc } = await h.openSample('broken.bdm.json');
  await h.ensureActivated();
  for (const [code, title] of [
    ['BDM-COMPUTE-BOOT-SEQUENCE', 'Renumber boot indexes into 0..n-1'],
    ['BDM-DICT-IMAGE-LOCAL-BOOT', 'Make it image→volume with a 10 GiB volume'],
  ]) {
    const diagnostics = await h.waitForCodes(doc.uri, [code]);
    const d = diagnostics.find((x) => h.codeOf(x) === code);
    // the server lists its formatted edits lazily: VS Code resolves an action (codeAction/resolve)
    // when it is applied; here the command resolves the first 20, as applying one does
    const listed = (await vscode.commands.executeCommand('vscode.executeCodeActionProvider', doc.uri, d.range, vscode.CodeActionKind.QuickFix.value)) || [];
    const actions = (await vscode.commands.executeCommand('vscode.executeCodeActionProvider', doc.uri, d.range, vscode.CodeActionKind.QuickFix.value, 20)) || [];
    const fix = actions.find((a) => a.title === title);
    assert.ok(fix, `no "${title}" for ${code}; offered: ${actions.map((a) => a.title).join(' | ') || '(none)'}`);
    if (code === 'BDM-DICT-IMAGE-LOCAL-BOOT') assert.equal(listed.find((a) => a.title === title)?.edit, undefined, `"${title}" is listed without its edit (resolved on use)`);
    assert.ok(fix.edit, `"${title}" carries no edit once resolved`);
    assert.ok(fix.kind && vscode.CodeActionKind.QuickFix.contains(fix.kind), `"${title}" is not a quick fix (${fix.kind?.value})`);
    // (vscode.executeCodeActionProvider does not hand back CodeAction.diagnostics: asked on the
    // diagnostic's range, and applying the edit below makes exactly that diagnostic go away.)
    assert.equal(fix.isPreferred, true, `"${title}" should be the preferred fix`);
    assert.ok(await vscode.workspace.applyEdit(fix.edit), `"${title}" was not applied`);
    try {
      await h.waitForCodeGone(doc.uri, code);
      JSON.parse(doc.getText()); // still JSON
      if (code === 'BDM-COMPUTE-BOOT-SEQUENCE') {
        const boots = [...doc.getText().matchAll(/"boot_index":\s*(-?\d+)/g)].map((m) => Number(m[1]));
        assert.deepEqual(boots, [0, 1, 2]);
        await h.waitForCodes(doc.uri, ['BDM-DICT-IMAGE-LOCAL-BOOT']); // the other problem stays
      } else {
        assert.match(doc.getText(), /"source_type": "image",\s*"destination_type": "volume",\s*"volume_size": 10/);
      }
    } finally {
      await revert(doc);
    }
    await h.waitForCodes(doc.uri, [code]); // back after the revert
  }
});

test('completion: a volume-sourced entry gets only "volume" as destination_type from bdm-lab', async () => {
  const { doc } = await h.openSample('boot-from-volume.bdm.json');
  await h.ensureActivated();
  const valueAt = (index, key) => {
    const span = h.entrySpan(doc, index);
    const k = doc.getText().indexOf(`"${key}": "`, span.start);
    assert.ok(k > span.start && k < span.end, `no ${key} in entry ${index}`);
    return doc.positionAt(k + `"${key}": "`.length); // just inside the value's quotes
  };
  const ours = async (position) => {
    const list = await vscode.commands.executeCommand('vscode.executeCompletionItemProvider', doc.uri, position);
    // bdm-lab's items say what the value does; the JSON schema's examples carry no detail.
    return list.items.filter((i) => i.detail && i.kind === vscode.CompletionItemKind.Value);
  };
  const volumeItems = await h.waitFor(
    async () => {
      const items = await ours(valueAt(1, 'destination_type'));
      return items.length ? items : undefined;
    },
    { timeout: 30_000, interval: 500, what: 'bdm-lab completion items at destination_type of entry 1' },
  );
  assert.deepEqual(volumeItems.map(labelOf), ['"volume"'], `items: ${volumeItems.map((i) => `${labelOf(i)} (${i.detail})`).join(', ')}`);
  assert.match(volumeItems[0].detail, /attached as a volume/);
  // An image-sourced entry gets both, each explained.
  const imageItems = await ours(valueAt(0, 'destination_type'));
  assert.deepEqual(imageItems.map(labelOf).sort(), ['"local"', '"volume"']);
  // Keys: inside an entry, the keys it does not have yet.
  const span = h.entrySpan(doc, 1);
  const keyPos = doc.positionAt(doc.getText().indexOf('"uuid"', span.start));
  const keys = (await vscode.commands.executeCommand('vscode.executeCompletionItemProvider', doc.uri, keyPos)).items.map(labelOf);
  assert.ok(keys.includes('disk_bus') || keys.includes('"disk_bus"'), `no disk_bus key offered: ${keys.join(', ')}`);
});

// Issue 16: the outline listed each entry twice (VS Code's JSON symbols and bdm-lab's). With VS
// Code's JSON support present, bdm-lab leaves a body's outline to it: each entry appears once.
test('document symbols: each entry once (VS Code\'s JSON outline; bdm-lab adds no second list)', async () => {
  const { doc } = await h.openSample('boot-from-volume.bdm.json');
  await h.ensureActivated();
  const flatten = (symbols) => (symbols || []).flatMap((s) => [s, ...flatten(s.children)]);
  const span0 = h.entrySpan(doc, 0);
  const span1 = h.entrySpan(doc, 1);
  const symbols = await h.waitFor(
    async () => {
      const all = flatten(await vscode.commands.executeCommand('vscode.executeDocumentSymbolProvider', doc.uri));
      return all.some((s) => doc.offsetAt(s.range.start) === span1.start) ? all : undefined;
    },
    { timeout: 30_000, interval: 500, what: 'the JSON outline of the entries' },
  );
  assert.deepEqual(symbols.filter((s) => /^#\d/.test(s.name)).map((s) => s.name), [], 'bdm-lab lists no second outline of the entries');
  for (const span of [span0, span1]) {
    const at = symbols.filter((s) => doc.offsetAt(s.range.start) === span.start);
    assert.equal(at.length, 1, `symbols starting at an entry: ${at.map((s) => s.name).join(' | ')}`);
  }
});

test('libvirt XML: broken-iscsi-disk.xml gets LIBVIRT-DISK-SOURCE-ATTR on the <source>, a hover and completion', async () => {
  const { doc } = await h.openSample('libvirt/broken-iscsi-disk.xml');
  await h.ensureActivated();
  assert.equal(doc.languageId, 'xml');
  const diagnostics = await h.waitForCodes(doc.uri, ['LIBVIRT-DISK-SOURCE-ATTR']);
  const d = diagnostics.find((x) => h.codeOf(x) === 'LIBVIRT-DISK-SOURCE-ATTR');
  assert.equal(d.severity, vscode.DiagnosticSeverity.Error);
  assert.match(doc.lineAt(d.range.start.line).text, /<source file=/, `LIBVIRT-DISK-SOURCE-ATTR sits on: ${doc.lineAt(d.range.start.line).text.trim()}`);
  const hover = h.hoverText(await vscode.commands.executeCommand('vscode.executeHoverProvider', doc.uri, h.positionOf(doc, '<disk')));
  assert.match(hover, /<disk>/);
  assert.match(hover, /libvirt/);
  const busValue = doc.positionAt(doc.getText().indexOf('bus="') + 'bus="'.length);
  const buses = (await vscode.commands.executeCommand('vscode.executeCompletionItemProvider', doc.uri, busValue)).items.map(labelOf);
  for (const bus of ['virtio', 'scsi', 'sata']) assert.ok(buses.includes(bus), `no bus "${bus}" offered in <target bus="">: ${buses.join(', ')}`);
  // A valid file of the same folder stays free of errors.
  const good = await h.openSample('libvirt/rbd-volume-disk.xml');
  await h.waitFor(
    async () => h.hoverText(await vscode.commands.executeCommand('vscode.executeHoverProvider', good.doc.uri, h.positionOf(good.doc, '<disk'))).includes('<disk>'),
    { timeout: 30_000, what: 'the server to answer on rbd-volume-disk.xml' },
  );
  await h.sleep(1000); // a debounced publish
  const errors = h.bdmDiagnostics(good.doc.uri).filter((x) => x.severity === vscode.DiagnosticSeverity.Error);
  assert.deepEqual(errors.map(h.codeOf), [], 'rbd-volume-disk.xml has errors');
});

// ---------------------------------------------------------------------------------------------
// Issue 13: the boot-from-volume lens on the bundled sample, and the client after a restart.
// ---------------------------------------------------------------------------------------------

test('the "Simulate Attach (boot from volume)" code lens on boot-from-volume.bdm.json runs: a boot result, no error', async () => {
  const { doc } = await h.openSample('boot-from-volume.bdm.json');
  await h.ensureActivated();
  const lens = await h.waitFor(
    async () => {
      const all = await h.codeLenses(doc.uri);
      return all.find((l) => l.command?.title === '$(play) Simulate Attach (boot from volume)');
    },
    { timeout: 30_000, interval: 500, what: 'the "Simulate Attach (boot from volume)" lens' },
  );
  // Exactly what a click on the lens does: its command with its own arguments.
  let value;
  const calls = await recordingMessages(async () => {
    value = await vscode.commands.executeCommand(lens.command.command, ...(lens.command.arguments || []));
  });
  assert.deepEqual(calls, [], 'the lens raised an error or a warning');
  assert.ok(value && typeof value === 'object', `the command returned ${JSON.stringify(value)}`);
  assert.equal(value.error, undefined, value.error);
  assert.equal(value.kind, 'boot');
  assert.equal(value.result.outcome, 'active');
  assert.equal(value.result.error, null);
  assert.deepEqual(value.result.volumes.map((v) => v.deviceName), ['/dev/vda', '/dev/vdb']);
  await h.waitFor(() => webviewTab('Simulate Attach: boot-from-volume.bdm.json'), { timeout: 30_000, what: 'the boot timeline panel' }).catch((error) => {
    throw new Error(`${error.message}; tabs: ${describeTabs()}`);
  });
});

test('after the language server restarts (as on a trust grant, twice at once), previews, lenses and Simulate Attach still work', async () => {
  const { doc } = await h.openSample('boot-from-volume.bdm.json');
  const extension = await h.ensureActivated();
  const api = extension.exports;
  assert.equal(typeof api?.restartLanguageServer, 'function', 'activate() returns no restartLanguageServer');
  await vscode.commands.executeCommand('bdmLab.previewDomainDisks', doc.uri);
  const previewDoc = await h.waitFor(
    () => vscode.workspace.textDocuments.find((d) => d.uri.scheme === PREVIEW_SCHEME && d.getText().includes('<target dev="vdb" bus="virtio"/>')),
    { timeout: 30_000, what: 'the preview before the restart' },
  );
  // Two restarts requested together run one after the other; both finish.
  await Promise.all([api.restartLanguageServer(), api.restartLanguageServer()]);

  // The open preview asks the new client when the payload changes (it used to keep the stopped one).
  const span = h.entrySpan(doc, 1);
  const at = doc.getText().indexOf('"destination_type": "volume"', span.start) + '"destination_type": "volume"'.length;
  const edit = new vscode.WorkspaceEdit();
  edit.insert(doc.uri, doc.positionAt(at), ', "disk_bus": "scsi"');
  assert.ok(await vscode.workspace.applyEdit(edit), 'the edit was not applied');
  try {
    await h.waitFor(() => previewDoc.getText().includes('<target dev="sda" bus="scsi"/>'), { timeout: 30_000, what: 'the preview to follow an edit after the restart' }).catch((error) => {
      throw new Error(`${error.message}; preview now:\n${previewDoc.getText()}`);
    });
  } finally {
    await revert(doc);
  }
  await h.waitFor(() => previewDoc.getText().includes('<target dev="vdb" bus="virtio"/>'), { timeout: 30_000, what: 'the preview to follow the revert' });

  // A preview opened after the restart, the lenses, and the boot simulation.
  await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  const again = await h.openSample('boot-from-volume.bdm.json');
  await vscode.commands.executeCommand('bdmLab.previewDomainDisks', again.doc.uri);
  await h.waitFor(
    () => vscode.workspace.textDocuments.find((d) => d.uri.scheme === PREVIEW_SCHEME && /<devices>[\s\S]*<target dev="vda"/.test(d.getText())),
    { timeout: 30_000, what: 'a preview opened after the restart' },
  );
  const lens = await h.waitFor(
    async () => (await h.codeLenses(again.doc.uri)).find((l) => /Simulate Attach/.test(l.command?.title || '')),
    { timeout: 30_000, interval: 500, what: 'the Simulate Attach lens after the restart' },
  );
  const value = await vscode.commands.executeCommand(lens.command.command, ...(lens.command.arguments || []));
  assert.equal(value?.result?.outcome, 'active', JSON.stringify(value));
});

async function run() {
  const { failed } = await runAll('bdm-lab extension host');
  if (failed) throw new Error(`${failed} extension-host test(s) failed`);
}

module.exports = { run };
