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
import resource
import signal
import time
import os
import shutil
import subprocess
import sys
import tempfile

if os.environ.get('OSC_HUNT26_NS') != '1':
    os.environ['OSC_HUNT26_NS'] = '1'
    os.execvp('unshare', ['unshare', '-m', '--propagation', 'private', sys.executable] + sys.argv)

CG = '/sys/fs/cgroup/pids/osc-hunt26'
os.makedirs(CG, exist_ok=True)
with open(os.path.join(CG, 'pids.max'), 'w') as f:
    f.write('400')
with open(os.path.join(CG, 'cgroup.procs'), 'w') as f:
    f.write(str(os.getpid()))

cases = json.load(open(sys.argv[1]))
root = tempfile.mkdtemp(prefix='osc-hunt26-')
log = os.path.join(root, 'log')
bindir = os.path.join(root, 'bin')
os.mkdir(bindir)
fake = os.path.join(bindir, 'openstack')
with open(fake, 'w') as f:
    f.write('#!/usr/bin/python3 -IS\nimport json, os, sys\n'
            'with open(%r, "a") as f:\n'
            '    f.write(json.dumps({"argv": sys.argv[1:], "mv": os.environ.get("OS_COMPUTE_API_VERSION")}) + "\\n")\n'
            'sys.exit(1 if os.path.exists(%r) else 0)\n' % (log, log + '.fail'))
os.chmod(fake, 0o755)
# ssh stands in for OpenSSH and a remote host: it takes ssh's options and the host, joins the
# remaining words with spaces (as ssh does) and hands them to a login shell with the remote's own
# environment (none of the local one's variables: Debian's ssh_config sends only LANG and LC_*, and
# sshd accepts no OS_*); with no words, that shell reads its standard input (unless -n)
with open(os.path.join(bindir, 'ssh'), 'w') as f:
    f.write('#!/usr/bin/python3 -IS\nimport os, sys\n'
            'a = sys.argv[1:]; i = 0; host = None; null = False\n'
            'while i < len(a):\n'
            '    x = a[i]\n'
            '    if x == "--":\n'
            '        i += 1\n'
            '        if host is None and i < len(a): host = a[i]; i += 1\n'
            '        break\n'
            '    if not x.startswith("-") or x == "-":\n'
            '        if host is not None: break\n'
            '        host = x; i += 1; continue\n'
            '    takes = False\n'
            '    for q, ch in enumerate(x[1:]):\n'
            '        if ch == "n": null = True\n'
            '        if ch in "BbcDEeFIiJLlmOoPpQRSWw": takes = q == len(x) - 2; break\n'
            '    i += 2 if takes else 1\n'
            'env = {"PATH": "/usr/local/sbin:/usr/bin:/bin", "HOME": "/root", "LANG": "C", "USER": "root", "LOGNAME": "root", "SHELL": "/bin/bash"}\n'
            'if null: os.dup2(os.open("/dev/null", os.O_RDONLY), 0)\n'
            'cmd = " ".join(a[i:])\n'
            'os.execve("/bin/bash", ["bash", "-c", cmd] if cmd else ["-bash", "-s"], env)\n')
os.chmod(os.path.join(bindir, 'ssh'), 0o755)
subprocess.run(['mount', '--bind', fake, '/usr/bin/openstack'], check=True)
os.makedirs('/usr/local/sbin', exist_ok=True)
subprocess.run(['mount', '--bind', bindir, '/usr/local/sbin'], check=True)
home = os.path.join(root, 'roothome')
os.mkdir(home, 0o700)
subprocess.run(['mount', '--bind', home, '/root'], check=True)

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
    env = {'PATH': '/usr/local/sbin:/usr/bin:/bin', 'HOME': cwd, 'LANG': 'C', 'USER': 'root', 'LOGNAME': 'root', 'SHELL': '/bin/bash'}
    env.update(extra)
    p = subprocess.Popen(['bash', script_file] + args, cwd=cwd, env=env, stdin=subprocess.DEVNULL,
                         stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, start_new_session=True,
                         preexec_fn=lambda: resource.setrlimit(resource.RLIMIT_STACK, (1 << 20, resource.RLIM_INFINITY)))
    try:
        _, e = p.communicate(timeout=2)
        rc, err = p.returncode, e.decode(errors='replace')
    except subprocess.TimeoutExpired:
        rc, err = 'timeout', ''
    for _ in range(50):
        try:
            os.killpg(p.pid, signal.SIGKILL)
        except ProcessLookupError:
            break
        time.sleep(0.02)
    if rc == 'timeout':
        _, e = p.communicate()
        err = e.decode(errors='replace')
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
subprocess.run(['umount', '/root'], check=True)
subprocess.run(['umount', '/usr/local/sbin'], check=True)
subprocess.run(['umount', '/usr/bin/openstack'], check=True)
shutil.rmtree(root)
json.dump(out, open(sys.argv[2], 'w'), indent=1)
print('%d cases labelled' % len(out), file=sys.stderr)
