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

Run: /usr/bin/python3 scripts/xml_difftest_oracle.py CASES.json [NOVA_GIT_DIR] > LABELS.json
The nova-oracle runs master's blockinfo.py. Given NOVA_GIT_DIR (a fetched openstack/nova), a case
whose context names a Nova version (`nova_release` 26.2.2) runs that tag's own blockinfo.py instead,
wherever the nova-oracle, the spawn pass and the libvirt driver look it up (as
scripts/nova-hunt38b-relabel38.py does): its ISO root and, before 30.0.0, its boot order, whose
KeyError for a lun disk with a boot index is the build error it is on the compute node.
Prints one JSON array: per case id, Nova's verdict and, when it accepts the body, the device names
and either the <disk>/<filesystem> XML of the spawn or the error the compute node raises.
"""
import atexit
import contextlib
import io
import json
import os
import shutil
import subprocess
import sys
import tempfile
import types
from unittest import mock

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


def _connect_volume(drv, context, connection_info, instance, encryption=None, **kw):
    """The connect step's encryptor (LibvirtDriver._attach_encryptor, Nova's own) on the volume's
    encryption as Cinder's metadata gives it: its control_location is always there (front-end when
    the volume type's encryption left it out, the context's default too). os-brick's encryptor is
    constructed for real (it refuses a connection without a device_path); its attach, the key
    manager and the LUKS header probe are stubbed. The volume driver's own connect is not run."""
    vid = connection_info.get('serial') or (connection_info.get('data') or {}).get('volume_id')
    enc = (CASE_ENCRYPTION.get('case') or {}).get(vid)
    if not enc:
        return
    meta = dict({k: v for k, v in enc.items() if k != 'secret_uuid'}, encryption_key_id='k-' + str(vid))
    meta.setdefault('control_location', 'front-end')
    with mock.patch.object(libvirt_driver.key_manager, 'API'), \
            mock.patch('os_brick.encryptors.luks.is_luks', return_value=True), \
            mock.patch('os_brick.encryptors.cryptsetup.CryptsetupEncryptor.attach_volume'), \
            mock.patch('os_brick.encryptors.luks.LuksEncryptor.attach_volume'), \
            mock.patch('os_brick.encryptors.luks.Luks2Encryptor.attach_volume'), \
            mock.patch('os_brick.encryptors.nop.NoOpEncryptor.attach_volume'):
        libvirt_driver.LibvirtDriver._attach_encryptor(drv, context, connection_info, meta)


CASE_ENCRYPTION = {}
spawn_oracle.CONNECT_VOLUME = _connect_volume
MASTER_BLOCKINFO = spawn_oracle.blockinfo
_BOOT_ORDER = '_BootOrderError: '
_TAG_BLOCKINFO = {}


class _BootOrderError(Exception):
    pass


def _tag_blockinfo(git_dir, tag):
    """the tag's own nova/virt/libvirt/blockinfo.py as a module; get_boot_order's exception marked"""
    if tag not in _TAG_BLOCKINFO:
        src = subprocess.run(['git', '--git-dir', git_dir, 'show', '%s:nova/virt/libvirt/blockinfo.py' % tag],
                             check=True, capture_output=True, text=True).stdout
        mod = types.ModuleType('nova.virt.libvirt.blockinfo_xmldiff_%s' % tag.replace('.', '_'))
        mod.__package__ = 'nova.virt.libvirt'
        exec(compile(src, 'blockinfo-%s.py' % tag, 'exec'), mod.__dict__)
        own = mod.get_boot_order

        def get_boot_order(disk_info):
            try:
                return own(disk_info)
            except Exception as e:
                raise _BootOrderError('%s: %s' % (type(e).__name__, e))
        mod.get_boot_order = get_boot_order
        _TAG_BLOCKINFO[tag] = mod
    return _TAG_BLOCKINFO[tag]


def _bind_blockinfo(case, git_dir):
    release = (case.get('context') or {}).get('nova_release')
    tagged = git_dir and isinstance(release, str) and all(p.isdigit() for p in release.split('.'))
    mod = _tag_blockinfo(git_dir, release) if tagged else MASTER_BLOCKINFO
    for m in (spawn_oracle.oracle, spawn_oracle, libvirt_driver):
        m.blockinfo = mod


def label(case, git_dir=None):
    try:
        _bind_blockinfo(case, git_dir)
        CASE_ENCRYPTION['case'] = case.get('encryption') or {}
        case = dict(case, luks=_native_luks(case))
        _read_nova_conf(case.get('nova_conf_ini'))
        with contextlib.redirect_stdout(io.StringIO()):
            r = spawn_oracle.run(case)
    except Exception as e:  # an oracle failure is reported, never guessed
        return {'id': case['id'], 'oracle_error': '%s: %s' % (type(e).__name__, e)}
    lv = r.get('libvirt') or {}
    out = {'id': case['id'], 'valid': r.get('valid'), 'http_status': r.get('http_status'),
           'nova_message': r.get('nova_message'), 'device_names': lv.get('device_names'),
           'implicit_device_names': lv.get('implicit_device_names'), 'build_error': lv.get('build_error'),
           'nova_xml': r.get('spawn_xml'), 'nova_error': r.get('virt_error')}
    # the release's boot order refused the disks: the compute node fails the build
    for key in ('build_error', 'nova_error'):
        err = out.get(key) or ''
        if _BOOT_ORDER in err:
            out.update(build_error=err[err.index(_BOOT_ORDER) + len(_BOOT_ORDER):], nova_error=None, nova_xml=None,
                       device_names=None, implicit_device_names=None)
    return out


def main(argv):
    cases = json.load(open(argv[0]))
    git_dir = argv[1] if len(argv) > 1 else None
    json.dump([label(c, git_dir) for c in cases], sys.stdout, indent=1)
    sys.stdout.write('\n')
    return 0


if __name__ == '__main__':
    sys.exit(main(sys.argv[1:]))
