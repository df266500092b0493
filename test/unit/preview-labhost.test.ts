/**
 * The `<disk>` preview rendered against a lab host follows what that host's Nova runs: the lab
 * host's nova.conf `[workarounds]` (rbd_volume_local_attach, disable_native_luksv1; only Nova
 * 21.0.0 to 23.x have them) and its release (host.nova_release, else a context nova_release
 * inside its profile, else its profile), over the context's where the lab host states them
 * (features/preview.ts labDeployment), for the CLI's `bdm-lab xml --lab` and the editor's
 * preview alike (both previewOf).
 *
 * Labels: test/fixtures/deploy/workarounds-releases.oracle.json (workarounds-oracle.py: each Nova
 * tag's own oslo.config reading the nova.conf, then LibvirtDriver._connect_volume and
 * _get_volume_config().to_xml(), with os-brick 3.0.1/4.0.0/4.3.0 for 21.0.0/22.4.0/23.2.2). The
 * oracle's stand-in rbd connection_info is the embedded rbd lab host's (same monitors, user,
 * secret, pool) and the oracle's volume id is given to a lab volume, so each case is the lab
 * host's volume as that release's Nova, reading the merged nova.conf, writes it. The LUKS
 * secret's uuid is the lab host's stand-in where the oracle's host answered its own.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { analyzeJson } from '../../server/src/analyze';
import { entryPreviewMarkdown, entryPreviewOf, previewDocument, previewOf } from '../../server/src/features/preview';
import { nodeHashes as hashes } from '../../server/src/host';
import { defaultContext, type Context } from '../../server/src/model/context';
import { EMBEDDED_LAB_HOSTS, labLuksSecretUuid, type LabHost } from '../../server/src/attach';
import { lab } from '../fixtures/attach/helpers';
import { analyzeDocument } from '../../server/src/document';
import { runRequest, type DocState } from '../../server/src/features/requests';
import { cliRunner } from './cli-run';

interface OracleCase { id: string; nova_xml: string | null; nova_error: string | null }
const ORACLE = JSON.parse(readFileSync(join(__dirname, '..', 'fixtures', 'deploy', 'workarounds-releases.oracle.json'), 'utf8')) as { releases: Array<{ release: string; cases: OracleCase[] }> };
const RELEASES = ORACLE.releases.map((r) => r.release);
const oracle = (release: string, id: string): OracleCase => {
  const c = ORACLE.releases.find((r) => r.release === release)?.cases.find((x) => x.id === id);
  assert.ok(c, `${release} ${id}`);
  return c;
};

const V = '5d3c2b1a-9e8f-4a7b-8c6d-0e1f2a3b4c5d';
const ORACLE_SECRET = 'c0ffee00-1d2a-4b5c-9e8f-0a1b2c3d4e5f';
const IMAGE = '70a599e0-31e7-49b7-b260-868f441e862b';
const LUKS = { provider: 'luks', cipher: 'aes-xts-plain64', key_size: 256, control_location: 'front-end' };

type Wa = { rbd_volume_local_attach?: boolean; disable_native_luksv1?: boolean };
/** The oracle cases a lab host can state: its [workarounds], [libvirt]disk_cachemodes and the volume's encryption. */
const CASES: Array<{ id: string; wa: Wa; cachemodes?: string[]; encryption?: Record<string, unknown> }> = [
  { id: 'rbd-no-workarounds', wa: {} },
  { id: 'rbd-local-attach', wa: { rbd_volume_local_attach: true } },
  { id: 'rbd-local-attach-false', wa: { rbd_volume_local_attach: false } },
  { id: 'rbd-local-attach-block-writeback', wa: { rbd_volume_local_attach: true }, cachemodes: ['block=writeback'] },
  { id: 'rbd-local-attach-network-writeback', wa: { rbd_volume_local_attach: true }, cachemodes: ['network=writeback'] },
  { id: 'rbd-luks', wa: {}, encryption: LUKS },
  { id: 'rbd-luks-local-attach', wa: { rbd_volume_local_attach: true }, encryption: LUKS },
  { id: 'rbd-luks-disable-native', wa: { disable_native_luksv1: true }, encryption: LUKS },
  { id: 'rbd-luks-both', wa: { rbd_volume_local_attach: true, disable_native_luksv1: true }, encryption: LUKS },
  { id: 'rbd-luks2-local-attach', wa: { rbd_volume_local_attach: true }, encryption: { ...LUKS, provider: 'luks2' } },
];
type Case = (typeof CASES)[number];

const body = { server: { name: 's', imageRef: IMAGE, flavorRef: '1', networks: 'none', block_device_mapping_v2: [
  { boot_index: 0, uuid: IMAGE, source_type: 'image', destination_type: 'local' },
  { uuid: V, source_type: 'volume', destination_type: 'volume' },
] } };

/** the embedded rbd lab host with the oracle's volume; `release` null: only the profile */
function rbdLab(c: Case, release: string | null, wa: Wa | null, profile = 'queens_to_2024_2'): LabHost {
  return lab('rbd', (raw) => {
    raw.profile = profile;
    if (release !== null) raw.host.nova_release = release;
    raw.host.nova_conf = { ...(wa ? { workarounds: wa } : {}), ...(c.cachemodes ? { libvirt: { disk_cachemodes: c.cachemodes } } : {}) };
    raw.volumes.push({ id: V, name: 'oracle-vol', size: 1, backend: 'ceph', ...(c.encryption ? { encrypted: true, encryption: c.encryption } : {}) });
  });
}

function contextOf(release: string | null, wa: Wa | null): Context {
  const ctx = defaultContext();
  ctx.microversion = '2.37';
  ctx.nova_release = release;
  if (wa) ctx.nova_conf = { workarounds: wa };
  return ctx;
}

function render(ctx: Context, l: LabHost) {
  const a = analyzeJson(JSON.stringify(body), ctx, { forced: true });
  assert.ok(a.valid);
  const p = previewOf(a, ctx, l, hashes);
  assert.equal(p.labHost, 'rbd');
  return { a, p, disk: p.disks.find((d) => d.bdmIndex === 1)! };
}

/** the preview's volume disk against the oracle's answer (the LUKS secret read as the lab host's stand-in) */
function agrees(ctx: Context, l: LabHost, want: OracleCase): string | null {
  const { disk } = render(ctx, l);
  if (want.nova_error) {
    if (disk.xml !== '' || !disk.error?.includes(want.nova_error.replace(/\s+$/, ''))) return `want ${want.nova_error}\ngot ${disk.error ?? disk.xml}`;
    return null;
  }
  const secret = labLuksSecretUuid(l, V);
  const got = secret ? disk.xml.replace(secret, ORACLE_SECRET) : disk.xml;
  return disk.error === undefined && got === want.nova_xml ? null : `want\n${want.nova_xml}\ngot\n${disk.error ?? disk.xml}`;
}

/** the same options written the other way */
const flipped = (wa: Wa): Wa => Object.fromEntries(Object.entries(wa).map(([k, v]) => [k, !v]));

test('lab host states its release and [workarounds]: the volume <disk> is the oracle\'s for that release (20.6.1, 21.0.0, 22.4.0, 23.2.2, 24.0.0)', async (t) => {
  assert.equal(RELEASES.length, 5);
  for (const release of RELEASES) {
    for (const c of CASES) {
      await t.test(`${release} ${c.id}`, () => {
        assert.equal(agrees(contextOf(null, null), rbdLab(c, release, c.wa), oracle(release, c.id)), null);
      });
    }
  }
});

test('the context states the [workarounds] and the lab host does not: the context\'s options, on the lab host\'s release', async (t) => {
  for (const release of RELEASES) {
    for (const c of CASES) {
      await t.test(`${release} ${c.id}`, () => {
        assert.equal(agrees(contextOf(null, c.wa), rbdLab(c, release, null), oracle(release, c.id)), null);
      });
    }
  }
});

test('the context and the lab host disagree (release and each option): the lab host\'s are used and the preview says so', async (t) => {
  for (const release of RELEASES) {
    const other = release === '24.0.0' ? '21.0.0' : '24.0.0';
    for (const c of CASES) {
      await t.test(`${release} ${c.id}`, () => {
        const ctx = contextOf(other, flipped(c.wa));
        const l = rbdLab(c, release, c.wa);
        assert.equal(agrees(ctx, l, oracle(release, c.id)), null);
        const doc = previewDocument(render(ctx, l).p);
        assert.match(doc, new RegExp(`Nova release ${release.replace(/\./g, '\\.')} \\(from lab host "rbd" host\\.nova_release\\)`));
        assert.match(doc, new RegExp(`disagree: the context's nova_release "${other.replace(/\./g, '\\.')}" is not lab host "rbd"'s host\\.nova_release "${release.replace(/\./g, '\\.')}"; the lab host's is used`));
        for (const [k, v] of Object.entries(c.wa)) {
          assert.ok(doc.includes(`[workarounds]${k} = ${v ? 'True' : 'False'} (from lab host "rbd" host.nova_conf.workarounds)`), doc);
          assert.ok(doc.includes(`disagree: [workarounds]${k}: the context says ${v ? 'False' : 'True'}, lab host "rbd" ${v ? 'True' : 'False'}; the lab host's is used`), doc);
        }
      });
    }
  }
});

test('a lab host with only a profile: a context nova_release inside it is the release (it says more); one outside it is not, and the preview says so', async (t) => {
  for (const release of RELEASES) {
    for (const c of CASES) {
      await t.test(`${release} ${c.id}`, () => {
        const ctx = contextOf(release, null);
        const l = rbdLab(c, null, c.wa);
        assert.equal(agrees(ctx, l, oracle(release, c.id)), null);
        const { p } = render(ctx, l);
        assert.deepEqual(p.deployment?.novaRelease, { value: release, from: 'context', field: 'nova_release' });
        assert.deepEqual(p.deployment?.disagreements, []);
      });
    }
  }
  // the lab host runs a modern Nova (31 and later): a context's 22.4.0 is not its release, and
  // the options it states are ignored as that release ignores them
  const c = CASES.find((x) => x.id === 'rbd-local-attach')!;
  const { p, disk } = render(contextOf('22.4.0', null), rbdLab(c, null, c.wa, 'modern'));
  assert.match(disk.xml, /^<disk type="network"/);
  assert.deepEqual(p.deployment?.novaRelease, { value: 'modern', from: 'lab host', field: 'profile' });
  const doc = previewDocument(p);
  assert.match(doc, /disagree: the context's nova_release "22\.4\.0" is outside lab host "rbd"'s profile "modern" \(Nova ≥ 31\), which names no host\.nova_release; the lab host's profile is used/);
  assert.match(doc, /\[workarounds\]rbd_volume_local_attach: Nova \d+ .*does not have this option/);
});

test('the hover of the lab host\'s volume shows the same <disk> and says where the release and options came from', () => {
  const c = CASES.find((x) => x.id === 'rbd-luks-both')!;
  const ctx = contextOf('24.0.0', null);
  const l = rbdLab(c, '22.4.0', c.wa);
  const { a, p } = render(ctx, l);
  const whole = entryPreviewMarkdown(p, 1)!;
  const one = entryPreviewMarkdown(entryPreviewOf(a, ctx, l, hashes, 1)!, 1)!;
  assert.equal(one, whole);
  assert.match(whole, /<disk type="block"/);
  assert.match(whole, /connection_info from the lab host "rbd", mapped on the host by os-brick: \[workarounds\]rbd_volume_local_attach, opened by os-brick's dm-crypt encryptor: \[workarounds\]disable_native_luksv1/);
  assert.match(whole, /Nova release 22\.4\.0 \(from lab host "rbd" host\.nova_release\)/);
  assert.match(whole, /disagree: the context's nova_release "24\.0\.0"/);
});

test('bdm-lab xml --lab FILE: the lab host\'s [workarounds] and release make the XML (the oracle\'s), and --format json says where each came from', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'bdm-preview-labhost-'));
  const raw = JSON.parse(EMBEDDED_LAB_HOSTS.rbd!);
  delete raw.$schema;
  raw.profile = 'queens_to_2024_2';
  raw.host.nova_release = '22.4.0';
  raw.host.nova_conf = { workarounds: { rbd_volume_local_attach: true } };
  raw.volumes.push({ id: V, name: 'oracle-vol', size: 1, backend: 'ceph' });
  const labFile = join(dir, 'local.labhost.json');
  writeFileSync(labFile, JSON.stringify(raw));
  const req = join(dir, 'req.json');
  writeFileSync(req, JSON.stringify(body));
  const ctxFile = join(dir, 'ctx.json');
  writeFileSync(ctxFile, JSON.stringify({ microversion: '2.37', nova_release: '24.0.0', nova_conf: { workarounds: { rbd_volume_local_attach: false } } }));
  const run = cliRunner({});
  const r = await run(['xml', '--context', ctxFile, '--lab', labFile, req]);
  assert.equal(r.code, 0, r.err);
  assert.ok(r.out.endsWith(oracle('22.4.0', 'rbd-local-attach').nova_xml!), r.out);
  // the disagreement is on stderr, the XML alone on stdout
  assert.match(r.err, /the context and lab host "rbd" disagree: the context's nova_release "24\.0\.0"/);
  assert.match(r.err, /disagree: \[workarounds\]rbd_volume_local_attach: the context says False, lab host "rbd" True/);
  const j = await run(['xml', '--format', 'json', '--context', ctxFile, '--lab', labFile, req]);
  assert.equal(j.code, 0, j.err);
  const out = JSON.parse(j.out);
  assert.equal(out.entries[1].xml, oracle('22.4.0', 'rbd-local-attach').nova_xml);
  assert.deepEqual(out.deployment.novaRelease, { value: '22.4.0', from: 'lab host', field: 'host.nova_release' });
  assert.deepEqual(out.deployment.workarounds, [{ option: 'rbd_volume_local_attach', value: true, from: 'lab host', field: 'host.nova_conf.workarounds' }]);
  assert.equal(out.deployment.disagreements.length, 2);
  // without --lab the JSON keeps its shape of before: no deployment key
  const plain = JSON.parse((await run(['xml', '--format', 'json', '--context', ctxFile, req])).out);
  assert.ok(!('deployment' in plain));
});

test('the editor\'s preview request (bdmLab/previewDisks, features/requests.ts) with the lab host: the same XML and sources as bdm-lab xml --lab', async () => {
  const c = CASES.find((x) => x.id === 'rbd-luks-both')!;
  const l = rbdLab(c, '23.2.2', c.wa);
  const ctx = contextOf('24.0.0', null);
  const text = JSON.stringify(body, null, 2);
  const state = (labHost: LabHost | null): DocState => ({ text, analysis: analyzeDocument(text, 'json', ctx), context: ctx, tooLarge: false, lab: { name: 'rbd', labHost, problem: null }, hashes });
  const answer = runRequest(state(l), 'preview', {});
  const want = oracle('23.2.2', 'rbd-luks-both').nova_xml!;
  // the document shows each <disk> indented under <devices>
  assert.ok(answer.xml.includes(want.replace(/^(?=.)/gm, '  ')), answer.xml);
  assert.match(answer.xml, /compute node of lab host "rbd": Nova release 23\.2\.2 \(from lab host "rbd" host\.nova_release\); \[workarounds\]rbd_volume_local_attach = True .*; \[workarounds\]disable_native_luksv1 = True/);
  assert.match(answer.xml, /disagree: the context's nova_release "24\.0\.0"/);
  const json = answer.json!;
  assert.equal(json.entries[1]!.xml, want);
  assert.deepEqual(json.deployment, previewOf(analyzeJson(text, ctx, { forced: true }), ctx, l, hashes).deployment);
  // without a lab host: the built-in stand-in volume, no deployment, no note
  const none = runRequest(state(null), 'preview', {});
  assert.ok(!('deployment' in none.json!));
  assert.doesNotMatch(none.xml, /\/dev\/rbd\/|compute node of lab host/);
  // the CLI on the same lab host and context says the same
  const dir = mkdtempSync(join(tmpdir(), 'bdm-preview-labhost-'));
  const raw = JSON.parse(EMBEDDED_LAB_HOSTS.rbd!);
  delete raw.$schema;
  Object.assign(raw, { profile: 'queens_to_2024_2' });
  raw.host.nova_release = '23.2.2';
  raw.host.nova_conf = { workarounds: c.wa };
  raw.volumes.push({ id: V, name: 'oracle-vol', size: 1, backend: 'ceph', encrypted: true, encryption: c.encryption });
  writeFileSync(join(dir, 'l.labhost.json'), JSON.stringify(raw));
  writeFileSync(join(dir, 'req.json'), text);
  writeFileSync(join(dir, 'ctx.json'), JSON.stringify({ microversion: '2.37', nova_release: '24.0.0' }));
  const r = await cliRunner({})(['xml', '--format', 'json', '--context', join(dir, 'ctx.json'), '--lab', join(dir, 'l.labhost.json'), join(dir, 'req.json')]);
  assert.equal(r.code, 0, r.err);
  const cli = JSON.parse(r.out);
  assert.equal(cli.entries[1].xml, want);
  assert.deepEqual(cli.deployment, json.deployment);
});
