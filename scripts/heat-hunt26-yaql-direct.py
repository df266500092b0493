"""Hunt 26: evaluate yaql expressions as Heat 19's Yaql function does (yaql 2.0.0, Heat's
limit_iterators 200 and memory_quota 10000). Reads [[expression, data], ...] as JSON on stdin;
writes one answer per case: {"value": ...} (floats as {"float": repr}) or {"error": "Class: words"}.
Used by scripts/heat-hunt26-yaql-direct.ts. Run with /usr/bin/python3 (Debian's python3-yaql)."""
import json
import sys

import yaql
from yaql.language import exceptions

ENGINE = yaql.YaqlFactory().create({'yaql.limitIterators': 200, 'yaql.memoryQuota': 10000})
CONTEXT = yaql.create_context()


def tag(v):
    if isinstance(v, bool) or v is None or isinstance(v, str):
        return v
    if isinstance(v, int):
        return v if abs(v) < 2 ** 53 else {'int': str(v)}
    if isinstance(v, float):
        return {'float': repr(v)}
    if isinstance(v, dict):
        if not all(isinstance(k, str) for k in v):
            return {'dict-keys': repr(v)}
        return {'dict': {k: tag(x) for k, x in v.items()}}
    if isinstance(v, list):
        return [tag(x) for x in v]
    return {'other': type(v).__name__}


def run(expr, data):
    try:
        stmt = ENGINE(expr)
    except exceptions.YaqlException as e:
        return {'error': 'parse: ' + str(e)}
    try:
        return {'value': tag(stmt.evaluate({'data': data}, CONTEXT.create_child_context()))}
    except Exception as e:  # noqa
        return {'error': type(e).__name__ + ': ' + str(e)[:200]}


def main():
    cases = json.load(sys.stdin)
    print(json.dumps([run(e, d) for e, d in cases]))


if __name__ == '__main__':
    main()
