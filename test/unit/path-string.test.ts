/**
 * pathString prints a JSON path as the messages do (`server.block_device_mapping_v2[0].boot_index`);
 * it is written from shared pieces (model/path.ts), and must print exactly what the plain
 * definition prints: keys joined by dots (no dot while nothing is printed yet), indexes in brackets.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { keySuffix, pathString } from '../../server/src/model/path';

function reference(segments: Array<string | number>): string {
  let s = '';
  for (const seg of segments) {
    if (typeof seg === 'number') s += `[${seg}]`;
    else s += (s ? '.' : '') + seg;
  }
  return s;
}

test('pathString: the usual paths', () => {
  assert.equal(pathString(['server', 'block_device_mapping_v2', 3, 'boot_index']), 'server.block_device_mapping_v2[3].boot_index');
  assert.equal(pathString(['volumeAttachment', 'device']), 'volumeAttachment.device');
  assert.equal(pathString([]), '');
  assert.equal(pathString([0, 'uuid']), '[0].uuid');
});

test('pathString: empty keys print no dot while nothing is printed yet', () => {
  assert.equal(pathString(['', 'x']), 'x');
  assert.equal(pathString(['', '']), '');
  assert.equal(pathString(['x', '']), 'x.');
  assert.equal(pathString(['', 0, '']), '[0].');
});

test('pathString: the same text as the plain definition on 20 000 random paths (fixed seed)', () => {
  let seed = 42;
  const rnd = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
  const pool: Array<string | number> = ['', 'a', 'server', 'block_device_mapping_v2', 'x.y', '[1]', 0, 1, 12, 'boot_index'];
  for (let k = 0; k < 20_000; k++) {
    const c = Array.from({ length: Math.floor(rnd() * 7) }, () => pool[Math.floor(rnd() * pool.length)]);
    assert.equal(pathString(c), reference(c), JSON.stringify(c));
  }
});

test('pathString: many distinct first keys and field names (past the shared pieces\' bounds) print the same', () => {
  for (let k = 0; k < 3000; k++) {
    const c = [`k${k}`, `f${k}`, k, `g${k}`];
    assert.equal(pathString(c), reference(c));
    assert.equal(keySuffix(`h${k}`), `.h${k}`);
  }
});
