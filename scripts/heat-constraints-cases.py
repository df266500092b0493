"""Writes test/fixtures/heat-constraints/cases.json: templates whose string parameter carries one of
Heat's form custom constraints (ip_addr, mac_addr, dns_name, dns_domain, rel_dns_name, iso_8601,
net_cidr, ip_or_cidr, and the ones bdm-lab leaves a note for), with hand-picked edge values and
seeded random ones near each form. Label them with Heat's own Stack.validate:

    /usr/bin/python3 scripts/heat-constraints-cases.py
    /usr/bin/python3 test/fixtures/heat/stack_validate.py test/fixtures/heat-constraints/cases.json \
        > test/fixtures/heat-constraints/oracle.json
"""
import json
import os
import random

HERE = os.path.dirname(os.path.abspath(__file__))
OUT = os.path.join(HERE, '..', 'test', 'fixtures', 'heat-constraints', 'cases.json')

EDGE = {
    'ip_addr': ['1.2.3.4', '0.0.0.0', '255.255.255.255', '256.1.1.1', '01.2.3.4', '1.2.3.04', '1.2.3', '1.2.3.4.5',
                '0x1.2.3.4', '+1.2.3.4', '-0.2.3.4', '1_0.2.3.4', '1.2.3.4 ', ' 1.2.3.4', '1.2.3.4\n', '', 'abc',
                '\u0661.2.3.4', '::', '::1', '1::', ':1', '1:', 'fe80::1%eth0', '::ffff:1.2.3.4', '::ffff:01.2.3.4',
                '::1.2.3.4', '1:2:3:4:5:6:7:8', '1:2:3:4:5:6:7:8:9', '1:2:3:4:5:6:7::', '1:2:3:4:5:6:7::8', '1::2::3',
                '12345::', 'ffff::', 'FFFF::', 'g::', '1:2:3:4:5:6:1.2.3.4', '1:2:3:4:5:6:7:1.2.3.4', ':::',
                '1.2.3.4/32', '10.0.0.256', '0.0.0.00', '1..2.3', '١٢٣.1.1.1'],
    'mac_addr': ['00:11:22:33:44:55', '0-1-2-3-4-5', '001122334455', '00112233445', '0011223344556', '0011.2233.4455',
                 '0011:2233:4455', '0011-2233-4455', '001122-334455', '001122:334455', '00.11.22.33.44.55',
                 '00:11:22:33:44:55\n', '00:11:22:33:44:55 ', '00:11:22:33:44:5g', 'AA:bb:CC:dd:EE:ff', '',
                 '000:11:22:33:44:55', '00:11:22:33:44', '00-11:22-33:44-55', '\n'],
    'dns_name': ['a.b', 'a.b.', '', 'a..b', '.', '-a.b', 'a-.b', 'A.b', 'a_b', '1.2.', '1.com.', 'a.123', 'x.1a.',
                 'a' * 63, 'a' * 64, 'a.b\n', 'a.1\n.', 'é.com', ('a' * 63 + '.') * 4, ('a' * 62 + '.') * 4 + 'abc',
                 'a\n.b', '\n', 'a-b.c-d', '---.a'],
    'dns_domain': ['a.b', 'a.b.', '', 'a', 'a.1.', 'a..', '-a.', 'example.com.', 'a.b\n'],
    'rel_dns_name': ['a', 'a.', '', 'a.b', '-a', 'a' * 252, 'a' * 253, ('a' * 50 + '.') * 5 + 'a', 'A', '1'],
    'iso_8601': ['2007-01-25T12:00:00Z', '2007-01-25', '2007', '200701', '20070125', '2007-1-5', '2007-01',
                 '2007-13-01', '2007-02-29', '2008-02-29', '1900-02-29', '2000-02-29', '0000-01-01', '2007-01-25 12:00',
                 '2007-01-25T24:00:00', '2007-01-25T23:60', '2007-01-25T23:59:60', '2007-01-25T12', '2007-01-25T1200',
                 '2007-01-25T120000.123456789', '2007-01-25T12:00:00,5+05:30', '2007-01-25T12:00:00+24:00',
                 '2007-01-25T12:00:00+23:59', '2007-01-25T12:00:00-23:60', '2007-01-25T12:00:00+0530', '2007-01-25T12:00:00+05',
                 '2007-01-25T12:00:00+05:', '2007-01-25t12:00:00', '2007-01-25T12:00:00z', '2007-01-25\n', '2007-01-25T101',
                 '2007-01-25T1060', '2007-01-25T10:1', '2007-0101', '2007-01-32', '2007-04-31', '', 'x', '2007-01-25T12:00:00Z ',
                 '2007-01-25T12:00:00.', '99999'],
    'net_cidr': ['10.0.0.0/8', '10.0.0.1/8', '10.0.0.0', '10/8', '010.0.0.0/8', '::/0', '::1/64', 'fe80::/10',
                 '10.0.0.0/33', '10.0.0.0/255.0.0.0', '1.2.3.4/32', '10.0.0.0/08', '', 'abc', '1.2.3.0/24 ',
                 '::/129', '::ffff:1.2.3.0/120', '1.2.3.4/0', '::/128', 'FE80::/10', 'fe80::1/129',
                 '1:2:3:4:5:6:7:8/200', '::ffff:1.2.3.4/999', '255.255.255.255', '224.0.0.1', '0.0.0.0', '192.168.1.1',
                 '172.16.0.1', '240.0.0.1', '127.0.0.1', '1.2.3.4/999', '1.2.3.4/33', '0.0.0.0/0', '10.1.2.3/31',
                 '1.2.3.4/1/2', '::1', '1.2.3.4/ 8'],
    'ip_or_cidr': ['10.0.0.0/8', '10.0.0.1/8', '1.2.3.4', '01.2.3.4', 'abc', 'abc/8', '::1', '::/64', '10.0.0.0/x', '',
                   '1.2.3', '+1.2.3.4', '1_0.2.3.4', '0.0.0.00', '::ffff:1.2.3.4', 'fe80::1%eth0', '1.2.3.4 ',
                   '1.2.3.4/33', '1.2.3.4/999', '::/129', 'fe80::1/200', '1.2.3.4/32', '1.2.3.4/0'],
    'cron_expression': ['* * * * *', 'x'],
    'timezone': ['UTC', 'Nowhere/Place'],
    'expiration': ['2000-01-01T00:00:00Z'],
}


def rand_cases(rng):
    out = {k: [] for k in ('ip_addr', 'mac_addr', 'dns_name', 'iso_8601', 'ip_or_cidr', 'rel_dns_name')}
    for _ in range(60):
        parts = [rng.choice(['0', '00', '1', '09', '255', '256', '012', '1_2', '+3', '-0', '', 'a', '0x1', '99'])
                 for _ in range(rng.choice([3, 4, 4, 4, 5]))]
        out['ip_addr'].append('.'.join(parts))
        out['ip_or_cidr'].append('.'.join(parts))
    for _ in range(60):
        groups = [rng.choice(['', '0', '1', 'ab', 'ffff', 'fffff', '1.2.3.4', '01.2.3.4', 'g']) for _ in range(rng.randint(1, 9))]
        out['ip_addr'].append(':'.join(groups))
    for _ in range(40):
        sep = rng.choice([':', '-', '.', ''])
        n = rng.choice([2, 3, 6, 1])
        out['mac_addr'].append(sep.join(''.join(rng.choice('0123456789abcdefABCDEFg') for _ in range(rng.randint(1, 6)))
                                        for _ in range(n)))
    for _ in range(40):
        labels = [''.join(rng.choice('ab1-_A') for _ in range(rng.randint(0, 4))) for _ in range(rng.randint(1, 4))]
        v = '.'.join(labels) + rng.choice(['', '.'])
        out['dns_name'].append(v)
        out['rel_dns_name'].append(v)
    for _ in range(60):
        y = rng.choice(['2007', '0000', '2000', '1900', '99'])
        mo = rng.choice(['-01', '-1', '-13', '02', '-02', '-12', ''])
        d = rng.choice(['-29', '-30', '31', '-1', '01', '-00', ''])
        t = rng.choice(['', 'T23', 'T2359', 'T23:59:59', ' 00:00:00.5', 'T24', 'T12:5', 'T12:00:60'])
        z = rng.choice(['', 'Z', '+05:30', '-2400', '+23:59', '+05:', '+1'])
        out['iso_8601'].append(y + mo + d + t + z)
    return out


def template(name, default=None, description=None):
    c = '      - custom_constraint: %s\n' % name
    if description:
        c += '        description: %s\n' % json.dumps(description)
    d = '    default: %s\n' % json.dumps(default) if default is not None else ''
    return ('heat_template_version: 2018-08-31\nparameters:\n  p:\n    type: string\n%s    constraints:\n%s'
            'resources:\n  srv:\n    type: OS::Nova::Server\n    properties:\n      flavor: m1.small\n'
            '      image: cirros\n      name: {get_param: p}\n      networks: [{network: private}]\n') % (d, c)


cases = []
seen = set()
rng = random.Random(20261205)
rnd = rand_cases(rng)
for name in EDGE:
    for v in EDGE[name] + rnd.get(name, []):
        if (name, v) in seen:
            continue
        seen.add((name, v))
        cases.append({'id': '%s-%d' % (name, len(cases)), 'constraint': name, 'value': v,
                      'template': template(name), 'params': {'p': v}})
# the value as the default, and a description that replaces Heat's words
cases.append({'id': 'default-ip', 'constraint': 'ip_addr', 'value': '01.2.3.4', 'template': template('ip_addr', default='01.2.3.4')})
cases.append({'id': 'description-mac', 'constraint': 'mac_addr', 'value': 'zz', 'template': template('mac_addr', description='a MAC please'), 'params': {'p': 'zz'}})
with open(OUT, 'w') as f:
    json.dump(cases, f, indent=1, ensure_ascii=False)
    f.write('\n')
print(len(cases), 'cases')
