#!/usr/bin/python3
"""hunt44 labels: scripts/ansible-hunt42-label.py's, with a file whose top level is a mapping refused
as ansible-core refuses it. hunt42's labeller (through hunt26's `label`) wrapped any text that is not a
list of plays in a play's `tasks:`, so a mapping was labelled with words no real run prints ("A
malformed block was encountered while loading tasks ..."). A real run refuses such a file whole
before any task loads; here ansible-core's own code does it on the file written out: a mapping with
a play's keys (`hosts`, `roles`, `import_playbook`, `tasks`, `pre_tasks`, `post_tasks`, `handlers`) is
loaded as the playbook (Playbook.load: "A playbook must be a list of plays, got a <class ...>
instead: PATH"), any other through `import_tasks` in a play (Play.load: "included task files must
contain a list of tasks"); the words are the error's message without the file excerpt, with the
path (and the ": " before it) taken off, since bdm-lab is not given it.
Output: as hunt42's.
Usage: /usr/bin/python3 scripts/ansible-hunt44-label.py CASES.json > LABELS.jsonl
"""
import importlib.util
import os
import shutil
import sys
import tempfile

sys.dont_write_bytecode = True
HERE = os.path.dirname(os.path.abspath(__file__))
spec = importlib.util.spec_from_file_location('hunt42_label', os.path.join(HERE, 'ansible-hunt42-label.py'))
H42 = importlib.util.module_from_spec(spec)
spec.loader.exec_module(H42)
H26 = H42.H26
H25 = H42.H34.H25
A = H25.A

from ansible.errors import AnsibleError, AnsibleParserError  # noqa: E402
from ansible.parsing.utils.yaml import from_yaml  # noqa: E402
from ansible.playbook import Playbook  # noqa: E402

PLAY_KEYS = ('hosts', 'roles', 'import_playbook', 'tasks', 'pre_tasks', 'post_tasks', 'handlers')
label42 = H26.label


def mapping_refusal(text, data):
    d = tempfile.mkdtemp(prefix='h44-label-')
    try:
        path = os.path.join(d, 'file.yml')
        with open(path, 'w') as f:
            f.write(text)
        loader = A.DataLoader()
        inventory = A.InventoryManager(loader=loader, sources='localhost,')
        vm = A.VariableManager(loader=loader, inventory=inventory)
        try:
            if any(k in data for k in PLAY_KEYS):
                Playbook.load(path, variable_manager=vm, loader=loader)
            else:
                play = A.Play.load({'hosts': 'localhost', 'gather_facts': False, 'tasks': [{'import_tasks': path}]},
                                   variable_manager=vm, loader=loader)
                play.compile()
        except AnsibleError as e:
            return H25.words(e).replace(': ' + path, '').replace(path, 'PATH')
        return None
    finally:
        shutil.rmtree(d, ignore_errors=True)


def label(text):
    try:
        data = from_yaml(text, file_name='playbook.yml')
    except AnsibleParserError:
        return label42(text)
    if isinstance(data, dict):
        words = mapping_refusal(text, data)
        if words is not None:
            return {'load': words, 'tasks': []}
    return label42(text)


H26.label = label

if __name__ == '__main__':
    H26.main(sys.argv[1])
