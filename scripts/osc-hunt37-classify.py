"""Hunt 37's tally: the disagreements scripts/osc-hunt34-difftest.ts prints for cases of
scripts/osc-hunt35-gen.ts, each counted under the first of session 32's left-over shapes its
script holds (a `set -e` before a `for`; a `while`/`until` counter; `case $i in`; `[ $i = 2 ] &&`;
a function's return status; a `return`), else `other`.
Usage: python3 scripts/osc-hunt37-classify.py CASES.json DIFFTEST-OUTPUT.txt [SHAPE]
(with SHAPE: also print the ids of the cases counted under it)
"""
import json
import re
import sys

SHAPES = [
    ('set-e-for', r'set -e\nfor'),
    ('while-until', r'while \[ \$n|until \[ \$i'),
    ('case-i', r'case \$i in'),
    ('and-or-exit', r'\[ \$i = 2 \] &&'),
    ('fn-status', r'f\(\) \{ \[ "\$1" = b \] && return 1|g\(\) \{ return|f\(\) \{ N=6; return 1'),
    ('return', r'return 2'),
]

scripts = {c['id']: c['script'] for c in json.load(open(sys.argv[1]))}
counts = {}
for line in open(sys.argv[2]):
    m = re.match(r'^(h3\d-\d+) \[', line)
    if not m:
        continue
    shape = next((name for name, pattern in SHAPES if re.search(pattern, scripts[m.group(1)])), 'other')
    counts[shape] = counts.get(shape, 0) + 1
    if len(sys.argv) > 3 and shape == sys.argv[3]:
        print(m.group(1))
print(json.dumps(counts))
