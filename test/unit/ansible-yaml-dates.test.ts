/**
 * YAML dates and timestamps through Ansible's templating. Ansible's loader (PyYAML, YAML 1.1)
 * reads a plain `2024-01-02` as a datetime.date and `2024-01-02 10:00:00` (with `T`/`t` or blanks,
 * a fraction, `Z` or an offset) as a datetime.datetime, naive or aware; a template that reads one
 * works on the Python object: str() (`2024-01-02 10:00:00+05:30`) where it is written out, repr()
 * inside a list or a dict, isoformat() through `to_json`, its attributes (year... tzinfo, min, max,
 * resolution) and a few methods, comparisons (a date and a datetime never equal, naive and aware
 * not ordered), a difference as a timedelta, and Python's TypeErrors for the rest.
 *
 * - test/fixtures/ansible/dates-cases.json (written by dates_cases.py) with dates-oracle.json, the
 *   answers of shared/tools/ansible-oracle (ansible-core 2.14.18, openstack.cloud 1.10.0,
 *   openstacksdk 0.101.0): bdm-lab sends the same body or refuses with the same words. A case
 *   PyYAML does not load (a 13th month, an offset of a day) holds no task for bdm-lab either.
 * - the values as bdm-lab holds them (str, repr, isoformat; timedelta's words, checked in Python 3.11);
 * - hostile text: timestamp-like scalars with long runs of blanks, many dates written out, in linear time.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { findTasks } from '../../server/src/source/ansible';
import { readTask } from '../../server/src/source/ansible/index';
import { PyDate } from '../../server/src/source/ansible/tasks';
import { timedelta } from '../../server/src/source/ansible/pyvalue';
import { compareAnsible, type AnsibleLabel } from '../fixtures/ansible/compare';
import { bestGrowth, describeGrowth } from './growth';

const DIR = join(__dirname, '..', 'fixtures', 'ansible');
const CASES = JSON.parse(readFileSync(join(DIR, 'dates-cases.json'), 'utf8')) as Array<{ id: string; input: string }>;
const LABELS = JSON.parse(readFileSync(join(DIR, 'dates-oracle.json'), 'utf8')) as Record<string, AnsibleLabel>;
/** the errors of PyYAML's constructor on a timestamp it refuses (the document is not loaded) */
const NOT_LOADED = /^ValueError: (?:month must be|day is out of range|hour must be|minute must be|second must be|offset must be a timedelta)/;

test('every labelled date case agrees with the oracle', () => {
  assert.ok(CASES.length >= 200);
  const bad: string[] = [];
  for (const c of CASES) {
    const o = LABELS[c.id];
    assert.ok(o, `${c.id}: no label`);
    let diffs = compareAnsible(c.input, o);
    if (diffs[0] === 'bdm-lab finds no task' && o.stage === 'ansible-args' && NOT_LOADED.test(o.error ?? '')) diffs = [];
    if (diffs.length) bad.push(`${c.id}: ${diffs.join('; ')}`);
  }
  assert.deepEqual(bad, []);
});

test('the oracle cases cover what the module then sends: names, sizes, refusals', () => {
  const stages = Object.values(LABELS).map((l) => l.stage);
  assert.ok(stages.filter((s) => s === 'sent').length > 100);
  assert.ok(stages.filter((s) => s === 'ansible-args').length > 40);
  const name = (id: string) => (LABELS[id]!.nova_body as { server: { name: string } }).server.name;
  assert.equal(name('name-plain-date'), '2024-01-02');
  assert.equal(name('name-plain-aware'), '2024-01-02 10:00:00.500000+05:30');
  assert.equal(name('name-to-json-naive'), '"2024-01-02T10:00:00"');
  assert.equal(name('name-sub-date'), '59 days, 0:00:00');
});

/** the value of `when` in a task's vars */
function loaded(form: string): unknown {
  const t = findTasks(`- openstack.cloud.server:\n    name: vm\n  vars:\n    when: ${form}\n`)[0]!;
  return t.scopes[t.scopes.length - 1]!.when;
}

test('YAML 1.1 dates and timestamps load as Python dates and datetimes (str, repr, isoformat)', () => {
  const rows: Array<[string, string, string, string]> = [
    ['2024-01-02', '2024-01-02', 'datetime.date(2024, 1, 2)', '2024-01-02'],
    ['2024-01-02 10:00:00', '2024-01-02 10:00:00', 'datetime.datetime(2024, 1, 2, 10, 0)', '2024-01-02T10:00:00'],
    ['2024-01-02T10:00:00Z', '2024-01-02 10:00:00+00:00', 'datetime.datetime(2024, 1, 2, 10, 0, tzinfo=datetime.timezone.utc)', '2024-01-02T10:00:00+00:00'],
    ['2024-1-2 1:02:03.5 +05:30', '2024-01-02 01:02:03.500000+05:30', 'datetime.datetime(2024, 1, 2, 1, 2, 3, 500000, tzinfo=datetime.timezone(datetime.timedelta(seconds=19800)))', '2024-01-02T01:02:03.500000+05:30'],
    ['2024-01-02t10:00:00.123456789-08', '2024-01-02 10:00:00.123456-08:00', 'datetime.datetime(2024, 1, 2, 10, 0, 0, 123456, tzinfo=datetime.timezone(datetime.timedelta(days=-1, seconds=57600)))', '2024-01-02T10:00:00.123456-08:00'],
    ['2024-01-02 10:00:00 -00:00', '2024-01-02 10:00:00+00:00', 'datetime.datetime(2024, 1, 2, 10, 0, tzinfo=datetime.timezone.utc)', '2024-01-02T10:00:00+00:00'],
  ];
  for (const [form, str, repr, iso] of rows) {
    const v = loaded(form);
    assert.ok(v instanceof PyDate, form);
    assert.equal(String(v), str, form);
    assert.equal(v.repr(), repr, form);
    assert.equal(v.iso, iso, form);
  }
  // near misses stay what PyYAML's resolver makes of them
  assert.equal(loaded('2024-1-2'), '2024-1-2');
  assert.equal(loaded('2024-01-02 10:00'), '2024-01-02 10:00');
  assert.equal(loaded('"2024-01-02"'), '2024-01-02');
  assert.equal(loaded('20240102'), 20240102);
  // a date that does not exist: PyYAML loads no document, bdm-lab finds no task
  assert.equal(findTasks('- openstack.cloud.server:\n    name: vm\n  vars:\n    when: 2023-02-29\n').length, 0);
});

test('a timedelta is written as Python writes it', () => {
  const rows: Array<[bigint, string, string]> = [
    [0n, '0:00:00', 'datetime.timedelta(0)'],
    [1n, '0:00:00.000001', 'datetime.timedelta(microseconds=1)'],
    [-1n, '-1 day, 23:59:59.999999', 'datetime.timedelta(days=-1, seconds=86399, microseconds=999999)'],
    [86_400_000_000n, '1 day, 0:00:00', 'datetime.timedelta(days=1)'],
    [172_800_000_005n, '2 days, 0:00:00.000005', 'datetime.timedelta(days=2, microseconds=5)'],
    [-3_600_000_000n, '-1 day, 23:00:00', 'datetime.timedelta(days=-1, seconds=82800)'],
    [315_537_897_599_999_999n, '3652058 days, 23:59:59.999999', 'datetime.timedelta(days=3652058, seconds=86399, microseconds=999999)'],
  ];
  for (const [us, str, repr] of rows) {
    assert.equal(timedelta(us).str, str);
    assert.equal(timedelta(us).repr, repr);
  }
});

/** the server name bdm-lab sends for a task, or its first refusal */
function sent(name: string, vars: string): string {
  const r = readTask(findTasks(`- openstack.cloud.server:\n    name: "${name}"\n    image: cirros\n    flavor: m1.small\n  vars:\n${vars}`)[0]!)!;
  const err = r.findings.find((f) => f.code !== 'BDM-ANSIBLE-LOOP');
  if (err) return `${err.code}: ${String(err.args?.detail)}`;
  return (r.request!.body as { server: { name: string } }).server.name;
}

test('templates over dates: written out, compared, their attributes and differences', () => {
  const v = '    d: 2024-01-02\n    t: 2024-01-02T10:00:00+01:00\n    u: 2024-01-02 09:00:00Z\n';
  assert.equal(sent('{{ d }}', v), '2024-01-02');
  assert.equal(sent('{{ t }}', v), '2024-01-02 10:00:00+01:00');
  assert.equal(sent('{{ t == u }}', v), 'True'); // the same instant
  assert.equal(sent('{{ d == t }}', v), 'False');
  assert.match(sent('{{ d < t }}', v), /can't compare datetime\.datetime to datetime\.date/);
  assert.equal(sent('{{ t.tzinfo }}', v), 'UTC+01:00');
  assert.equal(sent('{{ u.tzinfo }}', v), 'UTC');
  assert.equal(sent('{{ d.year }}-{{ t.hour }}', v), '2024-10');
  assert.equal(sent('{{ t - u }}', v), '0:00:00');
  assert.equal(sent('{{ d.weekday() }}', v), '1');
  assert.equal(sent('{{ [d] }}', v), '[datetime.date(2024, 1, 2)]');
  assert.equal(sent('{{ d | to_json }}', v), '"2024-01-02"');
  assert.match(sent('{{ d | length }}', v), /object of type 'datetime\.date' has no len\(\)/);
});

test('a date read through a template is followed, no longer a note (the task test/unit/ansible.test.ts noted before): the oracle sends this body', () => {
  const t = '- openstack.cloud.server:\n    name: "{{ when }}"\n    image: cirros\n    flavor: m1.small\n    volume_size: "{{ d | int }}"\n    boot_from_volume: true\n  vars:\n    when: 2024-01-15\n    d: 2024-01-15\n';
  const r = readTask(findTasks(t)[0]!)!;
  assert.deepEqual(r.findings, []);
  const server = (r.request!.body as { server: { name: string; block_device_mapping_v2: Array<{ volume_size: string }> } }).server;
  assert.equal(server.name, '2024-01-15');
  // int() of a date is a TypeError: Jinja's `int` gives its default 0, the module passes no size, the SDK its default 50
  assert.equal(server.block_device_mapping_v2[0]!.volume_size, '50');
});

test('hostile: timestamp-like scalars with long blank runs and many dates written out stay linear', () => {
  const blanks = (n: number) => `- openstack.cloud.server:\n    name: "{{ a }}{{ b }}"\n  vars:\n    a: 2024-01-02${' \t'.repeat(n)}x\n    b: 2024-01-02 10:00:00${' '.repeat(n)}+\n`;
  assert.equal(sent('{{ a }}', `    a: 2024-01-02${' \t'.repeat(5)}x\n`), '2024-01-02 \t \t \t \t \tx');
  const g = bestGrowth(blanks, (t) => readTask(findTasks(t)[0]!), 60_000, 3);
  assert.ok(g.ratio < 3, describeGrowth('timestamp-like scalars with n blanks', 60_000, g));
  const many = (n: number) => `- openstack.cloud.server:\n    name: "{{ ds }}{{ ds | to_json }}{{ ds | join(',') }}"\n    image: cirros\n    flavor: m1.small\n  vars:\n    ds: [${'2024-01-02T10:00:00.5+05:30, '.repeat(n)}2024-01-02]\n`;
  const h = bestGrowth(many, (t) => readTask(findTasks(t)[0]!), 4_000, 3);
  assert.ok(h.ratio < 3, describeGrowth('n datetimes written out', 4_000, h));
});
