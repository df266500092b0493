/**
 * Round 42's differential check (scripts/libvirt-hunt-check.ts): the seeded whole domains of
 * scripts/libvirt-hunt42-gen.ts against `virsh define --validate`.
 *   node --import tsx scripts/libvirt-hunt42-check.ts [URI] [--seed N] [--count N] [--labels FILE] [--root DIR] [--dump DIR] [--print]
 */
import { huntCheck } from './libvirt-hunt-check';
import { hunt42Domains } from './libvirt-hunt42-gen';

void huntCheck(42, hunt42Domains, 4201);
