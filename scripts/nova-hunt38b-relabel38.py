#!/usr/bin/python3
"""Relabels hunt 38's cases (scripts/nova-hunt38-label.py's spawn pass, python3-nova 26.2.2) with
the blockinfo.py of the release their contexts name (`nova_release` 26.2.2: `git show
26.2.2:nova/virt/libvirt/blockinfo.py`) instead of master's, bound wherever the nova-oracle, the
spawn pass and the libvirt driver look it up. get_boot_order's own exception (a lun disk with a
boot index before 30.0.0) becomes the build error it is on the compute node.

Run: /usr/bin/python3 scripts/nova-hunt38b-relabel38.py NOVA_GIT_DIR TAG CASES.json > LABELS.json
"""
import contextlib
import importlib.util
import io
import json
import os
import subprocess
import sys
import types

HERE = os.path.dirname(os.path.abspath(__file__))
spec = importlib.util.spec_from_file_location('nova_hunt38_label', os.path.join(HERE, 'nova-hunt38-label.py'))
h38 = importlib.util.module_from_spec(spec)
with contextlib.redirect_stdout(io.StringIO()):
    spec.loader.exec_module(h38)
spawn_oracle = h38.spawn_oracle
oracle = spawn_oracle.oracle
from nova.virt.libvirt import driver as libvirt_driver  # noqa: E402

PREFIX = '_BootOrderError: '


class _BootOrderError(Exception):
    pass


def tag_blockinfo(git_dir, tag):
    src = subprocess.run(['git', '-C', git_dir, 'show', '%s:nova/virt/libvirt/blockinfo.py' % tag],
                         check=True, capture_output=True, text=True).stdout
    mod = types.ModuleType('nova.virt.libvirt.blockinfo_h38b_%s' % tag.replace('.', '_'))
    mod.__package__ = 'nova.virt.libvirt'
    exec(compile(src, 'blockinfo-%s.py' % tag, 'exec'), mod.__dict__)
    own = mod.get_boot_order

    def get_boot_order(disk_info):
        try:
            return own(disk_info)
        except Exception as e:
            raise _BootOrderError('%s: %s' % (type(e).__name__, e))
    mod.get_boot_order = get_boot_order
    return mod


def main(argv):
    git_dir, tag, path = argv
    mod = tag_blockinfo(git_dir, tag)
    for m in (oracle, spawn_oracle, libvirt_driver):
        m.blockinfo = mod
    out = []
    for case in json.load(open(path)):
        lab = h38.label(case)
        err = lab.get('nova_error') or ''
        if err.startswith(PREFIX):
            lab.update(build_error=err[len(PREFIX):], nova_error=None, nova_xml=None, root_device_name=None,
                       boot_dev_order=None, disk_mapping=None, device_names=None, implicit_device_names=None)
        out.append(lab)
    json.dump(out, sys.stdout)
    sys.stdout.write('\n')
    return 0


if __name__ == '__main__':
    sys.exit(main(sys.argv[1:]))
