/** A JSON path as the messages print it: `server.block_device_mapping_v2[0].boot_index`. */
export function pathString(segments: Array<string | number>): string {
  let s = '';
  for (const seg of segments) {
    if (typeof seg === 'number') s += `[${seg}]`;
    else s += (s ? '.' : '') + seg;
  }
  return s;
}
