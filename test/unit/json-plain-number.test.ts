/**
 * Whether an entry's volume_size is a Python float is found from the key's spellings in the text
 * (parse/floatLiterals.ts keyWritesNoFloat, asked by source/json/entries.ts) rather than a scan of every character. The verdicts
 * here are Nova's (BlockDeviceDict.from_api refuses a float volume_size: rules-dict.test.ts has
 * the oracle-labelled cases); these check the shortcut against the exact scan on every form a
 * number, a key and a string can take.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { keyWritesNoFloat, writesFloat } from '../../server/src/parse/floatLiterals';
import { analyzeJson } from '../../server/src/analyze';
import { defaultContext } from '../../server/src/model/context';

const IMG = '70a599e0-31e7-49b7-b260-868f441e862b';
const body = (entry: string, extra = '') => `{"server": {"name": "s${extra}", "flavorRef": "1", "block_device_mapping_v2": [${entry}]}}`;
const root = (size: string, sep = ': ') => `{"source_type": "image", "destination_type": "volume", "uuid": "${IMG}", "boot_index": 0, "volume_size"${sep}${size}}`;

test('keyWritesNoFloat: a fraction or an exponent after the key is seen, in every spelling', () => {
  for (const size of ['10.0', '1e1', '1E1', '-1.5', '10.00', '1.0e1', '100e-1', '0.1E+2']) {
    assert.equal(keyWritesNoFloat(body(root(size)), 'volume_size'), false, size);
    assert.equal(keyWritesNoFloat(body(root(size, ' \n\t:\r\n ')), 'volume_size'), false, `${size} with blanks`);
  }
  for (const size of ['10', '-1', '0', '"10.0"', 'null', '[1.5]', '{"a": 1.5}', 'true']) {
    assert.equal(keyWritesNoFloat(body(root(size)), 'volume_size'), true, size);
  }
});

test('keyWritesNoFloat: the key as a value, other keys with floats, and a backslash anywhere', () => {
  // "volume_size" as a string value is not the key; another key's float does not count
  const t = `{"server": {"name": "volume_size", "x": ["volume_size", 1.5], "flavorRef": 1.5, "block_device_mapping_v2": [${root('10')}]}}`;
  assert.equal(keyWritesNoFloat(t, 'volume_size'), true);
  // the second spelling of a duplicated key is read too (Nova keeps the last)
  assert.equal(keyWritesNoFloat(body(`{"volume_size": 1, "volume_size": 2.0}`), 'volume_size'), false);
  // a backslash: escapes may hide the key or a quote; the caller scans instead
  assert.equal(keyWritesNoFloat(body(root('10'), '\\"'), 'volume_size'), undefined);
  assert.equal(keyWritesNoFloat(body(`{"volume\\u005fsize": 1.5}`), 'volume_size'), undefined);
});

test('keyWritesNoFloat never says "no float" where the exact scan finds one after the key', () => {
  // random small documents: whenever the shortcut answers true, no volume_size value is a float literal
  let seed = 7;
  const rnd = (n: number) => ((seed = (seed * 1103515245 + 12345) & 0x7fffffff) % n);
  const nums = ['1', '10', '1.5', '1e3', '-2', '2E-1', '0.0'];
  const keys = ['volume_size', 'boot_index', 'volume_size ', 'xvolume_size'];
  let checked = 0;
  for (let i = 0; i < 2000; i++) {
    const props: string[] = [];
    for (let k = 0; k < 1 + rnd(4); k++) props.push(`${JSON.stringify(keys[rnd(keys.length)])}:${' '.repeat(rnd(3))}${rnd(4) ? nums[rnd(nums.length)] : JSON.stringify(nums[rnd(nums.length)])}`);
    const text = `[{${props.join(', ')}}]`;
    const parsed = JSON.parse(text) as Array<Record<string, unknown>>;
    const answer = keyWritesNoFloat(text, 'volume_size');
    // the truth, from the text of the one property with that key (JSON.parse keeps the last)
    const m = [...text.matchAll(/"volume_size":\s*(-?[0-9.eE+-]+)/g)].map((x) => x[1]);
    const truth = !m.some((x) => /[.eE]/.test(x));
    assert.equal(answer, truth, text);
    if ('volume_size' in parsed[0]) checked++;
  }
  assert.ok(checked > 500);
  assert.equal(writesFloat('[1.5]'), true);
});

test('the verdict on a float volume_size is Nova\'s with the shortcut and without it', () => {
  const ctx = defaultContext();
  for (const [size, refused] of [['10.0', true], ['1e1', true], ['10', false]] as const) {
    for (const extra of ['', '\\"']) {
      const a = analyzeJson(body(root(size), extra), ctx);
      assert.equal(a.diagnostics.some((d) => d.code === 'BDM-DICT-VOLUME-SIZE'), refused, `${size} ${extra}`);
    }
  }
});
