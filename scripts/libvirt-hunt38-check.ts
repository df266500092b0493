/**
 * Round 38's differential check (scripts/libvirt-hunt-check.ts): the seeded documents of
 * scripts/libvirt-hunt38-gen.ts, what operators put around disks, against `virsh define --validate`.
 *   node --import tsx scripts/libvirt-hunt38-check.ts [URI] [--seed N] [--count N] [--labels FILE] [--root DIR] [--dump DIR] [--print]
 */
import { huntCheck } from './libvirt-hunt-check';
import { hunt38Domains } from './libvirt-hunt38-gen';

void huntCheck(38, hunt38Domains, 3801);
