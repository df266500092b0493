#!/usr/bin/python3
"""hunt38 labels: scripts/ansible-hunt35-label.py (each server task labelled as if it runs, with the
facts a run that reaches it has), with one step of a run put back: a block's `rescue:` runs as a
list of its own. hunt35's walk labelled a server task in a rescue without the set_fact tasks before
it in that rescue, which a run that reaches the task has run (a rescue's tasks run in order; one
that fails stops it). Here a rescue's set_facts set their facts for the tasks after them in the
rescue; once the rescue is labelled, the facts go back to what they were before it, since hunt35's
walk (kept here) labels the tasks after the block as if the block ran whole and no rescue ran. A
set_fact in a rescue that fails stops the rescue only (its later tasks are not labelled).
Handlers stay unlabelled and unrun, as before (no generated task notifies).
Output: as hunt35's.
Usage: /usr/bin/python3 scripts/ansible-hunt38-label.py CASES.json > LABELS.jsonl
"""
import copy
import importlib.util
import os
import sys

sys.dont_write_bytecode = True
HERE = os.path.dirname(os.path.abspath(__file__))
spec = importlib.util.spec_from_file_location('hunt35_label', os.path.join(HERE, 'ansible-hunt35-label.py'))
H35 = importlib.util.module_from_spec(spec)
spec.loader.exec_module(H35)
H34 = H35.H34
A = H34.A


def run_list(tasks, vm, play, host, loader, out, live):
    for t in tasks:
        if hasattr(t, 'block'):
            walk([t], vm, play, host, loader, out, live)
        elif t.action in A.ansible_oracle.SERVER_MODULE_NAMES:
            try:
                r = H34.run_server(t, vm, play, host, loader)
            except Exception as e:  # noqa  (as hunt34's walk)
                r = H34.crashed(e)
            r['line'] = t.get_ds().ansible_pos[1]
            out.append(r)
        elif live and t.action in H34.SET_FACT:
            try:
                H34.run_set_fact(t, vm, play, host, loader)
            except Exception:  # noqa
                raise H34.HostFailed()


def walk(blocks, vm, play, host, loader, out, runs=True):
    for b in blocks:
        run_list(b.block, vm, play, host, loader, out, runs)
        if b.rescue:
            saved = copy.deepcopy(vm._nonpersistent_fact_cache)
            try:
                run_list(b.rescue, vm, play, host, loader, out, runs)
            except H34.HostFailed:
                pass
            vm._nonpersistent_fact_cache = saved
        run_list(b.always, vm, play, host, loader, out, runs)


H34.walk = walk

if __name__ == '__main__':
    H34.H29.H26.main(sys.argv[1])
