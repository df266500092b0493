"""Hunt 41: the value Heat 19.0.0 reads back for an OS::Cinder::Volume's attributes once it has
made the volume, by running Heat's own code on a model of Cinder's answer: the volume's
properties as Heat reads them (the heat-oracle's template loading and stubs,
shared/tools/heat-oracle), the arguments Heat passes to cinderclient's volumes.create
(CinderVolume._create_arguments and _fetch_name_and_description), the volume Cinder then shows
(its API's v3 view: the size, zone, snapshot_id, source_volid, metadata and name given; the
volume type's name where a name is given; status 'available', which Heat waits for), and
CinderVolume._resolve_attribute on it. What only the cloud knows is {"cloud": why}: a type given
by id or none (the cloud's name), metadata Cinder's API refuses (a key outside its pattern, a
value that is no text of up to 255) or of two keys or more (their order is Cinder's database's),
a size given by nothing, the zone, status (read when asked: another resource may attach the
volume meanwhile), multiattach and encrypted (the volume type's), created_at; with the heat-oracle's stand-in id for it.
Reads [{id, template, params?, attrs: {vol: [attr, ...]}}] from the file named; writes
{id: {vol: {attr: value | {"cloud": why}}}}.
For labelling only (scripts/heat-hunt41-gen.ts): never a runtime dependency of bdm-lab.
Run with /usr/bin/python3."""
import re
import uuid

from heat_hunt_common import ho, load_stack, main
from heat.engine.resources.openstack.cinder import volume as volume_mod  # noqa

KEY = re.compile(r'^[a-zA-Z0-9-_:. /]{1,255}$')
CLOUD_ONLY = {'status': 'read when asked', 'multiattach': "the volume type's", 'encrypted': "the volume type's",
              'created_at': 'the moment it is made', 'availability_zone': None}


def is_uuid(s):
    try:
        uuid.UUID(str(s))
        return True
    except ValueError:
        return False


def label(c):
    ho._init()
    out = {}
    try:
        _, stack = load_stack(c)
    except Exception as e:  # noqa
        return {'(template)': ho._msg(e)}
    for name, attrs in c['attrs'].items():
        r = out[name] = {}
        try:
            res = stack[name]
            kw = res._create_arguments()
            kw.update(res._fetch_name_and_description())
        except Exception as e:  # noqa
            for a in attrs:
                r[a] = {'cloud': 'Heat cannot read it: ' + ho._msg(e)}
            continue
        md = kw.get('metadata') or {}
        md_ok = all(KEY.match(str(k)) and isinstance(v, str) and len(v) <= 255 for k, v in md.items())
        vt = kw.get('volume_type')
        vol = ho._Obj(size=kw.get('size'), availability_zone=kw.get('availability_zone'),
                      snapshot_id=kw.get('snapshot_id'), source_volid=kw.get('source_volid'),
                      volume_type=vt, metadata=md, status='available', name=kw.get('name'),
                      description=kw.get('description'), bootable='true' if kw.get('imageRef') else 'false',
                      attachments=[], multiattach=False, encrypted=False, created_at='x')
        res.resource_id = ho.fake_id(res.type(), name)
        res.client = lambda *a, **k: ho._Obj(volumes=ho._Obj(get=lambda _id: vol))
        for a in attrs:
            why = None
            if a in CLOUD_ONLY and CLOUD_ONLY[a]:
                why = CLOUD_ONLY[a]
            elif a == 'availability_zone' and not kw.get('availability_zone'):
                why = "the cloud's default zone"
            elif a == 'size' and kw.get('size') is None:
                why = "the source's size"
            elif a == 'volume_type' and (not vt or is_uuid(vt)):
                why = "the name of the cloud's type"
            elif a in ('metadata', 'metadata_values') and (not md_ok or len(md) > 1):
                why = 'Cinder refuses it' if not md_ok else "Cinder's order of its keys"
            elif a in ('snapshot_id', 'source_volid') and kw.get(a) is not None and not is_uuid(kw.get(a)):
                why = 'Cinder refuses an id that is no UUID'
            elif a == 'bootable' and (kw.get('snapshot_id') or kw.get('source_volid')):
                why = "its source's"
            elif a == 'display_name' and not res.properties['name']:
                why = "Heat's physical name"
            if why:
                # (the heat-oracle's stand-in for an attribute, which it gives every get_attr)
                r[a] = {'cloud': why, 'standin': ho.fake_id('attr', '%s.%s' % (name, a))}
                continue
            try:
                r[a] = volume_mod.CinderVolume._resolve_attribute(res, a)
            except Exception as e:  # noqa
                r[a] = {'cloud': 'Heat fails: ' + ho._msg(e)}
    return out


if __name__ == '__main__':
    main(label)
