/**
 * Labels round 38's libvirt cases (test/fixtures/libvirt-hunt38/cases.json: what operators put around disks, a lone <disk> in a small pc domain) with
 * libvirt itself (scripts/libvirt-hunt-label.ts).
 *   node --import tsx scripts/libvirt-hunt38-label.ts [URI] [--write]
 */
import { huntLabel } from './libvirt-hunt-label';

huntLabel(38);
