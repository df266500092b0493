/**
 * Hunt 44 (scripts/nova-hunt44-gen.ts, scripts/nova-hunt44-inspect-oracle.py).
 *
 * 1. Nova's deep image inspection: whether nova-compute takes an image of each Glance disk_format
 *    for a local root disk, per release and `[workarounds]disable_deep_image_inspection`, against
 *    test/fixtures/nova-hunt44/inspect.oracle.json, labelled by scripts/nova-hunt44-inspect-oracle.py
 *    (each release's own nova/virt/images.py fetch_to_raw and nova/image/format_inspector.py from
 *    openstack/nova's tags, on real files qemu-img 7.2 made). Debian's python3-nova 26.2.2 carries its
 *    own backport (it refuses AMI images too) and is labelled but not compared: bdm-lab's releases
 *    are upstream's, and 26.x upstream has no inspection.
 * 2. Deployment XML (test/fixtures/nova-hunt44/xml.oracle.json, scripts/nova-hunt44-xml-keep.ts):
 *    cases of scripts/xml-difftest-gen.ts labelled by scripts/xml_difftest_oracle.py with 26.2.2's own
 *    blockinfo.py (the release the cases name: ISO roots are disks, a lun disk with a boot index
 *    fails the boot order) and os-brick's encryptors built as LibvirtDriver._attach_encryptor builds
 *    them (an unknown provider such as "LUKS" is imported as a class path and fails; an rbd volume
 *    without a device_path cannot be opened on the host).
 * 3. A sample of the hunt's request bodies (test/fixtures/nova-hunt44/cases.json), each with the
 *    nova-oracle's answer (/work/shared/tools/nova-oracle, Nova's own API code): microversion gates,
 *    guest_format values, many local devices, device_name spellings, legacy block_device_mapping
 *    beside v2, volumeAttachment bodies at the gates. No Python here.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { compare39 } from '../../scripts/nova-hunt39-gen';
import { compareXmlCase, compareXmlCli, type XmlLabel } from '../../scripts/xml-difftest';
import type { XmlCase } from '../../scripts/xml-difftest-gen';
import type { DiffCase } from '../../scripts/difftest-gen';
import type { OracleVerdict } from '../../scripts/difftest-lib';
import { analyzeJson } from '../../server/src/analyze';
import { mergeContext, type PartialContext } from '../../server/src/model/contextLoad';
import { domainDisks } from '../../server/src/libvirt/domainDisks';
import { computeDiskInfo } from '../../server/src/libvirt/naming';
import { defaultContext, type NovaConf } from '../../server/src/model/context';
import type { NovaBdm } from '../../server/src/nova/types';
import { nodeHashes as hashes } from '../../server/src/host';
import { parseNovaConfIni } from '../../server/src/model/novaConfIni';
import { labDeployment } from '../../server/src/features/preview';
import { lab } from '../fixtures/attach/helpers';

const here = dirname(fileURLToPath(import.meta.url));
const fixture = (name: string) => JSON.parse(readFileSync(join(here, '..', 'fixtures', 'nova-hunt44', name), 'utf8'));

interface InspectLabel { release: string; disk_format: string; disable_deep_image_inspection: boolean; result?: 'ok'; error?: string; oracle: string }
const INSPECT: InspectLabel[] = fixture('inspect.oracle.json');

const imageRoot: NovaBdm = {
  entry: 0, source_type: 'image', destination_type: 'local', guest_format: null, boot_index: 0, device_name: null,
  disk_bus: null, device_type: null, volume_size: null, uuid: '70a599e0-31e7-49b7-b260-868f441e862b', no_device: false,
  delete_on_termination: false, volume_type: null, tag: null,
};

/** the root disk's refusal (or undefined) as bdm-lab renders the domain */
function rootError(release: string | null, diskFormat: string, conf: NovaConf | undefined, bdms: NovaBdm[] = [imageRoot]): string | undefined {
  const ctx = defaultContext();
  ctx.nova_release = release;
  if (conf) ctx.nova_conf = conf;
  ctx.libvirt.image_properties = { disk_format: diskFormat };
  const info = computeDiskInfo(bdms, ctx, { imageRef: imageRoot.uuid });
  assert.equal(info.buildError, null);
  const disks = domainDisks(bdms, info, ctx, { instanceUuid: '8b2c3f4e-1d2a-4b5c-9e8f-0a1b2c3d4e5f', hashes });
  assert.ok(disks.length > 0);
  return disks.find((d) => d.error)?.error;
}

/** the part of Nova's exception bdm-lab repeats: ImageUnacceptable's reason, or InvalidDiskInfo */
function expectedWords(error: string): string {
  const m = /^ImageUnacceptable: Image img is unacceptable: (.*)$/.exec(error);
  return m ? m[1]! : error.split(':')[0]!;
}

test('the inspection labels hold both inspectors, every refusal kind and the workaround', () => {
  const upstream = INSPECT.filter((l) => l.release !== 'debian-26.2.2');
  assert.ok(upstream.length >= 150, `${upstream.length} upstream labels`);
  assert.ok(upstream.some((l) => l.release === '27.4.0' && l.disk_format === 'iso' && l.error));
  assert.ok(upstream.some((l) => l.release === '27.5.0' && l.disk_format === 'iso' && l.result === 'ok'));
  assert.ok(upstream.some((l) => l.disk_format === 'vhd' && l.error?.startsWith('InvalidDiskInfo')));
  assert.ok(upstream.some((l) => l.disk_format === 'vhd' && l.error?.includes('does not match disk_format')));
  assert.ok(upstream.every((l) => !l.disable_deep_image_inspection || l.result === 'ok'));
});

test('an image root of each disk_format, per release and disable_deep_image_inspection: Nova\'s verdict on the download', async (t) => {
  for (const l of INSPECT.filter((x) => x.release !== 'debian-26.2.2')) {
    await t.test(`${l.release} ${l.disk_format} disable_deep_image_inspection=${l.disable_deep_image_inspection} (${l.oracle})`, () => {
      const conf: NovaConf = { workarounds: { disable_deep_image_inspection: l.disable_deep_image_inspection } };
      const err = rootError(l.release, l.disk_format, conf);
      if (l.result === 'ok') assert.equal(err, undefined);
      else {
        assert.ok(err, `Nova refuses: ${l.error}`);
        assert.ok(err.includes(expectedWords(l.error!)), `${err}\nNova: ${l.error}`);
      }
    });
  }
});

test('releases without the inspection take every disk_format (openstack/nova tags 26.3.0, 27.3.0, 28.1.0, 29.0.2: images.py has no do_image_deep_inspection)', () => {
  for (const release of ['26.2.2', '26.3.0', '27.3.0', '28.1.0', '29.0.2', 'queens_to_2024_2']) {
    for (const f of ['vhd', 'ploop', 'qed', 'iso']) assert.equal(rootError(release, f, undefined), undefined, `${release} ${f}`);
  }
});

test('the newest release (no nova_release) refuses vhd and ploop roots (33.0.2 source: the inspection with oslo.utils\' inspector), not raw, qcow2, iso or ami', () => {
  assert.match(rootError(null, 'vhd', undefined) ?? '', /Image content does not match disk_format/);
  assert.match(rootError(null, 'ploop', undefined) ?? '', /Image not in a supported format/);
  for (const f of ['raw', 'qcow2', 'iso', 'ami', 'vmdk', 'vdi', 'vhdx']) assert.equal(rootError(null, f, undefined), undefined, f);
  assert.equal(rootError(null, 'vhd', { workarounds: { disable_deep_image_inspection: true } }), undefined);
});

test('only an image root is inspected: a volume root with a vhd image\'s properties and the flavor\'s ephemeral are not', () => {
  const volRoot: NovaBdm = { ...imageRoot, source_type: 'volume', destination_type: 'volume', uuid: 'a26887c6-c47b-4654-abb5-dfadf7d3f803' };
  assert.equal(rootError('29.4.0', 'vhd', undefined, [volRoot]), undefined);
  const eph: NovaBdm = { ...imageRoot, entry: 1, source_type: 'blank', boot_index: -1, volume_size: 1, uuid: null };
  assert.equal(rootError('29.4.0', 'ploop', undefined, [volRoot, eph]), undefined);
});

test('[workarounds]disable_deep_image_inspection is read from nova.conf as a BoolOpt of Nova 27 on', () => {
  assert.equal(parseNovaConfIni('[workarounds]\ndisable_deep_image_inspection = True\n').conf.workarounds?.disable_deep_image_inspection, true);
  assert.equal(parseNovaConfIni('[workarounds]\ndisable_deep_image_inspection = off\n').conf.workarounds?.disable_deep_image_inspection, false);
  const bad = parseNovaConfIni('[workarounds]\ndisable_deep_image_inspection = maybe\n');
  assert.equal(bad.conf.workarounds?.disable_deep_image_inspection, undefined);
  assert.ok(bad.notes.some((n) => n.includes('disable_deep_image_inspection')), bad.notes.join('\n'));
});

test('with a lab host the context\'s disable_deep_image_inspection is kept (the lab host\'s nova.conf has no such option)', () => {
  const ctx = defaultContext();
  ctx.nova_release = '29.4.0';
  ctx.nova_conf = { workarounds: { disable_deep_image_inspection: true } };
  const d = labDeployment(ctx, lab('rbd'));
  assert.equal(d.context.nova_conf?.workarounds?.disable_deep_image_inspection, true);
  assert.deepEqual(d.sources.workarounds, [{ option: 'disable_deep_image_inspection', value: true, from: 'context', field: 'nova_conf.workarounds' }]);
});

interface XmlLabelled extends Pick<XmlCase, 'id' | 'body' | 'context' | 'nova_conf_ini'> { label: XmlLabel }
const XML: XmlLabelled[] = fixture('xml.oracle.json').cases;

test('the deployment-XML labels hold the refusals the fixes were for', () => {
  assert.ok(XML.some((c) => /ValueError: Empty module name/.test(c.label.nova_error ?? '')), 'an unknown provider');
  assert.ok(XML.some((c) => /VolumeEncryptionNotSupported/.test(c.label.nova_error ?? '')), 'a host encryptor without a device');
  assert.ok(XML.some((c) => /KeyError: 'lun'/.test(c.label.build_error ?? '')), 'a lun boot disk');
  assert.ok(XML.some((c) => (c.label.nova_xml ?? []).some((x) => /device="disk"[^]*<source file="[^"]*\/disk"/.test(x)) && (c.context as { libvirt?: { image_properties?: { disk_format?: string } } }).libvirt?.image_properties?.disk_format === 'iso'), 'an ISO root as a disk');
});

test(`bdm-lab's preview and CLI write Nova's disks on ${XML.length} deployment cases (xml_difftest_oracle.py, 26.2.2's blockinfo, os-brick's encryptors)`, async () => {
  const off: string[] = [];
  for (const c of XML) {
    const r = compareXmlCase(c, c.label);
    if (r.kind === 'disagree') off.push(`${c.id}: ${r.what}\nNova: ${JSON.stringify(r.nova).slice(0, 400)}\nbdm-lab: ${JSON.stringify(r.ours).slice(0, 400)}`);
    const cli = await compareXmlCli(c, c.label);
    if (cli.kind === 'disagree') off.push(`${c.id} (CLI): ${cli.what}`);
  }
  assert.deepEqual(off, []);
});

type Oracle = Omit<OracleVerdict, 'id'>;
interface Labelled extends DiffCase { note: string; oracle: Oracle }
const CASES: Labelled[] = fixture('cases.json');

test(`bdm-lab answers as Nova does on ${CASES.length} hunt 44 bodies (verdict, status, words, layer, entry, classes, names)`, () => {
  const shapes = new Set(CASES.map((c) => c.note.split(' ')[2]));
  for (const s of ['edges,', 'guestfmt,', 'manyloc,', 'devroot,', 'legacyv2,', 'attach44,']) assert.ok(shapes.has(s), `no ${s} case`);
  assert.ok(CASES.filter((c) => c.oracle.valid).length >= 15);
  const off: string[] = [];
  for (const c of CASES) {
    const r = compare39(c, { id: c.id, ...c.oracle } as OracleVerdict);
    if (!r.ok) off.push(`${c.id} (${c.note}): ${r.key}\n${r.detail}`);
  }
  assert.deepEqual(off, []);
  // and the verdict itself, without the comparer
  for (const c of CASES.filter((x) => x.kind === 'server')) {
    const ours = analyzeJson(c.payloadText, mergeContext([{ source: 'cli', context: c.context as PartialContext }]).context);
    assert.equal(ours.diagnostics.some((d) => d.severity === 'error'), !c.oracle.valid, c.id);
  }
});
