/**
 * A fixed slice of the deployment-XML campaign (scripts/xml-difftest.ts), without Python: each
 * case of test/fixtures/deploy/xml-difftest.oracle.json (a body, its bdm-lab context, and what
 * Nova 26.2.2's spawn does with it: the <disk>/<filesystem> XML, or the exception it raises) must
 * come out of bdm-lab's preview the same, and the CLI's `xml` must say when a disk fails.
 * Relabel: node --import tsx scripts/xml-difftest.ts --fixture test/fixtures/deploy/xml-difftest.oracle.json
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { canonicalXml, compareXmlCase, compareXmlCli, sameError, type XmlLabel } from '../../scripts/xml-difftest';
import { cliRunner } from './cli-run';

interface Case { id: string; body: { server: Record<string, unknown> }; context: Record<string, unknown>; nova_conf_ini?: string; label: XmlLabel }
const FIXTURE: { about: { picked: Record<string, string> }; cases: Case[] } = JSON.parse(readFileSync(join(__dirname, '../fixtures/deploy/xml-difftest.oracle.json'), 'utf8'));
const byId = new Map(FIXTURE.cases.map((c) => [c.id, c]));

test("every case of the labelled slice: bdm-lab's XML is Nova 26.2.2's, byte for byte, or both fail with Nova's exception", async (t) => {
  assert.ok(FIXTURE.cases.length >= 25);
  let exact = 0;
  let failed = 0;
  for (const c of FIXTURE.cases) {
    await t.test(c.id, async () => {
      assert.equal(c.label.oracle_error, undefined, 'labelled');
      const o = compareXmlCase(c, c.label);
      assert.ok(o.kind !== 'disagree', JSON.stringify(o));
      // and through the CLI (bdm-lab xml --context, --nova-conf for a nova.conf file)
      const cli = await compareXmlCli(c, c.label);
      assert.ok(cli.kind !== 'disagree', JSON.stringify(cli));
      if (o.kind === 'agree' && c.label.nova_xml) {
        assert.ok(o.exact, 'byte for byte');
        exact++;
      } else if (o.kind === 'agree') failed++;
    });
  }
  assert.ok(exact >= 20, `${exact} cases with XML`);
  assert.ok(failed >= 4, `${failed} cases where the spawn fails`);
});

test('the slice holds each shape the campaign found wrong, as Nova labels it', () => {
  const label = (what: string) => byId.get(FIXTURE.about.picked[what]!)!.label;
  // nova/virt/libvirt/volume/net.py: a null secret_uuid takes nova.conf's rbd_user/rbd_secret_uuid ...
  assert.ok(label('rbd auth_enabled, null secret_uuid, nova.conf pair').nova_xml!.some((x) => /<auth username="nova">/.test(x)));
  // ... and without them <auth> holds None: the spawn fails
  assert.match(label('rbd auth_enabled, null secret_uuid, no nova.conf pair').nova_error!, /^TypeError/);
  assert.match(label('lxc with non-root volumes').nova_error!, /^TypeError/);
  // ... but with a [libvirt]disk_prefix the lxc bus names them, and they are written
  assert.ok(label('lxc with a disk_prefix and volumes').nova_xml!.some((x) => /<target dev="\w+" bus="lxc"\/>/.test(x)));
  // a value lxml cannot write fails only when the domain is written: a volume driver's own refusal comes first
  assert.match(label('an error of writing before one of building').nova_error!, /^InvalidVolumeAccessMode|^VolumeDriverNotFound/);
  assert.ok(label('null block size').nova_xml, 'a null block size is not written');
  assert.match(label('unknown volume type').nova_error!, /^VolumeDriverNotFound/);
  assert.match(label('missing device_path').nova_error!, /^KeyError/);
  for (const t of ['scaleio', 'storpool', 'nvmeof', 'lightos', 'smbfs', 'vzstorage', 'gpfs', 'quobyte']) assert.ok(FIXTURE.about.picked[`${t} volume`], t);
  // nova/virt/libvirt/volume/quobyte.py: the file under its own mount point base and the share's md5, not device_path
  const quobyte = byId.get(FIXTURE.about.picked['quobyte volume']!)!;
  assert.ok(quobyte.label.nova_xml!.some((x) => /<source file="\/var\/lib\/nova\/mnt\/[0-9a-f]{32}\/volume-[0-9a-f-]+"\/>/.test(x)), 'quobyte path');
  // the body's config_drive: Nova adds disk.config though the context asks for none
  const drive = byId.get(FIXTURE.about.picked['the body asks for a config drive']!)!;
  assert.notEqual((drive.context.libvirt as Record<string, unknown>).config_drive, true);
  assert.ok(drive.label.nova_xml!.some((x) => x.includes('/disk.config"')));
  // imagebackend.py: images_type rbd with an rbd_user and no rbd_secret_uuid writes <auth> without a uuid
  assert.match(label('rbd images, rbd_user without rbd_secret_uuid').nova_error!, /^TypeError/);
  assert.ok(label('rbd volume without auth, nova.conf secret').nova_xml!.some((x) => /<auth username="nova">\s*<secret type="ceph" uuid="11111111-/.test(x)));
  // oslo.config read the file for Nova; bdm-lab reads it with --nova-conf
  assert.ok(byId.get(FIXTURE.about.picked['a nova.conf file']!)!.nova_conf_ini);
});

test('the comparison itself: only attribute order and whitespace between elements are insignificant; errors by Nova\'s exception', () => {
  assert.equal(canonicalXml('<disk device="disk" type="file">\n  <target bus="virtio" dev="vda"/>\n</disk>\n'), canonicalXml('<disk type="file" device="disk"><target dev="vda" bus="virtio"/></disk>'));
  assert.notEqual(canonicalXml('<disk type="file"><serial>a b</serial></disk>'), canonicalXml('<disk type="file"><serial>a  b</serial></disk>'));
  assert.notEqual(canonicalXml('<driver cache="none"/>'), canonicalXml('<driver cache="none" io="native"/>'));
  assert.ok(sameError('InvalidVolumeAccessMode: Invalid volume access mode: rx', '/dev/vdb: Invalid volume access mode: rx'));
  assert.ok(!sameError('KeyError: \'device_path\'', "TypeError: Argument must be bytes or unicode, got 'NoneType'"));
  // a case whose label is changed is a disagreement
  const c = FIXTURE.cases.find((x) => x.label.nova_xml)!;
  assert.equal(compareXmlCase(c, { ...c.label, nova_xml: c.label.nova_xml!.map((x) => x.replace('cache="none"', 'cache="writeback"')) }).kind, 'disagree');
});

test('bdm-lab xml: a disk Nova cannot build is named on stderr (it has no XML), and --format json gives its error', async () => {
  const c = byId.get(FIXTURE.about.picked['rbd auth_enabled, null secret_uuid, no nova.conf pair']!)!;
  const run = cliRunner({ 'body.json': JSON.stringify(c.body), 'ctx.json': JSON.stringify(c.context) });
  const r = await run(['xml', '--context', 'ctx.json', 'body.json']);
  assert.equal(r.code, 0, r.err);
  assert.match(r.err, /the compute node would fail the build: \/dev\/\w+: the RBD volume's <auth> has no user name/);
  const j = await run(['xml', '--format', 'json', '--context', 'ctx.json', 'body.json']);
  const doc = JSON.parse(j.out) as { entries: Array<{ xml: string | null; error: string | null }>; spawnError: string | null };
  assert.match(doc.spawnError!, /TypeError/);
  assert.ok(doc.entries.some((e) => e.xml === null && /TypeError/.test(e.error ?? '')));
});
