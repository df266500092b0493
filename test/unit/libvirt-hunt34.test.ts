/**
 * Round 34: a SEV <launchSecurity> as libvirt 9.0's parser reads it (blanks after <cbitpos>'s
 * digits refused, before them taken; <policy> above 32 bits; after the domain's other elements,
 * before the devices), and the disagreements of scripts/libvirt-hunt34-check.ts (seeded domains of
 * scripts/libvirt-hunt34-gen.ts, seeds 3401-3404) cut down to their shape, each labelled by libvirt
 * itself (libvirtxml-hunt34-cases.ts; scripts/libvirt-cases-label.ts 34 checks the labels on a live
 * libvirtd): the schema's shapes of interface sources, filesystems, <os> children, evdev and binary
 * paths, smbios sections, tseg, USB addresses, audio and video numbers, timers and clock zones; the
 * clock's timers in the QEMU driver's order; features of other platforms in libvirt's feature order
 * and TCG's tb-cache; audio settings and ids; filesystem types and modes; ROM tuning, teaming, guest
 * IP prefixes and backend types of interfaces; USB filter numbers; a video's render node.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { analyzeLibvirtXml } from '../../server/src/libvirtxml/analyze';
import { bestGrowth, describeGrowth } from './growth';
import { CASES } from './libvirtxml-hunt34-cases';
import { labelledFirstErrors } from './libvirtxml-fixtures';

labelledFirstErrors('hunt34', CASES);

const domain = (top: string, devices = '') => `<domain type="qemu"><name>t</name><memory unit="MiB">64</memory>${top}<os><type arch="x86_64" machine="q35">hvm</type></os><devices>${devices}</devices></domain>`;

test('blanks before a SEV <cbitpos> are taken (libvirt then asks the host, "SEV launch security is not supported with this QEMU binary" here): only the host note', () => {
  for (const v of [' 47', '\t47', '\n47', '047']) {
    const problems = analyzeLibvirtXml(domain(`<launchSecurity type="sev"><cbitpos>${v}</cbitpos><reducedPhysBits> 1</reducedPhysBits><policy>0x0003</policy></launchSecurity>`)).problems;
    assert.deepEqual(problems.filter((p) => p.severity === 'error').map((p) => p.message), [], JSON.stringify(v));
    assert.ok(problems.some((p) => p.id === 'LIBVIRT-DOMAIN-HOST-DEPENDENT'), JSON.stringify(v));
  }
});

const WATCHDOG = { timeout: 120_000 };

test('n interfaces, filesystems, audio backends and timers, the last of each wrong: refused, in linear time', WATCHDOG, () => {
  const many = (n: number) => domain(
    `<clock offset="utc">${Array.from({ length: n }, (_, i) => `<timer name="${i === n - 1 ? 'platform' : 'hpet'}"/>`).join('')}</clock>`,
    Array.from({ length: n }, (_, i) => `<interface type="udp"><source address="127.0.0.1" port="${1000 + (i % 60000)}">${i === n - 1 ? '' : '<local address="127.0.0.1" port="2000"/>'}</source><model type="virtio"/></interface>`
      + `<filesystem type="mount"><source dir="/srv/s${i}"/><target dir="t${i}"/></filesystem><audio id="${(i % 250) + 1}" type="none"/><sound model="ich9"><audio id="${(i % 250) + 1}"/></sound>`).join(''),
  );
  const errors = analyzeLibvirtXml(many(3)).problems.filter((p) => p.severity === 'error');
  assert.ok(errors.some((p) => /needs a <local/.test(p.message)), errors.map((p) => p.message).join('\n'));
  const g = bestGrowth(many, analyzeLibvirtXml, 1000, 3);
  assert.ok(g.ratio < 3, describeGrowth('n interfaces, filesystems, audio backends and timers', 1000, g));
});
