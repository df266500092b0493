#!/usr/bin/python3
"""hunt34 labels: scripts/ansible-hunt29-label.py (ansible-playbook's load, each
`openstack.cloud.server` task's run with module_defaults merged), run with the inventory the
generators assume. The hunt29 and hunt34 generators write variables no play of the case defines
(`vn` and `key` when the draw leaves them out of `vars:`, `undefined_w`, `undefined_nl`,
`undefined_other`, `undefined_v`, and hunt34's `inv_*`); a real run takes such names from the
inventory, and bdm-lab, reading only the file, says it does not know them (a note) and judges the
task as if the template renders and the condition holds. Without an inventory the labeller failed
those tasks on the undefined name, which no real run with its inventory does, so the count compared
nothing. Here localhost's inventory host vars define them (lowest precedence after the role
defaults: every `vars:` of the play, block or task still wins), each with a value under which the
task runs: `undefined_w` is a non-empty mapping, so `when: undefined_w`, `undefined_w is defined`
and `undefined_w.x is defined` all hold.
Two more steps of a run, for hunt34's playbooks: a looped server task is run item by item as
scripts/ansible-hunt25-label.py runs its one task (TaskExecutor._get_loop_items, loop_control
post-validated, loop_var/index_var/ansible_loop bound, `when` per item), here with module_defaults
(hunt29's one_item); and an `ansible.builtin.set_fact` task before a server task (in a block's
`block` or `always`, not `rescue`, which runs only when the block fails) sets its facts as the
set_fact action does (its `when` tested, its arguments post-validated, a text 'yes'/'no'/'true'/
'false' made a boolean; `cacheable` left out), as host facts that later tasks and later plays see;
a set_fact that fails fails the host, and no later task is labelled.
Output: as hunt26's, one JSON line per case; a looped task has `items` (each as a task's result,
`index` from 0), an empty loop none.
Usage: /usr/bin/python3 scripts/ansible-hunt34-label.py CASES.json > LABELS.jsonl
"""
import importlib.util
import os
import sys
import traceback

sys.dont_write_bytecode = True
HERE = os.path.dirname(os.path.abspath(__file__))
spec = importlib.util.spec_from_file_location('hunt29_label', os.path.join(HERE, 'ansible-hunt29-label.py'))
H29 = importlib.util.module_from_spec(spec)
spec.loader.exec_module(H29)
A = H29.A

# the variables of the inventory (host vars of localhost)
INVENTORY = {
    # hunt29's VARS, for the plays that leave one out; not `sz`, which hunt29 also writes as
    # `sz | default(omit)`, where bdm-lab takes the default as a run whose inventory lacks it does
    'szs': '12', 'bfv': True, 'key': 'mykey', 'md': {'a': 1}, 'vn': 'vm-x',
    'dflt': {'boot_from_volume': True, 'volume_size': 8}, 'vols': ['data1'],
    # the names hunt29 meant as "not in this file"
    'undefined_w': {'x': 1}, 'undefined_nl': True, 'undefined_other': 'x', 'undefined_v': True,
    # hunt34's inventory names
    'inv_size': 20, 'inv_flag': True, 'inv_name': 'inv-vm', 'inv_disks': [{'name': 'd1', 'size': 3}],
}


class InventoryWithVars(A.InventoryManager):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        host = self.get_host('localhost')
        for k, v in INVENTORY.items():
            host.set_variable(k, v)


A.InventoryManager = InventoryWithVars
H26 = H29.H26
H25 = H29.H25
from ansible.errors import AnsibleError, AnsibleUndefinedVariable  # noqa: E402
from ansible.executor.task_executor import TaskExecutor  # noqa: E402
from ansible.module_utils.parsing.convert_bool import boolean  # noqa: E402
from ansible.plugins import loader as plugin_loader  # noqa: E402

SET_FACT = ('set_fact', 'ansible.builtin.set_fact', 'ansible.legacy.set_fact')


def crashed(e):
    last = traceback.format_exception_only(type(e), e)[-1].strip()
    return H25.run_module(None, error='An exception occurred during task execution. To see the full traceback, '
                          'use -vvv. The error was: ' + last)


def run_set_fact(task, vm, play, host, loader):
    variables = vm.get_vars(play=play, host=host, task=task)
    templar = A.Templar(loader=loader, variables=variables)
    if task.when and not task.evaluate_conditional(templar, variables):
        return
    task.post_validate(templar=templar)
    facts = {}
    for k, v in task.args.items():
        k = templar.template(k)
        if k == 'cacheable':
            continue
        if isinstance(v, str) and v.lower() in ('true', 'false', 'yes', 'no'):
            v = boolean(v, strict=False)
        facts[k] = v
    vm.set_nonpersistent_facts(host.name, facts)


def run_server(task, vm, play, host, loader):
    variables = vm.get_vars(play=play, host=host, task=task)
    templar = A.Templar(loader=loader, variables=variables)
    if task.loop is None and not task.loop_with:
        return H29.one_item(task, templar, variables)
    te = TaskExecutor(host, task, variables, None, None, loader, plugin_loader, None)
    try:
        items = te._get_loop_items()
    except AnsibleUndefinedVariable as e:
        try:
            if task.when and not task.evaluate_conditional(templar, variables):
                return {'stage': 'skipped', 'error': None, 'nova_body': None, 'microversion': None}
        except AnsibleError:
            pass
        return H25.run_module(None, error=H25.words(e))
    except AnsibleError as e:
        return H25.run_module(None, error=H25.words(e))
    try:
        task.loop_control.post_validate(templar=templar)
    except AnsibleError as e:
        return H25.run_module(None, error=H25.words(e))
    lc = task.loop_control
    out = []
    n = len(items)
    for i, item in enumerate(items[:8]):
        v = dict(variables)
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
        try:
            r = H29.one_item(tmp, templar, v)
        except Exception as e:  # noqa
            r = crashed(e)
        r['index'] = i
        out.append(r)
    return {'items': out}


class HostFailed(Exception):
    pass


def walk(blocks, vm, play, host, loader, out, runs=True):
    for b in blocks:
        for part, live in ((b.block, runs), (b.rescue, False), (b.always, runs)):
            for t in part:
                if hasattr(t, 'block'):
                    walk([t], vm, play, host, loader, out, live)
                elif t.action in A.ansible_oracle.SERVER_MODULE_NAMES:
                    try:
                        r = run_server(t, vm, play, host, loader)
                    except Exception as e:  # noqa  (TaskExecutor: the default callback prints the traceback's last line)
                        r = crashed(e)
                    r['line'] = t.get_ds().ansible_pos[1]
                    out.append(r)
                elif live and t.action in SET_FACT:
                    try:
                        run_set_fact(t, vm, play, host, loader)
                    except Exception:  # noqa  (the host fails: no later task of the playbook runs)
                        raise HostFailed()


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
    try:
        for play in loaded:
            walk(play.compile(), vm, play, host, loader, out)
    except HostFailed:
        pass
    return {'load': None, 'tasks': out}


H26.label = label

if __name__ == '__main__':
    H29.H26.main(sys.argv[1])
