"""The nova-oracle (../shared/tools/nova-oracle/oracle.py) with the context's flavor extra specs.

The oracle builds its flavor with no extra specs (1 vCPU, 512 MiB RAM). This runs the same oracle,
unchanged, with one difference: the flavor it builds also carries the context's
`flavor.extra_specs`, so that Nova's own code judges image properties against them. Same
arguments and output as oracle.py; used by scripts/difftest-hunt26-label-flavor.ts
(NOVA_ORACLE=scripts/difftest-hunt26-flavor-oracle.py).
"""
import importlib.util
import os
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
ORACLE = os.environ.get('NOVA_ORACLE_BASE') or os.path.join(HERE, '..', '..', 'shared', 'tools', 'nova-oracle', 'oracle.py')

spec = importlib.util.spec_from_file_location('nova_oracle', ORACLE)
oracle = importlib.util.module_from_spec(spec)
sys.modules['nova_oracle'] = oracle
spec.loader.exec_module(oracle)

_base_flavor = oracle._flavor


def _flavor_with_extra_specs(ctx):
    flavor = _base_flavor(ctx)
    flavor.extra_specs = dict((ctx.get('flavor') or {}).get('extra_specs') or {})
    return flavor


oracle._flavor = _flavor_with_extra_specs

if __name__ == '__main__':
    sys.exit(oracle.main(sys.argv[1:]))
