"""Hunt 26's labeller (hunt 24's method: scripts/osc-hunt24-label.py, whose fake `openstack`, `ssh`
stand-in, mount namespace, pids cgroup and 1 MiB stack it keeps), for scripts whose conditions
may depend on the machine: each script is written to a file and run as `bash FILE` (so bash's
messages carry the file's name and line numbers, as for a script an operator runs) four times,
in worlds that differ in everything a script can test without the text deciding it: with no
arguments, no FLAG variable and an empty working directory, or with two arguments (`a b`), FLAG=1
exported and a file `flag` and a directory `d` in the working directory; each with an `openstack`
that succeeds and one that fails (exit status 1: the real one fails when the cloud refuses). A
command "may run" when it ran in some world; the runs of all are kept (`runs`: their union, in
order; `worlds`: each one's). A loop that never ends is cut at the time limit (2 s): what it ran
by then is what it runs. `dash` (Debian's sh) and `su`'s bash are the real ones.
Usage (as root): /usr/bin/python3 scripts/osc-hunt26-label.py CASES.json OUT.json
CASES.json: [{"id": …, "script": …}]; OUT.json: {id: {"runs": [{"argv": […], "mv": str|null}], "worlds": [...], "rc": [n, n], "stderr": [s, s]}}
"""
import json
import os
import shutil
import subprocess
import sys
import tempfile

from osc_label_lib import (enter_private_mount_namespace, join_pids_cgroup, mount_fakes, run_in_session, script_env,
                           unmount_fakes, write_fakes)

enter_private_mount_namespace('OSC_HUNT26_NS')
join_pids_cgroup('osc-hunt26')

cases = json.load(open(sys.argv[1]))
root = tempfile.mkdtemp(prefix='osc-hunt26-')
# the fake `openstack` and the `ssh` stand-in: scripts/osc_label_lib.py
log, bindir, fake = write_fakes(root, fail_marker=os.path.join(root, 'log') + '.fail')
mount_fakes(root, bindir, fake, empty_root_home=True)

out = {}
scripts = os.path.join(root, 'scripts')
os.mkdir(scripts)
WORLDS = [([], {}, False, False), (['a', 'b'], {'FLAG': '1'}, True, False), ([], {}, False, True), (['a', 'b'], {'FLAG': '1'}, True, True)]


def run(script_file, args, extra, files, fails):
    open(log, 'w').close()
    if fails:
        open(log + '.fail', 'w').close()
    elif os.path.exists(log + '.fail'):
        os.unlink(log + '.fail')
    cwd = tempfile.mkdtemp(dir=root)
    if files:
        open(os.path.join(cwd, 'flag'), 'w').close()
        os.mkdir(os.path.join(cwd, 'd'))
    env = script_env(cwd)
    env.update(extra)
    rc, err = run_in_session(['bash', script_file] + args, cwd, env, timeout=2, stdout=subprocess.DEVNULL,
                             stderr_after_timeout=True)
    runs = []
    for l in open(log):
        if l.strip():
            try:
                runs.append(json.loads(l))
            except ValueError:
                pass  # a line the kill cut short
    return runs, rc, err.replace(script_file, 'FILE')[:2000]


for n, c in enumerate(cases):
    f = os.path.join(scripts, 'case%d.sh' % n)
    with open(f, 'w') as h:
        h.write(c['script'])
    worlds, rcs, errs, union, seen = [], [], [], [], set()
    for args, extra, files, fails in WORLDS:
        runs, rc, err = run(f, args, extra, files, fails)
        worlds.append(runs)
        rcs.append(rc)
        errs.append(err)
        for r in runs:
            k = json.dumps(r, sort_keys=True)
            if k not in seen:
                seen.add(k)
                union.append(r)
    out[c['id']] = {'runs': union, 'worlds': worlds, 'rc': rcs, 'stderr': errs}
unmount_fakes(empty_root_home=True)
shutil.rmtree(root)
json.dump(out, open(sys.argv[2], 'w'), indent=1)
print('%d cases labelled' % len(out), file=sys.stderr)
