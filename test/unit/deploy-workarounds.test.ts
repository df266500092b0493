/**
 * nova.conf's `[workarounds]` options that change a volume's `<disk>`: `rbd_volume_local_attach`
 * and `disable_native_luksv1`, which only Nova 21.0.0 to 23.x have. Labels:
 * test/fixtures/deploy/workarounds-releases.oracle.json, written by workarounds-oracle.py: the
 * nova.conf text read by each release's own oslo.config options, then the release's
 * LibvirtDriver._connect_volume (os-brick's local RBD connector and its encryptors, their
 * commands stubbed) and _get_volume_config .to_xml(), on the tags 20.6.1, 21.0.0, 22.4.0,
 * 23.2.2 and 24.0.0 (20.6.1 and 24.0.0 do not know the options).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import Ajv from 'ajv';
import { analyzeJson } from '../../server/src/analyze';
import { entryPreviewMarkdown, entryPreviewOf, previewDocument, previewOf } from '../../server/src/features/preview';
import { nodeHashes as hashes } from '../../server/src/host';
import { mergeContext } from '../../server/src/model/contextLoad';
import type { Context, VolumeDetails } from '../../server/src/model/context';
import { parseNovaConfIni } from '../../server/src/model/novaConfIni';

interface Case { id: string; nova_conf: string; details: VolumeDetails; volume_id: string; nova_xml: string | null; nova_error: string | null }
const FIXTURE = JSON.parse(readFileSync(join(__dirname, '..', 'fixtures', 'deploy', 'workarounds-releases.oracle.json'), 'utf8')) as {
  releases: Array<{ release: string; cases: Case[] }>;
};

const IMAGE = '70a599e0-31e7-49b7-b260-868f441e862b';

function body(volumeId: string) {
  return { server: { name: 's', imageRef: IMAGE, flavorRef: '1', networks: 'none', block_device_mapping_v2: [
    { boot_index: 0, uuid: IMAGE, source_type: 'image', destination_type: 'local' },
    { uuid: volumeId, source_type: 'volume', destination_type: 'volume' },
  ] } };
}

/** The context of a case: the nova.conf text read as `--nova-conf` reads it, the release, the volume's details. */
function contextOf(c: Case, release: string): Context {
  const { conf } = parseNovaConfIni(c.nova_conf, 'nova.conf');
  return mergeContext([{ source: 'cli', context: { microversion: '2.37', nova_release: release, nova_conf: conf, volumes: { [c.volume_id]: c.details } } }]).context;
}

function previewCase(c: Case, release: string) {
  const ctx = contextOf(c, release);
  const a = analyzeJson(JSON.stringify(body(c.volume_id)), ctx, { forced: true });
  assert.ok(a.valid);
  return { a, ctx, p: previewOf(a, ctx, null, hashes) };
}

test('the volume <disk> with [workarounds] is the bytes of each release\'s _connect_volume + _get_volume_config (20.6.1, 21.0.0, 22.4.0, 23.2.2, 24.0.0)', async (t) => {
  assert.equal(FIXTURE.releases.length, 5);
  for (const { release, cases } of FIXTURE.releases) {
    assert.ok(cases.length >= 20);
    for (const c of cases) {
      await t.test(`${release} ${c.id}`, () => {
        const { p } = previewCase(c, release);
        if (c.nova_error?.startsWith('ConfigFileValueError')) {
          // nova-compute does not start: no XML, oslo.config's reason
          assert.ok(p.novaConfError, 'a refusal');
          assert.ok(c.nova_error.endsWith(p.novaConfError.reason), `${p.novaConfError.reason} vs ${c.nova_error}`);
          assert.equal(p.disks.length, 0);
          return;
        }
        assert.equal(p.novaConfError, null);
        const disk = p.disks.find((d) => d.bdmIndex === 1)!;
        if (c.nova_error) {
          assert.equal(disk.xml, '');
          assert.ok(disk.error?.includes(c.nova_error), `${disk.error} vs ${c.nova_error}`);
        } else {
          assert.equal(disk.error, undefined, disk.error);
          assert.equal(disk.xml, c.nova_xml);
        }
      });
    }
  }
});

test('a [workarounds] option a release does not have is ignored, and the preview and hover say so instead of claiming it', () => {
  const local = FIXTURE.releases[0]!.cases.find((c) => c.id === 'rbd-local-attach-block-writeback')!;
  const both = FIXTURE.releases[0]!.cases.find((c) => c.id === 'rbd-luks-both')!;
  for (const release of ['20.6.1', '24.0.0', 'queens_to_2024_2', 'xena']) {
    const { a, ctx, p } = previewCase(local, release);
    const disk = p.disks.find((d) => d.bdmIndex === 1)!;
    assert.match(disk.xml, /<disk type="network"/, release);
    assert.doesNotMatch(disk.connectionSource!, /workarounds/);
    assert.match(p.confNote ?? '', /\[workarounds\]rbd_volume_local_attach: Nova \d+.* does not have this option \(only Nova 21\.0\.0 to 23\.x do\) and ignores it/, release);
    assert.match(previewDocument(p), /rbd_volume_local_attach: Nova \d+/);
    const hover = entryPreviewMarkdown(entryPreviewOf(a, ctx, null, hashes, 1)!, 1)!;
    assert.match(hover, /does not have this option/);
    assert.doesNotMatch(hover, /mapped on the host by os-brick/);
  }
  // two options, one line
  assert.match(previewCase(both, '24.0.0').p.confNote ?? '', /rbd_volume_local_attach and \[workarounds\]disable_native_luksv1: Nova 24 does not have these options/);
  // where they apply, the hover names the option that made the <disk> and no note says it is ignored
  for (const release of ['21.0.0', '22.4.0', 'wallaby']) {
    const { a, ctx, p } = previewCase(both, release);
    assert.equal(p.confNote, null);
    const hover = entryPreviewMarkdown(entryPreviewOf(a, ctx, null, hashes, 1)!, 1)!;
    assert.match(hover, /mapped on the host by os-brick: \[workarounds\]rbd_volume_local_attach, opened by os-brick's dm-crypt encryptor: \[workarounds\]disable_native_luksv1/);
    assert.match(hover, /<disk type="block"/);
  }
});

test('the nova.conf reader keeps [workarounds] (any section case, oslo.config booleans) and refuses a bad value only for Nova 21-23', () => {
  const r = parseNovaConfIni('[WORKAROUNDS]\nrbd_volume_local_attach = Yes\ndisable_native_luksv1 = off\nnever_download_image_if_on_rbd = true\n');
  assert.deepEqual(r.conf.workarounds, { rbd_volume_local_attach: true, disable_native_luksv1: false });
  // an option bdm-lab does not model stays a note, as before
  assert.ok(r.notes.some((n) => n.includes('[WORKAROUNDS]never_download_image_if_on_rbd')), r.notes.join('\n'));
  const bad = parseNovaConfIni('[workarounds]\nrbd_volume_local_attach = maybe\n');
  assert.equal(bad.conf.workarounds, undefined);
  assert.deepEqual(bad.conf.refusals?.[0]?.eras, [{ from: 0, reason: null }, { from: 21, reason: "Unexpected boolean value 'maybe'" }, { from: 24, reason: null }]);
  assert.match(bad.notes.join('\n'), /oslo\.config refuses it in Nova 21-23/);
});

test('the context schema takes nova_conf.workarounds (booleans only) and a context layer merges it key by key', () => {
  const schema = JSON.parse(readFileSync(join(__dirname, '..', '..', 'schemas', 'context.schema.json'), 'utf8')) as Record<string, unknown>;
  delete schema.$schema;
  const validate = new Ajv({ allErrors: true, strict: false }).compile(schema);
  assert.ok(validate({ nova_release: '22.0.0', nova_conf: { workarounds: { rbd_volume_local_attach: true, disable_native_luksv1: false } } }), JSON.stringify(validate.errors));
  assert.ok(!validate({ nova_conf: { workarounds: { rbd_volume_local_attach: 'true' } } }));
  assert.ok(!validate({ nova_conf: { workarounds: { never_download_image_if_on_rbd: true } } }));
  const merged = mergeContext([
    { source: 'cli', context: { nova_conf: { workarounds: { disable_native_luksv1: true } } } },
    { source: 'file', context: { nova_conf: { workarounds: { rbd_volume_local_attach: true, disable_native_luksv1: false } } } },
  ]).context;
  assert.deepEqual(merged.nova_conf?.workarounds, { rbd_volume_local_attach: true, disable_native_luksv1: true });
});
