"""scripts/osc-label.py, with one change for hunt 22: an exception other than argparse's own that
an option's Action raises while argparse reads the words (an empty list from a value `--` read as
text) is the command's refusal at the `osc-argparse` stage, as cliff prints it ("Type: message"),
instead of stopping the labelling.
Usage: /usr/bin/python3 scripts/osc-hunt22-label.py [--bash] CASES.json OUT.json
"""
import os
import runpy
import sys

if os.environ.get('PYTHONHASHSEED') != '0':
    os.environ['PYTHONHASHSEED'] = '0'
    os.execv(sys.executable, [sys.executable] + sys.argv)

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(HERE, '..', '..', 'shared', 'tools', 'osc-oracle'))
import osc_oracle  # noqa: E402

_run = osc_oracle.run


def run(argv):
    try:
        return _run(argv)
    except Exception as e:  # noqa: raised by an Action inside parse_args (take_action's are caught by the oracle)
        return {'microversion': None, 'stage': 'osc-argparse', 'error': '%s: %s' % (type(e).__name__, e)}


osc_oracle.run = run
sys.argv = [os.path.join(HERE, 'osc-label.py')] + sys.argv[1:]
runpy.run_path(sys.argv[0], run_name='__main__')
