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

from heat_hunt_common import ho, load_stack, main, requires

ATTACH_TYPES = ('OS::Cinder::VolumeAttachment', 'AWS::EC2::VolumeAttachment')


def label(c):
    ho._init()
    ho.CAPTURED.clear()
    ho.nova_plugin.NovaClientPlugin.max_microversion = c.get('microversion', '2.92')
    out = {}
    try:
        t, stack = load_stack(c)
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
            r['requires'] = requires(stack, res)
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


if __name__ == '__main__':
    main(label)
