"""Set-up shared by the openstack-CLI labellers (scripts/osc-hunt23-label.py, osc-hunt24-label.py,
osc-hunt26-label.py): the private mount namespace, the pids cgroup, the fake `openstack` that logs
its argv and OS_COMPUTE_API_VERSION as JSON, the `ssh` stand-in for OpenSSH and a remote host, the
bind mounts that put them where every path to the program reaches them, and the fixed small
environment scripts run with. Run as root.
"""
import os
import resource
import signal
import subprocess
import sys
import time


def enter_private_mount_namespace(flag):
    """Re-run this script in a private mount namespace (once: `flag` names the variable that marks it)."""
    if os.environ.get(flag) != '1':
        os.environ[flag] = '1'
        os.execvp('unshare', ['unshare', '-m', '--propagation', 'private', sys.executable] + sys.argv)


def join_pids_cgroup(name, limit=400):
    """Put this process (and so its children) in a pids cgroup of its own, at most `limit` processes."""
    cg = os.path.join('/sys/fs/cgroup/pids', name)
    os.makedirs(cg, exist_ok=True)
    with open(os.path.join(cg, 'pids.max'), 'w') as f:
        f.write(str(limit))
    with open(os.path.join(cg, 'cgroup.procs'), 'w') as f:
        f.write(str(os.getpid()))


# ssh stands in for OpenSSH and a remote host: it takes ssh's options and the host, joins the
# remaining words with spaces (as ssh does) and hands them to a login shell with the remote's own
# environment (none of the local one's variables: Debian's ssh_config sends only LANG and LC_*, and
# sshd accepts no OS_*); with no words, that shell reads its standard input (unless -n)
SSH_STAND_IN = ('#!/usr/bin/python3 -IS\nimport os, sys\n'
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


def write_fakes(root, fail_marker=None):
    """Write the fake `openstack` (appending its argv and OS_COMPUTE_API_VERSION to `log`; with
    `fail_marker`, exiting 1 while that file exists) and the `ssh` stand-in into ROOT/bin.
    Returns (log, bindir, fake)."""
    log = os.path.join(root, 'log')
    bindir = os.path.join(root, 'bin')
    os.mkdir(bindir)
    fake = os.path.join(bindir, 'openstack')
    text = ('#!/usr/bin/python3 -IS\nimport json, os, sys\n'
            'with open(%r, "a") as f:\n'
            '    f.write(json.dumps({"argv": sys.argv[1:], "mv": os.environ.get("OS_COMPUTE_API_VERSION")}) + "\\n")\n' % log)
    if fail_marker is not None:
        text += 'sys.exit(1 if os.path.exists(%r) else 0)\n' % fail_marker
    with open(fake, 'w') as f:
        f.write(text)
    os.chmod(fake, 0o755)
    with open(os.path.join(bindir, 'ssh'), 'w') as f:
        f.write(SSH_STAND_IN)
    os.chmod(os.path.join(bindir, 'ssh'), 0o755)
    return log, bindir, fake


def mount_fakes(root, bindir, fake, empty_root_home):
    """Bind the fake over /usr/bin/openstack and ROOT/bin over /usr/local/sbin (the first directory
    of sudo's secure_path); with `empty_root_home`, an empty ROOT/roothome over /root (login shells
    of `sudo -i` and `su -` then read only /etc/profile)."""
    subprocess.run(['mount', '--bind', fake, '/usr/bin/openstack'], check=True)
    os.makedirs('/usr/local/sbin', exist_ok=True)
    subprocess.run(['mount', '--bind', bindir, '/usr/local/sbin'], check=True)
    if empty_root_home:
        home = os.path.join(root, 'roothome')
        os.mkdir(home, 0o700)
        subprocess.run(['mount', '--bind', home, '/root'], check=True)


def unmount_fakes(empty_root_home):
    """Undo mount_fakes (in the reverse order)."""
    if empty_root_home:
        subprocess.run(['umount', '/root'], check=True)
    subprocess.run(['umount', '/usr/local/sbin'], check=True)
    subprocess.run(['umount', '/usr/bin/openstack'], check=True)


def script_env(home):
    """The fixed small environment a script runs with."""
    return {'PATH': '/usr/local/sbin:/usr/bin:/bin', 'HOME': home, 'LANG': 'C', 'USER': 'root', 'LOGNAME': 'root', 'SHELL': '/bin/bash'}


def kill_session(p):
    """Kill the whole session of `p` (also what outlived it: a job, a pipeline's part) until none is left."""
    for _ in range(50):
        try:
            os.killpg(p.pid, signal.SIGKILL)
        except ProcessLookupError:
            break
        time.sleep(0.02)


def _small_stack():
    # a 1 MiB stack: a shell whose function calls itself dies (as it would with 8 MiB, sooner)
    resource.setrlimit(resource.RLIMIT_STACK, (1 << 20, resource.RLIM_INFINITY))


def run_in_session(argv, cwd, env, timeout, stdout, stderr_after_timeout):
    """Run `argv` in a session of its own (stdin from /dev/null, a 1 MiB stack), up to `timeout`
    seconds, then kill the whole session (also what outlived it). Returns (rc, stderr text): rc is
    'timeout' when it was cut, and its stderr then '' unless `stderr_after_timeout`."""
    p = subprocess.Popen(argv, cwd=cwd, env=env, stdin=subprocess.DEVNULL,
                         stdout=stdout, stderr=subprocess.PIPE, start_new_session=True,
                         preexec_fn=_small_stack)
    try:
        _, e = p.communicate(timeout=timeout)
        rc, err = p.returncode, e.decode(errors='replace')
    except subprocess.TimeoutExpired:
        rc, err = 'timeout', ''
    kill_session(p)
    if rc == 'timeout':
        _, e = p.communicate()
        if stderr_after_timeout:
            err = e.decode(errors='replace')
    return rc, err


def label_create_runs(out, tools, prefix):
    """Each case's distinct `server create` runs (out[id]['runs'], argv after `openstack` and the
    OS_COMPUTE_API_VERSION it saw) labelled in place as out[id]['osc']: what OSC's own parser and
    version check make of the words (osc_shell.run_create with the osc-oracle, from an empty working
    directory), then the nova-oracle's verdict (flavor root_gb 20, ephemeral_gb 10, swap_mb 1024) on
    each body it sends. Returns how many runs were sent."""
    import json
    import shutil
    import tempfile
    sys.path.insert(0, os.path.join(tools, 'osc-oracle'))
    import osc_oracle  # noqa: E402
    from osc_shell import run_create  # noqa: E402
    work = tempfile.mkdtemp(prefix=prefix + '-cwd-')
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
    verdicts = subprocess.run(['/usr/bin/python3', os.path.join(tools, 'nova-oracle', 'oracle.py'), t.name],
                              capture_output=True, text=True, check=True).stdout
    os.unlink(t.name)
    by_id = {s['id']: one for one, s in sent}
    for line in verdicts.splitlines():
        if line.startswith('{'):
            r = json.loads(line)
            by_id[r['id']]['nova'] = dict({'valid': r['valid'], 'http_status': r['http_status']},
                                          **({} if r['valid'] else {'message': r.get('nova_message')}))
    return sum(1 for one, _ in sent if one['nova']), len(sent)
