#!/usr/bin/python3
"""Hunt 44: labels test/fixtures/nova-hunt44/inspect.oracle.json, whether a Nova release's image
download (nova/virt/images.py fetch_to_raw: deep inspection, qemu-img info, the conversion to raw)
takes an image of each Glance disk_format, with [workarounds]disable_deep_image_inspection off and on.

The release's own nova/virt/images.py and nova/image/format_inspector.py (git show TAG:PATH of
openstack/nova) are executed under their real module names on top of this machine's python3-nova
26.2.2 (its privsep qemu-img call, exceptions, config), and fetch_to_raw runs on real files made by
qemu-img (an ISO 9660 header for iso; raw bytes for the AMI family). Only the download is a local
copy of such a file and Glance's answer is {'disk_format': ...}. The label "debian-26.2.2" runs the
installed modules themselves. Releases from 30.0.0 use oslo.utils' inspector, not installed here:
not labelled.

Run: /usr/bin/python3 scripts/nova-hunt44-inspect-oracle.py NOVA_GIT_DIR TAG... > inspect.oracle.json
"""
import importlib
import json
import os
import shutil
import subprocess
import sys
import tempfile
import types
from unittest import mock

from oslo_concurrency import processutils

import nova.conf
CONF = nova.conf.CONF
CONF([], project='nova', default_config_files=[])
from nova import exception  # noqa: E402
from nova import objects  # noqa: E402
import nova.image  # noqa: E402
import nova.virt  # noqa: E402
objects.register_all()

FILES = {'qcow2': 'qcow2', 'raw': 'raw', 'iso': 'iso', 'ami': 'raw', 'aki': 'raw', 'ari': 'raw', 'vmdk': 'vmdk',
         'vdi': 'vdi', 'vhdx': 'vhdx', 'vhd': 'vpc', 'ploop': 'parallels', 'qed': 'qed'}


def make_file(kind, path):
    if kind == 'iso':
        with open(path, 'wb') as f:
            f.write(b'\0' * 0x8000 + b'\x01CD001\x01' + b'\0' * (0x10000 - 0x8007))
        return
    subprocess.run(['qemu-img', 'create', '-q', '-f', kind, path, '1M'], check=True)


def load_release(git_dir, tag):
    """the release's format_inspector and images modules, executed under their real names"""
    def src(path):
        return subprocess.run(['git', '--git-dir', git_dir, 'show', '%s:%s' % (tag, path)], check=True,
                              capture_output=True, text=True).stdout
    fi = types.ModuleType('nova.image.format_inspector')
    fi.__file__ = 'nova/image/format_inspector.py'
    sys.modules['nova.image.format_inspector'] = fi
    nova.image.format_inspector = fi
    exec(compile(src('nova/image/format_inspector.py'), '%s:nova/image/format_inspector.py' % tag, 'exec'), fi.__dict__)
    im = types.ModuleType('nova.virt.images')
    im.__file__ = 'nova/virt/images.py'
    exec(compile(src('nova/virt/images.py'), '%s:nova/virt/images.py' % tag, 'exec'), im.__dict__)
    return im


def run(images, work, disk_format, disable):
    CONF.set_override('disable_deep_image_inspection', disable, group='workarounds')
    # the refusals come before the conversion to raw (whose privsep call differs between releases)
    CONF.set_override('force_raw_images', False)
    source = os.path.join(work, 'src-' + disk_format)
    if not os.path.exists(source):
        make_file(FILES[disk_format], source)

    def download(context, image_href, dest_path=None, trusted_certs=None):
        shutil.copyfile(source, dest_path)

    target = os.path.join(work, 'base')
    for left in (target, target + '.part'):
        if os.path.exists(left):
            os.unlink(left)
    with mock.patch.object(images.IMAGE_API, 'download', side_effect=download), \
            mock.patch.object(images.IMAGE_API, 'get', return_value={'disk_format': disk_format}):
        try:
            images.fetch_to_raw(None, 'img', target)
            return {'result': 'ok'}
        except (exception.NovaException, processutils.ProcessExecutionError) as e:
            # (the temporary folder's name changes from run to run)
            return {'error': '%s: %s' % (type(e).__name__, str(e).splitlines()[0].replace(work, 'WORK'))}


def main():
    git_dir, tags = sys.argv[1], sys.argv[2:]
    qemu = subprocess.run(['qemu-img', '--version'], capture_output=True, text=True).stdout.split()[2]
    work = tempfile.mkdtemp(prefix='h44-inspect-')
    out = []
    try:
        for tag in ['debian-26.2.2'] + tags:
            images = importlib.import_module('nova.virt.images') if tag == 'debian-26.2.2' else load_release(git_dir, tag)
            for disk_format in FILES:
                for disable in (False, True):
                    r = run(images, work, disk_format, disable)
                    out.append({'release': tag, 'disk_format': disk_format, 'disable_deep_image_inspection': disable, **r,
                                'oracle': '%s nova/virt/images.py fetch_to_raw on python3-nova 26.2.2, qemu-img %s' % (
                                    'python3-nova 26.2.2' if tag == 'debian-26.2.2' else 'openstack/nova ' + tag, qemu)})
    finally:
        shutil.rmtree(work, ignore_errors=True)
    json.dump(out, sys.stdout, indent=1)
    sys.stdout.write('\n')


main()
