/**
 * Labels round 43's libvirt cases (test/fixtures/libvirt-hunt43/cases.json: whole domains) with
 * libvirt itself (scripts/libvirt-hunt-label.ts).
 *   node --import tsx scripts/libvirt-hunt43-label.ts [URI] [--write]
 */
import { huntLabel } from './libvirt-hunt-label';

huntLabel(43);
