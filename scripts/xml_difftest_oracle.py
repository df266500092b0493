#!/usr/bin/python3
"""Labels the generated cases of scripts/xml-difftest.ts with Nova's own code: each case runs
through test/fixtures/deploy/spawn_oracle.py's spawn pass (the request through the nova-oracle,
then on the same instance and BDMs blockinfo.get_disk_info, LibvirtDriver._get_guest_storage_config
with the case's nova.conf options on CONF and the volumes' connection_info, each device's
to_xml()), on Debian's python3-nova 26.2.2.

A case (written by scripts/xml-difftest-gen.ts): id, body, flavor (with extra_specs), libvirt (the
nova-oracle's libvirt context), nova_conf ({section: {option: value}}), volumes (connection_info
by the id the entry names, `*` for every other volume), encryption ({volume id: its volume type's
encryption and the uuid of the libvirt secret Nova creates when it takes QEMU's native LUKS}), direct_io (the O_DIRECT probe), max_local_block_devices, and now and then
nova_conf_ini (a nova.conf file, read with oslo.config's own parser; nova_conf is then {}).
Beyond spawn_oracle's pass: state_path defaults to /var/lib/nova (as distributions ship nova.conf;
Quobyte volumes are found under it), and the body's own config_drive, as the compute API stored it
on the instance, gives the instance its config drive too.

Run: /usr/bin/python3 scripts/xml_difftest_oracle.py CASES.json > LABELS.json
Prints one JSON array: per case id, Nova's verdict and, when it accepts the body, the device names
and either the <disk>/<filesystem> XML of the spawn or the error the compute node raises.
"""
import atexit
import contextlib
import io
import json
import os
import shutil
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(HERE, '..', 'test', 'fixtures', 'deploy'))
with contextlib.redirect_stdout(io.StringIO()):
    import spawn_oracle  # noqa: E402  (the spawn pass; its main() only runs as a script)

# the nova.conf options the generator varies beyond spawn_oracle's own (cleared before each case)
from nova.virt.libvirt import driver as libvirt_driver  # noqa: E402

for key in ('instances_path',):
    if key not in spawn_oracle.CONF_KEYS['DEFAULT']:
        spawn_oracle.CONF_KEYS['DEFAULT'].append(key)
for key in ('images_rbd_ceph_conf', 'volume_use_multipath'):
    if key not in spawn_oracle.CONF_KEYS['libvirt']:
        spawn_oracle.CONF_KEYS['libvirt'].append(key)

# nova-compute's state directory as distributions ship nova.conf (Debian, Ubuntu, RDO): the mount
# point base of the file volume drivers that compute their own paths (Quobyte) lies under it; the
# package's default would be python3-nova's install directory
spawn_oracle.CONF.set_default('state_path', '/var/lib/nova')

_virt = spawn_oracle._orig_virt


def _virt_new_instance(out, acc, payload):
    # an instance being built has never launched (its DB row holds launched_at NULL): configdrive's
    # force_config_drive check reads it, and the oracle's instance has no row to load it from
    acc.instance.launched_at = None
    # the body's config_drive, as the compute API stored it on the instance: the naming pass sets
    # instance.config_drive from the context alone, so the context says yes too while it runs
    state = spawn_oracle.oracle.STATE
    if not acc.instance.config_drive:
        return _virt(out, acc, payload)
    saved = state.ctx
    state.ctx = dict(saved, libvirt=dict(saved.get('libvirt') or {}, config_drive=True))
    try:
        return _virt(out, acc, payload)
    finally:
        state.ctx = saved


spawn_oracle._orig_virt = _virt_new_instance


_DIR = tempfile.mkdtemp(prefix='bdm-lab-xmldiff-')
atexit.register(shutil.rmtree, _DIR, True)
INI = os.path.join(_DIR, 'nova.conf')


def _read_nova_conf(text):
    """The case's nova.conf (or none) read by oslo.config itself, as nova-compute reads its file."""
    if text is None:
        spawn_oracle.CONF.default_config_files = []
    else:
        with open(INI, 'w') as f:
            f.write(text)
        spawn_oracle.CONF.default_config_files = [INI]
    spawn_oracle.CONF.reload_config_files()


def _native_luks(case):
    """The volumes Nova attached with QEMU's native LUKS (it created a libvirt secret for them at
    attach: _attach_encryptor), decided by Nova's own _allow_native_luksv1 on each encryption."""
    drv = object.__new__(libvirt_driver.LibvirtDriver)
    return {vid: enc['secret_uuid'] for vid, enc in (case.get('encryption') or {}).items()
            if drv._allow_native_luksv1(encryption={k: v for k, v in enc.items() if k != 'secret_uuid'})}


def label(case):
    try:
        case = dict(case, luks=_native_luks(case))
        _read_nova_conf(case.get('nova_conf_ini'))
        with contextlib.redirect_stdout(io.StringIO()):
            r = spawn_oracle.run(case)
    except Exception as e:  # an oracle failure is reported, never guessed
        return {'id': case['id'], 'oracle_error': '%s: %s' % (type(e).__name__, e)}
    lv = r.get('libvirt') or {}
    return {'id': case['id'], 'valid': r.get('valid'), 'http_status': r.get('http_status'),
            'nova_message': r.get('nova_message'), 'device_names': lv.get('device_names'),
            'implicit_device_names': lv.get('implicit_device_names'), 'build_error': lv.get('build_error'),
            'nova_xml': r.get('spawn_xml'), 'nova_error': r.get('virt_error')}


def main(argv):
    cases = json.load(open(argv[0]))
    json.dump([label(c) for c in cases], sys.stdout, indent=1)
    sys.stdout.write('\n')
    return 0


if __name__ == '__main__':
    sys.exit(main(sys.argv[1:]))
