/**
 * Looped `openstack.cloud.server` tasks: one request per item, as Ansible runs the module once per
 * item (`loop:`, `with_items`, `with_list`, `with_dict`, `with_indexed_items`, `with_sequence`,
 * `with_nested`; `loop_control`'s `loop_var`, `index_var`, `extended`; `when:` per item), and the
 * loops Ansible refuses in its words.
 *
 * test/fixtures/ansible-loops/cases.json: hand-written tasks (cases.json: also `range()`, two loop keys, dates as items) and 120 of the hunt
 * (scripts/ansible-hunt25-gen.ts 120 2503, hunt.json), labelled by scripts/ansible-hunt25-label.py
 * (ansible-core's own TaskExecutor._get_loop_items and lookup plugins, the item bound as _run_loop
 * binds it, Task.evaluate_conditional and post_validate per item, then the ansible-oracle's module
 * and openstacksdk) -> labels.jsonl, hunt-labels.jsonl. `--label` writes them again.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { ROOT } from './cli-run';
import { compareRequest, type AnsibleLabel } from '../fixtures/ansible/compare';
import { ansibleSources, findTasks, readLoopItems, readTasks } from '../../server/src/source/ansible/index';
import { LOOP_CAP } from '../../server/src/source/ansible/loop';
import { analyzeDocument } from '../../server/src/document';
import { defaultContext } from '../../server/src/model/context';
import { hoverOf, type DocState } from '../../server/src/features/requests';
import { nodeHost } from '../../server/src/host';
import { bestGrowth, describeGrowth } from './growth';

const DIR = join(ROOT, 'test', 'fixtures', 'ansible-loops');
interface Label { id: string; loop: 'none' | 'items' | 'error' | 'crash'; error: string | null; items: Array<AnsibleLabel & { index: number | null }> }
type Case = { id: string; input: string };

const SETS: Array<[string, string]> = [['cases.json', 'labels.jsonl'], ['hunt.json', 'hunt-labels.jsonl']];
if (process.argv.includes('--label')) {
  for (const [c, l] of SETS) writeFileSync(join(DIR, l), execFileSync('/usr/bin/python3', [join(ROOT, 'scripts', 'ansible-hunt25-label.py'), join(DIR, c)], { encoding: 'utf8', env: { PATH: '/usr/bin:/bin' }, maxBuffer: 1 << 26 }));
}

const load = (c: string, l: string): Array<[Case, Label]> => {
  const labels = new Map(readFileSync(join(DIR, l), 'utf8').split('\n').filter(Boolean).map((x) => JSON.parse(x) as Label).map((x) => [x.id, x]));
  return (JSON.parse(readFileSync(join(DIR, c), 'utf8')) as Case[]).map((x) => [x, labels.get(x.id)!]);
};

/** bdm-lab's answer against Ansible's, item by item: null when they agree, 'note' where bdm-lab does not expand the loop and says so */
function judge(c: Case, o: Label): string | null {
  const task = findTasks(c.input)[0]!;
  const x = readLoopItems(task);
  const refusal = (f: { code: string }) => f.code !== 'BDM-ANSIBLE-LOOP' && f.code !== 'BDM-ANSIBLE-UNRESOLVED';
  if (!x) {
    const r = readTasks(task)[0] ?? null;
    const it = o.items[0]!;
    const d = it.stage === 'skipped' ? (r ? ['skipped'] : []) : compareRequest(r, it);
    return o.loop === 'none' && !d.length ? null : `no loop: ${d.join('; ')}`;
  }
  if (o.loop === 'error') {
    if ('items' in x) return `Ansible refuses the loop (${o.error}); bdm-lab expands it`;
    if (!x.refused) return x.once?.findings.some((f) => f.code === 'BDM-ANSIBLE-LOOP') ? 'note' : 'no note';
    const words = x.once?.findings.find(refusal)?.args?.detail;
    return words === o.error ? null : `refusal ${JSON.stringify(words)} != ${JSON.stringify(o.error)}`;
  }
  if (!('items' in x)) {
    if (x.refused) return 'bdm-lab refuses the loop';
    // judged once: agrees where that one answer is every item's (a `when:` that skips them all)
    if (o.items.length > 0 && o.items.every((it) => (it.stage === 'skipped' ? x.once === null : !compareRequest(x.once, it).length))) return null;
    return x.once?.findings.some((f) => f.code === 'BDM-ANSIBLE-LOOP') ? 'note' : 'no note';
  }
  const want = o.items.slice(0, LOOP_CAP);
  if (x.items.length !== want.length) return `${x.items.length} items != ${o.items.length}`;
  const out = want.flatMap((it, i) => {
    const r = x.items[i]!;
    const d = it.stage === 'skipped' ? (r ? ['Ansible skips the item'] : []) : compareRequest(r, it);
    return d.map((s) => `item ${i}: ${s}`);
  });
  return out.length ? out.join('\n') : null;
}

// what bdm-lab does not know: a variable the file does not define (the inventory may), a lookup it does not run
const NOTES = new Set(['loop-undefined', 'with-unknown-lookup']);

for (const [c, o] of load('cases.json', 'labels.jsonl')) {
  test(`a looped task, ${c.id}: each item's request (or skip, or refusal) as ansible-core runs it`, () => {
    assert.ok(o && o.loop !== 'crash', 'labelled');
    assert.equal(judge(c, o), NOTES.has(c.id) ? 'note' : null);
  });
}

test('the hunt (scripts/ansible-hunt25-gen.ts): every item agrees with ansible-core, or bdm-lab notes the loop it does not expand', () => {
  const bad: string[] = [];
  let agree = 0;
  let notes = 0;
  for (const [c, o] of load('hunt.json', 'hunt-labels.jsonl')) {
    const d = judge(c, o);
    if (d === null) agree++;
    else if (d === 'note') notes++;
    else bad.push(`${c.id}: ${d}`);
  }
  assert.deepEqual(bad, []);
  assert.ok(agree > notes * 4, `${agree} agree, ${notes} notes`);
});

const T = (loop: string, args = '') => `- openstack.cloud.server:\n    name: "{{ item }}"\n    image: cirros\n    flavor: m1\n${args}  ${loop}\n`;

test('one document per item, each labelled with its item; the first placed on the task, the others on their item\'s text too', () => {
  const text = T('loop: [web1, web2, web3]');
  const docs = ansibleSources(text);
  assert.deepEqual(docs.map((d) => d.body && (d.body as { server: { name: string } }).server.name), ['web1', 'web2', 'web3']);
  assert.match(docs[1]!.toolLabel, /loop item 1 of 3: `web2`/);
  const whole = docs.map((d) => d.locate([], 'whole')!);
  assert.equal(text.slice(whole[0]!.offset, whole[0]!.offset + whole[0]!.length).trimEnd(), text.trimEnd().slice(2));
  assert.equal(text.slice(whole[2]!.offset, whole[2]!.offset + whole[2]!.length), 'web3');
});

test('items that send the same body are judged once, with a note naming them', () => {
  const docs = ansibleSources(T('loop: [a, b, c]').replace('"{{ item }}"', 'vm'));
  assert.equal(docs.length, 1);
  assert.match(String(docs[0]!.findings.find((f) => f.code === 'BDM-ANSIBLE-LOOP')?.args?.detail), /^Items 1, 2 of the loop send the same body as item 0: judged once\.$/);
});

test(`a loop of more than ${LOOP_CAP} items: the first ${LOOP_CAP} judged, a note says how many there are`, () => {
  const docs = ansibleSources(T('with_sequence: count=1000'));
  assert.equal(docs.length, LOOP_CAP);
  assert.match(String(docs[0]!.findings.find((f) => f.code === 'BDM-ANSIBLE-LOOP')?.args?.detail), /The loop has 1000 items: bdm-lab judges the first 8\./);
});

test('with_nested and with_sequence make only the items judged (a product of many lists is counted, not built)', () => {
  const lists = Array.from({ length: 40 }, () => '[a, b, c, d]').join(', ');
  const docs = ansibleSources(T(`with_nested: [${lists}]`).replace('"{{ item }}"', '"{{ item | join(\'\') }}"'));
  assert.equal(docs.length, LOOP_CAP);
  assert.match(String(docs[0]!.findings.find((f) => f.code === 'BDM-ANSIBLE-LOOP')?.args?.detail), /more than 1000000000 items/);
  assert.equal(ansibleSources(T('with_sequence: end=100000000000')).length, LOOP_CAP);
});

test('a loop bdm-lab cannot know (a variable from elsewhere) is a note, never a guess: the task judged once, the item unresolved', () => {
  const docs = ansibleSources(T('loop: "{{ hosts_from_inventory }}"'));
  assert.equal(docs.length, 1);
  assert.match(String(docs[0]!.findings.find((f) => f.code === 'BDM-ANSIBLE-LOOP')?.args?.detail), /bdm-lab does not expand the loop/);
});

test('the analysis of a looped playbook: one request per item, each with its own verdict, diagnostics from each', () => {
  const text = '- openstack.cloud.server:\n    name: "{{ item.n }}"\n    image: cirros\n    flavor: m1\n    boot_from_volume: "{{ item.bfv }}"\n  loop:\n    - {n: a, bfv: false}\n    - {n: b, bfv: true}\n';
  const a = analyzeDocument(text, 'yaml', defaultContext());
  assert.equal(a.requests?.length, 2);
  assert.equal(a.requests![0]!.toolError, null);
  assert.match(String(a.requests![1]!.toolError), /boot_from_volume is True but all of the following are missing: volume_size/);
  assert.match(a.requests![1]!.toolLabel, /loop item 1 of 2/);
  assert.ok(a.diagnostics.some((d) => d.code === 'BDM-ANSIBLE-MODULE'));
});

test('linear in the loop\'s length: a list twice as long does not take four times as long (watchdog 30 s)', { timeout: 30_000 }, () => {
  const g = bestGrowth((n) => T(`loop: [${Array.from({ length: n }, (_, i) => `v${i}`).join(', ')}]`), ansibleSources, 20_000, 3.5);
  assert.ok(g.ratio < 3.5, `${describeGrowth('a loop of n items', 20_000, g)} (linear ~2, quadratic ~4)`);
});

test('hover: on the task, the first item\'s request; on an item\'s text, that item\'s', () => {
  const text = '- openstack.cloud.server:\n    name: "{{ item.n }}"\n    image: cirros\n    flavor: m1\n    boot_from_volume: true\n    volume_size: "{{ item.s }}"\n  loop:\n    - {n: a, s: 10}\n    - {n: b, s: 30}\n';
  const ctx = defaultContext();
  const s: DocState = { text, analysis: analyzeDocument(text, 'yaml', ctx), context: ctx, tooLarge: false, lab: { name: 'none', labHost: null, problem: null }, hashes: nodeHost().hashes };
  const onTask = JSON.stringify(hoverOf(s, text.indexOf('image')));
  assert.match(onTask, /loop item 0 of 2/);
  assert.match(onTask, /volume_size.{0,8}10/);
  const onItem = JSON.stringify(hoverOf(s, text.indexOf('n: b')));
  assert.match(onItem, /loop item 1 of 2/);
  assert.match(onItem, /volume_size.{0,8}30/);
});

test('range: a step of 0 (a ValueError Ansible does not word as a template error) and a range of more items than bdm-lab makes are notes, never guesses', () => {
  for (const l of ['loop: "{{ range(1, 5, 0) | list }}"', 'loop: "{{ [range(200000) | length] }}"']) {
    const x = readLoopItems(findTasks(T(l))[0]!);
    assert.ok(x && !('items' in x) && !x.refused, l);
    assert.ok(x.once?.findings.some((f) => f.code === 'BDM-ANSIBLE-LOOP'), l);
  }
  // a range's slice is a range, which Templar makes a list (ansible-core 2.14: `{{ range(3)[1:] }}` is [1, 2])
  const sliced = readLoopItems(findTasks(T('loop: "{{ range(3)[1:] }}"'))[0]!);
  assert.ok(sliced && 'items' in sliced);
  assert.equal(sliced.items.length, 2);
});

test('each diagnostic of a loop item says its item (a related place: "loop item i of n: `text`"), codes unchanged', () => {
  const text = '- openstack.cloud.server:\n    name: "{{ item.n }}"\n    image: cirros\n    flavor: m1\n    boot_from_volume: true\n    volume_size: "{{ item.s }}"\n  loop:\n    - {n: a, s: 5}\n    - {n: b, s: x}\n';
  const a = analyzeDocument(text, 'yaml', defaultContext());
  const m = a.diagnostics.find((d) => d.code === 'BDM-ANSIBLE-MODULE')!;
  assert.ok(m, 'the module refuses item 1');
  const at = text.indexOf('{n: b');
  const r = m.related.at(-1)!;
  assert.deepEqual([r.span.offset, r.span.length, r.message], [at, '{n: b, s: x}'.length, 'loop item 1 of 2: `{n: b, s: x}`']);
  for (const d of a.diagnostics) assert.match(d.related.at(-1)?.message ?? '', /^loop item [01] of 2: /);
});
