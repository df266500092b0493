/**
 * Hunt 25's hand-picked templates (test/unit/heat-hunt25.test.ts): the `timezone`,
 * `cron_expression`, `expiration`, `net_cidr` and `ip_or_cidr` constraints on a parameter, and
 * mapping keys Python's dict takes as one (1, 1.0, true; 0, false, 0.0) or cannot order. Their
 * labels, scripts/heat-hunt25-labels.json, come from Heat 19 itself: Stack.validate
 * (test/fixtures/heat/stack_validate.py) and, where it passes, the heat-oracle's create (the
 * server's metadata and scheduler hints in the body it sends).
 *
 *     node --import tsx scripts/heat-hunt25-cases.ts --label
 */
import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { serverResources } from '../test/fixtures/heat/templates';

export interface Hunt25Case { id: string; template: string; params?: Record<string, unknown> }
export interface Hunt25Label { validate: string; metadata?: unknown; hints?: unknown }

const HEAD = 'heat_template_version: 2018-08-31\n';
const server = (meta: string, extra = '') => serverResources(`      metadata: ${meta}\n${extra}`);

/** a string (or list) parameter under one constraint, its value given or its default */
function constrained(id: string, constraint: string, value: string, opts: { given?: boolean; type?: string } = {}): Hunt25Case {
  const type = opts.type ?? 'string';
  const def = opts.given ? '' : `    default: ${JSON.stringify(value)}\n`;
  return {
    id,
    template: `${HEAD}parameters:\n  p:\n    type: ${type}\n${def}    constraints: [{custom_constraint: ${constraint}}]\n${server('{k: {get_param: p}}')}`,
    ...(opts.given ? { params: { p: value } } : {}),
  };
}

export const CASES: Hunt25Case[] = [
  // timezone: pytz's names, any ASCII case, `_plus_`/`_minus_`, the repr of the name looked up
  constrained('tz-known', 'timezone', 'Europe/Paris'),
  constrained('tz-lower', 'timezone', 'europe/paris'),
  constrained('tz-utc-any-case', 'timezone', 'uTc'),
  constrained('tz-plus', 'timezone', 'Etc/GMT_plus_1'),
  constrained('tz-typo', 'timezone', 'Europe/Pariss', { given: true }),
  constrained('tz-munged-unknown', 'timezone', 'foo_plus_1'),
  constrained('tz-space', 'timezone', 'UTC '),
  constrained('tz-non-ascii', 'timezone', 'Europe/Zürich'),
  constrained('tz-quote', 'timezone', "a'b"),
  constrained('tz-localtime', 'timezone', 'localtime'),
  constrained('tz-list', 'timezone', 'UTC,Europe/Paris', { type: 'comma_delimited_list' }),
  // cron_expression: croniter 1.3.5's words
  constrained('cron-ok', 'cron_expression', '*/5 0-23 * jan-mar mon-fri'),
  constrained('cron-six', 'cron_expression', '* * 0 * * *'),
  constrained('cron-alias', 'cron_expression', '@DAILY'),
  constrained('cron-fields', 'cron_expression', '* * * *', { given: true }),
  constrained('cron-name', 'cron_expression', 'JAN * * * *'),
  constrained('cron-out-of-range', 'cron_expression', '* * 0 * *'),
  constrained('cron-bands', 'cron_expression', '0-99 * * * *'),
  constrained('cron-step-zero', 'cron_expression', '*/0 * * * *'),
  constrained('cron-negative', 'cron_expression', '-1 * * * *'),
  constrained('cron-reversed', 'cron_expression', '5-1 * * * *'),
  constrained('cron-sun-high', 'cron_expression', '* * * * fri-sun'),
  constrained('cron-l-range', 'cron_expression', '* * l-5 * *'),
  constrained('cron-hash', 'cron_expression', 'H * * * *'),
  constrained('cron-empty-item', 'cron_expression', '1,,2 * * * *'),
  constrained('cron-list', 'cron_expression', '* * * * *', { type: 'comma_delimited_list' }),
  // expiration: iso8601 and datetime's words, then the clock
  constrained('exp-past', 'expiration', '2000-01-01T00:00:00Z'),
  constrained('exp-past-stripped', 'expiration', ' 2000-01-01 ', { given: true }),
  constrained('exp-month', 'expiration', '2099-13-01'),
  constrained('exp-day', 'expiration', '2099-02-29'),
  constrained('exp-unparsed', 'expiration', 'tomorrow'),
  constrained('exp-offset', 'expiration', '2099-01-25T12:00:00+24:00'),
  constrained('exp-overflow', 'expiration', '0001-01-01T00:00+01:00'),
  constrained('exp-microsecond', 'expiration', `2099-01-01T23:59:59.${'9'.repeat(28)}5`),
  constrained('exp-year-zero', 'expiration', '0000-01-01'),
  constrained('exp-list', 'expiration', '2099-01-01', { type: 'comma_delimited_list' }),
  // net_cidr / ip_or_cidr: netaddr 0.8.0's short and mask forms, then validate_subnet
  constrained('cidr-ok', 'net_cidr', '10.0.0.1/8'),
  constrained('cidr-short', 'net_cidr', '10/8'),
  constrained('cidr-classful', 'net_cidr', '192.168'),
  constrained('cidr-octet', 'net_cidr', '300.1'),
  constrained('cidr-leading-zero', 'net_cidr', '010.0.0.0/8'),
  constrained('cidr-netmask', 'net_cidr', '10.0.0.0/255.0.0.0'),
  constrained('cidr-hostmask', 'net_cidr', '10.0.0.0/0.255.255.255'),
  constrained('cidr-bad-mask', 'net_cidr', '10.0.0.0/255.0.255.0'),
  constrained('cidr-two-slashes', 'net_cidr', '1.2.3.4/1/2'),
  constrained('cidr-v6-no-prefix', 'net_cidr', '::1'),
  constrained('cidr-v6-mapped', 'net_cidr', '::ffff:1.2.3.4'),
  constrained('cidr-space', 'net_cidr', '1.2.3.0/ 8', { given: true }),
  constrained('cidr-list', 'net_cidr', '10.0.0.0/8', { type: 'comma_delimited_list' }),
  constrained('ipcidr-short', 'ip_or_cidr', '10/8'),
  constrained('ipcidr-v6', 'ip_or_cidr', '1:0:0:0:0:0:0:2/64'),
  constrained('ipcidr-prefix-zero', 'ip_or_cidr', '1.2.3.4/08'),
  constrained('ipcidr-list', 'ip_or_cidr', '1.2.3.4', { type: 'comma_delimited_list' }),
  // keys Python's dict takes as one: the first key stays, with the last value
  { id: 'keys-true-1', template: HEAD + server('{true: a, 1: b}') },
  { id: 'keys-float-first', template: HEAD + server('{1.0: a, 1: b}') },
  { id: 'keys-zero', template: HEAD + server('{0: a, false: b, 0.0: c}') },
  { id: 'keys-yes-on', template: HEAD + server('{yes: a, 1: b, on: c}') },
  { id: 'keys-negative-zero', template: HEAD + server('{-0.0: a}') },
  { id: 'keys-big-int', template: HEAD + server('{9007199254740993: a, 9007199254740992: b}') },
  { id: 'keys-hints', template: HEAD + server('{k: v}', '      scheduler_hints: {1: a, 1.0: b, true: c}\n') },
  { id: 'keys-property', template: HEAD + server('{k: v}', '      true: 1\n      1: 2\n') },
  { id: 'keys-section', template: HEAD + '9007199254740993: x\n' + server('{k: v}') },
  // names Python cannot order or join
  { id: 'names-resource-int', template: HEAD + server('{k: v}') + '  1_0: {type: OS::Heat::None}\n' },
  { id: 'names-resource-none', template: HEAD + server('{k: v}') + '  ~: {type: OS::Heat::None}\n  a: {type: OS::Heat::None}\n' },
  { id: 'names-parameter', template: HEAD + 'parameters:\n  a: {type: string, default: d}\n  2.5: {type: string, default: d}\n' + server('{k: v}') },
  { id: 'names-parameter-str-and-int', template: HEAD + "parameters:\n  '1': {type: string, default: d}\n  1: {type: string, default: d}\n" + server('{k: v}') },
  { id: 'str-replace-keys', template: HEAD + server("{k: {str_replace: {template: x1x, params: {no: '', -.inf: '', 60: zz}}}}") },
];

if (require.main === module && process.argv.includes('--label')) {
  const tmp = `/tmp/bdm-lab-heat-hunt25-${process.pid}.json`;
  writeFileSync(tmp, JSON.stringify(CASES));
  const root = join(__dirname, '..');
  const validate = JSON.parse(execFileSync('/usr/bin/python3', [join(root, 'test/fixtures/heat/stack_validate.py'), tmp], { encoding: 'utf8' })) as Record<string, string>;
  const script = [
    'import json, sys',
    `sys.path.insert(0, ${JSON.stringify(join(root, '..', 'shared', 'tools', 'heat-oracle'))})`,
    'import heat_oracle',
    'out = {}',
    'for c in json.load(open(sys.argv[1])):',
    "    r = heat_oracle.run(c['template'], c.get('params'), '2.92')",
    "    s = r.get('servers', {}).get('srv', {})",
    "    b = s.get('nova_body') or {}",
    "    out[c['id']] = {'metadata': b.get('server', {}).get('metadata'), 'hints': b.get('os:scheduler_hints')} if s.get('stage') == 'sent' else {}",
    'print(json.dumps(out))',
  ].join('\n');
  const created = JSON.parse(execFileSync('/usr/bin/python3', ['-c', script, tmp], { encoding: 'utf8' })) as Record<string, { metadata?: unknown; hints?: unknown }>;
  const labels: Record<string, Hunt25Label> = {};
  for (const c of CASES) labels[c.id] = { validate: validate[c.id], ...(validate[c.id] === 'ok' ? created[c.id] : {}) };
  writeFileSync(join(__dirname, 'heat-hunt25-labels.json'), JSON.stringify(labels, null, 1) + '\n');
}
