"""Runs Heat 19's form constraint classes themselves (heat.engine.constraint.common_constraints,
Debian bookworm) on values: reads [[constraint, value], ...] as JSON on stdin, prints for each
null (passes) or the `_error_message` it sets ('' for none). A quick check of
server/src/source/heat/formConstraints.ts below the template level (the labels of the tests come
from Stack.validate: scripts/heat-hunt25-cases.ts).

    /usr/bin/python3 scripts/heat-hunt25-direct.py < pairs.json
"""
import json
import sys

from heat.engine.constraint import common_constraints as cc

CLASSES = {
    'timezone': cc.TimezoneConstraint, 'cron_expression': cc.CRONExpressionConstraint,
    'expiration': cc.ExpirationConstraint, 'net_cidr': cc.CIDRConstraint, 'ip_or_cidr': cc.IPCIDRConstraint,
    'iso_8601': cc.ISO8601Constraint, 'ip_addr': cc.IPConstraint,
}
out = []
for name, value in json.load(sys.stdin):
    c = CLASSES[name]()
    try:
        ok = c.validate(value, None)
    except Exception as e:  # noqa
        out.append('RAISED %s: %s' % (type(e).__name__, e))
        continue
    out.append(None if ok else (c._error_message or ''))
print(json.dumps(out))
