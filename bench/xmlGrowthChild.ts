/**
 * The libvirt XML growth of bench/libvirtXml.ts in a process of its own, started by bench/run.ts:
 * a fresh heap, so the garbage the validation part leaves behind (100 000-entry bodies) is not
 * collected inside these samples. Arguments: the bundled domain (bench/domain.ts as built by
 * run.ts) and the number of samples; prints the growth rows as JSON.
 */
import { createRequire } from 'node:module';
import { xmlGrowth } from './libvirtXml';

const [bundle, reps] = process.argv.slice(2);
const domain = createRequire(import.meta.url)(bundle!) as typeof import('./domain');
process.stdout.write(JSON.stringify(xmlGrowth(domain.analyzeLibvirtXml, Number(reps))));
