#!/usr/bin/python3
"""hunt35 labels: scripts/ansible-hunt34-label.py (hunt29's labeller with an inventory, loops item by
item and set_fact facts), with one step put back in TaskExecutor's order: a loop with no items runs
no `_run_loop`, so its `loop_control` is not post-validated (hunt34's labeller validated it first,
failing an empty loop whose loop_control does not template). The inventory gains hunt35's names
(`inv_*`).
Output: as hunt34's.
Usage: /usr/bin/python3 scripts/ansible-hunt35-label.py CASES.json > LABELS.jsonl
"""
import importlib.util
import os
import sys

sys.dont_write_bytecode = True
HERE = os.path.dirname(os.path.abspath(__file__))
spec = importlib.util.spec_from_file_location('hunt34_label', os.path.join(HERE, 'ansible-hunt34-label.py'))
H34 = importlib.util.module_from_spec(spec)
spec.loader.exec_module(H34)
H34.INVENTORY.update({'inv_vols': ['iv1', 'iv2'], 'inv_empty': ''})

_run_server = H34.run_server


def run_server(task, vm, play, host, loader):
    if task.loop is not None or task.loop_with:
        variables = vm.get_vars(play=play, host=host, task=task)
        te = H34.TaskExecutor(host, task, variables, None, None, loader, H34.plugin_loader, None)
        try:
            if te._get_loop_items() == []:
                return {'items': []}
        except Exception:  # noqa  (hunt34's run words it)
            pass
    return _run_server(task, vm, play, host, loader)


H34.run_server = run_server

if __name__ == '__main__':
    H34.H29.H26.main(sys.argv[1])
