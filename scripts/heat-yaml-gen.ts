/**
 * Broken HOT templates for the differential test of bdm-lab's YAML refusals against Heat's
 * (template_format.simple_parse: libyaml, then PyYAML's words): hand-written families of the
 * block-context mistakes people make (indentation, tabs, a `:` where no value may be, quotes left
 * open, `- ` and `? ` where they may not be, odd keys, stray brackets, anchors, tags, directives,
 * documents) and random edits of valid templates (a space, tab, colon, quote, dash, bracket or
 * character deleted, inserted or doubled).
 * Usage: node --import tsx scripts/heat-yaml-gen.ts COUNT SEED [BASES.json] > cases.json
 * Label: /usr/bin/python3 test/fixtures/heat/yaml_block_errors.py TEXTS.json (TEXTS: {id: template}),
 * compare: scripts/heat-yaml-difftest.ts.
 */

import { readFileSync } from 'node:fs';

let seed = Number(process.argv[3] ?? 1) >>> 0 || 1;
function rnd(): number {
  seed ^= seed << 13; seed >>>= 0;
  seed ^= seed >> 17;
  seed ^= seed << 5; seed >>>= 0;
  return seed / 0x100000000;
}
const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rnd() * xs.length)];

const BASES = [
  `heat_template_version: 2018-08-31
description: A server booted from a volume
parameters:
  image:
    type: string
    default: cirros
  size:
    type: number
    default: 10
resources:
  vol:
    type: OS::Cinder::Volume
    properties:
      size: {get_param: size}
  srv:
    type: OS::Nova::Server
    properties:
      flavor: m1.small
      block_device_mapping_v2:
        - image: {get_param: image}
          boot_index: 0
          volume_size: 10
          delete_on_termination: true
        - volume_id: {get_resource: vol}
          boot_index: 1
      networks:
        - network: private
`,
  `heat_template_version: 2021-04-16
resources:
  server:
    type: OS::Nova::Server
    properties:
      name: "web-1"
      flavor: 'm1.tiny'
      image: cirros
      user_data: |
        #!/bin/sh
        echo hello
      block_device_mapping:
        - device_name: vdb
          volume_id: vol-1
          delete_on_termination: false
      metadata: {role: web, tier: "front"}
outputs:
  ip:
    value: {get_attr: [server, first_address]}
`,
  `heat_template_version: queens
parameters:
  flavor: {type: string, default: m1.small}
  disks:
    type: comma_delimited_list
    default: [a, b]
resources:
  boot:
    type: OS::Nova::Server
    properties:
      flavor: {get_param: flavor}
      block_device_mapping_v2:
      - boot_index: 0
        image: cirros
        volume_size: 20
      - source_type: blank
        volume_size: 1
`,
];

/** the families: a base template with one line (or a few) replaced */
const FAMILIES: Array<[string, string]> = [
  // indentation
  ['indent-less-key', 'heat_template_version: 2018-08-31\nresources:\n  srv:\n    type: OS::Nova::Server\n   properties:\n      flavor: m1.small\n'],
  ['indent-more-key', 'heat_template_version: 2018-08-31\nresources:\n  srv:\n    type: OS::Nova::Server\n     properties:\n      flavor: m1.small\n'],
  ['indent-value-less', 'heat_template_version: 2018-08-31\nresources:\n  srv:\n    type: OS::Nova::Server\n    properties:\n      flavor: m1.small\n     image: cirros\n'],
  ['indent-seq-less', 'heat_template_version: 2018-08-31\nresources:\n  srv:\n    type: OS::Nova::Server\n    properties:\n      block_device_mapping_v2:\n        - image: cirros\n         boot_index: 0\n'],
  ['indent-seq-more', 'heat_template_version: 2018-08-31\nresources:\n  srv:\n    type: OS::Nova::Server\n    properties:\n      block_device_mapping_v2:\n        - image: cirros\n           boot_index: 0\n'],
  ['indent-seq-dash-less', 'heat_template_version: 2018-08-31\nresources:\n  srv:\n    type: OS::Nova::Server\n    properties:\n      block_device_mapping_v2:\n        - image: cirros\n       - volume_id: v\n'],
  ['indent-top-space', 'heat_template_version: 2018-08-31\n resources:\n  srv:\n    type: OS::Nova::Server\n'],
  ['indent-top-space2', ' heat_template_version: 2018-08-31\nresources:\n  srv:\n    type: OS::Nova::Server\n'],
  ['indent-seq-then-key', 'heat_template_version: 2018-08-31\nresources:\n  srv:\n    type: OS::Nova::Server\n    properties:\n      networks:\n        - network: a\n      - network: b\n'],
  ['indent-seq-under-key-less', 'heat_template_version: 2018-08-31\nresources:\n  srv:\n    type: OS::Nova::Server\n    properties:\n      networks:\n    - network: a\n'],
  ['indent-key-after-seq', 'heat_template_version: 2018-08-31\na:\n  - x\n  y: 1\n'],
  ['indent-seq-after-key', 'heat_template_version: 2018-08-31\na:\n  y: 1\n  - x\n'],
  ['indent-seq-after-scalar', 'heat_template_version: 2018-08-31\na: b\n  - x\n'],
  ['indent-map-after-scalar', 'heat_template_version: 2018-08-31\na: b\n  c: d\n'],
  ['indent-scalar-more-lines', 'heat_template_version: 2018-08-31\na:\n  b: c\n d\n'],
  // tabs
  ['tab-indent', 'heat_template_version: 2018-08-31\nresources:\n\tsrv:\n    type: OS::Nova::Server\n'],
  ['tab-after-spaces', 'heat_template_version: 2018-08-31\nresources:\n  srv:\n  \ttype: OS::Nova::Server\n'],
  ['tab-after-colon', 'heat_template_version: 2018-08-31\nresources:\n  srv:\n    type:\tOS::Nova::Server\n'],
  ['tab-after-dash', 'heat_template_version: 2018-08-31\na:\n  -\tx\n'],
  ['tab-before-colon', 'heat_template_version: 2018-08-31\na\t: 1\n'],
  ['tab-end-of-line', 'heat_template_version: 2018-08-31\na: 1\t\nb: 2\n'],
  ['tab-in-value', 'heat_template_version: 2018-08-31\na: x\ty\n'],
  ['tab-blank-line', 'heat_template_version: 2018-08-31\na:\n\t\n  b: 1\n'],
  ['tab-before-comment', 'heat_template_version: 2018-08-31\na: 1\n\t# c\n'],
  // mapping values where none may be
  ['colon-twice', 'heat_template_version: 2018-08-31\nresources:\n  srv:\n    type: OS::Nova::Server: x\n'],
  ['colon-in-value', 'heat_template_version: 2018-08-31\na: b: c\n'],
  ['colon-seq-value', 'heat_template_version: 2018-08-31\na:\n  - b: c: d\n'],
  ['colon-after-quoted', 'heat_template_version: 2018-08-31\na: "b" c: d\n'],
  ['colon-multiline-key', 'heat_template_version: 2018-08-31\na:\n  b\n  c: d\n'],
  ['colon-missing', 'heat_template_version: 2018-08-31\nresources\n  srv:\n    type: OS::Nova::Server\n'],
  ['colon-missing-inner', 'heat_template_version: 2018-08-31\nresources:\n  srv\n    type: OS::Nova::Server\n'],
  ['colon-missing-last', 'heat_template_version: 2018-08-31\nresources:\n  srv:\n    type OS::Nova::Server\n    properties:\n      flavor: x\n'],
  ['colon-no-space', 'heat_template_version: 2018-08-31\nresources:\n  srv:\n    type:OS::Nova::Server\n    properties:\n      flavor: x\n'],
  ['colon-key-no-space-end', 'heat_template_version: 2018-08-31\nresources:\n  srv:\n    type: OS::Nova::Server\n    properties:flavor\n'],
  // quotes
  ['quote-open-double', 'heat_template_version: 2018-08-31\na: "abc\nb: 1\n'],
  ['quote-open-single', "heat_template_version: 2018-08-31\na: 'abc\nb: 1\n"],
  ['quote-open-to-end', 'heat_template_version: 2018-08-31\na: "abc\n'],
  ['quote-trailing-text', 'heat_template_version: 2018-08-31\na: "abc" def\n'],
  ['quote-trailing-single', "heat_template_version: 2018-08-31\na: 'abc' def\n"],
  ['quote-bad-escape', 'heat_template_version: 2018-08-31\na: "C:\\dir"\n'],
  ['quote-bad-hex', 'heat_template_version: 2018-08-31\na: "\\x4"\n'],
  ['quote-key-trailing', 'heat_template_version: 2018-08-31\n"a" b: 1\n'],
  ['quote-doc-separator', 'heat_template_version: 2018-08-31\na: "x\n---\n"\n'],
  ['quote-in-plain', "heat_template_version: 2018-08-31\na: it's\nb: 'it''s'\n"],
  // dashes, keys
  ['dash-after-value', 'heat_template_version: 2018-08-31\na: b - c\nd: - e\n'],
  ['dash-after-key-value', 'heat_template_version: 2018-08-31\na: - e\n'],
  ['dash-same-line', 'heat_template_version: 2018-08-31\na:\n  - x - y\n  - - z\n'],
  ['dash-in-map', 'heat_template_version: 2018-08-31\na:\n  b: 1\n  -c: 2\n  - d\n'],
  ['qkey-block', 'heat_template_version: 2018-08-31\n? a\n: 1\n'],
  ['qkey-after-value', 'heat_template_version: 2018-08-31\na: ? b\n'],
  ['qkey-complex', 'heat_template_version: 2018-08-31\n? - a\n  - b\n: 1\n'],
  ['qkey-noval', 'heat_template_version: 2018-08-31\n? x\nb: 1\n'],
  ['qkey-flow-nospace', 'heat_template_version: 2018-08-31\na: [?x]\n'],
  ['qkey-flow-map-nospace', 'heat_template_version: 2018-08-31\na: {?x: 1}\n'],
  ['qkey-flow-map-nospace2', 'heat_template_version: 2018-08-31\na: {?x}\n'],
  ['qkey-flow-seq-pair', 'heat_template_version: 2018-08-31\na: [?x: 1, y]\n'],
  ['qkey-plain-start', 'heat_template_version: 2018-08-31\na: ?x\n'],
  ['qkey-flow-mid', 'heat_template_version: 2018-08-31\na: [x?y, z]\n'],
  ['qkey-flow-mid-map', 'heat_template_version: 2018-08-31\na: {x?y: 1}\n'],
  ['key-duplicate', 'heat_template_version: 2018-08-31\na: 1\na: 2\n'],
  ['key-empty', 'heat_template_version: 2018-08-31\n: 1\n'],
  ['key-flow-seq', 'heat_template_version: 2018-08-31\n[a, b]: 1\n'],
  ['key-flow-map', 'heat_template_version: 2018-08-31\n{a: 1}: 1\n'],
  ['key-long', `heat_template_version: 2018-08-31\n${'k'.repeat(1030)}: 1\n`],
  // brackets
  ['bracket-unclosed-seq', 'heat_template_version: 2018-08-31\na: [1, 2\nb: 3\n'],
  ['bracket-unclosed-map', 'heat_template_version: 2018-08-31\na: {x: 1\nb: 3\n'],
  ['bracket-extra-close', 'heat_template_version: 2018-08-31\na: [1, 2]]\n'],
  ['bracket-extra-close-map', 'heat_template_version: 2018-08-31\na: {x: 1}}\n'],
  ['bracket-close-start', 'heat_template_version: 2018-08-31\na: ]\n'],
  ['bracket-close-map-start', 'heat_template_version: 2018-08-31\n}\n'],
  ['bracket-after-seq', 'heat_template_version: 2018-08-31\na: [1] x\n'],
  ['bracket-mismatch', 'heat_template_version: 2018-08-31\na: [1, 2}\n'],
  // indicators
  ['at-start', 'heat_template_version: 2018-08-31\na: @x\n'],
  ['backtick-start', 'heat_template_version: 2018-08-31\na: `x`\n'],
  ['percent-start', 'heat_template_version: 2018-08-31\na: %x\n'],
  ['percent-line', 'heat_template_version: 2018-08-31\n%x\n'],
  ['directive-late', 'heat_template_version: 2018-08-31\n%YAML 1.1\n---\na: 1\n'],
  ['directive-bad', '%YAML 2.0\n---\nheat_template_version: 2018-08-31\n'],
  ['directive-nodoc', '%YAML 1.1\nheat_template_version: 2018-08-31\n'],
  ['directive-tag-dup', '%TAG !x! tag:a,2000:\n%TAG !x! tag:b,2000:\n---\nheat_template_version: 2018-08-31\n'],
  ['pipe-bad', 'heat_template_version: 2018-08-31\na: |x\n  y\n'],
  ['pipe-zero', 'heat_template_version: 2018-08-31\na: |0\n  y\n'],
  ['pipe-text', 'heat_template_version: 2018-08-31\na: | text\n  y\n'],
  ['pipe-less', 'heat_template_version: 2018-08-31\na:\n  b: |\n    x\n   y\n'],
  ['gt-after', 'heat_template_version: 2018-08-31\na: >-\n   x\n  y: 1\n'],
  // anchors, aliases, tags
  ['anchor-empty', 'heat_template_version: 2018-08-31\na: & x\n'],
  ['anchor-bad-char', 'heat_template_version: 2018-08-31\na: &x.y 1\n'],
  ['alias-undefined', 'heat_template_version: 2018-08-31\na: *x\n'],
  ['alias-bad', 'heat_template_version: 2018-08-31\na: *\n'],
  ['anchor-dup', 'heat_template_version: 2018-08-31\na: &x 1\nb: &x 2\n'],
  ['tag-unknown-handle', 'heat_template_version: 2018-08-31\na: !x!y 1\n'],
  ['tag-verbatim-open', 'heat_template_version: 2018-08-31\na: !<tag:x 1\n'],
  ['tag-no-space', 'heat_template_version: 2018-08-31\na: !!str,x\n'],
  ['tag-unknown', 'heat_template_version: 2018-08-31\na: !foo 1\n'],
  ['tag-python', 'heat_template_version: 2018-08-31\na: !!python/object:os.system 1\n'],
  // documents
  ['doc-two', 'heat_template_version: 2018-08-31\n---\na: 1\n'],
  ['doc-end-then', 'heat_template_version: 2018-08-31\n...\na: 1\n'],
  ['doc-start-inline', '--- heat_template_version: 2018-08-31\n'],
  ['doc-two-explicit', '---\nheat_template_version: 2018-08-31\n---\n'],
  // characters
  ['char-nul', 'heat_template_version: 2018-08-31\na: x\u0000y\n'],
  ['char-bell', 'heat_template_version: 2018-08-31\n\u0007a: 1\n'],
  ['char-bom-mid', 'heat_template_version: 2018-08-31\na: \ufeffx\n'],
  ['char-crlf-tab', 'heat_template_version: 2018-08-31\r\na:\r\n\tb: 1\r\n'],
  ['char-astral-mark', 'heat_template_version: 2018-08-31\na: \u{1F600}\u{1F600} b: c\n'],
  ['char-bom-start', '\ufeffheat_template_version: 2018-08-31\na: b: c\n'],
  ['char-bom-line1', '\ufeffa: b: c\n'],
  ['char-bom-key', 'heat_template_version: 2018-08-31\na: \ufeffx: c: d\n'],
  ['char-cr', 'heat_template_version: 2018-08-31\ra: b: c\r'],
  ['char-nel', 'heat_template_version: 2018-08-31\u0085a: b: c\n'],
  ['char-ls', 'heat_template_version: 2018-08-31\u2028a: b: c\n'],
  ['char-crlf-indent', 'heat_template_version: 2018-08-31\r\na:\r\n  b: 1\r\n c: 2\r\n'],
  ['json-bad-tab', '{"a": 1,}\n\tb'],
  ['json-tab', '{"heat_template_version":\t"2018-08-31"}'],
  ['char-long-line', `heat_template_version: 2018-08-31\na: ${'x'.repeat(100)} b: c ${'y'.repeat(100)}\n`],
  // comments
  ['comment-no-space', 'heat_template_version: 2018-08-31\na: 1# c\nb:#c\n  - x\n'],
  ['comment-in-key', 'heat_template_version: 2018-08-31\na #b: 1\n'],
  // a key written as a list item's continuation
  ['item-then-key-less', 'heat_template_version: 2018-08-31\nresources:\n  srv:\n    properties:\n      block_device_mapping_v2:\n      - image: x\n        boot_index: 0\n     volume_size: 1\n'],
];

/** one random edit of a valid template */
function mutate(text: string): string {
  const edits = 1 + Math.floor(rnd() * 2);
  let t = text;
  for (let e = 0; e < edits; e++) {
    const at = Math.floor(rnd() * t.length);
    const op = rnd();
    if (op < 0.35) t = t.slice(0, at) + pick([' ', '  ', '\t', ':', ': ', '"', "'", '- ', '-', '[', ']', '{', '}', ',', '?', '? ', '#', '&a ', '*a', '!', '|', '>', '%', '@', '`', '\n', '\n ']) + t.slice(at);
    else if (op < 0.6) t = t.slice(0, at) + t.slice(at + 1 + Math.floor(rnd() * 2));
    else if (op < 0.8) {
      // a line's indentation changed
      const ls = t.lastIndexOf('\n', at) + 1;
      t = rnd() < 0.5 ? t.slice(0, ls) + pick([' ', '  ', '\t', ' \t']) + t.slice(ls) : t.slice(0, ls) + t.slice(ls).replace(/^ {1,2}/, '');
    } else {
      // a line's `: ` changed
      const ls = t.lastIndexOf('\n', at) + 1;
      const le = t.indexOf('\n', at);
      const line = t.slice(ls, le < 0 ? t.length : le);
      const changed = line.replace(/: ?/, pick([':', ' :', ': :', '::', ' ', '', ': - ', ': ? ', ':\t']));
      t = t.slice(0, ls) + changed + t.slice(ls + line.length);
    }
  }
  return t;
}

const count = Number(process.argv[2] ?? 300);
// BASES.json (optional): [{template}] (e.g. test/fixtures/heat/cases.json) whose templates are edited instead
const basesFile = process.argv[4];
const bases = basesFile ? (JSON.parse(readFileSync(basesFile, 'utf8')) as Array<{ template: string }>).map((c) => c.template).filter((t) => typeof t === 'string') : BASES;
const cases: Array<{ id: string; template: string }> = basesFile ? [] : FAMILIES.map(([id, template]) => ({ id: `family-${id}`, template }));
for (let i = 0; cases.length < count; i++) cases.push({ id: `mut-${seed}-${i}`, template: mutate(pick(bases)) });
process.stdout.write(JSON.stringify(cases, null, 1) + '\n');
