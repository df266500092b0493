/**
 * Several instances with a fixed IP: compute refuses them only when the request's address is
 * true, and Nova holds it as a netaddr IPAddress, which is false when its value is 0 (`0.0.0.0`,
 * `::`, `0::0`, `::0.0.0.0`). So such a request goes on (and a port beside it is still refused
 * by the controller, which asks "is not None"). Each case is labelled by Nova's own code (the
 * nova-oracle), its output kept beside the case in test/fixtures/nova-hunt22/zero-fixed-ip.json
 * (scripts/hunt22-label.ts zero-fixed-ip).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { loadCases, testCases } from './nova-hunt22-cases';

const cases = loadCases('zero-fixed-ip');
testCases(cases);

test('the fixture holds both answers: a zero address accepted and a non-zero one refused for two servers', () => {
  assert.ok(cases.some((c) => c.oracle.valid && JSON.stringify(c.payload).includes('"fixed_ip":"0.0.0.0"') && JSON.stringify(c.payload).includes('"max_count":2')));
  assert.ok(cases.some((c) => !c.oracle.valid && (c.oracle.nova_message ?? '').includes('max_count cannot be greater than 1 if an fixed_ip')));
});
