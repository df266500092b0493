"""What the Heat hunts' Python labellers share (scripts/heat-hunt39-attach.py,
scripts/heat-hunt40-instance.py, scripts/heat-hunt40b-instance.py, scripts/heat-hunt41-attrs.py,
scripts/heat-hunt41-requires.py): the heat-oracle (shared/tools/heat-oracle) on the import path as
`ho`, a template loaded into a Heat 19.0.0 Stack as the heat-oracle loads it, what a resource
requires in Heat's own dependency graph, and the command line every labeller takes (a file of
cases in, a JSON map of labels by case id out).
For labelling only: never a runtime dependency of bdm-lab. Run with /usr/bin/python3."""
import json
import os
import sys

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), '..', '..', 'shared', 'tools', 'heat-oracle'))
import heat_oracle as ho  # noqa: E402


def load_stack(c):
    """(the parsed template, its Stack) for a case {template, params?}, as the heat-oracle loads
    it: parameters without default filled with its placeholders; raises what Heat raises"""
    params = dict(c.get('params') or {})
    t = ho.template_format.parse(c['template'])
    params.update(ho._autofill_params(t, params))
    tmpl = ho.template.Template(t, env=ho.environment.Environment({'parameters': params}))
    stack = ho.parser.Stack(ho._ctx(), 'oracle', tmpl, stack_id=ho.fake_id('stack', 'oracle'),
                            stack_user_project_id='8888', strict_validate=True)
    return t, stack


def requires(stack, res):
    """the names of the resources `res` requires, directly or not (ResourceDefinition.dependencies
    over the stack, as Stack.dependencies builds its graph), sorted"""
    need, todo = set(), [res]
    while todo:
        for d in todo.pop().t.dependencies(stack):
            if d.name not in need:
                need.add(d.name)
                todo.append(d)
    return sorted(need)


def main(label):
    """the labeller's command line: the cases in the file named, {id: label(case)} printed as JSON"""
    with open(sys.argv[1]) as f:
        cases = json.load(f)
    print(json.dumps({c['id']: label(c) for c in cases}, default=str))
