"""Hunt 39's generated fixture: the cases of scripts/osc-hunt39-gen.ts (labelled by
scripts/osc-hunt34-label.py) that scripts/osc-hunt34-difftest.ts finds in disagreement on the tree
before the hunt (BEFORE.txt) and no longer on the tree after it (AFTER.txt), with their labels,
ids prefixed by the seed.
Usage: python3 scripts/osc-hunt39-pick.py OUT-CASES.json OUT-LABELS.json SEED CASES.json LABELS.json BEFORE.txt AFTER.txt [SEED ...]
"""
import json
import re
import sys

out_cases, out_labels, rest = sys.argv[1], sys.argv[2], sys.argv[3:]
cases, labels = [], {}
while rest:
    seed, cf, lf, before, after = rest[:5]
    rest = rest[5:]
    ids = lambda f: {m.group(1) for m in (re.match(r'^(h39-\d+) \[', line) for line in open(f)) if m}
    fixed = ids(before) - ids(after)
    ls = json.load(open(lf))
    for c in json.load(open(cf)):
        if c['id'] in fixed:
            cid = 'h39-%s-%s' % (seed, c['id'][4:])
            cases.append({'id': cid, 'script': c['script']})
            labels[cid] = ls[c['id']]
json.dump(cases, open(out_cases, 'w'), indent=1)
json.dump(labels, open(out_labels, 'w'), indent=1)
print('%d cases' % len(cases))
