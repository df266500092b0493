/**
 * A bare list of block device entries (e.g. a Heat property): judged as the
 * block_device_mapping_v2 of a server-create body that names nothing else. The body's other
 * fields are made up (a name, a flavor, no networks where the microversion needs them) and are
 * written nowhere in the text: findings about them are not shown, and the paths of the list's
 * findings are printed from the list itself (`[0].boot_index`).
 */
import type { Node } from 'jsonc-parser';
import type { BodyPath } from '../doc';
import { JsonDoc, type TreePath } from '../json/doc';

const LIST = 'server.block_device_mapping_v2';

export function bareListSource(text: string, root: Node, list: unknown[], microversion: string): JsonDoc {
  // imageRef is taken to be the image of an image->local root, as clients send both together
  const imageRoot = list.find((e) => e && typeof e === 'object' && (e as Record<string, unknown>).source_type === 'image' && (e as Record<string, unknown>).destination_type === 'local') as Record<string, unknown> | undefined;
  const server: Record<string, unknown> = { name: 'bdm-lab', flavorRef: '1', block_device_mapping_v2: list };
  if (Number(microversion.split('.')[1]) >= 37) server.networks = 'none';
  return new JsonDoc({
    kind: 'array',
    api: 'server',
    text,
    root,
    body: { server },
    imageRef: imageRoot && typeof imageRoot.uuid === 'string' ? imageRoot.uuid : null,
    toTree: (path: BodyPath): TreePath | undefined => {
      if (path.length < 2) return [];
      return path[0] === 'server' && path[1] === 'block_device_mapping_v2' ? (path.slice(2) as TreePath) : undefined;
    },
    covers: (path) => path.startsWith(LIST),
    printPath: (path) => (path.startsWith(LIST) ? path.slice(LIST.length) : path),
    lists: [{ path: ['server', 'block_device_mapping_v2'], syntax: 'v2' }],
  });
}
