/**
 * Microversion 2.0 (the legacy /v2 endpoint) strips unknown keys, except from an object whose keys
 * are ALL unknown: Nova's soft check then leaves it whole. A block device entry or a legacy item
 * of unknown keys only still fails as Nova says (no uuid, no legacy shape); a network of unknown
 * keys only keeps its `tag`, which the controller sets on a NetworkRequest, and a list or dict
 * there raises (HTTP 500, ValueError). Each case is labelled by Nova's own code (the nova-oracle),
 * its output kept beside the case in test/fixtures/nova-hunt22/legacy-v2-all-unknown.json
 * (scripts/hunt22-label.ts legacy-v2-all-unknown).
 * The network-tag 500 is BDM-API-NETWORK-TAG-TYPE (rules/nova/networks.ts).
 */
import { loadCases, testCases } from './nova-hunt22-cases';

const cases = loadCases('legacy-v2-all-unknown');
testCases(cases);
