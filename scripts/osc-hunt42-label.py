"""Hunt 42's labeller: scripts/osc-hunt34-label.py's run (the shell the first line names, dash
0.5.12 for `#!/bin/sh`, bash 5.2 for `#!/bin/bash`, a fake `openstack` logging its argv and the
OS_COMPUTE_API_VERSION it sees; then the osc-oracle and the nova-oracle on each `server create`
run), with the files the scripts of scripts/osc-hunt42-gen.ts read (`vols.txt`, `vols-1.list`,
`vols-2.list`) present in the working directory, two lines each: a script's run is then the one
its author meant, and what bdm-lab cannot know (a file's lines) stays unresolved there.
Usage: /usr/bin/python3 scripts/osc-hunt42-label.py CASES.json OUT.json (the shape of osc-hunt34-label.py's)
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
from osc_label_lib import label_create_runs, run_in_session, write_fakes  # noqa: E402

FILES = {'vols.txt': 'vol5 5\nvol6 0\n', 'vols-1.list': 'vol7 1\nvol8 2\n', 'vols-2.list': 'vol9 3\n\n'}

cases = json.load(open(sys.argv[1]))
out_path = os.path.abspath(sys.argv[2])
root = tempfile.mkdtemp(prefix='osc-hunt42-')
log, bindir, _ = write_fakes(root)

out = {}
scripts = os.path.join(root, 'scripts')
os.mkdir(scripts)
for n, c in enumerate(cases):
    open(log, 'w').close()
    cwd = tempfile.mkdtemp(dir=root)
    for name, body in FILES.items():
        with open(os.path.join(cwd, name), 'w') as h:
            h.write(body)
    f = os.path.join(scripts, 'case%d.sh' % n)
    with open(f, 'w') as h:
        h.write(c['script'])
    shell = 'bash' if c['script'].startswith('#!/bin/bash') else 'dash'
    env = {'PATH': bindir + ':/usr/bin:/bin', 'HOME': cwd, 'LANG': 'C', 'LC_ALL': 'C.UTF-8'}
    rc, err = run_in_session([shell, f], cwd, env, timeout=5, stdout=subprocess.DEVNULL, stderr_after_timeout=False)
    runs = [json.loads(line) for line in open(log) if line.strip()]
    out[c['id']] = {'shell': shell, 'runs': runs, 'rc': rc, 'stderr': err.replace(f, 'FILE')[:400]}
shutil.rmtree(root)

judged, nsent = label_create_runs(out, TOOLS, 'osc-hunt42')
json.dump(out, open(out_path, 'w'), indent=1, default=str)
print('%d cases labelled, %d runs sent, %d judged by Nova' % (len(out), nsent, judged),
      file=sys.stderr)
