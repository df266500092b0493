"""Label openstack CLI command lines with OSC's and Nova's own code (for fixtures only).

Usage: /usr/bin/python3 scripts/osc-label.py CASES.json OUT.json
CASES is [{id, line}] (test/fixtures/osc/generated-cases.json, or `node scripts/osc-generate.mjs N SEED`).
OUT gets {id: {argv, result, nova}}: the words the shell gives OSC, the osc-oracle's answer (its
refusal or the body it posts) and, for a body it sends, the nova-oracle's verdict with the flavor
the unit tests use. Needs ../shared/tools (osc-oracle, nova-oracle) and PYTHONHASHSEED=0 (set here).
"""
import json
import os
import shlex
import subprocess
import sys
import tempfile

if os.environ.get('PYTHONHASHSEED') != '0':
    os.environ['PYTHONHASHSEED'] = '0'
    os.execv(sys.executable, [sys.executable] + sys.argv)

TOOLS = os.path.join(os.path.dirname(os.path.abspath(__file__)), '..', '..', 'shared', 'tools')
sys.path.insert(0, os.path.join(TOOLS, 'osc-oracle'))
import osc_oracle  # noqa: E402
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from osc_shell import run_create  # noqa: E402  (the shell's version check the oracle skips)

cases = json.load(open(sys.argv[1]))
out = {}
for c in cases:
    argv = shlex.split(c['line'].replace('\\\n', ''))
    out[c['id']] = {'argv': argv, 'result': run_create(osc_oracle, argv), 'nova': None}

flavor = {'root_gb': 20, 'ephemeral_gb': 10, 'swap_mb': 1024}
sent = [{'id': k, 'payload': v['result']['nova_body'],
         'context': {'flavor': flavor, 'microversion': (v['result'].get('microversion_header') or {}).get('X-OpenStack-Nova-API-Version', '2.1')}}
        for k, v in out.items() if v['result']['stage'] == 'sent']
with tempfile.NamedTemporaryFile('w', suffix='.json', delete=False) as f:
    json.dump(sent, f, default=str)
verdicts = subprocess.run(['/usr/bin/python3', os.path.join(TOOLS, 'nova-oracle', 'oracle.py'), f.name],
                          capture_output=True, text=True, check=True).stdout
os.unlink(f.name)
for line in verdicts.splitlines():
    if line.startswith('{'):
        r = json.loads(line)
        out[r['id']]['nova'] = dict({'valid': r['valid'], 'http_status': r['http_status']},
                                    **({} if r['valid'] else {'message': r.get('nova_message')}))
json.dump(out, open(sys.argv[2], 'w'), separators=(',', ':'), default=str)
print('%d cases, %d sent, %d judged by Nova' % (len(out), len(sent), sum(1 for v in out.values() if v['nova'])))
