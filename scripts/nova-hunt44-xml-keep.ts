/**
 * Hunt 44: keeps the deployment-XML cases its fixes were for, labelled, in
 * test/fixtures/nova-hunt44/xml.oracle.json: cases of scripts/xml-difftest-gen.ts (seeds 4401-4403
 * x 200) labelled by scripts/xml_difftest_oracle.py given a fetched openstack/nova (so the disks are
 * named by 26.2.2's own blockinfo.py, the release the cases name, and the volumes' encryptors are
 * built by os-brick as LibvirtDriver._attach_encryptor does).
 *   node --import tsx scripts/nova-hunt44-xml-keep.ts NOVA_GIT_DIR
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { generateXmlCases } from './xml-difftest-gen';
import { labelXmlCases } from './xml-difftest';

const PICK: Record<number, string[]> = {
  // an unknown encryption provider (LUKS), rbd volumes a host encryptor cannot open, ISO roots, lun roots with a boot index,
  // and the first cases of a seed as they come
  4401: ['87', '5', '66', '139', '45', '55', '60', '0', '1', '2', '3', '4', '6'],
  4402: ['98', '90', '17', '37', '84', '142'],
  4403: ['104', '4', '21'],
};

function main() {
  const git = process.argv[2];
  if (!git) throw new Error('usage: nova-hunt44-xml-keep.ts NOVA_GIT_DIR');
  const out: unknown[] = [];
  for (const [seed, idx] of Object.entries(PICK)) {
    const cases = generateXmlCases(Number(seed), 200).filter((c) => idx.includes(c.id.split('-')[2]!));
    const labels = labelXmlCases(cases, git);
    cases.forEach((c, i) => out.push({ id: c.id, body: c.body, context: c.context, ...(c.nova_conf_ini !== undefined ? { nova_conf_ini: c.nova_conf_ini } : {}), label: labels[i] }));
  }
  const file = join(__dirname, '..', 'test', 'fixtures', 'nova-hunt44', 'xml.oracle.json');
  writeFileSync(file, JSON.stringify({ about: 'scripts/nova-hunt44-xml-keep.ts: cases of scripts/xml-difftest-gen.ts labelled by scripts/xml_difftest_oracle.py (python3-nova 26.2.2 through test/fixtures/deploy/spawn_oracle.py; blockinfo.py of openstack/nova 26.2.2; os-brick 6.1.0 encryptors)', cases: out }, null, 1) + '\n');
  console.log(`${file}: ${out.length} cases`);
}

main();
