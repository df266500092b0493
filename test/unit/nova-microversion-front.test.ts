/**
 * Nova's API front door for the microversion (server/src/nova/apiVersions.ts, rules/frontDoor.ts).
 *
 * The nova-oracle cannot label these: it answers 500 for a version string of a bad format and
 * serves every version its vendored master schemas know. The expected values are read from
 * Nova's own source with git, at the release tags of openstack/nova:
 * - `git show TAG:nova/api/openstack/api_version_request.py`: `_MIN_API_VERSION` (2.1 at every
 *   tag), `_MAX_API_VERSION` (MAX_AT_TAG below, at X.0.0 of each major; every point release of a
 *   major has its X.0.0's) and the version form `^([1-9]\d*)\.([1-9]\d*|0)$` (the same at
 *   2015.1.0, 12.0.0, 17.0.0, 21.0.0, 27.0.0, 33.0.0);
 * - `git show TAG:nova/exception.py` InvalidAPIVersionString / InvalidGlobalAPIVersion: the two
 *   messages below, the same words at those tags;
 * - `git show 33.0.0:nova/api/openstack/wsgi.py` Resource.__call__: the first is answered 400,
 *   the second 406, before the body is read.
 * Master at 00a030403f67 (the nova-oracle's vendored commit, tools/nova-oracle/nova-master/COMMIT)
 * has `_MAX_API_VERSION = '2.104'`.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { execFileSync } from 'node:child_process';
import { analyzeJson } from '../../server/src/analyze';
import { analyzeDocument } from '../../server/src/document';
import { defaultContext, type Context } from '../../server/src/model/context';
import { API_MAX_MINOR, API_MIN_MINOR, NEWEST_API_MAX_MINOR, apiFrontDoor, apiMaxMinorOf } from '../../server/src/nova/apiVersions';
import { releaseMajors } from '../../server/src/libvirt/release';
import { RULE_BY_ID } from '../../server/src/rules/table';
import { cliRunner } from './cli-run';

/** `_MAX_API_VERSION` at each major's X.0.0 tag (2015.1.0 for Kilo = 11) */
const MAX_AT_TAG: Record<string, string> = {
  '2015.1.0': '2.3', '12.0.0': '2.12', '13.0.0': '2.25', '14.0.0': '2.38', '15.0.0': '2.42', '16.0.0': '2.53',
  '17.0.0': '2.60', '18.0.0': '2.65', '19.0.0': '2.72', '20.0.0': '2.79', '21.0.0': '2.87', '22.0.0': '2.87',
  '23.0.0': '2.88', '24.0.0': '2.90', '25.0.0': '2.90', '26.0.0': '2.93', '27.0.0': '2.95', '28.0.0': '2.95',
  '29.0.0': '2.96', '30.0.0': '2.96', '31.0.0': '2.100', '32.0.0': '2.100', '33.0.0': '2.103',
};
const FORMAT = (v: string) => `API Version String ${v} is of invalid format. Must be of format MajorNum.MinorNum.`;
const UNSUPPORTED = (v: string, max: string) => `Version ${v} is not supported by the API. Minimum is 2.1 and maximum is ${max}.`;

const BODY = '{"server": {"name": "a", "flavorRef": "1", "networks": "none", "block_device_mapping_v2": [{"source_type": "volume", "destination_type": "volume", "uuid": "5c2a7b1e-0b1c-4c53-9d6e-2f1a3b4c5d6e", "boot_index": 0}]}}';
const ATTACH = '{"volumeAttachment": {"volumeId": "5c2a7b1e-0b1c-4c53-9d6e-2f1a3b4c5d6e"}}';
const ctx = (microversion: string, nova_release: string | null = null): Context => ({ ...defaultContext(), microversion, nova_release });

test('the maximum per Nova major release is _MAX_API_VERSION of its tag; the minimum is 2.1', () => {
  assert.equal(API_MIN_MINOR, 1);
  for (const [tag, max] of Object.entries(MAX_AT_TAG)) {
    const major = tag === '2015.1.0' ? 11 : Number(tag.split('.')[0]);
    assert.equal(`2.${API_MAX_MINOR[major]}`, max, tag);
    // the context's nova_release spelled as the tag, a point release of it, or the bare major
    assert.equal(`2.${apiMaxMinorOf(releaseMajors(tag))}`, max, `nova_release ${tag}`);
  }
  assert.equal(apiMaxMinorOf(releaseMajors('26.2.2')), 93);
  assert.equal(apiMaxMinorOf(releaseMajors('2023.1')), 95, '2023.1 = antelope = 27');
  assert.equal(apiMaxMinorOf(releaseMajors('caracal')), 96, 'caracal = 29');
  assert.equal(apiMaxMinorOf(releaseMajors('gazpacho')), 103, 'gazpacho = 2026.1 = 33');
  // no nova_release: the newest known, master's (the oracle's)
  assert.equal(NEWEST_API_MAX_MINOR, 104);
  assert.equal(apiMaxMinorOf(releaseMajors(null)), 104);
  // a release profile: the highest of its releases (queens_to_2024_2 = 17-30)
  assert.equal(apiMaxMinorOf(releaseMajors('queens_to_2024_2')), 96);
  // before Kilo no microversions; past the newest known, unknown: nothing checked
  assert.equal(apiMaxMinorOf(releaseMajors('juno')), null);
  assert.equal(apiMaxMinorOf(releaseMajors('40')), null);
});

test('the table agrees with the nova mirror at every release tag (when the mirror is on this machine)', (t) => {
  const dir = '/work/.mirror/openstack+nova/repo';
  if (!existsSync(dir)) return t.skip('no nova mirror');
  const git = (...a: string[]) => execFileSync('git', ['--git-dir', dir, ...a], { encoding: 'utf8', maxBuffer: 1 << 24 });
  const tags = git('tag').split('\n').filter((x) => /^(1[2-9]|[2-9][0-9])\.0\.0$/.test(x) || x === '2015.1.0');
  assert.ok(tags.length >= 23, 'release tags found');
  for (const tag of tags) {
    const src = git('show', `${tag}:nova/api/openstack/api_version_request.py`);
    const m = /^_MAX_API_VERSION = ['"]2\.(\d+)['"]/m.exec(src);
    const major = tag === '2015.1.0' ? 11 : Number(tag.split('.')[0]);
    assert.equal(Number(m?.[1]), API_MAX_MINOR[major], tag);
    assert.match(src, /\^\(\[1-9\]\\d\*\)\\\.\(\[1-9\]\\d\*\|0\)\$/, `${tag}: the version form`);
  }
});

test('BDM-API-VERSION-FORMAT: 2.01, 2.00 and 2.042 get Nova\'s 400 before the body is read', () => {
  for (const v of ['2.01', '2.00', '2.042', '02.1', '2.', '.1', '2.1.0', 'v2.1', '2.x']) {
    const a = analyzeJson(BODY, ctx(v));
    assert.deepEqual(a.verdict, { httpStatus: 400, code: 'BDM-API-VERSION-FORMAT', message: FORMAT(v) }, v);
    assert.equal(a.diagnostics.length, 1, `${v}: nothing else is judged`);
    assert.equal(a.valid, false);
  }
  // a volumeAttachment body goes through the same door
  assert.equal(analyzeJson(ATTACH, ctx('2.01')).verdict?.code, 'BDM-API-VERSION-FORMAT');
  // even a body that does not parse: Nova reads the header first
  const broken = analyzeJson('{"server": {"name": ', ctx('2.042'));
  assert.deepEqual(broken.diagnostics.map((d) => d.code), ['BDM-API-VERSION-FORMAT']);
  assert.equal(RULE_BY_ID.get('BDM-API-VERSION-FORMAT')?.http, 400);
});

test('BDM-API-VERSION-FORMAT negative: 2.1, 2.0 (the legacy /v2 endpoint), 2.10 and blanks around a version', () => {
  for (const v of ['2.1', '2.0', '2.10', '2.42', ' 2.42 ']) {
    const a = analyzeJson(BODY, ctx(v));
    assert.ok(!a.diagnostics.some((d) => d.code.startsWith('BDM-API-VERSION')), v);
  }
  assert.deepEqual(apiFrontDoor('2.0', 33), { ok: true, microversion: '2.0' });
});

test('BDM-API-VERSION-UNSUPPORTED: above the release\'s maximum (or below 2.1) gets Nova\'s 406', () => {
  const cases: Array<[string, string | null, string]> = [
    ['2.105', null, '2.104'],
    ['2.104', '33.0.0', '2.103'],
    ['2.104', 'gazpacho', '2.103'],
    ['2.80', '20', '2.79'],
    ['2.61', 'queens', '2.60'],
  ];
  for (const [v, rel, max] of cases) {
    const a = analyzeJson(BODY, ctx(v, rel));
    assert.deepEqual(a.verdict, { httpStatus: 406, code: 'BDM-API-VERSION-UNSUPPORTED', message: UNSUPPORTED(v, max) }, `${v} at ${rel}`);
    assert.equal(a.diagnostics.length, 1);
  }
  assert.equal(analyzeJson(BODY, ctx('2.88', 'victoria')).verdict?.message, UNSUPPORTED('2.88', '2.87'), 'victoria = 22');
  for (const v of ['1.1', '3.0', '10.1']) assert.equal(analyzeJson(BODY, ctx(v)).verdict?.message, UNSUPPORTED(v, '2.104'), v);
  assert.equal(analyzeJson(ATTACH, ctx('2.80', 'train')).verdict?.code, 'BDM-API-VERSION-UNSUPPORTED');
  assert.equal(RULE_BY_ID.get('BDM-API-VERSION-UNSUPPORTED')?.http, 406);
});

test('BDM-API-VERSION-UNSUPPORTED negative: the release\'s own maximum and below are judged as before', () => {
  for (const [v, rel] of [['2.104', null], ['2.103', '33'], ['2.79', '20'], ['2.60', 'queens'], ['2.3', '2015.1']] as const) {
    const a = analyzeJson(BODY, ctx(v, rel));
    assert.ok(!a.diagnostics.some((d) => d.code.startsWith('BDM-API-VERSION')), `${v} at ${rel}`);
  }
  // `latest` is the release's maximum
  assert.deepEqual(apiFrontDoor('latest', 60), { ok: true, microversion: '2.60' });
});

test('the language server\'s analysis of a JSON document carries the same finding, at the document\'s start', () => {
  const a = analyzeDocument(BODY, 'json', ctx('2.01'));
  assert.equal(a.diagnostics.length, 1);
  const d = a.diagnostics[0];
  assert.equal(d.code, 'BDM-API-VERSION-FORMAT');
  assert.equal(d.novaStatus, 400);
  assert.equal(d.severity, 'error');
  assert.deepEqual({ offset: d.span.offset, length: d.span.length }, { offset: 0, length: 0 });
  const u = analyzeDocument(BODY, 'json', ctx('2.80', 'train')).diagnostics[0];
  assert.equal(u.novaStatus, 406);
  assert.match(u.explanation, /nova_release "train": Nova 20 serves up to 2\.79/);
});

test('the CLI: a context file\'s microversion 2.01 is Nova\'s 400 in the JSON contract; 2.105 is 406', async () => {
  const run = cliRunner({
    'mv-body.json': BODY,
    'mv01.json': '{"microversion": "2.01"}',
    'mv105.json': '{"microversion": "2.105", "nova_release": "33.0.2"}',
  });
  const r = await run(['check', '--format', 'json', '--context', 'mv01.json', 'mv-body.json']);
  assert.equal(r.code, 1);
  const d = JSON.parse(r.out).files[0].diagnostics;
  assert.equal(d.length, 1);
  assert.equal(d[0].code, 'BDM-API-VERSION-FORMAT');
  assert.equal(d[0].novaStatus, 400);
  assert.equal(d[0].novaMessage, FORMAT('2.01'));
  const r2 = await run(['check', '--format', 'json', '--context', 'mv105.json', 'mv-body.json']);
  const d2 = JSON.parse(r2.out).files[0].diagnostics;
  assert.equal(d2[0].novaStatus, 406);
  assert.equal(d2[0].novaMessage, UNSUPPORTED('2.105', '2.103'));
});
