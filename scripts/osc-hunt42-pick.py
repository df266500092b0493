"""Hunt 42's generated fixture: the cases of scripts/osc-hunt42-gen.ts (labelled by
scripts/osc-hunt42-label.py) in the shapes this hunt is about (a `while read` loop fed by a
pipeline, by `< <(…)` or by a file; bash's element assignments, `declare`, `unset 'A[N]'`; a loop
inside a loop that runs once; a retry loop), each shape at most MAX per seed, with their labels,
ids prefixed by the seed. Kept: shells that ran to their end, and dash's syntax errors at `< <(`
and at an array.
Usage: python3 scripts/osc-hunt42-pick.py OUT-CASES.json OUT-LABELS.json MAX SEED CASES.json LABELS.json [SEED ...]
"""
import json
import re
import sys

SHAPES = {
    'piped': re.compile(r'\| *\{? *while\b[^\n]*\bread\b'),
    'procsubst': re.compile(r'\bdone < <\('),
    'file': re.compile(r'\bdone <[ ]?vols'),
    'element': re.compile(r'^[A-Za-z_][A-Za-z0-9_]*\[[^\]\n]*\]\+?=|\bdeclare\b|\bunset\b', re.M),
    'once': re.compile(r'\bfor [a-z]+ in ("\$ONE"|\$SIZE|[0-9a-z]+);|\bwhile (:|true);|\buntil false;'),
    'retry': re.compile(r'\buntil openstack|&& break;|\|\| continue;|\bif openstack|while ! openstack'),
}
DASH_STOPS = ('redirection unexpected', '"(" unexpected')

out_cases, out_labels, most, rest = sys.argv[1], sys.argv[2], int(sys.argv[3]), sys.argv[4:]
cases, labels = [], {}
while rest:
    seed, cf, lf = rest[:3]
    rest = rest[3:]
    ls = json.load(open(lf))
    taken = {k: 0 for k in SHAPES}
    for c in json.load(open(cf)):
        lab = ls[c['id']]
        ok = lab['rc'] == 0 or (lab['shell'] == 'dash' and any(s in lab['stderr'] for s in DASH_STOPS))
        shapes = [k for k, r in SHAPES.items() if r.search(c['script'])]
        if not ok or not shapes or all(taken[k] >= most for k in shapes):
            continue
        for k in shapes:
            taken[k] += 1
        cid = 'h42-%s-%s' % (seed, c['id'][4:])
        cases.append({'id': cid, 'script': c['script']})
        labels[cid] = lab
json.dump(cases, open(out_cases, 'w'), indent=1)
json.dump(labels, open(out_labels, 'w'), indent=1)
print('%d cases' % len(cases))
