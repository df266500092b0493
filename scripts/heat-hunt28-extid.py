"""Heat 19.0.0 on templates whose OS::Nova::Server has `external_id`, for hunt 28's labels.

Heat adopts such a server: Stack.validate asks Nova for it (Resource.validate_external, a GET of
the server) instead of validating its properties, and creating the stack posts nothing for it
(Resource.create: the ADOPT action, then a check of the server's status). The heat-oracle's fake
Nova answers that GET with an empty body, which novaclient reads as a KeyError: here the same
set-up (test/fixtures/heat/stack_validate.py's) answers it with an ACTIVE server, as a cloud where
the server exists does. Prints {case id: {stack_validate: Heat's refusal or "ok", adopted: [the
servers whose external_id resolves to a value]}} for the cases that write `external_id`.

    PYTHONHASHSEED=0 /usr/bin/python3 scripts/heat-hunt28-extid.py CASES.json
"""
import json
import os
import sys

if os.environ.get('PYTHONHASHSEED', 'random') == 'random':
    os.execve(sys.executable, [sys.executable] + sys.argv, dict(os.environ, PYTHONHASHSEED='0'))

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(HERE, '..', '..', 'shared', 'tools', 'heat-oracle'))
import heat_oracle  # noqa: E402

heat_oracle._init()
from heat.common import template_format  # noqa: E402
from heat.engine import environment, template  # noqa: E402
from heat.engine import stack as parser  # noqa: E402

_request = heat_oracle.FakeSession.request


def _request_with_server(self, url, method, **kw):
    # GET /servers/<id>: the server exists and is ACTIVE
    tail = url.rsplit('/servers/', 1)
    if method == 'GET' and len(tail) == 2 and tail[1] and '/' not in tail[1]:
        return heat_oracle._Resp(200, {'server': {'id': tail[1], 'name': 'adopted', 'status': 'ACTIVE',
                                                  'addresses': {}, 'links': []}})
    return _request(self, url, method, **kw)


heat_oracle.FakeSession.request = _request_with_server


def run(text, given, microversion):
    heat_oracle.nova_plugin.NovaClientPlugin.max_microversion = microversion
    out = {'adopted': []}
    try:
        t = template_format.parse(text)
        params = dict(given)
        params.update(heat_oracle._autofill_params(t, params))
        tmpl = template.Template(t, env=environment.Environment({'parameters': params}))
        stack = parser.Stack(heat_oracle._ctx(), 'oracle', tmpl,
                             stack_id=heat_oracle.fake_id('stack', 'oracle'),
                             stack_user_project_id='8888', strict_validate=True)
        try:
            for name, res in stack.items():
                try:
                    if res.type() == 'OS::Nova::Server' and res.external_id is not None:
                        out['adopted'].append(name)
                except Exception:  # noqa
                    pass
        except Exception:  # noqa
            pass
        stack.validate()
    except Exception as e:  # noqa
        out['stack_validate'] = heat_oracle._msg(e)
        return out
    out['stack_validate'] = 'ok'
    return out


res = {}
for c in json.load(open(sys.argv[1])):
    if 'external_id' in c['template']:
        res[c['id']] = run(c['template'], c.get('params') or {}, c.get('microversion', '2.92'))
print(json.dumps(res, indent=1, sort_keys=True))
