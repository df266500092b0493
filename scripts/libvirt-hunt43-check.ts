/**
 * Round 43's differential check (scripts/libvirt-hunt-check.ts): the seeded whole domains of
 * scripts/libvirt-hunt43-gen.ts against `virsh define --validate`.
 *   node --import tsx scripts/libvirt-hunt43-check.ts [URI] [--seed N] [--count N] [--labels FILE] [--root DIR] [--dump DIR] [--print]
 */
import { huntCheck } from './libvirt-hunt-check';
import { hunt43Domains } from './libvirt-hunt43-gen';

void huntCheck(43, hunt43Domains, 4301);
