"""Hunt 43's generated fixture: the cases of scripts/osc-hunt43-gen.ts (labelled by
scripts/osc-hunt34-label.py) in the shapes this hunt is about (`xargs` running `openstack`, an
`eval` inside a loop, `case` items ending in `;&` or `;;&`, the `function` keyword, dash's
`${X#p}`-style removals, a readonly OS_COMPUTE_API_VERSION assigned before a command, `trap …`,
and the generator's other shapes as a sample of agreeing ones), each shape at most MAX per seed,
with their labels, ids prefixed by the seed (not the shapes it left: `((i++))` under `set -e`, a
command after `openstack … ||`). Kept: shells that ran to their end, and dash's stops
(a syntax error, a readonly name assigned).
Usage: python3 scripts/osc-hunt43-pick.py OUT-CASES.json OUT-LABELS.json MAX SEED CASES.json LABELS.json [SEED ...]
"""
import json
import re
import sys

SHAPES = {
    'xargs': re.compile(r'\bxargs\b'),
    'eval-loop': re.compile(r'\bdo eval\b'),
    'case-falls': re.compile(r';;?&'),
    'function': re.compile(r'^function ', re.M),
    'dash-remove': re.compile(r'\$\{[A-Za-z_]+(#|%)'),
    'readonly': re.compile(r'^readonly OS_COMPUTE', re.M),
    'trap': re.compile(r'^trap ', re.M),
    'getopts': re.compile(r'\bgetopts\b'),
    'case': re.compile(r'\bcase\b'),
    'local': re.compile(r'\blocal\b'),
    'block-device': re.compile(r'--block-dev'),
    'set': re.compile(r'^set -', re.M),
}
DASH_STOPS = ('Syntax error', 'is read only')
# left by this hunt (see its report): `((i++))` under `set -e`, and a command after `openstack … ||`
LEFT = re.compile(r'\(\(i\+\+\)\)|&& openstack[^\n]*\|\| openstack')

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
        if not ok or not shapes or LEFT.search(c['script']) or all(taken[k] >= most for k in shapes):
            continue
        for k in shapes:
            taken[k] += 1
        cid = 'h43-%s-%s' % (seed, c['id'][4:])
        cases.append({'id': cid, 'script': c['script']})
        labels[cid] = lab
json.dump(cases, open(out_cases, 'w'), indent=1)
json.dump(labels, open(out_labels, 'w'), indent=1)
print('%d cases' % len(cases))
