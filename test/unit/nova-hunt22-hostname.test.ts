/**
 * The hostname a server-create body names is read by Nova's controller from 2.90 only: at 2.0 the
 * legacy /v2 endpoint strips the key, and 2.1-2.89's schema refuses it. So at 2.0 several servers
 * may "share" a hostname (Nova never sees it), and a shared volume or a zero-disk flavor is what
 * refuses them. Each case is labelled by Nova's own code (the nova-oracle), its output kept beside
 * the case in test/fixtures/nova-hunt22/hostname.json (scripts/hunt22-label.ts hostname).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { loadCases, testCases } from './nova-hunt22-cases';

const cases = loadCases('hostname');
testCases(cases);

test('the fixture holds both answers: Nova refusing for the hostname (2.90) and accepting it at 2.0', () => {
  assert.ok(cases.some((c) => c.context.microversion === '2.0' && c.oracle.valid && (c.payload as { server: { max_count?: unknown } }).server.max_count !== undefined));
  assert.ok(cases.some((c) => c.oracle.nova_message === 'Unable to allocate a single hostname to multiple instances'));
});
