#!/usr/bin/python3
"""Hunt 38b's release labeller for the disk mapping: each case runs through the nova-oracle
(/work/shared/tools/nova-oracle/oracle.py: python3-nova 26.2.2's compute API, compute manager and
libvirt driver) with the blockinfo.py of the Nova release the case names (`tag`), read from a git
checkout of openstack/nova (`git show TAG:nova/virt/libvirt/blockinfo.py`) and bound where the
oracle and the libvirt driver look it up; a case without a tag keeps the oracle's master blockinfo.
get_boot_order's own exception (a lun with a boot index before Nova 30.0.0) is reported as the
build error it is on the compute node (the driver calls it while writing the guest config).

Run: /usr/bin/python3 scripts/nova-hunt38b-oracle.py NOVA_GIT_DIR CASES.json > LABELS.json
A case: {"id", "tag": "29.2.0" | null, "payload": {...}, "context": {...}};
its label: {"id", "valid", "http_status", "nova_message", "build_error", "root_device_name",
"boot_dev_order", "disk_mapping", "device_names"} or {"id", "oracle_error"}.
"""
import contextlib
import io
import json
import subprocess
import sys
import types

sys.path.insert(0, '/work/shared/tools/nova-oracle')
with contextlib.redirect_stdout(io.StringIO()):
    import oracle  # noqa: E402
from nova.virt.libvirt import driver as libvirt_driver  # noqa: E402

MASTER = oracle.blockinfo
_MODULES = {}


def blockinfo_of(git_dir, tag):
    """The release's blockinfo.py as a module of the installed nova package (None: master's)."""
    if not tag:
        return MASTER
    if tag not in _MODULES:
        src = subprocess.run(['git', '-C', git_dir, 'show', '%s:nova/virt/libvirt/blockinfo.py' % tag],
                             check=True, capture_output=True, text=True).stdout
        mod = types.ModuleType('nova.virt.libvirt.blockinfo_h38b_%s' % tag.replace('.', '_'))
        mod.__package__ = 'nova.virt.libvirt'
        exec(compile(src, 'blockinfo-%s.py' % tag, 'exec'), mod.__dict__)
        _MODULES[tag] = mod
    return _MODULES[tag]


class _BootOrderError(Exception):
    pass


def _with_boot_errors(mod):
    """The module with get_boot_order's exception carried out to label() (the oracle calls it bare)."""
    view = types.ModuleType(mod.__name__ + '_view')
    view.__dict__.update(mod.__dict__)

    def get_boot_order(disk_info):
        try:
            return mod.get_boot_order(disk_info)
        except Exception as e:
            raise _BootOrderError('%s: %s' % (type(e).__name__, e))
    view.get_boot_order = get_boot_order
    return view


def label(git_dir, case):
    mod = _with_boot_errors(blockinfo_of(git_dir, case.get('tag')))
    saved = (oracle.blockinfo, libvirt_driver.blockinfo)
    oracle.blockinfo = mod
    libvirt_driver.blockinfo = mod
    try:
        with contextlib.redirect_stdout(io.StringIO()):
            r = oracle.judge(case['payload'], case.get('context') or {})
    except Exception as e:  # reported, never guessed
        return {'id': case['id'], 'oracle_error': '%s: %s' % (type(e).__name__, e)}
    finally:
        oracle.blockinfo, libvirt_driver.blockinfo = saved
    lv = r.get('libvirt') or {}
    err = r.get('virt_error')
    if err and err.startswith('_BootOrderError: '):
        return {'id': case['id'], 'valid': True, 'build_error': err[len('_BootOrderError: '):]}
    if err:
        return {'id': case['id'], 'oracle_error': err}
    return {'id': case['id'], 'valid': r.get('valid'), 'http_status': r.get('http_status'),
            'nova_message': r.get('nova_message'), 'build_error': lv.get('build_error'),
            'root_device_name': lv.get('root_device_name'), 'boot_dev_order': lv.get('boot_dev_order'),
            'disk_mapping': lv.get('disk_mapping'), 'device_names': lv.get('device_names')}


def main(argv):
    git_dir, path = argv
    cases = json.load(open(path))
    json.dump([label(git_dir, c) for c in cases], sys.stdout, default=str)
    sys.stdout.write('\n')
    return 0


if __name__ == '__main__':
    sys.exit(main(sys.argv[1:]))
