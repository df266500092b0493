#!/usr/bin/python3
"""hunt29 labels: scripts/ansible-hunt26-label.py (ansible-playbook's load, then each
`openstack.cloud.server` task's run), with the one step of TaskExecutor._execute it left out: the
task's `module_defaults` (play, block and task levels, `extend`/`prepend` as Task inherits them)
merged under its arguments by ansible-core's own `get_action_args_with_defaults`, for the module
the action resolves to and the play's action groups, before `remove_omit`. An AnsibleError there is
the task's failure in its words; any other exception is TaskExecutor's unexpected failure, as the
default callback prints it (as hunt26's labeller words exceptions).
Output: as hunt26's, one JSON line per case.
Usage: /usr/bin/python3 scripts/ansible-hunt29-label.py CASES.json > LABELS.jsonl
"""
import importlib.util
import os
import sys

sys.dont_write_bytecode = True
HERE = os.path.dirname(os.path.abspath(__file__))
spec = importlib.util.spec_from_file_location('hunt26_label', os.path.join(HERE, 'ansible-hunt26-label.py'))
H26 = importlib.util.module_from_spec(spec)
spec.loader.exec_module(H26)
H25 = H26.H25
A = H25.A
from ansible.errors import AnsibleError  # noqa: E402
from ansible.executor.module_common import get_action_args_with_defaults  # noqa: E402
from ansible.plugins.loader import module_loader  # noqa: E402


def one_item(task, templar, variables):
    """TaskExecutor._execute's steps up to the module, module_defaults included"""
    try:
        if task.when and not task.evaluate_conditional(templar, variables):
            return {'stage': 'skipped', 'error': None, 'nova_body': None, 'microversion': None}
        task.post_validate(templar=templar)
        # _get_action_handler_with_module_context: no action plugin for the module, so the
        # module's own context names the defaults to apply
        ctx = module_loader.find_plugin_with_context(task.action, collection_list=task.collections)
        fqcn = ctx.resolved_fqcn if ctx.resolved else task.resolved_action
        args = get_action_args_with_defaults(fqcn, task.args, task.module_defaults, templar,
                                             action_groups=task._parent._play._action_groups)
        args = A.remove_omit(args, variables.get('omit'))
    except AnsibleError as e:
        return H25.run_module(None, error=H25.words(e))
    return H25.run_module(task.action, args)


H25.one_item = one_item

if __name__ == '__main__':
    H26.main(sys.argv[1])
