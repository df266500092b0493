"""Hunt 39: the volumeAttachment request Heat 19.0.0 sends for each OS::Cinder::VolumeAttachment
(and AWS::EC2::VolumeAttachment) of a template, by running Heat's own resource: the heat-oracle's
stubs and fake Nova session (shared/tools/heat-oracle), every other resource (servers too) made
CREATE_COMPLETE with the heat-oracle's stand-in ids, then the attachment's validate() and
handle_create() (NovaClientPlugin.attach_volume -> novaclient create_server_volume at Heat's
microversion). Reads [{id, template, params?, microversion?}] from the file named; writes
{id: {name: {stage, error?, url?, body?, headers?}}}: stage `heat-validate` (its properties
refused), `sent` (the request captured), `novaclient` (refused before any request).
For labelling only (scripts/heat-hunt39-fixtures.ts): never a runtime dependency of bdm-lab.
Run with /usr/bin/python3."""
import json
import os
import sys

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), '..', '..', 'shared', 'tools', 'heat-oracle'))
import heat_oracle as ho  # noqa

ATTACH_TYPES = ('OS::Cinder::VolumeAttachment', 'AWS::EC2::VolumeAttachment')


def label(c):
    ho._init()
    ho.CAPTURED.clear()
    ho.nova_plugin.NovaClientPlugin.max_microversion = c.get('microversion', '2.92')
    params = dict(c.get('params') or {})
    out = {}
    try:
        t = ho.template_format.parse(c['template'])
        params.update(ho._autofill_params(t, params))
        tmpl = ho.template.Template(t, env=ho.environment.Environment({'parameters': params}))
        stack = ho.parser.Stack(ho._ctx(), 'oracle', tmpl, stack_id=ho.fake_id('stack', 'oracle'),
                                stack_user_project_id='8888', strict_validate=True)
        names = list((t.get('resources') or {}).keys())
    except Exception as e:  # noqa
        return {'(template)': {'stage': 'template', 'error': ho._msg(e)}}
    attaches = []
    for name in names:
        try:
            res = stack[name]
        except Exception as e:  # noqa
            out[name] = {'stage': 'template', 'error': ho._msg(e)}
            continue
        if res is None:
            continue
        if res.type() in ATTACH_TYPES:
            attaches.append(res)
            continue
        res.resource_id = ho.fake_id(res.type(), name)
        try:
            ho.stk_defn.update_resource_data(stack.defn, name, ho.node_data.NodeData(
                None, name, ho.fake_id('uuid', name), ho.fake_id(res.type(), name),
                ho._AnyAttrs(name), 'CREATE', 'COMPLETE'))
        except Exception as e:  # noqa
            return {'(template)': {'stage': 'template', 'error': ho._msg(e)}}
    for res in attaches:
        r = out[res.name] = {'type': res.type()}
        # the resources it needs made first, directly or not (Heat's dependency graph)
        try:
            need, todo = set(), [res]
            while todo:
                for d in todo.pop().t.dependencies(stack):
                    if d.name not in need:
                        need.add(d.name)
                        todo.append(d)
            r['requires'] = sorted(need)
        except Exception as e:  # noqa
            r['requires_error'] = ho._msg(e)
        try:
            res.validate()
        except Exception as e:  # noqa
            r['stage'] = 'heat-validate'
            r['error'] = ho._msg(e)
            continue
        before = len(ho.CAPTURED)
        try:
            res.handle_create()
        except Exception as e:  # noqa  (the fake Nova's empty answer: after the request)
            r['after'] = ho._msg(e)
        posts = [p for p in ho.CAPTURED[before:] if p['method'] == 'POST']
        if posts:
            r['stage'] = 'sent'
            r['url'] = posts[-1]['url']
            r['body'] = posts[-1]['json']
            r['headers'] = posts[-1]['headers']
        else:
            r['stage'] = 'novaclient'
            r['error'] = r.pop('after', '')
    return out


def main():
    cases = json.load(open(sys.argv[1]))
    print(json.dumps({c['id']: label(c) for c in cases}, default=str))


if __name__ == '__main__':
    main()
