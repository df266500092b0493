#!/usr/bin/python3
"""hunt24 labels: test/fixtures/ansible/real_args_oracle.py's way (ansible-core's own Play.load,
VariableManager with the per-run `omit`, Task.evaluate_conditional for `when`, Task.post_validate
and remove_omit, then the ansible-oracle's module and openstacksdk run) on each case, written as
the ansible-oracle's `--batch` JSON lines, a refusal in the words Ansible prints (AnsibleError.message
without the file excerpt), a skipped task as "module exited without POST /servers". Loops are not
run: `item` is undefined here.
Usage: /usr/bin/python3 scripts/ansible-hunt24-label.py CASES.json > ORACLE.jsonl
"""
import json
import os
import re
import sys

sys.dont_write_bytecode = True
sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), '..', 'test', 'fixtures', 'ansible'))
import real_args_oracle  # noqa: E402  (it puts its parse_task in the ansible-oracle)


def words(e):
    """AnsibleError.message as the task's result prints it, without the excerpt of the file"""
    return e.message.split('\n\nThe error appears to be in ', 1)[0]


def parse_task(task_text):
    """real_args_oracle.real_parse_task, with `when` evaluated first (Task.evaluate_conditional, as
    TaskExecutor._execute does before post_validate) and Ansible's printed words"""
    A = real_args_oracle
    loader = A.DataLoader()
    inventory = A.InventoryManager(loader=loader, sources='localhost,')
    vm = A.VariableManager(loader=loader, inventory=inventory)
    A.TOKEN['omit'] = vm._omit_token
    doc = A.AnsibleLoader(task_text).get_single_data()
    play_ds = doc[0] if isinstance(doc, list) and doc and 'hosts' in doc[0] else {
        'hosts': 'localhost', 'gather_facts': False, 'tasks': doc}
    try:
        play = A.Play.load(play_ds, variable_manager=vm, loader=loader)
        task = A.first_server_task(play.compile())
        variables = vm.get_vars(play=play, host=inventory.get_host('localhost'), task=task)
        templar = A.Templar(loader=loader, variables=variables)
        if task.when and not task.evaluate_conditional(templar, variables):
            raise Skipped()
        task.post_validate(templar=templar)
        args = A.remove_omit(task.args, variables.get('omit'))
    except A.AnsibleError as e:
        raise A.ArgsError(words(e))
    return task.action, json.loads(json.dumps(args, default=str))


class Skipped(Exception):
    """the task's `when` is false: it is skipped, nothing is sent"""


real_args_oracle.ansible_oracle.parse_task = parse_task


def main(path):
    for c in json.load(open(path)):
        r = real_args_oracle.ansible_oracle.run(c['input'])
        if r['stage'] == 'ansible-args' and (r['error'] or '').startswith('Skipped: '):
            r = {'stage': 'module', 'error': 'module exited without POST /servers: the task is skipped (its when is false)',
                 'nova_body': None, 'microversion': None}
        if r['stage'] == 'ansible-args' and (r['error'] or '').startswith('ArgsError: '):
            r['error'] = r['error'][len('ArgsError: '):]
        text = json.dumps(r, default=str)
        if real_args_oracle.TOKEN['omit']:
            text = text.replace(real_args_oracle.TOKEN['omit'], '<omit>')
        text = re.sub(r' at 0x[0-9a-f]+', ' at 0x...', text)
        r = json.loads(text)
        r['id'] = c['id']
        sys.stdout.write(json.dumps(r) + '\n')


if __name__ == '__main__':
    main(sys.argv[1])
