"""Hunt 40b: the server-create request Heat 19.0.0 sends for each AWS::EC2::Instance (its
BlockDeviceMappings as Nova's legacy block_device_mapping), by running Heat's own resource through
scripts/heat-hunt40-instance.py (the heat-oracle's stubs and fake Nova session; the instance's
validate() and handle_create(), then its Volumes attached). To each instance that label gives, this
adds the POST /servers it sent: `nova_body` (Heat's multi-part user data shortened to the
heat-oracle's stand-in, as the heat-oracle does) and `microversion_header`. Reads
[{id, template, params?, microversion?}] from the file named; writes {id: {name: {...}}}.
For labelling only (scripts/heat-hunt40b-gen.ts): never a runtime dependency of bdm-lab.
Run with /usr/bin/python3."""
import importlib.util
import json
import os

_here = os.path.dirname(os.path.abspath(__file__))
_spec = importlib.util.spec_from_file_location('hunt40_instance', os.path.join(_here, 'heat-hunt40-instance.py'))
h40 = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(h40)
ho = h40.ho

from heat_hunt_common import main  # noqa: E402  (scripts/ is on the path: this script's folder)


def label(c):
    out = h40.label(c)
    posts = [p for p in ho.CAPTURED if p['method'] == 'POST' and p['url'].endswith('/servers')]
    for name, r in out.items():
        if r.get('type') != 'AWS::EC2::Instance':
            continue
        mine = [p for p in posts if ((p['json'] or {}).get('server') or {}).get('name') == 'oracle-%s-abcdefghijkl' % name]
        if not mine:
            continue
        body = json.loads(json.dumps(mine[-1]['json']))
        if 'user_data' in body.get('server', {}):
            r['user_data_base64_len'] = len(body['server']['user_data'])
            body['server']['user_data'] = 'SGVhdCB1c2VyX2RhdGEgKGVsaWRlZCk='
        r['nova_body'] = body
        r['microversion_header'] = mine[-1]['headers']
    return out


if __name__ == '__main__':
    main(label)
