"""Hunt 24's labeller (hunt 23's method: scripts/osc-hunt23-label.py), for scripts that may recurse
forever: each script runs in its own session, killed as a whole group at the time limit (5 s), and
the labeller's processes sit in a pids cgroup of their own (at most 400), so a function that calls
itself through pipelines cannot fork without end. Root's home is an empty directory in the
namespace (login shells of `sudo -i` and `su -` read only /etc/profile), and `su` is the real one.
Bash runs with a 1 MiB stack, so a shell whose function calls itself dies within the time limit
(with the usual 8 MiB it takes ~20 s; what runs is the same).
Hunt 23's labeller: which `openstack` programs a script runs, with which words and which
OS_COMPUTE_API_VERSION they see, as bash (and the real wrappers: nohup, nice, timeout, time, env,
sudo with Debian's default sudoers) runs it. A fake `openstack` stands in for the real one: in a
private mount namespace it is bound over /usr/bin/openstack and over /usr/local/sbin (the first
directory of sudo's secure_path), so every path to the program reaches it; it only appends its
argv and the variable it sees to a log, as JSON. Each script runs with `bash -c` in its own empty
temp dir, with a fixed small environment, stdin from /dev/null and a time limit. Generated scripts
hold only these wrappers, shell builtins, `cat`, `true`, `id`, `bash`/`sh` and `openstack`, and `ssh` (a
stand-in: see below).
Usage (as root): /usr/bin/python3 scripts/osc-hunt24-label.py CASES.json OUT.json
CASES.json: [{"id": …, "script": …}]; OUT.json: {id: {"runs": [{"argv": […], "mv": str|null}], "rc": n}}
"""
import json
import os
import shutil
import subprocess
import sys
import tempfile

from osc_label_lib import (enter_private_mount_namespace, join_pids_cgroup, mount_fakes, run_in_session, script_env,
                           unmount_fakes, write_fakes)

enter_private_mount_namespace('OSC_HUNT24_NS')
join_pids_cgroup('osc-hunt24')

cases = json.load(open(sys.argv[1]))
root = tempfile.mkdtemp(prefix='osc-hunt24-')
# the fake `openstack` and the `ssh` stand-in: scripts/osc_label_lib.py
log, bindir, fake = write_fakes(root)
mount_fakes(root, bindir, fake, empty_root_home=True)

out = {}
for c in cases:
    open(log, 'w').close()
    cwd = tempfile.mkdtemp(dir=root)
    env = script_env(cwd)
    # a 1 MiB stack: a shell whose function calls itself dies (as it would with 8 MiB, sooner); then
    # the whole session is killed, also what outlived bash (a job, a pipeline's part)
    rc, err = run_in_session(['bash', '-c', c['script']], cwd, env, timeout=5, stdout=subprocess.PIPE,
                             stderr_after_timeout=False)
    runs = [json.loads(l) for l in open(log) if l.strip()]
    out[c['id']] = {'runs': runs, 'rc': rc, 'stderr': err[:400]}
unmount_fakes(empty_root_home=True)
shutil.rmtree(root)
json.dump(out, open(sys.argv[2], 'w'), indent=1)
print('%d cases labelled' % len(out), file=sys.stderr)
