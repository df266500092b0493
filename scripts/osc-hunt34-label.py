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
from osc_label_lib import label_create_runs, run_in_session, write_fakes  # noqa: E402

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

# OSC's and Nova's own code on each distinct server create run (osc_label_lib.label_create_runs)
judged, nsent = label_create_runs(out, TOOLS, 'osc-hunt34')
json.dump(out, open(out_path, 'w'), indent=1, default=str)
print('%d cases labelled, %d runs sent, %d judged by Nova' % (len(out), nsent, judged),
      file=sys.stderr)
