// Writes images/icon.png (128x128): three stacked block devices on a dark tile, the top one
// (the boot device, boot_index 0) highlighted. Plain Node, no image library:
// node images/make-icon.mjs
import { writeFileSync } from 'node:fs';
import { deflateSync } from 'node:zlib';

const size = 128;
const px = Buffer.alloc(size * size * 4);
const set = (x, y, [r, g, b, a = 255]) => {
  const i = (y * size + x) * 4;
  px[i] = r; px[i + 1] = g; px[i + 2] = b; px[i + 3] = a;
};
const inRoundRect = (x, y, x0, y0, x1, y1, rad) => {
  if (x < x0 || x > x1 || y < y0 || y > y1) return false;
  const cx = Math.min(Math.max(x, x0 + rad), x1 - rad);
  const cy = Math.min(Math.max(y, y0 + rad), y1 - rad);
  return (x - cx) ** 2 + (y - cy) ** 2 <= rad * rad;
};

const tile = [30, 41, 59];
const disks = [
  { y0: 22, body: [239, 68, 68], edge: [254, 202, 202] }, // boot device
  { y0: 54, body: [56, 189, 248], edge: [186, 230, 253] },
  { y0: 86, body: [56, 189, 248], edge: [186, 230, 253] },
];
for (let y = 0; y < size; y++) {
  for (let x = 0; x < size; x++) {
    if (!inRoundRect(x, y, 0, 0, size - 1, size - 1, 22)) continue; // transparent corners
    let colour = tile;
    for (const d of disks) {
      if (inRoundRect(x, y, 18, d.y0, 109, d.y0 + 22, 6)) {
        colour = y < d.y0 + 4 ? d.edge : d.body;
        // a status light on the right of each device
        if ((x - 96) ** 2 + (y - (d.y0 + 12)) ** 2 <= 12) colour = [15, 23, 42];
        // label slots on the left
        if (x >= 28 && x <= 70 && (y === d.y0 + 10 || y === d.y0 + 11 || y === d.y0 + 15 || y === d.y0 + 16)) colour = [15, 23, 42];
      }
    }
    set(x, y, colour);
  }
}

const crcTable = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});
const crc32 = (buf) => {
  let c = 0xffffffff;
  for (const b of buf) c = crcTable[(c ^ b) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
};
const chunk = (type, data) => {
  const len = Buffer.alloc(4);
  len.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([len, body, crc]);
};
const ihdr = Buffer.alloc(13);
ihdr.writeUInt32BE(size, 0);
ihdr.writeUInt32BE(size, 4);
ihdr[8] = 8; // bit depth
ihdr[9] = 6; // RGBA
const raw = Buffer.alloc(size * (size * 4 + 1));
for (let y = 0; y < size; y++) px.copy(raw, y * (size * 4 + 1) + 1, y * size * 4, (y + 1) * size * 4);
const png = Buffer.concat([
  Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
  chunk('IHDR', ihdr),
  chunk('IDAT', deflateSync(raw, { level: 9 })),
  chunk('IEND', Buffer.alloc(0)),
]);
writeFileSync(new URL('./icon.png', import.meta.url), png);
console.log(`images/icon.png: ${png.length} bytes`);
