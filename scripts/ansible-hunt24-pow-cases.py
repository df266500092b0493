#!/usr/bin/python3
"""hunt24: float powers as CPython computes them (glibc's pow), for scripts/ansible-hunt24-pow-check.ts.
Usage: /usr/bin/python3 scripts/ansible-hunt24-pow-cases.py N SEED > pow.json
Each case is [repr(x), the exponent as written (a float or an int), repr(x ** y) or the exception]."""
import json
import math
import random
import sys

n, seed = int(sys.argv[1]), int(sys.argv[2])
rnd = random.Random(seed)
out = []
for _ in range(n):
    k = rnd.random()
    if k < 0.3:
        x = rnd.uniform(-100, 100)
    elif k < 0.6:
        x = math.ldexp(rnd.random(), rnd.randint(-600, 600))
    elif k < 0.8:
        x = float(rnd.randint(-50, 50)) / rnd.choice([1, 2, 4, 8, 10, 3, 7])
    else:
        x = rnd.choice([0.1, 0.2, 0.3, 1.1, 1.5, 2.5, 3.0, 7.0, 10.0, 0.5, 1e10, 1e-10, 123.456, 0.0])
    y = rnd.choice([0.5, -0.5] + list(range(-40, 41)))
    try:
        r = repr(x ** y)
    except Exception as e:  # noqa: BLE001 (the exception is the answer)
        r = '%s: %s' % (type(e).__name__, e)
    out.append([repr(x), repr(float(y)) if rnd.random() < 0.5 else str(y), r])
json.dump(out, sys.stdout)
