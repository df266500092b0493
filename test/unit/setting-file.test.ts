/**
 * The one policy for a file a setting names (lsp/settingFile.ts), used by the lab host and
 * nova.conf settings: the same refusal for the same case whichever setting names the file.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, mkdirSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { readSettingFile, type SettingFileKind } from '../../server/src/lsp/settingFile';
import { resolveLabHost } from '../../server/src/lsp/labHosts';
import { resolveNovaConf } from '../../server/src/lsp/novaConf';

const KIND: SettingFileKind = { files: 'test files', one: 'a test file', maxBytes: 64 };

test('readSettingFile: trust, relative paths, folders, links, FIFOs, size, the user\'s own settings', (t) => {
  const root = mkdtempSync(join(tmpdir(), 'bdm-setting-file-'));
  t.after(() => rmSync(root, { recursive: true, force: true }));
  const ws = join(root, 'ws');
  const elsewhere = join(root, 'elsewhere');
  mkdirSync(ws);
  mkdirSync(elsewhere);
  writeFileSync(join(ws, 'ok.conf'), 'in the workspace');
  writeFileSync(join(ws, 'big.conf'), 'x'.repeat(65));
  writeFileSync(join(elsewhere, 'out.conf'), 'secret');
  symlinkSync(join(elsewhere, 'out.conf'), join(ws, 'link.conf'));
  execFileSync('mkfifo', [join(ws, 'fifo.conf')]);
  const folder = pathToFileURL(ws).toString();
  const ws_ = { trusted: true, folders: [folder], fromUser: false };
  const cases: Array<[string, string | null, typeof ws_, RegExp | string]> = [
    ['ok.conf', folder, ws_, 'in the workspace'],
    ['ok.conf', folder, { ...ws_, trusted: false }, /test files are not read in an untrusted workspace/],
    ['ok.conf', null, ws_, /a relative path needs a workspace folder/],
    [join(elsewhere, 'out.conf'), folder, ws_, /outside the workspace folders; a test file from elsewhere must be named in your user settings/],
    ['../elsewhere/out.conf', folder, ws_, /outside the workspace folders/],
    ['link.conf', folder, ws_, /leads outside the workspace folders \(through a link\)/],
    ['fifo.conf', folder, ws_, /not a regular file/],
    ['none.conf', folder, ws_, /no such file/],
    ['big.conf', folder, ws_, /65 bytes is too large \(limit 64\)/],
    // the user's own settings may name a file anywhere, links included
    [join(elsewhere, 'out.conf'), folder, { ...ws_, fromUser: true }, 'secret'],
    ['link.conf', folder, { ...ws_, fromUser: true }, 'secret'],
  ];
  for (const [name, base, policy, want] of cases) {
    const r = readSettingFile(name, base, policy, KIND);
    if (typeof want === 'string') assert.ok(r.ok && r.text === want, `${name}: ${JSON.stringify(r)}`);
    else assert.ok(!r.ok && want.test(r.problem), `${name}: ${JSON.stringify(r)}`);
  }
});

test('the lab host and nova.conf settings refuse the same cases through the one policy, each in its own words', (t) => {
  const root = mkdtempSync(join(tmpdir(), 'bdm-setting-file-'));
  t.after(() => rmSync(root, { recursive: true, force: true }));
  const elsewhere = join(root, 'elsewhere');
  mkdirSync(elsewhere);
  writeFileSync(join(elsewhere, 'x.labhost.json'), '{}');
  writeFileSync(join(elsewhere, 'nova.conf'), '[libvirt]\n');
  const folder = pathToFileURL(join(root)).toString();
  const inWs = { trusted: true, folders: [pathToFileURL(join(root, 'ws')).toString()], fromUser: false };
  const lab = resolveLabHost(join(elsewhere, 'x.labhost.json'), folder, inWs);
  const conf = resolveNovaConf(join(elsewhere, 'nova.conf'), folder, inWs);
  assert.match(lab.problem ?? '', /^lab host ".*x\.labhost\.json": outside the workspace folders; a lab-host file from elsewhere/);
  assert.match(conf?.problem ?? '', /^bdmLab\.novaConf ".*nova\.conf": outside the workspace folders; a nova\.conf from elsewhere/);
  const untrusted = { ...inWs, trusted: false };
  assert.match(resolveLabHost('a.labhost.json', folder, untrusted).problem ?? '', /lab-host files are not read in an untrusted workspace \(trust the workspace to use one; embedded lab hosts work everywhere\)/);
  assert.match(resolveNovaConf('a.conf', folder, untrusted)?.problem ?? '', /nova\.conf files are not read in an untrusted workspace/);
  assert.match(resolveLabHost('none.labhost.json', folder, { ...inWs, folders: [folder] }).problem ?? '', /no embedded lab host by that name and no such file/);
});
