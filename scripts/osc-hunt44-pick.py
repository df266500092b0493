"""Hunt 44's generated fixture: the cases of scripts/osc-hunt44-gen.ts (labelled by
scripts/osc-hunt44-label.py: dash or bash, an `openstack` that succeeds and one that fails) in
the shapes this hunt is about (`getopts` loops, bash's `set -o pipefail` and dash's refusal of it,
`((…))` with `$NAME` or quotes, `X=1 let …`, `… | ( while read …)`) and, as a sample of agreeing
ones, the generator's other shapes (here-documents feeding `while read`, arrays, `local`,
`--block-device-mapping`, `--boot-from-volume`), each shape at most MAX per seed, ids prefixed by
the seed. Left out (see the hunt's report): a script passing a name its environment may set
(`mk "$EMPTY"`: bdm-lab keeps what runs when it is set), and one under `set -e` whose runs differ
between the two worlds (a third world, one `openstack` failing and another not, is not labelled).
Usage: python3 scripts/osc-hunt44-pick.py OUT-CASES.json OUT-LABELS.json MAX SEED CASES.json LABELS.json [SEED ...]
"""
import json
import re
import sys

SHAPES = {
    'getopts': re.compile(r'\bgetopts\b'),
    'pipefail': re.compile(r'pipefail'),
    'arith-dollar': re.compile(r'\(\([^)\n]*[$"]'),
    'let-temp': re.compile(r'^[A-Za-z_]\w*=\S* let ', re.M),
    'paren-read': re.compile(r'\| \(\s*(n=0\s*)?while'),
    'heredoc-read': re.compile(r'done <<'),
    'array': re.compile(r'\[@\]'),
    'local': re.compile(r'\blocal\b'),
    'bdm-legacy': re.compile(r'--block-device-mapping'),
    'boot-from-volume': re.compile(r'--boot-from-volume'),
}
LEFT = re.compile(r'\$EMPTY')

out_cases, out_labels, most, rest = sys.argv[1], sys.argv[2], int(sys.argv[3]), sys.argv[4:]
cases, labels = [], {}
while rest:
    seed, cf, lf = rest[:3]
    rest = rest[3:]
    ls = json.load(open(lf))
    taken = {k: 0 for k in SHAPES}
    for c in json.load(open(cf)):
        lab = ls[c['id']]
        worlds = [sorted({json.dumps(r, sort_keys=True) for r in w}) for w in lab['worlds']]
        if LEFT.search(c['script']) or (re.search(r'^set -[a-z]*e', c['script'], re.M) and worlds[0] != worlds[1]):
            continue
        shapes = [k for k, r in SHAPES.items() if r.search(c['script'])]
        if not shapes or all(taken[k] >= most for k in shapes):
            continue
        for k in shapes:
            taken[k] += 1
        cid = 'h44-%s-%s' % (seed, c['id'][4:])
        cases.append({'id': cid, 'script': c['script']})
        labels[cid] = lab
json.dump(cases, open(out_cases, 'w'), indent=1)
json.dump(labels, open(out_labels, 'w'), indent=1)
print('%d cases' % len(cases))
