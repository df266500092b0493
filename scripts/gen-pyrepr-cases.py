#!/usr/bin/env python3
"""Writes test/fixtures/pyrepr/cases.json: JSON source texts and Python 3's repr() of
json.loads(text), the labels for test/unit/pyrepr.test.ts. Run once by hand when the table
should grow (`python3 scripts/gen-pyrepr-cases.py`); the test itself never runs Python.
Seeded, so a re-run gives the same table. Characters whose Unicode category changed after
Python's Unicode database (assigned later) are left out: their repr depends on the Python
version Nova runs on."""
import json, os, random, struct, sys, unicodedata

rng = random.Random(14)
texts = []

def add(t):
    texts.append(t)

# ints: small, at and beyond 2**53, huge, negative zero
for t in ['0', '-0', '1', '-1', '42', '9007199254740991', '9007199254740992', '9007199254740993',
          '-9007199254740993', '12345678901234567890', '100000000000000000000', '1000000000000000000000',
          '123456789012345678901234567890123456789', '-99999999999999999999999']:
    add(t)
for _ in range(40):
    add(str(rng.randint(-10 ** rng.randint(1, 40), 10 ** rng.randint(1, 40))))

# floats: edge cases
for t in ['0.0', '-0.0', '1.0', '-1.0', '0.1', '0.2', '0.30000000000000004', '1e16', '1E16', '1e+16', '1.5e16',
          '9999999999999998.0', '9999999999999999.0', '1e15', '123456789012345.6', '1e-4', '1e-5', '0.0001', '0.00001',
          '0.000123', '1.5e-5', '5e-324', '4.9e-324', '1.7976931348623157e308', '2.2250738585072014e-308',
          '1e22', '1e21', '1e100', '-1e-7', '1.0e0', '100.0', '1e2', '12.5e1', '3.14159', '2.5', '1e308',
          '0e0', '-0e0', '0.5e-4', '123.456e-10', '1.7976931348623158e308', '1e-400', '-1e-400']:
    add(t)
# random floats across magnitudes, written both by Python's repr and by a plain %.17g
for _ in range(160):
    bits = rng.getrandbits(64)
    x = struct.unpack('<d', struct.pack('<Q', bits))[0]
    if x != x or x in (float('inf'), float('-inf')):
        continue
    add(json.dumps(x) if rng.random() < 0.5 else '%.17g' % x if ('.' in '%.17g' % x or 'e' in '%.17g' % x) else json.dumps(x))
for _ in range(120):
    e = rng.randint(-30, 30)
    x = rng.uniform(-10, 10) * 10.0 ** e
    add(json.dumps(round(x, rng.randint(0, 20))) if rng.random() < 0.5 else json.dumps(x))
for e in range(-8, 24):
    add('1e%d' % e)
    add('-2.5e%d' % e)

# bool, null
for t in ['true', 'false', 'null']:
    add(t)

def py_unicode_stable(cp):
    c = chr(cp)
    # unassigned in Python's database: only keep code points that stay unassigned (noncharacters)
    if unicodedata.category(c) == 'Cn':
        return (cp & 0xFFFE) == 0xFFFE or 0xFDD0 <= cp <= 0xFDEF
    return True

# strings
fixed = ["", "abc", "it's", 'say "hi"', "both ' and \"", "back\\slash", "tab\there", "new\nline", "cr\rlf",
         "\x00\x01\x1f\x7f", "\x80\x9f\xa0\xad\xff", "caf\u00e9", "\u00a0nbsp", "\u2028\u2029", "\u200b\u200e\u202e",
         "\u3000ideo space", "\ufeffbom", "\ufffe\uffff", "\U0001F600 emoji", "\U000E0001 tag", "\U0010FFFF",
         "\u0378 unassigned", "\ud800 lone high", "\udfff lone low", "\U0001F1EB\U0001F1F7", "日本語", "ελληνικά",
         "\u0301 combining", "\x1b[31mred", "'", '"', "''\"", "\\'", "/dev/vda", "a\u0085b", "\ue000 private",
         "\U000F0000 private plane", "\u00ad soft hyphen", "\u061c alm", "\u2060 wj", "\u180e mvs"]
for s in fixed:
    if all(py_unicode_stable(ord(c)) for c in s):
        add(json.dumps(s) if rng.random() < 0.5 else json.dumps(s, ensure_ascii=False).replace('\u2028', '\\u2028').replace('\u2029', '\\u2029'))
pools = [(0x00, 0x7f), (0x80, 0xff), (0x100, 0x2fff), (0x3000, 0xd7ff), (0xe000, 0xffff), (0x10000, 0x10ffff), (0xd800, 0xdfff)]
for _ in range(150):
    n = rng.randint(1, 8)
    cs = []
    while len(cs) < n:
        lo, hi = rng.choice(pools)
        cp = rng.randint(lo, hi)
        if py_unicode_stable(cp):
            cs.append(cp)
    # written with \\u escapes so lone surrogates survive the file
    add('"' + ''.join(chr(c) if 0x20 <= c < 0x7f and chr(c) not in '"\\' else ''.join('\\u%04x' % u for u in struct.unpack('<%dH' % (len(chr(c).encode('utf-16-le', 'surrogatepass')) // 2), chr(c).encode('utf-16-le', 'surrogatepass'))) for c in cs) + '"')

# containers: key order, duplicate keys (last value, first position), integer-like keys, nesting
for t in ['[]', '{}', '[1, 2.0, "x", null, true, false]', '{"a": 1}', '{"b": 1, "a": 2}', '{"b": 1, "1": 2, "0": 3}',
          '{"a": 1, "b": 2, "a": 3}', '{"it\'s": "x", "q\\"": [1e16, -0.0]}', '[[[]], {"": {}}]',
          '{"server": {"block_device_mapping_v2": [{"boot_index": "0", "volume_size": 1.5e-5, "uuid": 12345678901234567890}]}}',
          '[1e-5, 1e+16, 0.00001, 10000000000000000, 10000000000000000.0]']:
    add(t)
for _ in range(30):
    def gen(d):
        r = rng.random()
        if d > 2 or r < 0.4:
            return rng.choice(['1', '-0.0', '1e16', '"x\'y"', 'null', 'true', '3.5e-7', '98765432109876543210', '"\\n"'])
        if r < 0.7:
            return '[' + ', '.join(gen(d + 1) for _ in range(rng.randint(0, 3))) + ']'
        return '{' + ', '.join('"%s": %s' % (rng.choice(['a', 'b', '10', '2', 'k']), gen(d + 1)) for _ in range(rng.randint(0, 4))) + '}'
    add(gen(0))

seen = set()
cases = []
for t in texts:
    if t in seen:
        continue
    seen.add(t)
    v = json.loads(t)
    cases.append({'json': t, 'repr': repr(v), 'str': str(v)})

out = os.path.join(os.path.dirname(os.path.abspath(__file__)), '..', 'test', 'fixtures', 'pyrepr', 'cases.json')
with open(out, 'w', encoding='utf-8') as f:
    json.dump({'python': sys.version.split()[0], 'unicode': unicodedata.unidata_version, 'cases': cases}, f, indent=1, ensure_ascii=True)
    f.write('\n')
print(len(cases), 'cases written to', os.path.normpath(out))
