/**
 * Round 44's differential check (scripts/libvirt-hunt-check.ts): the seeded, mostly valid Nova-style
 * domains of scripts/libvirt-hunt44-gen.ts against `virsh define --validate`; --faults 2 lets a document
 * make two doubtful choices (which one libvirt reports first).
 *   node --import tsx scripts/libvirt-hunt44-check.ts [URI] [--seed N] [--count N] [--faults N] [--labels FILE] [--root DIR] [--dump DIR] [--print]
 */
import { huntCheck } from './libvirt-hunt-check';
import { hunt44Domains } from './libvirt-hunt44-gen';

const at = process.argv.indexOf('--faults');
const faults = at > 0 ? Number(process.argv[at + 1]) : 1;
if (at > 0) process.argv.splice(at, 2);
void huntCheck(44, (seed, count) => hunt44Domains(seed, count, faults), 4401);
