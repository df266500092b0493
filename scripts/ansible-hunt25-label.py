#!/usr/bin/python3
"""hunt25 labels: looped `openstack.cloud.server` tasks run item by item with ansible-core's own
code. ansible-hunt24-label.py's way (Play.load, VariableManager with the per-run `omit`,
Task.evaluate_conditional, Task.post_validate, remove_omit, then the ansible-oracle's module and
openstacksdk run), with the loop made by TaskExecutor._get_loop_items itself (the real lookup
plugins, listify_lookup_plugin_terms, "Invalid data passed to 'loop'") and each item bound as
TaskExecutor._run_loop binds it (loop_control post-validated; loop_var, index_var, ansible_loop
when extended; a copy of the task per item, `when` tested per item).
Output: one JSON line per case, {id, loop: 'none'|'items'|'error', error, items: [{index, stage,
error, nova_body, microversion}]}; a skipped item has stage 'skipped'. An undefined variable in the
loop is held as TaskExecutor does (raised after `when`, unless `when` skips the task).
Usage: /usr/bin/python3 scripts/ansible-hunt25-label.py CASES.json > LABELS.jsonl
"""
import json
import os
import re
import sys

sys.dont_write_bytecode = True
sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), '..', 'test', 'fixtures', 'ansible'))
import real_args_oracle as A  # noqa: E402
from ansible.errors import AnsibleError, AnsibleUndefinedVariable  # noqa: E402
from ansible.executor.task_executor import TaskExecutor  # noqa: E402
from ansible.plugins import loader as plugin_loader  # noqa: E402


def words(e):
    """AnsibleError.message as the task's result prints it, without the excerpt of the file"""
    return e.message.split('\n\nThe error appears to be in ', 1)[0]


PENDING = {}


def parse_task(_text):
    """the ansible-oracle's parse_task: the item's arguments, computed before (or its refusal)"""
    if 'error' in PENDING:
        raise A.ArgsError(PENDING['error'])
    return PENDING['action'], PENDING['args']


A.ansible_oracle.parse_task = parse_task


def run_module(action, args=None, error=None):
    PENDING.clear()
    if error is not None:
        PENDING['error'] = error
    else:
        PENDING.update(action=action, args=json.loads(json.dumps(args, default=str)))
    r = A.ansible_oracle.run('')
    if r['stage'] == 'ansible-args' and (r['error'] or '').startswith('ArgsError: '):
        r['error'] = r['error'][len('ArgsError: '):]
    return {k: r.get(k) for k in ('stage', 'error', 'nova_body', 'microversion')}


def one_item(task, templar, variables):
    """TaskExecutor._execute's part that matters here, on the item's copy of the task"""
    try:
        if task.when and not task.evaluate_conditional(templar, variables):
            return {'stage': 'skipped', 'error': None, 'nova_body': None, 'microversion': None}
        task.post_validate(templar=templar)
        args = A.remove_omit(task.args, variables.get('omit'))
    except AnsibleError as e:
        return run_module(None, error=words(e))
    return run_module(task.action, args)


def label(text):
    loader = A.DataLoader()
    inventory = A.InventoryManager(loader=loader, sources='localhost,')
    vm = A.VariableManager(loader=loader, inventory=inventory)
    A.TOKEN['omit'] = vm._omit_token
    doc = A.AnsibleLoader(text).get_single_data()
    play_ds = doc[0] if isinstance(doc, list) and doc and 'hosts' in doc[0] else {
        'hosts': 'localhost', 'gather_facts': False, 'tasks': doc}
    try:
        play = A.Play.load(play_ds, variable_manager=vm, loader=loader)
        task = A.first_server_task(play.compile())
    except AnsibleError as e:
        return {'loop': 'error', 'error': words(e), 'items': []}
    variables = vm.get_vars(play=play, host=inventory.get_host('localhost'), task=task)
    te = TaskExecutor(inventory.get_host('localhost'), task, variables, None, None, loader, plugin_loader, None)
    loop_error = None
    try:
        items = te._get_loop_items()
    except AnsibleUndefinedVariable as e:
        items, loop_error = None, e
    except AnsibleError as e:
        return {'loop': 'error', 'error': words(e), 'items': []}
    templar = A.Templar(loader=loader, variables=variables)
    if items is None:
        if loop_error is not None:
            try:
                if task.when and not task.evaluate_conditional(templar, variables):
                    return {'loop': 'none', 'error': None, 'items': [{'index': None, 'stage': 'skipped'}]}
            except AnsibleError:
                pass
            return {'loop': 'error', 'error': words(loop_error), 'items': []}
        r = one_item(task, templar, variables)
        r['index'] = None
        return {'loop': 'none', 'error': None, 'items': [r]}
    try:
        task.loop_control.post_validate(templar=templar)
    except AnsibleError as e:
        return {'loop': 'error', 'error': words(e), 'items': []}
    lc = task.loop_control
    out = []
    n = len(items)
    for i, item in enumerate(items):
        v = variables
        v['ansible_loop_var'] = lc.loop_var
        v[lc.loop_var] = item
        if lc.index_var:
            v['ansible_index_var'] = lc.index_var
            v[lc.index_var] = i
        if lc.extended:
            v['ansible_loop'] = {'index': i + 1, 'index0': i, 'first': i == 0, 'last': i + 1 == n, 'length': n,
                                 'revindex': n - i, 'revindex0': n - i - 1}
            if lc.extended_allitems:
                v['ansible_loop']['allitems'] = items
            if i + 1 < n:
                v['ansible_loop']['nextitem'] = items[i + 1]
            if i > 0:
                v['ansible_loop']['previtem'] = items[i - 1]
        templar.available_variables = v
        tmp = task.copy(exclude_parent=True, exclude_tasks=True)
        tmp._parent = task._parent
        r = one_item(tmp, templar, v)
        r['index'] = i
        out.append(r)
    return {'loop': 'items', 'error': None, 'items': out}


def main(path):
    for c in json.load(open(path)):
        try:
            r = label(c['input'])
        except Exception as e:  # noqa  (a case the labeller cannot run: said, not guessed)
            r = {'loop': 'crash', 'error': '%s: %s' % (type(e).__name__, e), 'items': []}
        text = json.dumps(r, default=str)
        if A.TOKEN['omit']:
            text = text.replace(A.TOKEN['omit'], '<omit>')
        text = re.sub(r' at 0x[0-9a-f]+', ' at 0x...', text)
        r = json.loads(text)
        r['id'] = c['id']
        sys.stdout.write(json.dumps(r) + '\n')


if __name__ == '__main__':
    main(sys.argv[1])
