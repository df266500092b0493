#!/usr/bin/env python3
"""Writes test/fixtures/unicode14/cases.json, the labels of test/unit/unicode14.test.ts: server
bodies whose verdict depends on Unicode 14.0's categories (Nova's name and description checks,
the repr() in its messages), each with the nova-oracle's answer (shared/tools/nova-oracle: Nova's
own code on Python 3.11), and Python's repr() of a few strings (this same Python). Run by hand
with the Python the oracle uses (`/usr/bin/python3 scripts/gen-unicode14-cases.py`); the test
never runs Python or the oracle."""
import json
import os
import subprocess
import sys
import tempfile
import unicodedata

if unicodedata.unidata_version != '14.0.0':
    sys.exit(f'gen-unicode14-cases: Unicode {unicodedata.unidata_version} here, the oracle has 14.0.0 (use /usr/bin/python3)')

ROOT = os.path.join(os.path.dirname(os.path.abspath(__file__)), '..')
ORACLE = os.environ.get('NOVA_ORACLE', os.path.join(ROOT, '..', 'shared', 'tools', 'nova-oracle', 'oracle.py'))
IMG = '70a599e0-31e7-49b7-b260-868f441e862b'
FLAVOR = {'root_gb': 20, 'ephemeral_gb': 0, 'swap_mb': 0}

cases = []


def add(cid, fields, mv):
    server = {'name': 'web', 'flavorRef': '1', 'imageRef': IMG}
    server.update(fields)
    cases.append({'id': cid, 'payload': {'server': server}, 'context': {'microversion': mv, 'flavor': FLAVOR}})


# description (2.19+): Nova's pattern covers U+0000..U+FFFE only, by Unicode 14.0's categories
add('description-emoji', {'description': 'web server \U0001F680'}, '2.19')
add('description-newline', {'description': 'line1\nline2'}, '2.19')
add('description-final-newline', {'description': 'line1\n'}, '2.19')
add('description-unicode16-bmp', {'description': 'x\u1c89'}, '2.79')
add('description-spaces', {'description': '\u3000a\u00a0b\u2000'}, '2.19')
add('description-line-separator', {'description': 'a\u2028b'}, '2.94')
add('description-null', {'description': None}, '2.19')
# names: U+1C89 (assigned in Unicode 16) is unassigned for Python 3.11
add('name-unicode16', {'name': 'web\u1c89'}, '2.1')
add('name-unicode16-v20', {'name': 'web\u1c89'}, '2.0')
add('name-unicode14-letter', {'name': 'web\u00e9\u0c5d'}, '2.1')
add('key-name-unicode16', {'key_name': 'k\u1c89'}, '2.1')
add('security-group-unicode16', {'security_groups': [{'name': 's\u1c89'}]}, '2.1')
add('availability-zone-unicode15', {'availability_zone': 'z\u2ffc'}, '2.1')
add('name-final-newline', {'name': 'web\n'}, '2.1')
add('name-final-newline-v20', {'name': 'web \n'}, '2.0')
add('name-newline-only', {'name': '\n'}, '2.1')
# repr in a message: characters assigned after 14.0 are escaped
add('hostname-unicode15-1', {'hostname': 'h\u2ffc', 'networks': 'none'}, '2.94')
add('hostname-unicode15-astral', {'hostname': 'h\U0001FAE8\U00011F00', 'networks': 'none'}, '2.94')
add('hostname-unicode14', {'hostname': 'h\u00e9\u0c5d', 'networks': 'none'}, '2.94')

with tempfile.NamedTemporaryFile('w', suffix='.json', delete=False) as f:
    json.dump(cases, f)
    path = f.name
try:
    out = subprocess.run([sys.executable, ORACLE, path], check=True, capture_output=True, text=True).stdout
finally:
    os.unlink(path)
answers = {a['id']: a for a in map(json.loads, out.splitlines())}

fixture = {
    'description': 'Server bodies labelled by the nova-oracle (Nova\'s own code on Python 3.11, Unicode 14.0.0), and Python 3.11\'s repr() of a few strings. Written by scripts/gen-unicode14-cases.py.',
    'cases': [{
        'id': c['id'],
        'body': json.dumps(c['payload']),
        'context': c['context'],
        'oracle': {k: answers[c['id']].get(k) for k in ('valid', 'http_status', 'layer', 'nova_message')},
    } for c in cases],
    'repr': [{'text': s, 'repr': repr(s)} for s in ['h\u2ffc', 'web\u1c89', '\U0001FAE8', '\U00011F00', '\u0c5d', '\u3000x\u00a0', '\u2028', 'caf\u00e9']],
}
dest = os.path.normpath(os.path.join(ROOT, 'test', 'fixtures', 'unicode14', 'cases.json'))
os.makedirs(os.path.dirname(dest), exist_ok=True)
with open(dest, 'w', encoding='utf-8') as f:
    json.dump(fixture, f, indent=1, ensure_ascii=True)
    f.write('\n')
print(f'{dest}: {len(cases)} cases')
