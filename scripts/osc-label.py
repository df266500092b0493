"""Label openstack CLI command lines with OSC's and Nova's own code (for fixtures only).

Usage: /usr/bin/python3 scripts/osc-label.py [--bash] CASES.json OUT.json
--bash: the words are the ones bash itself gives the first `openstack` of the line (with any
OS_COMPUTE_API_VERSION=... before it), not Python's shlex.split: for lines quoted and escaped as
scripts write them (`node scripts/osc-generate.mjs N SEED shell`).
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

BASH_OPENSTACK = (
    'openstack() { if [ -n "${OS_COMPUTE_API_VERSION+x}" ]; then printf "%s\\0" "OS_COMPUTE_API_VERSION=$OS_COMPUTE_API_VERSION" >>"$WORDS_OUT"; fi; '
    'printf "%s\\0" openstack "$@" >>"$WORDS_OUT"; exit 0; }\n'
    'echo() { :; }; tee() { :; }; true() { :; }\n')


def bash_words(line):
    """the words bash gives the line's first `openstack` (nothing run: it is a function here);
    run in an empty directory so that no glob matches"""
    with tempfile.TemporaryDirectory() as d:
        os.mkdir(os.path.join(d, 'cwd'))
        words_out = os.path.join(d, 'words')
        open(words_out, 'w').close()
        subprocess.run(['/bin/bash', '--norc', '--noprofile', '-c', BASH_OPENSTACK + line], cwd=os.path.join(d, 'cwd'),
                       capture_output=True, env={'PATH': '/nonexistent', 'HOME': '/nonexistent', 'LC_ALL': 'C.UTF-8', 'WORDS_OUT': words_out})
        words = open(words_out, 'rb').read().decode('utf-8', 'surrogateescape').split('\0')
    return words[:-1]


use_bash = '--bash' in sys.argv
paths = [a for a in sys.argv[1:] if a != '--bash']
cases = json.load(open(paths[0]))
out = {}
for c in cases:
    argv = bash_words(c['line']) if use_bash else shlex.split(c['line'].replace('\\\n', ''))
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
json.dump(out, open(paths[1], 'w'), separators=(',', ':'), default=str)
print('%d cases, %d sent, %d judged by Nova' % (len(out), len(sent), sum(1 for v in out.values() if v['nova'])))
