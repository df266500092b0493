#!/usr/bin/env python3
"""Writes test/fixtures/base64/cases.json: strings and what Nova's `base64` format (user_data,
personality contents) makes of them, the labels for test/unit/base64-format.test.ts. Labelled by
Nova's own jsonschema FormatChecker (the checker nova.api.validation.validators registers, which
calls oslo_serialization.base64.decode_as_bytes): "ok", "refused" (the 400 schema error), or
"raises" (another exception escapes the checker: Nova answers 500). Run by hand with Debian's
python3-nova installed (`/usr/bin/python3 scripts/gen-base64-cases.py`); the test never runs Python."""
import json, os, random

import jsonschema
from nova.api.validation import validators  # noqa: F401 (registers the checkers)

cases = ['', 'IyEvYmluL3NoCmVjaG8gaGkK', 'IyEvYmluL3No', '#!/bin/sh\necho hi', '#cloud-config\npackages: [nginx]\n',
         'abc', 'abcd', 'ab==', 'ab=', 'ab=c', 'abc=', 'a===', 'abcd=efg', 'ab=\n=', '====', 'a', 'ab', 'abcde',
         'YWJj\n', 'YW Jj', 'YW\tJj', 'YWJj====', 'YWJ=j', 'Y=W=J=j', '-_-_', 'YWJj-', 'aGk=', 'aGk', 'aGk==',
         'héllo', 'aGk\u00e9', '\u0663\u0663\u0663\u0663', 'SGVsbG8gV29ybGQ=' * 3, 'x' * 64, 'x' * 65]
rnd = random.Random(20261203)
alpha = 'AB9+/=\n -#_é'
cases += [''.join(rnd.choice(alpha) for _ in range(rnd.randint(1, 10))) for _ in range(60)]
schema = {'type': 'string', 'format': 'base64'}
validator = jsonschema.Draft4Validator(schema, format_checker=jsonschema.FormatChecker())
out = []
seen = set()
for c in cases:
    if c in seen:
        continue
    seen.add(c)
    try:
        verdict = 'ok' if validator.is_valid(c) else 'refused'
    except Exception:  # noqa: BLE001 (what escapes the checker is Nova's 500)
        verdict = 'raises'
    out.append({'value': c, 'verdict': verdict})
path = os.path.join(os.path.dirname(os.path.abspath(__file__)), '..', 'test', 'fixtures', 'base64', 'cases.json')
with open(path, 'w') as f:
    json.dump({'source': 'scripts/gen-base64-cases.py (Nova 26.2.2 FormatChecker, oslo.serialization, Python 3.11)', 'cases': out}, f, indent=1, ensure_ascii=False)
    f.write('\n')
print(len(out), {v: sum(1 for o in out if o['verdict'] == v) for v in ('ok', 'refused', 'raises')})
