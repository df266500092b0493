#!/usr/bin/python3
"""Hunt 38's release labeller for the default cdrom bus: each case runs
get_disk_bus_for_device_type of the blockinfo.py of the Nova release it names, taken from a
git checkout of openstack/nova at that tag and executed in python3-nova 26.2.2's package (its
objects, osinfo and libvirt utils), with [libvirt]hw_machine_type and the host arch set as the
case says. The nova-oracle itself runs one release only (26.2.2 with master's blockinfo).

Run: /usr/bin/python3 scripts/nova-hunt38-cdrom-oracle.py NOVA_GIT_DIR CASES.json > LABELS.json
A case: {"id", "tag": "19.0.1", "virt_type", "arch", "machine_type", "image_properties", "device_type"};
its label: {"id", "bus"} or {"id", "error": "<exception class>: <message>"}.
"""
import contextlib
import io
import json
import subprocess
import sys
import types

with contextlib.redirect_stdout(io.StringIO()):
    from nova import objects
    objects.register_all()
    from nova.conf import CONF
    from nova.objects import fields as obj_fields

_MODULES = {}


def blockinfo_of(git_dir, tag):
    """The release's blockinfo.py as a module of the installed nova package."""
    if tag not in _MODULES:
        src = subprocess.run(['git', '-C', git_dir, 'show', '%s:nova/virt/libvirt/blockinfo.py' % tag],
                             check=True, capture_output=True, text=True).stdout
        mod = types.ModuleType('nova.virt.libvirt.blockinfo_%s' % tag.replace('.', '_'))
        mod.__package__ = 'nova.virt.libvirt'
        exec(compile(src, 'blockinfo-%s.py' % tag, 'exec'), mod.__dict__)
        _MODULES[tag] = mod
    return _MODULES[tag]


def label(git_dir, case):
    arch = case.get('arch', 'x86_64')
    CONF.set_override('hw_machine_type', ['%s=%s' % (arch, case.get('machine_type', 'pc'))], group='libvirt')
    CONF.set_override('virt_type', case.get('virt_type', 'kvm'), group='libvirt')
    orig = obj_fields.Architecture.from_host
    obj_fields.Architecture.from_host = staticmethod(lambda: arch)
    try:
        image_meta = objects.ImageMeta.from_dict({'disk_format': 'qcow2', 'properties': case.get('image_properties', {})})
        bus = blockinfo_of(git_dir, case['tag']).get_disk_bus_for_device_type(
            None, case.get('virt_type', 'kvm'), image_meta, case.get('device_type', 'cdrom'))
        return {'id': case['id'], 'bus': bus}
    except Exception as e:  # the release's own exception, reported
        return {'id': case['id'], 'error': '%s: %s' % (type(e).__name__, e)}
    finally:
        obj_fields.Architecture.from_host = orig


def main(argv):
    git_dir, path = argv
    cases = json.load(open(path))
    json.dump([label(git_dir, c) for c in cases], sys.stdout)
    sys.stdout.write('\n')
    return 0


if __name__ == '__main__':
    sys.exit(main(sys.argv[1:]))
