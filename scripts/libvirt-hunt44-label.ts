/**
 * Labels round 44's libvirt cases (test/fixtures/libvirt-hunt44/cases.json: whole domains) with
 * libvirt itself (scripts/libvirt-hunt-label.ts).
 *   node --import tsx scripts/libvirt-hunt44-label.ts [URI] [--write]
 */
import { huntLabel } from './libvirt-hunt-label';

huntLabel(44);
