"""Hunt 28's labeller: hunt 24's run of each script (scripts/osc-hunt24-label.py: `bash FILE` in
its own session and empty working directory, a fake `openstack` bound over every path to the
program that logs its argv and the OS_COMPUTE_API_VERSION it sees, a pids cgroup, a time limit;
here in the C.UTF-8 locale),
then, for each distinct `server create` run, what OSC and Nova make of those words, as
scripts/osc-hunt22-label.py does for one line: the real shell's parser and version check
(scripts/osc_shell.py run_create, with OS_COMPUTE_API_VERSION in its environment when the program
saw it), the osc-oracle, and the nova-oracle's verdict (flavor root_gb 20, ephemeral_gb 10,
swap_mb 1024) on the body it sends. An exception an option's Action raises while argparse reads
the words is the refusal at the `osc-argparse` stage, as cliff prints it ("Type: message").
Usage (as root): /usr/bin/python3 scripts/osc-hunt28-label.py CASES.json OUT.json
CASES.json: [{"id": …, "script": …}]; OUT.json: {id: {"runs": [{"argv": […], "mv": str|null}], "rc": n,
"stderr": s, "osc": [{"argv": [NAME=value…, "openstack", …], "result": {…}, "nova": {…}|null}]}}
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
from osc_label_lib import (enter_private_mount_namespace, label_create_runs, join_pids_cgroup, mount_fakes, run_in_session, script_env,  # noqa: E402
                           unmount_fakes, write_fakes)

enter_private_mount_namespace('OSC_HUNT28_NS')
join_pids_cgroup('osc-hunt28')

cases = json.load(open(sys.argv[1]))
out_path = os.path.abspath(sys.argv[2])  # (the oracle runs in a directory of its own)
root = tempfile.mkdtemp(prefix='osc-hunt28-')
log, bindir, fake = write_fakes(root)
mount_fakes(root, bindir, fake, empty_root_home=True)

out = {}
scripts = os.path.join(root, 'scripts')
os.mkdir(scripts)
for n, c in enumerate(cases):
    open(log, 'w').close()
    cwd = tempfile.mkdtemp(dir=root)
    f = os.path.join(scripts, 'case%d.sh' % n)
    with open(f, 'w') as h:
        h.write(c['script'])
    env = script_env(cwd)
    env['LC_ALL'] = 'C.UTF-8'  # $'\u00e9' is é, as in the UTF-8 locale scripts run in (in C bash writes \u00E9)
    rc, err = run_in_session(['bash', f], cwd, env, timeout=5, stdout=subprocess.DEVNULL,
                             stderr_after_timeout=False)
    runs = [json.loads(line) for line in open(log) if line.strip()]
    out[c['id']] = {'runs': runs, 'rc': rc, 'stderr': err.replace(f, 'FILE')[:400]}
unmount_fakes(empty_root_home=True)
shutil.rmtree(root)

# OSC's and Nova's own code on each distinct server create run (osc_label_lib.label_create_runs)
judged, nsent = label_create_runs(out, TOOLS, 'osc-hunt28')
json.dump(out, open(out_path, 'w'), indent=1, default=str)
print('%d cases labelled, %d runs sent, %d judged by Nova' % (len(out), nsent, judged),
      file=sys.stderr)
