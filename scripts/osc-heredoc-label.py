"""Label here-document cases with bash itself (for fixtures only; never a runtime dependency).

Usage: python3 scripts/osc-heredoc-label.py test/fixtures/osc/heredoc-cases.json test/fixtures/osc/heredoc-oracle.json

CASES is [{id, script}]. Each script is run by /bin/bash (--norc --noprofile, PATH=/nonexistent,
an empty working directory) with every command it may name defined as a function that only
records or reads: `openstack` records its words (and OS_COMPUTE_API_VERSION when set) and runs
nothing; `cat` (no file) records its input (the here-document body as bash hands it) and writes it on, `tee` and `python3` read theirs; `bash`/`sh` read their standard input as a
script (in a subshell, `. /dev/stdin`) when they have no script file, -s or /dev/stdin and no -c,
else read it as data; `sudo` runs its command (its options dropped; with none, a shell reading
stdin); `ssh [options] host [command]` runs the command (or reads stdin as a script) in a subshell
without the exported OS_COMPUTE_API_VERSION, as a remote login would. So bash decides what a
here-document's body is, where it ends, what an unquoted body becomes (`\\$`, `\\\\`,
backslash-newline) and which commands run; the functions are the model of which readers run it.
OUT gets {id: {runs: [{env, argv}], catInputs, stderr}}: the `openstack` commands bash ran, in order, and what each plain
`cat` read.
"""
import json
import os
import subprocess
import sys
import tempfile

PRELUDE = r'''
__rec() { local e=-; if [ -n "${OS_COMPUTE_API_VERSION+x}" ]; then e="$OS_COMPUTE_API_VERSION"; fi; printf '%s\0' "$e" "$@" >>"$WORDS_OUT"; printf '\1' >>"$WORDS_OUT"; }
openstack() { __rec openstack "$@"; }
__run() { ( . /dev/stdin ); }
__reads_script() {
  while [ $# -gt 0 ]; do
    case "$1" in
      --) shift; break;; -) shift; break;;
      -o|+o|-O|+O) shift 2;;
      --*) shift;;
      -*c*) return 1;;
      -*s*) return 0;;
      -*|+*) shift;;
      *) break;;
    esac
  done
  [ $# -eq 0 ] || [ "$1" = /dev/stdin ]
}
bash() { if __reads_script "$@"; then __run; else /bin/cat >/dev/null; fi; }
sh() { bash "$@"; }
sudo() {
  while [ $# -gt 0 ]; do case "$1" in --) shift; break;; -u|-g) shift 2;; -*) shift;; *) break;; esac; done
  if [ $# -eq 0 ]; then __run; else "$@"; fi
}
ssh() {
  while [ $# -gt 0 ]; do case "$1" in --) shift; break;; -p|-i|-l|-o|-J) shift 2;; -*) shift;; *) break;; esac; done
  shift
  if [ $# -eq 0 ]; then ( unset OS_COMPUTE_API_VERSION; . /dev/stdin ); else ( unset OS_COMPUTE_API_VERSION; eval "$*" ); fi
}
cat() {
  if [ $# -eq 0 ] || [ "$1" = - ]; then local b; b=$(/bin/cat; printf x); b=${b%x}; printf '%s\2' "$b" >>"$BODIES_OUT"; printf '%s' "$b"
  else /bin/cat "$@" 2>/dev/null; fi
}
tee() { /bin/cat >/dev/null; }
python3() { /bin/cat >/dev/null; }
echo() { :; }
'''


def run(script):
    with tempfile.TemporaryDirectory() as d:
        os.mkdir(os.path.join(d, 'cwd'))
        words_out = os.path.join(d, 'words')
        bodies_out = os.path.join(d, 'bodies')
        open(words_out, 'w').close()
        open(bodies_out, 'w').close()
        p = subprocess.run(['/bin/bash', '--norc', '--noprofile', '-c', PRELUDE + script], cwd=os.path.join(d, 'cwd'),
                           capture_output=True, timeout=60,
                           env={'PATH': '/nonexistent', 'HOME': '/nonexistent', 'LC_ALL': 'C.UTF-8', 'WORDS_OUT': words_out, 'BODIES_OUT': bodies_out})
        raw = open(words_out, 'rb').read().decode('utf-8', 'surrogateescape')
        bodies = open(bodies_out, 'rb').read().decode('utf-8', 'surrogateescape').split('\2')[:-1]
    runs = []
    for rec in raw.split('\1')[:-1]:
        words = rec.split('\0')[:-1]
        runs.append({'env': None if words[0] == '-' else words[0], 'argv': words[1:]})
    return {'runs': runs, 'catInputs': bodies, 'stderr': p.stderr.decode('utf-8', 'replace').replace('bash: ', '')}


cases = json.load(open(sys.argv[1]))
out = {c['id']: run(c['script']) for c in cases}
json.dump(out, open(sys.argv[2], 'w'), indent=1, ensure_ascii=False)
print(len(out), 'cases labelled;', sum(len(v['runs']) for v in out.values()), 'openstack commands run')
