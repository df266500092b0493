/**
 * Hunt 22 of the openstack CLI source (scripts/osc-hunt22-generate.mjs): kinds of lines the other
 * generators do not make, where bdm-lab disagreed with OSC:
 * - the shell's options that take one of a list of values (--os-interface, --os-auth-type, the
 *   share, container and baremetal API versions) refuse any other value, wherever they stand;
 * - a --file without '=' (or with an empty list, from `--file=--`) fails in take_action, however
 *   the operator's files are, before --min/--max are checked;
 * - bash's reserved words before the command on its line (`for …; do openstack …`, `if`, `!`,
 *   `{`, `time -p`) hid the command.
 * Every expected answer is the oracle's, kept beside its case: "oracle" is scripts/osc-hunt22-label.py
 * --bash (scripts/osc-label.py: the words bash gives `openstack`, the real shell's parser, its
 * version check, then shared/tools/osc-oracle; Nova's verdict by shared/tools/nova-oracle with the
 * flavor root_gb 20, ephemeral_gb 10, swap_mb 1024). The labelled lines are in test/fixtures/osc-hunt22/
 * (cases.json, oracle.json: /usr/bin/python3 scripts/osc-hunt22-label.py --bash cases.json oracle.json).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { findServerCreates } from '../../server/src/source/oscCli';
import { withOracleIds } from '../fixtures/osc/oracleIds';
import { analyzeDocument } from '../../server/src/document';
import { defaultContext } from '../../server/src/model/context';

/** the oracle's ids (fixtures/osc/oracleIds.ts) of flavor m1 and image cirros */
const M1 = 'ab83bc6e-2542-57d6-ab20-f9ed4a06e62e';
const CIRROS = 'ed7634ec-9f13-5ecd-840b-38fbcf085d1e';
const PLAIN = { server: { name: 'vm1', imageRef: CIRROS, flavorRef: M1, min_count: 1, max_count: 1 } };

const translation = (line: string) => {
  const found = findServerCreates(line, 'shell');
  assert.equal(found.length, 1, `one command in ${line}`);
  return found[0].translation;
};
const refusal = (line: string) => {
  const t = translation(line);
  assert.ok(t.error, `refused: ${line}`);
  return { stage: t.error.stage, message: t.error.message };
};
const sent = (line: string) => {
  const t = translation(line);
  assert.equal(t.error, null, `sent: ${line} (${t.error?.message})`);
  return { body: withOracleIds(t), microversion: t.microversion };
};

test("the shell's options with a list of values refuse any other value, before or after `server create`", () => {
  // oracle: osc-argparse | openstack: error: argument --os-interface: invalid choice: 'vm1' (choose from 'admin', 'public', 'internal')
  assert.deepEqual(refusal('openstack server create --flavor m1 --image cirros --os-interface vm1 public'),
    { stage: 'osc-argparse', message: "openstack: error: argument --os-interface: invalid choice: 'vm1' (choose from 'admin', 'public', 'internal')" });
  // oracle: osc-argparse | openstack: error: argument --os-interface: invalid choice: 'Public' (choose from 'admin', 'public', 'internal')
  assert.deepEqual(refusal('openstack --os-inter=Public server create --flavor m1 --image cirros vm1'),
    { stage: 'osc-argparse', message: "openstack: error: argument --os-interface: invalid choice: 'Public' (choose from 'admin', 'public', 'internal')" });
  // oracle: osc-argparse | openstack: error: argument --os-auth-type: invalid choice: 'bogus' (choose from 'vitrage-noauth', … 'none')
  assert.deepEqual(refusal('openstack --os-auth-type bogus server create --flavor m1 --image cirros vm1'), {
    stage: 'osc-argparse',
    message: "openstack: error: argument --os-auth-type: invalid choice: 'bogus' (choose from 'vitrage-noauth', 'http_basic', 'noauth', 'v3oauth1', 'v1password', 'v2password', "
      + "'v2token', 'v3oidcpassword', 'v3multifactor', 'v3tokenlessauth', 'v3totp', 'v3oidcclientcredentials', 'token', 'v3oidcaccesstoken', 'admin_token', 'v3oidcauthcode', "
      + "'password', 'v3applicationcredential', 'v3token', 'v3samlpassword', 'aodh-noauth', 'vitrage-keycloak', 'v3password', 'v3adfspassword', 'none')",
  });
  // oracle: osc-argparse | openstack: error: argument --os-container-api-version: invalid choice: 'latest' (choose from '1', '1.1', … '1.40', '1.latest')
  const container = ['1', ...Array.from({ length: 40 }, (_, i) => `1.${i + 1}`), '1.latest'].map((v) => `'${v}'`).join(', ');
  assert.deepEqual(refusal('openstack server create --flavor m1 --image cirros --os-container-api-version latest vm1'),
    { stage: 'osc-argparse', message: `openstack: error: argument --os-container-api-version: invalid choice: 'latest' (choose from ${container})` });
  // oracle: osc-argparse | openstack: error: argument --os-share-api-version: invalid choice: '2.73' (choose from '2.0', '2.1', … '2.72')
  const share = ['2.0', ...Array.from({ length: 72 }, (_, i) => `2.${i + 1}`)].map((v) => `'${v}'`).join(', ');
  assert.deepEqual(refusal('openstack server create --flavor m1 --image cirros --os-share-api-version 2.73 vm1'),
    { stage: 'osc-argparse', message: `openstack: error: argument --os-share-api-version: invalid choice: '2.73' (choose from ${share})` });
  // an ambiguous start is refused first, when the words are sorted
  // oracle: osc-argparse | openstack: error: ambiguous option: --v could match --version, --verbose, --verify
  assert.deepEqual(refusal('openstack server create --flavor m1 --image cirros --os-interface x --v vm1'),
    { stage: 'osc-argparse', message: 'openstack: error: ambiguous option: --v could match --version, --verbose, --verify' });
  // a value among the choices, and an empty list (a value `--`), which argparse does not check
  // oracle: sent | {"server": {"name": "vm1", "imageRef": CIRROS, "flavorRef": M1, "min_count": 1, "max_count": 1}} | 2.1 | Nova 202
  assert.deepEqual(sent('openstack server create --flavor m1 --image cirros --os-interface public vm1'), { body: PLAIN, microversion: '2.1' });
  // oracle: sent | the same body | 2.1 | Nova 202
  assert.deepEqual(sent('openstack server create --flavor m1 --image cirros --os-interface=-- vm1'), { body: PLAIN, microversion: '2.1' });
});

test('a --file without "=" (or an empty list) fails in take_action before --min/--max are checked', () => {
  // oracle: osc-or-novaclient | ValueError: not enough values to unpack (expected 2, got 1)
  const unpack = { stage: 'novaclient', message: 'not enough values to unpack (expected 2, got 1)' };
  assert.deepEqual(refusal('openstack server create --flavor m1 --image cirros --file nodash vm1'), unpack);
  // oracle: osc-or-novaclient | ValueError: not enough values to unpack (expected 2, got 1)
  assert.deepEqual(refusal("openstack server create --flavor m1 --image cirros --file '' vm1"), unpack);
  // oracle: osc-or-novaclient | ValueError: not enough values to unpack (expected 2, got 1)
  assert.deepEqual(refusal('openstack server create --flavor m1 --image cirros --file nodash --min 2 --max 1 vm1'), unpack);
  // oracle: osc-or-novaclient | AttributeError: 'list' object has no attribute 'split'
  assert.deepEqual(refusal('openstack server create --flavor m1 --image cirros --file=-- vm1'), { stage: 'novaclient', message: "'list' object has no attribute 'split'" });
  // above 2.56 any --file is refused first
  // oracle: osc | CommandError: Personality files are deprecated and are not supported for --os-compute-api-version greater than 2.56; use user data instead
  assert.deepEqual(refusal('openstack --os-compute-api-version 2.57 server create --flavor m1 --image cirros --file nodash vm1'),
    { stage: 'osc', message: 'Personality files are deprecated and are not supported for --os-compute-api-version greater than 2.56; use user data instead' });
});

test("bash's reserved words before the command on its line: the command is still read, with its environment", () => {
  const bd = '--block-device source_type=blank,destination_type=local,volume_size=1,volume_type=ssd';
  // oracle: osc | CommandError: --os-compute-api-version 2.67 or greater is required to support the volume_type key of --block-device
  assert.deepEqual(refusal(`for i in 1; do openstack server create --flavor m1 --image cirros ${bd} vm1; done`),
    { stage: 'osc', message: '--os-compute-api-version 2.67 or greater is required to support the volume_type key of --block-device' });
  // oracle: osc-argparse | openstack server create: error: argument --boot-from-volume: invalid int value: 'x'
  assert.deepEqual(refusal('{ openstack server create --flavor m1 --image cirros --boot-from-volume x vm1; }'),
    { stage: 'osc-argparse', message: "openstack server create: error: argument --boot-from-volume: invalid int value: 'x'" });
  // oracle: sent | {"server": {"name": "vm1", "imageRef": CIRROS, "flavorRef": M1, "min_count": 1, "max_count": 1}} | 2.1 | Nova 202
  assert.deepEqual(sent('if ! openstack server create --flavor m1 --image cirros --swap 0 vm1; then :; fi'), { body: PLAIN, microversion: '2.1' });
  // an assignment after `time` (and `time -p`) still gives the command its environment
  // oracle: sent | networks "auto", block_device_mapping_v2 [image root, {source_type blank, destination_type local, volume_size "1", volume_type "ssd", delete_on_termination true}] | 2.67
  //   | Nova 400 Block Device Mapping is Invalid: Specifying a volume_type with destination_type=local is not supported.
  const ctx = { ...defaultContext(), flavor: { root_gb: 20, ephemeral_gb: 10, swap_mb: 1024 } };
  for (const line of [`time OS_COMPUTE_API_VERSION=2.67 openstack server create --flavor m1 --image cirros ${bd} vm1`,
    `time -p openstack --os-compute-api-version 2.67 server create --flavor m1 --image cirros ${bd} vm1`]) {
    const s = sent(line);
    assert.equal(s.microversion, '2.67', line);
    assert.deepEqual((s.body as { server: { block_device_mapping_v2: unknown[] } }).server.block_device_mapping_v2, [
      { uuid: CIRROS, boot_index: 0, source_type: 'image', destination_type: 'local', delete_on_termination: true },
      { source_type: 'blank', destination_type: 'local', volume_size: '1', volume_type: 'ssd', delete_on_termination: true },
    ], line);
    const a = analyzeDocument(line, 'shell', ctx);
    assert.equal(a.valid, false, line);
    assert.equal(a.verdict?.message, 'Block Device Mapping is Invalid: Specifying a volume_type with destination_type=local is not supported.', line);
  }
});
