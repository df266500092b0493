#!/usr/bin/python3
"""Hunt 38's labeller: each case of scripts/nova-hunt38-gen.ts through the same spawn pass as
scripts/xml_difftest_oracle.py (python3-nova 26.2.2, master's blockinfo), keeping also what the
naming pass answers beside the XML: the root device name, the <os> boot device order and the disk
mapping (blockinfo.get_disk_info's dict, its 'root' alias included).

Run: /usr/bin/python3 scripts/nova-hunt38-label.py CASES.json > LABELS.json
"""
import contextlib
import io
import json
import os
import sys
from unittest import mock

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
with contextlib.redirect_stdout(io.StringIO()):
    import xml_difftest_oracle as xo  # noqa: E402

spawn_oracle = xo.spawn_oracle
CONF = spawn_oracle.CONF
_set_override = CONF.set_override


def _keep_file_machine_type(name, override, group=None):
    """The nova-oracle sets [libvirt]hw_machine_type from its context's arch and machine_type on
    every request; a case whose nova.conf file sets it (and whose context names no machine type)
    keeps the file's value, read by oslo.config as nova-compute reads it."""
    if name == 'hw_machine_type' and group == 'libvirt':
        return None
    return _set_override(name, override, group=group)


def label(case):
    try:
        case = dict(case, luks=xo._native_luks(case))
        xo._read_nova_conf(case.get('nova_conf_ini'))
        file_machine = case.get('file_machine_type', False)
        if file_machine:
            CONF.clear_override('hw_machine_type', group='libvirt')
        with contextlib.redirect_stdout(io.StringIO()), \
                mock.patch.object(CONF, 'set_override', _keep_file_machine_type if file_machine else _set_override):
            r = spawn_oracle.run(case)
    except Exception as e:  # reported, never guessed
        return {'id': case['id'], 'oracle_error': '%s: %s' % (type(e).__name__, e)}
    lv = r.get('libvirt') or {}
    return {'id': case['id'], 'valid': r.get('valid'), 'http_status': r.get('http_status'),
            'nova_message': r.get('nova_message'), 'device_names': lv.get('device_names'),
            'implicit_device_names': lv.get('implicit_device_names'), 'build_error': lv.get('build_error'),
            'root_device_name': lv.get('root_device_name'), 'boot_dev_order': lv.get('boot_dev_order'),
            'disk_mapping': lv.get('disk_mapping'),
            'nova_xml': r.get('spawn_xml'), 'nova_error': r.get('virt_error')}


def main(argv):
    cases = json.load(open(argv[0]))
    json.dump([label(c) for c in cases], sys.stdout)
    sys.stdout.write('\n')
    return 0


if __name__ == '__main__':
    sys.exit(main(sys.argv[1:]))
