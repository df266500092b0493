"""Hunt 40's generated fixture: the cases of scripts/osc-hunt40-gen.ts (labelled by
scripts/osc-hunt34-label.py) in the shapes this hunt is about (a `while`/`until` loop, or `read`)
whose shell ran to its end (rc 0: no `${1:?}` stop, which the labeller's missing arguments make),
at most MAX per seed, with their labels, ids prefixed by the seed.
Usage: python3 scripts/osc-hunt40-pick.py OUT-CASES.json OUT-LABELS.json MAX SEED CASES.json LABELS.json [SEED ...]
"""
import json
import re
import sys

out_cases, out_labels, most, rest = sys.argv[1], sys.argv[2], int(sys.argv[3]), sys.argv[4:]
cases, labels = [], {}
while rest:
    seed, cf, lf = rest[:3]
    rest = rest[3:]
    ls = json.load(open(lf))
    n = 0
    for c in json.load(open(cf)):
        if n >= most or ls[c['id']]['rc'] != 0 or not re.search(r'\b(while|until|read)\b', c['script']):
            continue
        cid = 'h40-%s-%s' % (seed, c['id'][4:])
        cases.append({'id': cid, 'script': c['script']})
        labels[cid] = ls[c['id']]
        n += 1
json.dump(cases, open(out_cases, 'w'), indent=1)
json.dump(labels, open(out_labels, 'w'), indent=1)
print('%d cases' % len(cases))
