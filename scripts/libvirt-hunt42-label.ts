/**
 * Labels round 42's libvirt cases (test/fixtures/libvirt-hunt42/cases.json: whole domains) with
 * libvirt itself (scripts/libvirt-hunt-label.ts).
 *   node --import tsx scripts/libvirt-hunt42-label.ts [URI] [--write]
 */
import { huntLabel } from './libvirt-hunt-label';

huntLabel(42);
