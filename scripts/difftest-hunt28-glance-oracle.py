"""The nova-oracle (../shared/tools/nova-oracle/oracle.py) with Glance images and Cinder volumes
of given attributes.

The oracle's Glance answers every image with min_disk 0, min_ram 0 and a size of 1 GiB, its Cinder
every volume as 10 GiB, bootable, not multiattach, in AZ nova. This runs the same oracle,
unchanged, with one difference: an image named in the context's `_glance` key
(`{"<image id>" or "*": {"min_disk": GiB, "min_ram": MiB, "size_gib": GiB}}`, each optional) gets
those values, as Glance's own image attributes, and a volume named in its `_cinder` key
(`{"<volume id>" or "*": {"size": GiB, "bootable": bool, "multiattach": bool,
"availability_zone": str}}`) those, so that Nova's code judges them. Same arguments and output as
oracle.py; used by scripts/difftest-hunt28.ts (modes glance, cinder) and
scripts/difftest-hunt28-label.ts. The flavor is the oracle's (512 MiB RAM).
"""
import importlib.util
import os
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
ORACLE = os.environ.get('NOVA_ORACLE_BASE') or os.path.join(HERE, '..', '..', 'shared', 'tools', 'nova-oracle', 'oracle.py')

spec = importlib.util.spec_from_file_location('nova_oracle', ORACLE)
oracle = importlib.util.module_from_spec(spec)
sys.modules['nova_oracle'] = oracle
spec.loader.exec_module(oracle)

_base_image = oracle._image
GIB = 1024 ** 3


def _image_with_glance_sizes(image_id):
    image = _base_image(image_id)
    glance = oracle.STATE.ctx.get('_glance') or {}
    facts = glance.get(image_id) or glance.get('*') or {}
    if 'min_disk' in facts:
        image['min_disk'] = facts['min_disk']
    if 'min_ram' in facts:
        image['min_ram'] = facts['min_ram']
    if 'size_gib' in facts:
        image['size'] = int(facts['size_gib'] * GIB)
    return image


oracle._image = _image_with_glance_sizes

_base_volume_get = oracle.StubVolumeAPI.get


def _volume_with_cinder_facts(self, context, volume_id, *a, **k):
    volume = _base_volume_get(self, context, volume_id, *a, **k)
    cinder = oracle.STATE.ctx.get('_cinder') or {}
    facts = cinder.get(volume_id) or cinder.get('*') or {}
    for key in ('size', 'bootable', 'multiattach', 'availability_zone'):
        if key in facts:
            volume[key] = facts[key]
    return volume


oracle.StubVolumeAPI.get = _volume_with_cinder_facts

if __name__ == '__main__':
    sys.exit(oracle.main(sys.argv[1:]))
