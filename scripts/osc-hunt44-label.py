"""Hunt 44's labeller: scripts/osc-hunt34-label.py's method (each script run by the shell its
first line names, `#!/bin/sh`: dash 0.5.12, `#!/bin/bash`: bash 5.2, as `SHELL FILE` in its own
session and empty working directory, with a fake `openstack` first on PATH logging its argv and
OS_COMPUTE_API_VERSION), in two worlds as scripts/osc-hunt26-label.py has them: an `openstack`
that succeeds, and one that fails (exit status 1, as the real one does when the cloud refuses).
A command "may run" when it ran in either: `runs` is their union (in order), `worlds` each
one's, `rc`/`stderr` the succeeding world's (`rc_fail` the other's). Then, for each distinct
`server create` run, OSC's and Nova's own code (osc_label_lib.label_create_runs).
Usage: /usr/bin/python3 scripts/osc-hunt44-label.py CASES.json OUT.json
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

cases = json.load(open(sys.argv[1]))
out_path = os.path.abspath(sys.argv[2])
root = tempfile.mkdtemp(prefix='osc-hunt44-')
log, bindir, _ = write_fakes(root, fail_marker=os.path.join(root, 'log') + '.fail')

out = {}
scripts = os.path.join(root, 'scripts')
os.mkdir(scripts)
for n, c in enumerate(cases):
    f = os.path.join(scripts, 'case%d.sh' % n)
    with open(f, 'w') as h:
        h.write(c['script'])
    shell = 'bash' if c['script'].startswith('#!/bin/bash') else 'dash'
    worlds, rcs, errs, union, seen = [], [], [], [], set()
    for fails in (False, True):
        open(log, 'w').close()
        if fails:
            open(log + '.fail', 'w').close()
        elif os.path.exists(log + '.fail'):
            os.unlink(log + '.fail')
        cwd = tempfile.mkdtemp(dir=root)
        env = {'PATH': bindir + ':/usr/bin:/bin', 'HOME': cwd, 'LANG': 'C', 'LC_ALL': 'C.UTF-8'}
        rc, err = run_in_session([shell, f], cwd, env, timeout=5, stdout=subprocess.DEVNULL, stderr_after_timeout=False)
        runs = [json.loads(line) for line in open(log) if line.strip()]
        worlds.append(runs)
        rcs.append(rc)
        errs.append(err.replace(f, 'FILE')[:400])
        for r in runs:
            k = json.dumps(r, sort_keys=True)
            if k not in seen:
                seen.add(k)
                union.append(r)
    out[c['id']] = {'shell': shell, 'runs': union, 'worlds': worlds, 'rc': rcs[0], 'rc_fail': rcs[1], 'stderr': errs[0]}
shutil.rmtree(root)

judged, nsent = label_create_runs(out, TOOLS, 'osc-hunt44')
json.dump(out, open(out_path, 'w'), indent=1, default=str)
print('%d cases labelled, %d runs sent, %d judged by Nova' % (len(out), nsent, judged), file=sys.stderr)
