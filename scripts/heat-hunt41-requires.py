"""Hunt 41: the resources each resource of a template requires, directly or not, as Heat 19.0.0's
own dependency graph has them (ResourceDefinition.dependencies over the stack, as Stack.dependencies
builds its graph: get_resource, get_attr, depends_on), the heat-oracle's template loading
(shared/tools/heat-oracle). Reads [{id, template, params?}] from the file named; writes
{id: {name: [required, ...]}} (a resource Heat cannot read: {name: null}).
For labelling only (scripts/heat-hunt41-gen.ts): never a runtime dependency of bdm-lab.
Run with /usr/bin/python3."""

from heat_hunt_common import ho, load_stack, main, requires


def label(c):
    ho._init()
    out = {}
    try:
        t, stack = load_stack(c)
        names = list((t.get('resources') or {}).keys())
    except Exception:  # noqa
        return {}
    for name in names:
        try:
            res = stack[name]
            if res is None:
                continue
            out[name] = requires(stack, res)
        except Exception:  # noqa
            out[name] = None
    return out


if __name__ == '__main__':
    main(label)
