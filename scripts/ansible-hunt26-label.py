#!/usr/bin/python3
"""hunt26 labels: each playbook of scripts/ansible-hunt26-gen.ts as ansible-playbook loads and runs
it. Every play is loaded first (Play.load, as Playbook.load does before any play runs: a task
Ansible refuses at load, e.g. two loop keys, fails the whole playbook: its words, no task runs);
then each `openstack.cloud.server` task of pre_tasks, tasks and post_tasks (blocks' block and
rescue too) is run as scripts/ansible-hunt25-label.py runs one (its one_item: VariableManager with
the per-run `omit`, Task.evaluate_conditional, Task.post_validate, remove_omit, the ansible-oracle's
module and openstacksdk run). A task is named by the line its mapping starts on (from 1).
Output: one JSON line per case, {id, load: null | words, tasks: [{line, stage, error, nova_body,
microversion}]}; a skipped task has stage 'skipped'.
Usage: /usr/bin/python3 scripts/ansible-hunt26-label.py CASES.json > LABELS.jsonl
"""
import importlib.util
import json
import os
import re
import sys
import traceback

sys.dont_write_bytecode = True
HERE = os.path.dirname(os.path.abspath(__file__))
spec = importlib.util.spec_from_file_location('hunt25_label', os.path.join(HERE, 'ansible-hunt25-label.py'))
H25 = importlib.util.module_from_spec(spec)
spec.loader.exec_module(H25)
A = H25.A
from ansible.errors import AnsibleError  # noqa: E402


def server_tasks(blocks):
    for b in blocks:
        for part in (b.block, b.rescue, b.always):
            for t in part:
                if hasattr(t, 'block'):
                    yield from server_tasks([t])
                elif t.action in A.ansible_oracle.SERVER_MODULE_NAMES:
                    yield t


def label(text):
    loader = A.DataLoader()
    inventory = A.InventoryManager(loader=loader, sources='localhost,')
    vm = A.VariableManager(loader=loader, inventory=inventory)
    A.TOKEN['omit'] = vm._omit_token
    doc = A.AnsibleLoader(text).get_single_data()
    plays = doc if isinstance(doc, list) and doc and all(isinstance(p, dict) and 'hosts' in p for p in doc) else [
        {'hosts': 'localhost', 'gather_facts': False, 'tasks': doc}]
    try:
        loaded = [A.Play.load(p, variable_manager=vm, loader=loader) for p in plays]
    except AnsibleError as e:
        return {'load': H25.words(e), 'tasks': []}
    out = []
    host = inventory.get_host('localhost')
    for play in loaded:
        for task in server_tasks(play.compile()):
            variables = vm.get_vars(play=play, host=host, task=task)
            templar = A.Templar(loader=loader, variables=variables)
            try:
                r = H25.one_item(task, templar, variables)
            except Exception as e:  # noqa  (TaskExecutor: the default callback prints the traceback's last line)
                last = traceback.format_exception_only(type(e), e)[-1].strip()
                r = H25.run_module(None, error='An exception occurred during task execution. To see the full traceback, '
                                   'use -vvv. The error was: ' + last)
            r['line'] = task.get_ds().ansible_pos[1]
            out.append(r)
    return {'load': None, 'tasks': out}


def main(path):
    for c in json.load(open(path)):
        try:
            r = label(c['input'])
        except Exception as e:  # noqa  (a case the labeller cannot run: said, not guessed)
            r = {'load': None, 'crash': '%s: %s' % (type(e).__name__, e), 'tasks': []}
        text = json.dumps(r, default=str)
        if A.TOKEN['omit']:
            text = text.replace(A.TOKEN['omit'], '<omit>')
        text = re.sub(r' at 0x[0-9a-f]+', ' at 0x...', text)
        r = json.loads(text)
        r['id'] = c['id']
        sys.stdout.write(json.dumps(r) + '\n')


if __name__ == '__main__':
    main(sys.argv[1])
