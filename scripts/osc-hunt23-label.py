"""Hunt 23's labeller: which `openstack` programs a script runs, with which words and which
OS_COMPUTE_API_VERSION they see, as bash (and the real wrappers: nohup, nice, timeout, time, env,
sudo with Debian's default sudoers) runs it. A fake `openstack` stands in for the real one: in a
private mount namespace it is bound over /usr/bin/openstack and over /usr/local/sbin (the first
directory of sudo's secure_path), so every path to the program reaches it; it only appends its
argv and the variable it sees to a log, as JSON. Each script runs with `bash -c` in its own empty
temp dir, with a fixed small environment, stdin from /dev/null and a time limit. Generated scripts
hold only these wrappers, shell builtins, `cat`, `true`, `id`, `bash`/`sh` and `openstack`, and `ssh` (a
stand-in: see below).
Usage (as root): /usr/bin/python3 scripts/osc-hunt23-label.py CASES.json OUT.json
CASES.json: [{"id": …, "script": …}]; OUT.json: {id: {"runs": [{"argv": […], "mv": str|null}], "rc": n}}
"""
import json
import os
import shutil
import subprocess
import sys
import tempfile

from osc_label_lib import enter_private_mount_namespace, mount_fakes, script_env, unmount_fakes, write_fakes

enter_private_mount_namespace('OSC_HUNT23_NS')

cases = json.load(open(sys.argv[1]))
root = tempfile.mkdtemp(prefix='osc-hunt23-')
# the fake `openstack` and the `ssh` stand-in: scripts/osc_label_lib.py
log, bindir, fake = write_fakes(root)
mount_fakes(root, bindir, fake, empty_root_home=False)

out = {}
for c in cases:
    open(log, 'w').close()
    cwd = tempfile.mkdtemp(dir=root)
    env = script_env(cwd)
    try:
        p = subprocess.run(['bash', '-c', c['script']], cwd=cwd, env=env, stdin=subprocess.DEVNULL,
                           stdout=subprocess.PIPE, stderr=subprocess.PIPE, timeout=20)
        rc, err = p.returncode, p.stderr.decode(errors='replace')
    except subprocess.TimeoutExpired:
        rc, err = 'timeout', ''
    runs = [json.loads(l) for l in open(log) if l.strip()]
    out[c['id']] = {'runs': runs, 'rc': rc, 'stderr': err[:400]}
unmount_fakes(empty_root_home=False)
shutil.rmtree(root)
json.dump(out, open(sys.argv[2], 'w'), indent=1)
print('%d cases labelled' % len(out), file=sys.stderr)
