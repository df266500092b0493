#!/usr/bin/python3
"""hunt30: json.loads as CPython computes it on texts near JSON (cut, doubled, with stray
characters, escapes, control characters, a BOM), for scripts/ansible-hunt30-json-check.ts.
Usage: /usr/bin/python3 scripts/ansible-hunt30-json-cases.py N SEED > json.json
Each case is [text, json.dumps of the value, or the JSONDecodeError's words]."""
import json
import random
import sys

n, seed = int(sys.argv[1]), int(sys.argv[2])
rnd = random.Random(seed)
BASES = ['{"size": 20}', '[1, 2.5, "x"]', '{"a": [1, {"b": null}], "c": "d\\n"}', '"data1"', '[]', '{}', '12', '-0.5e3', 'true',
         '{"k": "\\u00e9\\ud83d\\ude00"}', '[\n  1,\n  2\n]', '{"a":\n {"b": [true, false]}}', 'NaN', '-Infinity', '"\\t"', '{"é": "ü"}']
STRAY = [',', ']', '}', '[', '{', ':', '"', '\\', '\\u12', '\\x', '\x01', '\n', ' ', 'a', '0', '-', '.', 'e', '\ufeff', 'null', 'é', '\U0001F600', '\\ud83d', '01', '1.', '1e', '+1']
out = []
for _ in range(n):
    s = rnd.choice(BASES)
    for _ in range(rnd.randint(0, 3)):
        k = rnd.random()
        at = rnd.randint(0, len(s))
        if k < 0.4:
            s = s[:at] + rnd.choice(STRAY) + s[at:]
        elif k < 0.7:
            s = s[:at]
        elif k < 0.85 and s:
            s = s[:at] + s[at + 1:]
        else:
            s = s + rnd.choice([' ', '\n', ' x', ',', ''])
    try:
        r = json.dumps(json.loads(s), sort_keys=False)
    except json.JSONDecodeError as e:
        r = 'JSONDecodeError: ' + str(e)
    out.append([s, r])
json.dump(out, sys.stdout)
