#!/usr/bin/python3
"""hunt30: how ansible-core's own Play.load takes each module_defaults key (on a play of one `ping`
task), for scripts/ansible-hunt30-keys.ts: a line `KEY OK`, or `KEY <error class> <first line of its
words>`.
Usage: ANSIBLE_DEPRECATION_WARNINGS=False /usr/bin/python3 scripts/ansible-hunt30-keys.py KEY... > ANSWERS.txt
"""
import sys
from ansible.parsing.dataloader import DataLoader
from ansible.vars.manager import VariableManager
from ansible.inventory.manager import InventoryManager
from ansible.playbook.play import Play
from ansible.errors import AnsibleError
loader = DataLoader(); inv = InventoryManager(loader=loader, sources='localhost,'); vm = VariableManager(loader=loader, inventory=inv)
for key in sys.argv[1:]:
    ds = {'hosts': 'localhost', 'gather_facts': False, 'module_defaults': {key: {'a': 1}}, 'tasks': [{'ping': None}]}
    try:
        Play.load(ds, variable_manager=vm, loader=loader); print(key, 'OK')
    except AnsibleError as e:
        print(key, type(e).__name__, e.message.split('\n')[0][:300])
    except Exception as e:
        print(key, 'EXC', type(e).__name__, str(e)[:300])
