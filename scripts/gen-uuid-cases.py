#!/usr/bin/env python3
"""Writes test/fixtures/uuid/cases.json: strings and whether Nova's `uuid` format accepts them,
the labels for test/unit/uuid-format.test.ts. Labelled twice and the two must agree: by
oslo_utils.uuidutils.is_uuid_like, and by Nova's own jsonschema FormatChecker (the `uuid`
checker registered by nova.api.validation.validators) on parameter_types.volume_id, the schema
of both a BDM's volume_id/snapshot_id/image_id and volumeAttachment.volumeId. Run by hand with
the Debian python3-nova and python3-oslo.utils packages installed
(`/usr/bin/python3 scripts/gen-uuid-cases.py`); the test never runs Python."""
import json, os, sys

import jsonschema
from oslo_utils import uuidutils
from nova.api.validation import parameter_types, validators  # noqa: F401 (registers the checkers)

U = '5c2a7b1e-0b1c-4c53-9d6e-2f1a3b4c5d6e'
H = U.replace('-', '')
cases = [
    U, U.upper(), U[:8].upper() + U[8:], H, H.upper(), H[:31], H + '0', U[:-1], U + '0',
    '{' + U + '}', '{' + U, U + '}', '{{' + U + '}}', '}' + U + '{', '{' + H + '}',
    'urn:uuid:' + U, 'URN:UUID:' + U, 'Urn:Uuid:' + U, 'uuid:' + U, 'urn:' + U, 'urn:uuid:{' + U + '}',
    '{urn:uuid:' + U + '}', U[:8] + 'urn:' + U[8:], 'uuid:uuid:' + U, 'urn:urn:uuid:' + U,
    U + '\n', '\n' + U, U + '\r\n', ' ' + U, U + ' ', ' ' + U + ' ', '\t' + U, U + '\t', U[:8] + ' ' + U[8:],
    '-' + H, H + '-', '-'.join(H), '--' + U + '--', H[:8] + '-' + H[8:],
    '_' + H[:31], H[:16] + '_' + H[16:31], '+' + H[:31], '0x' + H[:30], '-' + H[:31].replace('-', ''),
    '\u0663' + H[1:], '\uff10' + H[1:], 'g' + H[1:], 'G' + H[1:], H[:31] + '\x00', '\u212a' + H[1:],
    '', '-', '{}', 'urn:uuid:', '00000000-0000-0000-0000-000000000000', 'ffffffff-ffff-ffff-ffff-ffffffffffff',
    '12345678123456781234567812345678', 'not-a-uuid', U.replace('-', '_'),
]
checker = jsonschema.FormatChecker()
out = []
for s in cases:
    oslo = bool(uuidutils.is_uuid_like(s))
    nova = jsonschema.Draft4Validator(parameter_types.volume_id, format_checker=checker).is_valid(s)
    if oslo != nova:
        sys.exit(f'oslo and Nova disagree on {s!r}')
    out.append({'value': s, 'uuidLike': oslo})
path = os.path.join(os.path.dirname(__file__), '..', 'test', 'fixtures', 'uuid', 'cases.json')
with open(path, 'w') as f:
    json.dump({'python': sys.version.split()[0], 'labelledBy': 'oslo_utils.uuidutils.is_uuid_like and nova.api.validation FormatChecker on parameter_types.volume_id', 'cases': out}, f, indent=1, ensure_ascii=True)
    f.write('\n')
print(len(out), 'cases,', sum(c['uuidLike'] for c in out), 'accepted')
