"""Labels for test/unit/osc-syntax-diagnostic.test.ts: what bash 5.2 says and runs for scripts
with a syntax error. Each script is written to a file in its own empty temp dir and
 - checked with `bash -n FILE`: bash's syntax messages (stderr lines, the `FILE: line N: ` prefix
   split off into the line number);
 - run with `bash FILE` (stdin /dev/null, a fixed small environment, 5 s limit) with a stand-in
   `openstack` first on PATH that only appends its last argument (the server's name) to a log:
   which `openstack server create` commands bash really runs, and bash's exit status.
Usage: python3 scripts/osc-syntax-diagnostic-label.py CASES.json OUT.json
CASES.json: [{"id": ..., "script": ...}]; OUT.json: {id: {"syntax": [[line, message], ...], "runs": [...], "rc": n}}
"""
import json
import os
import re
import subprocess
import sys
import tempfile

cases = json.load(open(sys.argv[1]))
out = {}
for c in cases:
    d = tempfile.mkdtemp(prefix='osc-syntax-')
    bindir = os.path.join(d, 'bin')
    os.mkdir(bindir)
    log = os.path.join(d, 'log')
    fake = os.path.join(bindir, 'openstack')
    with open(fake, 'w') as f:
        f.write('#!/bin/sh\nfor a; do last=$a; done\nprintf "%%s\\n" "$last" >> %s\n' % log)
    os.chmod(fake, 0o755)
    path = os.path.join(d, 'script.sh')
    with open(path, 'w') as f:
        f.write(c['script'])
    env = {'PATH': bindir + ':/usr/bin:/bin', 'HOME': d, 'LANG': 'C'}
    n = subprocess.run(['bash', '-n', path], capture_output=True, text=True, env=env, cwd=d, timeout=5)
    syntax = []
    for line in n.stderr.splitlines():
        m = re.match(re.escape(path) + r': line (\d+): (.*)$', line)
        # the second line of a `near unexpected token` error quotes the line itself
        if m and not m.group(2).startswith('`'):
            syntax.append([int(m.group(1)), m.group(2)])
    r = subprocess.run(['bash', path], capture_output=True, text=True, env=env, cwd=d, stdin=subprocess.DEVNULL, timeout=5)
    runs = open(log).read().split() if os.path.exists(log) else []
    out[c['id']] = {'syntax': syntax, 'runs': runs, 'rc': r.returncode}
json.dump(out, open(sys.argv[2], 'w'), indent=1, sort_keys=True)
