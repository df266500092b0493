"""Hunt 34's labeller: each script run by the shell its first line names (`#!/bin/sh`: dash
0.5.12, Debian's sh; `#!/bin/bash`: bash 5.2) as `SHELL FILE`, in its own session and empty
working directory, with a fake `openstack` first on PATH that logs its argv and the
OS_COMPUTE_API_VERSION it sees (scripts/osc_label_lib.py write_fakes), a time limit; then, for
each distinct `server create` run, what OSC and Nova make of those words, as
scripts/osc-hunt28-label.py labels them: the real shell's parser and version check
(scripts/osc_shell.py run_create), the osc-oracle, and the nova-oracle's verdict (flavor
root_gb 20, ephemeral_gb 10, swap_mb 1024) on the body it sends.
Usage: /usr/bin/python3 scripts/osc-hunt34-label.py CASES.json OUT.json
OUT.json: {id: {"shell": "dash"|"bash", "runs": [{"argv": […], "mv": str|null}], "rc": n, "stderr": s,
"osc": [{"argv": [NAME=value…, "openstack", …], "result": {…}, "nova": {…}|null}]}}
"""
import json
import os
import shutil
import subprocess
import sys
import tempfile

if os.environ.get('PYTHONHASHSEED') != '0':
    os.environ['PYTHONHASHSEED'] = '0'
    os.execv(sys.executable, [sys.executable] + sys.argv)

HERE = os.path.dirname(os.path.abspath(__file__))
TOOLS = os.path.join(HERE, '..', '..', 'shared', 'tools')
sys.path.insert(0, HERE)
from osc_label_lib import run_in_session, write_fakes  # noqa: E402

cases = json.load(open(sys.argv[1]))
out_path = os.path.abspath(sys.argv[2])
root = tempfile.mkdtemp(prefix='osc-hunt34-')
log, bindir, _ = write_fakes(root)

out = {}
scripts = os.path.join(root, 'scripts')
os.mkdir(scripts)
for n, c in enumerate(cases):
    open(log, 'w').close()
    cwd = tempfile.mkdtemp(dir=root)
    f = os.path.join(scripts, 'case%d.sh' % n)
    with open(f, 'w') as h:
        h.write(c['script'])
    shell = 'bash' if c['script'].startswith('#!/bin/bash') else 'dash'
    env = {'PATH': bindir + ':/usr/bin:/bin', 'HOME': cwd, 'LANG': 'C', 'LC_ALL': 'C.UTF-8'}
    rc, err = run_in_session([shell, f], cwd, env, timeout=5, stdout=subprocess.DEVNULL, stderr_after_timeout=False)
    runs = [json.loads(line) for line in open(log) if line.strip()]
    out[c['id']] = {'shell': shell, 'runs': runs, 'rc': rc, 'stderr': err.replace(f, 'FILE')[:400]}
shutil.rmtree(root)

# OSC's and Nova's own code on each distinct server create run
sys.path.insert(0, os.path.join(TOOLS, 'osc-oracle'))
import osc_oracle  # noqa: E402
from osc_shell import run_create  # noqa: E402

work = tempfile.mkdtemp(prefix='osc-hunt34-cwd-')
os.chdir(work)
sent = []
for k, v in out.items():
    v['osc'] = []
    seen = set()
    for r in v['runs']:
        a = r['argv']
        if 'server' not in a or a[a.index('server') + 1:a.index('server') + 2] != ['create']:
            continue
        argv = (['OS_COMPUTE_API_VERSION=' + r['mv']] if r['mv'] is not None else []) + ['openstack'] + a
        key = json.dumps(argv)
        if key in seen:
            continue
        seen.add(key)
        try:
            result = run_create(osc_oracle, argv)
        except Exception as e:  # noqa: raised by an Action inside parse_args
            result = {'microversion': None, 'stage': 'osc-argparse', 'error': '%s: %s' % (type(e).__name__, e)}
        one = {'argv': argv, 'result': result, 'nova': None}
        v['osc'].append(one)
        if result['stage'] == 'sent':
            sent.append((one, {'id': '%s/%d' % (k, len(sent)), 'payload': result['nova_body'], 'context': {
                'flavor': {'root_gb': 20, 'ephemeral_gb': 10, 'swap_mb': 1024},
                'microversion': (result.get('microversion_header') or {}).get('X-OpenStack-Nova-API-Version', '2.1')}}))
os.chdir('/')
shutil.rmtree(work)
with tempfile.NamedTemporaryFile('w', suffix='.json', delete=False) as t:
    json.dump([s for _, s in sent], t, default=str)
verdicts = subprocess.run(['/usr/bin/python3', os.path.join(TOOLS, 'nova-oracle', 'oracle.py'), t.name],
                          capture_output=True, text=True, check=True).stdout
os.unlink(t.name)
by_id = {s['id']: one for one, s in sent}
for line in verdicts.splitlines():
    if line.startswith('{'):
        r = json.loads(line)
        by_id[r['id']]['nova'] = dict({'valid': r['valid'], 'http_status': r['http_status']},
                                      **({} if r['valid'] else {'message': r.get('nova_message')}))
json.dump(out, open(out_path, 'w'), indent=1, default=str)
print('%d cases labelled, %d runs sent, %d judged by Nova' % (len(out), len(sent), sum(1 for one, _ in sent if one['nova'])),
      file=sys.stderr)
