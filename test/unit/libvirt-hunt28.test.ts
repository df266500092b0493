/**
 * An <audio> id counts from 1 (seed 2604, domain 116 of scripts/libvirt-define-check.ts --first):
 * libvirt's parser refuses 0 for a backend's id and for the one a <sound> or a <graphics> names,
 * though its schema takes it. Each fixture (test/fixtures/libvirtdomain/*-stage28-*) was
 * labelled by libvirt 9.0 itself (scripts/libvirt-label.ts --write --only stage28- on
 * qemu:///system).
 */
import { stagedFixtures } from './libvirtxml-fixtures';

const FIRST_RULE: Record<string, string> = {
  'refuse-stage28-audio-backend-id-zero.xml': 'LIBVIRT-DOMAIN-GRAPHICS',
  'refuse-stage28-sound-audio-id-zero.xml': 'LIBVIRT-DOMAIN-GRAPHICS',
  'refuse-stage28-graphics-audio-id-zero.xml': 'LIBVIRT-DOMAIN-GRAPHICS',
};

stagedFixtures('stage28', FIRST_RULE, { files: 4, accepted: 1 });
