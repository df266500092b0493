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
import resource
import signal
import time
import os
import shutil
import subprocess
import sys
import tempfile

if os.environ.get('OSC_HUNT24_NS') != '1':
    os.environ['OSC_HUNT24_NS'] = '1'
    os.execvp('unshare', ['unshare', '-m', '--propagation', 'private', sys.executable] + sys.argv)

CG = '/sys/fs/cgroup/pids/osc-hunt24'
os.makedirs(CG, exist_ok=True)
with open(os.path.join(CG, 'pids.max'), 'w') as f:
    f.write('400')
with open(os.path.join(CG, 'cgroup.procs'), 'w') as f:
    f.write(str(os.getpid()))

cases = json.load(open(sys.argv[1]))
root = tempfile.mkdtemp(prefix='osc-hunt24-')
log = os.path.join(root, 'log')
bindir = os.path.join(root, 'bin')
os.mkdir(bindir)
fake = os.path.join(bindir, 'openstack')
with open(fake, 'w') as f:
    f.write('#!/usr/bin/python3 -IS\nimport json, os, sys\n'
            'with open(%r, "a") as f:\n'
            '    f.write(json.dumps({"argv": sys.argv[1:], "mv": os.environ.get("OS_COMPUTE_API_VERSION")}) + "\\n")\n' % log)
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
for c in cases:
    open(log, 'w').close()
    cwd = tempfile.mkdtemp(dir=root)
    env = {'PATH': '/usr/local/sbin:/usr/bin:/bin', 'HOME': cwd, 'LANG': 'C', 'USER': 'root', 'LOGNAME': 'root', 'SHELL': '/bin/bash'}
    # a 1 MiB stack: a shell whose function calls itself dies (as it would with 8 MiB, sooner)
    p = subprocess.Popen(['bash', '-c', c['script']], cwd=cwd, env=env, stdin=subprocess.DEVNULL,
                         stdout=subprocess.PIPE, stderr=subprocess.PIPE, start_new_session=True,
                         preexec_fn=lambda: resource.setrlimit(resource.RLIMIT_STACK, (1 << 20, resource.RLIM_INFINITY)))
    try:
        _, e = p.communicate(timeout=5)
        rc, err = p.returncode, e.decode(errors='replace')
    except subprocess.TimeoutExpired:
        rc, err = 'timeout', ''
    # the whole session, also what outlived bash (a job, a pipeline's part)
    for _ in range(50):
        try:
            os.killpg(p.pid, signal.SIGKILL)
        except ProcessLookupError:
            break
        time.sleep(0.02)
    if rc == 'timeout':
        p.communicate()
    runs = [json.loads(l) for l in open(log) if l.strip()]
    out[c['id']] = {'runs': runs, 'rc': rc, 'stderr': err[:400]}
subprocess.run(['umount', '/root'], check=True)
subprocess.run(['umount', '/usr/local/sbin'], check=True)
subprocess.run(['umount', '/usr/bin/openstack'], check=True)
shutil.rmtree(root)
json.dump(out, open(sys.argv[2], 'w'), indent=1)
print('%d cases labelled' % len(out), file=sys.stderr)
