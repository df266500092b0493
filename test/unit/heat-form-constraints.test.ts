/**
 * Heat's custom constraints that check a value's form (ip_addr, mac_addr, dns_name, dns_domain,
 * rel_dns_name, iso_8601, and net_cidr / ip_or_cidr where bdm-lab reads them): each value passes or
 * is refused in Heat's words, "Parameter 'p' is invalid: Error validating value ...".
 *
 * Labels: Heat 19.0.0's own Stack.validate (test/fixtures/heat/stack_validate.py on
 * test/fixtures/heat-constraints/cases.json, written by scripts/heat-constraints-cases.py; the
 * labels are test/fixtures/heat-constraints/oracle.json). A note is allowed only where bdm-lab
 * does not read the form (cron_expression, timezone, expiration, netaddr's other cidr forms, an
 * IPv4 with digits other than ASCII ones).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { heatSources } from '../../server/src/source/heat';
import { formConstraint } from '../../server/src/source/heat/formConstraints';
import { answer, CASES, want, type ConstraintCase } from '../../scripts/heat-constraints-agree';
import { bestGrowth } from './growth';

/** where bdm-lab may leave the check out (a note), by constraint and value */
function mayNote(c: ConstraintCase): boolean {
  if (['cron_expression', 'timezone', 'expiration'].includes(c.constraint)) return true;
  if (c.constraint === 'net_cidr' || (c.constraint === 'ip_or_cidr' && c.value.includes('/'))) return true;
  return /[^\x00-\x7f]/.test(c.value) && /\p{Nd}/u.test(c.value) && !c.value.includes(':');
}

for (const c of CASES) {
  test(`form constraint ${c.constraint} on ${JSON.stringify(c.value)} (${c.id}) as Heat decides`, () => {
    const a = answer(c);
    if (a === 'note') assert.ok(mayNote(c), `bdm-lab left a note where it reads ${c.constraint}: Heat says ${want(c)}`);
    else assert.equal(a, want(c));
  });
}

test('every constraint bdm-lab reads is decided on most of its labelled values', () => {
  for (const name of ['ip_addr', 'mac_addr', 'dns_name', 'dns_domain', 'rel_dns_name', 'iso_8601', 'net_cidr', 'ip_or_cidr']) {
    const cs = CASES.filter((c) => c.constraint === name);
    const decided = cs.filter((c) => answer(c) !== 'note').length;
    assert.ok(cs.length > 0 && decided >= cs.length / 2, `${name}: ${decided} of ${cs.length} decided`);
  }
});

test('a given value is refused at the parameter, a default one at the default', () => {
  const byId = (id: string) => CASES.find((c) => c.id === id)!;
  const at = (c: ConstraintCase) => {
    const e = heatSources(c.template, { params: c.params })[0].translation.error!;
    return c.template.slice(e.span.offset, e.span.offset + e.span.length);
  };
  assert.equal(at(byId('default-ip')), '"01.2.3.4"');
  assert.equal(want(byId('default-ip')), "Parameter 'p' is invalid: Error validating value '01.2.3.4': Invalid IP address");
  assert.equal(at(byId('description-mac')), 'p');
  assert.equal(want(byId('description-mac')), "Parameter 'p' is invalid: a MAC please");
});

// (Heat's words labelled by the heat-oracle: case h31-form-ip_addr-num5 of scripts/heat-hunt31-labels.json)
test('a number reaches the check as written: ip_addr refuses what is no text', () => {
  const t = 'heat_template_version: 2018-08-31\nparameters:\n  p:\n    type: number\n    default: 5\n    constraints:\n      - custom_constraint: ip_addr\nresources:\n  srv:\n    type: OS::Nova::Server\n    properties:\n      flavor: m1.small\n      image: cirros\n      networks: [{network: private}]\n';
  const d = heatSources(t, {})[0];
  assert.equal(d.translation.error?.message, "Parameter 'p' is invalid: Error validating value '5': Invalid IP address");
});

// each check is one pass over the value: time at 2n over time at n, in the same run
const LINEAR = 3;
const inputs: Array<[string, (n: number) => string]> = [
  ['ip_addr', (n) => '1.'.repeat(n)],
  ['ip_addr', (n) => '1:'.repeat(n) + 'x'],
  ['mac_addr', (n) => 'a:'.repeat(n)],
  ['dns_name', (n) => 'a.'.repeat(n) + '-'],
  ['rel_dns_name', (n) => 'a'.repeat(n)],
  ['iso_8601', (n) => '2007-01-01T00:00:00.' + '1'.repeat(n) + '+'],
  ['ip_or_cidr', (n) => '1.2.3.4/' + '1'.repeat(n)],
];
for (const [name, make] of inputs) {
  test(`${name} grows linearly on ${JSON.stringify(make(2))}…`, { timeout: 120_000 }, () => {
    const g = bestGrowth(make, (s) => formConstraint(name, s), 20000, LINEAR, 5);
    assert.ok(g.ratio < LINEAR, `time at 2n / time at n = ${g.ratio.toFixed(2)} (${g.msN.toFixed(1)} / ${g.ms2N.toFixed(1)} ms)`);
  });
}
