"""Hunt 41's generated fixture: the cases of scripts/osc-hunt41-gen.ts (labelled by
scripts/osc-hunt34-label.py) in the shapes this hunt is about (a `while read` loop fed by a
here-document, nested loops, a bash array), each shape at most MAX per seed, with their labels,
ids prefixed by the seed. Kept: shells that ran to their end, and dash's syntax error at an array.
Usage: python3 scripts/osc-hunt41-pick.py OUT-CASES.json OUT-LABELS.json MAX SEED CASES.json LABELS.json [SEED ...]
"""
import json
import re
import sys

SHAPES = {
    'read': re.compile(r'\bwhile\b[^\n]*\bread\b[^\n]*\n?[\s\S]*?\bdone <<'),
    'nested': re.compile(r'\bdone; done\b'),
    'array': re.compile(r'^[A-Za-z_][A-Za-z0-9_]*\+?=\(', re.M),
}

out_cases, out_labels, most, rest = sys.argv[1], sys.argv[2], int(sys.argv[3]), sys.argv[4:]
cases, labels = [], {}
while rest:
    seed, cf, lf = rest[:3]
    rest = rest[3:]
    ls = json.load(open(lf))
    taken = {k: 0 for k in SHAPES}
    for c in json.load(open(cf)):
        lab = ls[c['id']]
        ok = lab['rc'] == 0 or (lab['shell'] == 'dash' and '"(" unexpected' in lab['stderr'])
        shapes = [k for k, r in SHAPES.items() if r.search(c['script'])]
        if not ok or not shapes or all(taken[k] >= most for k in shapes):
            continue
        for k in shapes:
            taken[k] += 1
        cid = 'h41-%s-%s' % (seed, c['id'][4:])
        cases.append({'id': cid, 'script': c['script']})
        labels[cid] = lab
json.dump(cases, open(out_cases, 'w'), indent=1)
json.dump(labels, open(out_labels, 'w'), indent=1)
print('%d cases' % len(cases))
