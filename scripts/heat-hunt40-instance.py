"""Hunt 40: the volumeAttachment requests Heat 19.0.0 sends for each AWS::EC2::Instance's `Volumes`,
by running Heat's own resource: the heat-oracle's stubs and fake Nova session
(shared/tools/heat-oracle), every other resource made CREATE_COMPLETE with the heat-oracle's
stand-in ids (as scripts/heat-hunt39-attach.py does), then the instance's validate(), its
handle_create() (the server's POST, novaclient's checks before it) and, as its
check_create_complete does once the server is ACTIVE, NovaClientPlugin.attach_volume for each
(VolumeId, Device) of Instance.volumes(), in order. Neutron's port for a SubnetId and the
security groups' look-up are stand-ins. Reads [{id, template, params?, microversion?}] from the
file named; writes {id: {name: {stage, error?, server?, attach: [{url, body, headers}]}}}: stage
`heat-validate` (its properties refused), `novaclient` / `heat-create` (refused before or without
the server's request), `sent` (the server posted; then each attachment's request).
For labelling only (scripts/heat-hunt40-attach.ts): never a runtime dependency of bdm-lab.
Run with /usr/bin/python3."""

from heat_hunt_common import ho, load_stack, main, requires
from heat.engine.resources.aws.ec2 import instance as instance_mod  # noqa


def _stub_instance():
    I = instance_mod.Instance
    I.physical_resource_name = lambda self: 'oracle-%s-abcdefghijkl' % self.name
    I.metadata_get = lambda self, refresh=False: {}
    I.data_set = lambda self, k, v, redact=False: None
    I.neutron = lambda self: ho._Obj(create_port=lambda body: {'port': {'id': ho.fake_id('port', 'instance-subnet')}})
    ho.neutron_plugin.NeutronClientPlugin.get_secgroup_uuids = lambda self, sgs: [ho.fake_id('secgroup', s) for s in sgs]


def label(c):
    ho._init()
    _stub_instance()
    ho.CAPTURED.clear()
    ho.nova_plugin.NovaClientPlugin.max_microversion = c.get('microversion', '2.92')
    out = {}
    try:
        t, stack = load_stack(c)
        names = list((t.get('resources') or {}).keys())
    except Exception as e:  # noqa
        return {'(template)': {'stage': 'template', 'error': ho._msg(e)}}
    insts = []
    for name in names:
        try:
            res = stack[name]
        except Exception as e:  # noqa
            out[name] = {'stage': 'template', 'error': ho._msg(e)}
            continue
        if res is None:
            continue
        if res.type() == 'AWS::EC2::Instance':
            insts.append(res)
            continue
        res.resource_id = ho.fake_id(res.type(), name)
        try:
            ho.stk_defn.update_resource_data(stack.defn, name, ho.node_data.NodeData(
                None, name, ho.fake_id('uuid', name), ho.fake_id(res.type(), name),
                ho._AnyAttrs(name), 'CREATE', 'COMPLETE'))
        except Exception as e:  # noqa
            return {'(template)': {'stage': 'template', 'error': ho._msg(e)}}
    for res in insts:
        r = out[res.name] = {'type': res.type()}
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
            creator, attachers = res.handle_create()
        except Exception as e:  # noqa
            posted = [p for p in ho.CAPTURED[before:] if p['method'] == 'POST']
            r['stage'] = 'heat-create' if posted else 'novaclient'
            r['error'] = ho._msg(e)
            continue
        r['stage'] = 'sent'
        r['server'] = creator.server_id
        r['attach'] = []
        for a in attachers:
            before = len(ho.CAPTURED)
            try:
                res.client_plugin().attach_volume(a.srv_id, a.vol_id, a.device)
            except Exception as e:  # noqa  (the fake Nova's empty answer: after the request)
                pass
            posts = [p for p in ho.CAPTURED[before:] if p['method'] == 'POST']
            r['attach'].append({'url': posts[-1]['url'], 'body': posts[-1]['json'], 'headers': posts[-1]['headers']} if posts else None)
    return out


if __name__ == '__main__':
    main(label)
