"""Hunt 41: the resources each resource of a template requires, directly or not, as Heat 19.0.0's
own dependency graph has them (ResourceDefinition.dependencies over the stack, as Stack.dependencies
builds its graph: get_resource, get_attr, depends_on), the heat-oracle's template loading
(shared/tools/heat-oracle). Reads [{id, template, params?}] from the file named; writes
{id: {name: [required, ...]}} (a resource Heat cannot read: {name: null}).
For labelling only (scripts/heat-hunt41-gen.ts): never a runtime dependency of bdm-lab.
Run with /usr/bin/python3."""
import json
import os
import sys

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), '..', '..', 'shared', 'tools', 'heat-oracle'))
import heat_oracle as ho  # noqa


def label(c):
    ho._init()
    params = dict(c.get('params') or {})
    out = {}
    try:
        t = ho.template_format.parse(c['template'])
        params.update(ho._autofill_params(t, params))
        tmpl = ho.template.Template(t, env=ho.environment.Environment({'parameters': params}))
        stack = ho.parser.Stack(ho._ctx(), 'oracle', tmpl, stack_id=ho.fake_id('stack', 'oracle'),
                                stack_user_project_id='8888', strict_validate=True)
        names = list((t.get('resources') or {}).keys())
    except Exception:  # noqa
        return {}
    for name in names:
        try:
            res = stack[name]
            if res is None:
                continue
            need, todo = set(), [res]
            while todo:
                for d in todo.pop().t.dependencies(stack):
                    if d.name not in need:
                        need.add(d.name)
                        todo.append(d)
            out[name] = sorted(need)
        except Exception:  # noqa
            out[name] = None
    return out


def main():
    cases = json.load(open(sys.argv[1]))
    print(json.dumps({c['id']: label(c) for c in cases}, default=str))


if __name__ == '__main__':
    main()
