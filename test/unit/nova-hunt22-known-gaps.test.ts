/**
 * Two disagreements with Nova that hunt 22 found outside the files it may edit, both fixed since;
 * each case is labelled by Nova's own code (the nova-oracle), its output kept beside the case in
 * test/fixtures/nova-hunt22/known-gaps.json (scripts/hunt22-label.ts known-gaps).
 *
 * - host / hypervisor_hostname (2.74 and later) share one pattern object, which the schema build
 *   once rewrote for Python's `$` twice: the words quoted `(?=\n?$)` and a value ending in two
 *   newlines passed (Python's `$` matches before one final newline only). Fixed meanwhile in
 *   scripts/compile-schemas.mjs (420bb84); these cases now guard it, with hostname and
 *   one-final-newline controls.
 * - user_data with a lone surrogate: Nova's UTF-8 encode raises UnicodeEncodeError, not the
 *   UnicodeDecodeError of other non-ASCII text (rules/table.ts BDM-SCHEMA-BASE64-RAISES names
 *   the one its value raises, rules/schema.ts ErrorArgs.exception).
 */
import { loadCases, testCases } from './nova-hunt22-cases';

const cases = loadCases('known-gaps');
testCases(cases);
