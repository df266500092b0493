/**
 * Fuzzing the judges: valid seeds (request bodies, volumeAttachment bodies, lab-host files,
 * libvirt XML) are mutated (truncation, insertion, deletion, duplication, type swaps, deep
 * nesting, huge strings, unicode, duplicated keys) and every result must be judged without an
 * exception, within a time limit, with every diagnostic range inside the document.
 * Used by test/unit/fuzz.test.ts (fixed seed) and scripts/fuzz.ts (`npm run fuzz`, longer).
 */
import { readFileSync, readdirSync, existsSync, mkdtempSync, writeFileSync, rmSync } from 'node:fs';
import { spawn, spawnSync } from 'node:child_process';
import { tmpdir } from 'node:os';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { analyzeJson } from '../server/src/analyze';
import { analyzeLibvirtXml } from '../server/src/libvirtxml';
import { analyzeDocument } from '../server/src/document';
import { defaultContext, type Context } from '../server/src/model/context';
import { loadLabHost } from '../server/src/attach';
import { rng } from './difftest-gen';

export const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');

export type DocKind = 'json' | 'attach' | 'labhost' | 'xml' | 'shell' | 'heat' | 'ansible' | 'terraform';
/** the kinds read by the text sources (scripts, Heat templates, playbooks, Terraform files): `loadSeeds({ sources: true })` */
export const SOURCE_KINDS: readonly DocKind[] = ['shell', 'heat', 'ansible', 'terraform'];
/** a document's file extension (the CLI picks the reader by it) */
export const extOf = (k: DocKind): string => (k === 'xml' ? 'xml' : k === 'shell' ? 'sh' : k === 'heat' ? 'yaml' : k === 'ansible' ? 'yml' : k === 'terraform' ? 'tf' : 'json');
export interface Seed {
  name: string;
  kind: DocKind;
  text: string;
}

function readDir(dir: string, re: RegExp): Array<{ name: string; text: string }> {
  if (!existsSync(dir)) return [];
  return readdirSync(dir)
    .filter((f) => re.test(f))
    .sort()
    .map((f) => ({ name: f, text: readFileSync(join(dir, f), 'utf8') }));
}

/** Valid documents of every kind from the repository (samples, fixtures, lab hosts); with `sources`, scripts, Heat templates and playbooks too. */
export function loadSeeds(opts: { sources?: boolean } = {}): Seed[] {
  const seeds: Seed[] = [];
  if (opts.sources) seeds.push(...sourceSeeds());
  for (const f of readDir(join(ROOT, 'samples', 'workspace'), /\.json$/)) seeds.push({ name: f.name, kind: f.text.includes('volumeAttachment') ? 'attach' : 'json', text: f.text });
  // a handful of generated bodies Nova accepts (labelled corpus)
  const corpusFile = join(ROOT, 'test', 'fixtures', 'difftest', 'corpus.json');
  if (existsSync(corpusFile)) {
    const corpus = JSON.parse(readFileSync(corpusFile, 'utf8')) as { cases: Array<{ id: string; kind: string; payloadText: string; oracle: { valid: boolean } }> };
    const ok = corpus.cases.filter((c) => c.oracle.valid);
    for (const c of ok.filter((x) => x.kind === 'server').slice(0, 12)) seeds.push({ name: c.id, kind: 'json', text: c.payloadText });
    for (const c of ok.filter((x) => x.kind === 'attach').slice(0, 4)) seeds.push({ name: c.id, kind: 'attach', text: c.payloadText });
  }
  for (const f of readDir(join(ROOT, 'labhosts'), /\.labhost\.json$/)) seeds.push({ name: f.name, kind: 'labhost', text: f.text });
  for (const f of readDir(join(ROOT, 'samples', 'workspace', 'libvirt'), /\.xml$/)) seeds.push({ name: f.name, kind: 'xml', text: f.text });
  for (const f of readDir(join(ROOT, 'test', 'fixtures', 'libvirtxml'), /^(valid|parser).*\.xml$/).slice(0, 10)) seeds.push({ name: f.name, kind: 'xml', text: f.text });
  return seeds;
}

/** Scripts, Heat templates and playbooks: the repository's sample and hunt fixtures (a sample of each). */
function sourceSeeds(): Seed[] {
  const seeds: Seed[] = [];
  const json = <T>(...p: string[]): T | null => {
    const f = join(ROOT, ...p);
    return existsSync(f) ? (JSON.parse(readFileSync(f, 'utf8')) as T) : null;
  };
  const every = <T>(xs: T[], k: number) => xs.filter((_, i) => i % k === 0);
  for (const c of every(json<Array<{ id: string; script: string }>>('test', 'fixtures', 'osc-hunt23', 'cases.json') ?? [], 2)) seeds.push({ name: `osc-hunt23/${c.id}`, kind: 'shell', text: c.script });
  for (const c of every(json<Array<{ id: string; script: string }>>('test', 'fixtures', 'osc-hunt23', 'generated-cases.json') ?? [], 30)) seeds.push({ name: `osc-hunt23/${c.id}`, kind: 'shell', text: c.script });
  const heat = readFileSync(join(ROOT, 'samples', 'workspace', 'heat-server.yaml'), 'utf8');
  seeds.push({ name: 'heat-server.yaml', kind: 'heat', text: heat });
  for (const c of every(json<Array<{ id: string; template: string }>>('test', 'fixtures', 'heat-hunt23', 'yaml-flow-indicators.json') ?? [], 25)) seeds.push({ name: `heat-hunt23/${c.id}`, kind: 'heat', text: heat.replace('name: ', '') + c.template.replace(/^heat_template_version[^\n]*\n/, '') });
  seeds.push({ name: 'boot-from-volume.yml', kind: 'ansible', text: readFileSync(join(ROOT, 'samples', 'workspace', 'ansible', 'boot-from-volume.yml'), 'utf8') });
  const a = json<{ cases: Array<{ id: string; t: string }> }>('test', 'fixtures', 'ansible-hunt22', 'cases.json');
  for (const c of every(a?.cases ?? [], 8)) seeds.push({ name: `ansible-hunt22/${c.id}`, kind: 'ansible', text: `- hosts: localhost\n  vars:\n    n: 15\n    s: abc\n    l: [a, b]\n  tasks:\n    - openstack.cloud.server:\n        name: ${JSON.stringify(c.t)}\n        image: cirros\n        flavor: m1\n        boot_from_volume: true\n        volume_size: 1\n` });
  seeds.push({ name: 'boot-from-volume.tf', kind: 'terraform', text: readFileSync(join(ROOT, 'samples', 'workspace', 'boot-from-volume.tf'), 'utf8') });
  for (const c of every(json<Array<{ id: string; tf: string }>>('test', 'fixtures', 'terraform', 'generated.json') ?? [], 20)) seeds.push({ name: `terraform/${c.id}`, kind: 'terraform', text: c.tf });
  // the function and format hunts' expressions, as a block device's size
  for (const hunt of ['terraform-hunt37', 'terraform-hunt38']) {
    const f = join(ROOT, 'test', 'fixtures', hunt, 'cases.jsonl');
    if (!existsSync(f)) continue;
    const exprs = readFileSync(f, 'utf8').split('\n').filter(Boolean).map((l) => (JSON.parse(l) as { expr?: string }).expr).filter((e): e is string => typeof e === 'string');
    for (const [k, e] of every(exprs, 25).entries()) seeds.push({ name: `${hunt}/${k}`, kind: 'terraform', text: tfInstance(e) });
  }
  return seeds;
}

/** an instance whose one block device's size is `expr`, after a few locals and a variable */
export const tfInstance = (expr: string, locals = 'l = [1, 2, 3]\n  m = { a = "x" }', pre = ''): string =>
  `${pre}variable "size" {\n  default = 2\n}\nlocals {\n  ${locals}\n}\nresource "openstack_compute_instance_v2" "vm" {\n  name = "vm"\n  flavor_name = "m1.small"\n  image_name = "cirros"\n  block_device {\n    uuid = "11111111-1111-4111-8111-111111111111"\n    source_type = "image"\n    destination_type = "volume"\n    boot_index = 0\n    volume_size = ${expr}\n  }\n}\n`;

/**
 * Defects the fuzzer finds today, recognised by their symptom: reported (and counted) but not
 * failing, so that a NEW kind of failure stands out. Each one has a fixed reproducer in
 * test/unit/fuzz.test.ts (a todo test) that starts passing once it is fixed.
 */
export const KNOWN_ISSUES: Array<{ id: string; reason: string; matches: (f: FuzzFailure) => boolean }> = [];

export function knownIssueOf(f: FuzzFailure): string | null {
  return KNOWN_ISSUES.find((k) => k.matches(f))?.id ?? null;
}

const JSON_BITS = ['{', '}', '[', ']', ',', ':', '"', '\\', 'null', 'true', '1e309', '-0', '0.0', '1e0', '"\\u0000"', '"\\ud800"', '"\ud83d\udca5"', '/*', '//', '\u2028', '\ufeff', '"boot_index": "0",', '"source_type": "image",', '"no_device": "false",', '"volume_size": 10.0,', '"block_device_mapping_v2": [', '"server": {', '"volumeAttachment": ', 'NaN', '\t\r\n'];
const XML_BITS = ['<', '>', '/>', '</disk>', '<disk type="file" device="disk">', '&amp;', '&lol;', '<!--', '-->', '<![CDATA[', ']]>', '<?xml version="1.0"?>', '<!DOCTYPE d [<!ENTITY a "aaaa">]>', '"', "'", '=', 'dev="vdb"', 'bus="virtio"', '\u0000', '\ud83d\udca5', '\ud800', '<target/>', '<source/>', '&#0;', '&#x110000;'];
const OSC = 'openstack server create --flavor m1 --image cirros --block-device source_type=image,uuid=cirros,destination_type=volume,volume_size=1,boot_index=0 vm';
const WRAPPERS = ['sudo', 'sudo -E', 'sudo -n -u root', 'sudo --preserve-env', 'sudo --preserve-env=OS_COMPUTE_API_VERSION', 'sudo -i', 'sudo --', 'env', 'env -i', 'env -i PATH=/bin', 'env -u OS_COMPUTE_API_VERSION', 'env -uOS_COMPUTE_API_VERSION', 'env OS_COMPUTE_API_VERSION=2.60', 'env --', 'nice', 'nice -n 5', 'nice -5', 'nohup', 'timeout 3', 'timeout -s KILL 30', 'timeout --foreground 1m', 'command', 'command -p', 'command -v', 'command -V', 'exec', 'exec -a x', 'exec -c', 'builtin', 'time', 'time -p', 'OS_COMPUTE_API_VERSION=2.7', 'A=1', '\\\n'];
const SHELL_BITS = ['(', ')', '$(', '`', '{', '}', '|', '|&', '&', ';', ';;', '&&', '||', '\n', '<<EOF\n', '\nEOF\n', '<<-', "'", '"', '\\', '#', 'coproc ', 'f() ', 'function ', 'local ', 'declare -x ', 'export ', 'unset ', 'readonly ', 'sudo -E ', 'env -i ', 'nice -n 5 ', 'timeout 3 ', 'command ', 'exec ', 'builtin ', 'time ', 'nohup ', 'OS_COMPUTE_API_VERSION=2.9 ', '$((', '))', '${', '${x:-', '<(', '>(', ' do ', ' done', ' then ', ' fi', ' esac', '\\\n'];
const FLOW_ATOMS = ['a', '-', '?', ':', '""', "''", '"a:b"', '1', 'null', '~', '!t', '&a', '*a', '!!str', '- x', '?x', ':x', 'a:b', 'a: b', '#', '-#', '{}', '[]', '!<tag:x> y', '|', '>', '@', '`', '%', '"\\u0000"'];
const FLOW_BITS = ['[', ']', '{', '}', ',', '-', '- ', '?', '? ', ':', ': ', ' #c\n', '#', '!', '!t ', '&a ', '*a', '!!map ', '"', "'", '\t', '\n  ', '\n- ', '|\n', '>-\n', '%YAML 1.1\n', '---\n', '...\n', '<<: ', '{get_param: p}', '{list_concat: [', '{filter: [', '{map_replace: [', '{repeat: {for_each: ', 'deletion_policy: '];
const HEAT_ATOMS = ['a', '-', '"%v%"', '1', 'null', '[]', '{}', '{get_param: p}', '{get_param: big}', '{get_param: [big, k]}', '{get_param: self}', '{get_resource: srv}', '{get_resource: vol}', '{get_attr: [vol, size]}', '{get_attr: [srv, name]}', '[a, -, b]', '{k: v}', '"x:y"'];
const NASTY_RE = ['(a+)+$', '(a|aa)*c', '(a*)*b', '^(\\w+\\s?)*$', '(?P<n>a)(?P=n)', '(?i)a', '(?s).*', '(?x) a # c', '\\Z', '\\A', '[[:alpha:]]', '(?<=a)b', '(?<!a)b', '(?=a)', '\\d{1,99999}', 'a{99999}', '((((((((((a))))))))))\\10', '[^]', '(', ')', '[', '\\', '*', 'a**', '(?P<n>', '(?#c)', '\\g<0>', '$', '^', '', '.', '(?m)^$', '(a?){30}a{30}', '(.*)*x', '\\b', '\\u00e9', '\\x', '(?aiLmsux)a', '(?-i:a)'];
const JINJA_ATOMS = ['1', '2', '0', '-1', '1.5', '1e308', '99999', 'n', 's', 'l', 'd', 'r', "'a'", "'%s'", "''", 'none', 'true', '[]', '{}', '(1,)', "'a' * 999999", '2 ** 62', 'undefined_var', "'\\\\'", "'\u00e9'"];
const JINJA_BITS = ['{{', '}}', '{%', '%}', '**', '%', "'", '"', '(', ')', '|', 'regex_replace(', '.format(', ' * 99999999', '%*d', '{:', '\\', ':', '- ', '\n', '#', '!!python/object ', '&a ', '*a'];
const TF_BITS = ['${', '}', '%{ if true }', '%{ endif }', '%{ for x in local.l }', '%{ endfor }', '"', '\\', '(', ')', '[', ']', '{', '}', ',', '=', '?', ':', '...', '[*]', '.*', '.0', '#', '//', '/*', '*/', '<<EOT\n', '\nEOT\n', '<<-EOT\n', 'var.', 'local.', 'var.size', 'local.l', 'local.nope', 'var.nope', 'each.value', 'count.index', 'self', 'data.x.y.z', 'module.m', 'path.cwd', 'null', '-', '!', '&&', '||', 'for x in local.l : x', 'dynamic "block_device" {\n  for_each = local.l\n  content {}\n}\n', 'count = 2\n', 'for_each = local.m\n', '\n'];
const TF_ATOMS = ['1', '-1', '0', '1.5', '1e308', 'null', 'true', '"a"', '""', '"${var.size}"', 'var.size', 'local.l', 'local.m', 'local.l[0]', 'local.m.a', 'count.index', 'each.value', 'local.nope', 'var.nope', '[]', '{}', 'tolist(local.l)', 'length(local.l)', 'max(1, 2)', 'format("%d", 1)', 'try(local.x, 1)'];
const TYPE_SWAPS: unknown[] = [null, true, false, 0, -1, 1.5, 1e21, '', 'x', '0', [], {}, [null], { a: 1 }, 'é\u0301', '\ud83d\udca5'.repeat(10)];

export class Mutator {
  readonly r: () => number;
  /** longest string the huge-string mutation inserts (characters of its pattern) */
  readonly maxHuge: number;
  /** also the grammar-aware mutations of scripts, templates, playbooks and many controllers in XML */
  readonly extended: boolean;
  constructor(seed: number, maxHuge = 400_000, extended = false) {
    this.r = rng(seed);
    this.maxHuge = maxHuge;
    this.extended = extended;
  }
  int(n: number): number {
    return Math.floor(this.r() * n);
  }
  pick<T>(xs: readonly T[]): T {
    return xs[this.int(xs.length)];
  }

  /** one mutated document from a seed; returns the mutation's name too */
  mutate(seed: Seed): { op: string; text: string } {
    const t = seed.text;
    const xml = seed.kind === 'xml';
    if (SOURCE_KINDS.includes(seed.kind)) return this.mutateSource(seed);
    const ops = ['truncate', 'insert', 'delete', 'duplicate', 'swap-type', 'deep-nest', 'huge-string', 'unicode', 'dup-key', 'many-entries', 'multi'];
    if (this.extended && xml) ops.push('controllers', 'controllers', 'schema-wide');
    const op = this.pick(ops);
    switch (op) {
      case 'truncate':
        return { op, text: t.slice(0, this.int(t.length + 1)) };
      case 'insert': {
        const at = this.int(t.length + 1);
        return { op, text: t.slice(0, at) + this.pick(xml ? XML_BITS : JSON_BITS) + t.slice(at) };
      }
      case 'delete': {
        const at = this.int(t.length + 1);
        return { op, text: t.slice(0, at) + t.slice(at + 1 + this.int(40)) };
      }
      case 'duplicate': {
        const at = this.int(t.length + 1);
        const len = 1 + this.int(200);
        return { op, text: t.slice(0, at + len) + t.slice(at, at + len) + t.slice(at + len) };
      }
      case 'swap-type':
        if (xml) return { op, text: this.xmlAttrSwap(t) };
        return { op, text: this.jsonTypeSwap(t) };
      case 'deep-nest': {
        const depth = 500 + this.int(20000);
        const at = this.int(t.length + 1);
        const open = xml ? '<a>'.repeat(depth) : this.pick(['[', '{"a":', '[{"b":']).repeat(depth);
        const close = this.r() < 0.5 ? '' : xml ? '</a>'.repeat(depth) : ']'.repeat(depth);
        return { op, text: t.slice(0, at) + open + close + t.slice(at) };
      }
      case 'huge-string': {
        const unit = this.pick(['a', 'é', '\ud83d\udca5', '\\"', '/dev/vd', '0']);
        const s = unit.repeat(Math.ceil((1_000 + this.int(this.maxHuge)) / unit.length));
        if (xml) return { op, text: t.replace(/="[^"]*"/, `="${s}"`) };
        return { op, text: t.replace(/"[^"]*"(\s*[,}\]])/, `"${s}"$1`) };
      }
      case 'unicode': {
        const chars = ['\u0000', '\u001f', '\u00a0', '\u200b', '\u202e', '\ud800', '\udfff', '\ufffe', '\uffff', '\ud83d\udca5', 'ǅ', 'İ', '\u0301'];
        let out = t;
        for (let i = 0, n = 1 + this.int(8); i < n; i++) {
          const at = this.int(out.length + 1);
          out = out.slice(0, at) + this.pick(chars) + out.slice(at);
        }
        return { op, text: out };
      }
      case 'many-entries': {
        // thousands of copies of one (possibly broken) entry: work per entry must stay linear
        const m = /"block_device_mapping(?:_v2)?"\s*:\s*\[\s*(\{[^{}]*\})/.exec(t);
        if (!m || xml) return { op, text: t + t };
        const entry = this.r() < 0.5 ? m[1] : this.jsonTypeSwap(m[1]);
        const n = 500 + this.int(3_500);
        const at = m.index + m[0].length;
        return { op, text: t.slice(0, at) + (',' + entry).repeat(n) + t.slice(at) };
      }
      case 'controllers':
        return { op, text: this.manyControllers(t) };
      case 'schema-wide':
        return { op, text: this.schemaWide(t) };
      case 'dup-key': {
        // repeat one "key": value line (JSON) or one attribute (XML)
        const lines = t.split('\n');
        const cand = lines.map((l, i) => [l, i] as const).filter(([l]) => (xml ? /\s\w+="[^"]*"/.test(l) : /^\s*"[^"]+"\s*:/.test(l)));
        if (!cand.length) return { op, text: t + t };
        const [l, i] = this.pick(cand);
        if (xml) {
          const m = /\s\w+="[^"]*"/.exec(l)!;
          lines[i] = l.slice(0, m.index) + m[0] + m[0] + l.slice(m.index);
        } else lines.splice(i, 0, l.trimEnd().endsWith(',') ? l : l + ',');
        return { op, text: lines.join('\n') };
      }
      default: {
        let cur: Seed = seed;
        for (let i = 0, n = 2 + this.int(4); i < n; i++) {
          const m = this.mutate(cur);
          if (m.op === 'multi') continue;
          cur = { ...seed, text: m.text.length > 2_000_000 ? m.text.slice(0, 2_000_000) : m.text };
        }
        return { op, text: cur.text };
      }
    }
  }

  // ---- grammar-aware mutations of scripts, Heat templates, playbooks (extended runs) ----

  mutateSource(seed: Seed): { op: string; text: string } {
    const t = seed.text;
    const bits = seed.kind === 'shell' ? SHELL_BITS : seed.kind === 'heat' ? FLOW_BITS : seed.kind === 'terraform' ? TF_BITS : JINJA_BITS;
    const grammar = seed.kind === 'shell' ? ['shell-gen', 'shell-gen', 'shell-nest', 'shell-locals', 'shell-wrappers', 'shell-heredoc'] : seed.kind === 'heat' ? ['flow', 'flow', 'flow-deep', 'flow-many', 'heat-func', 'heat-func', 'heat-cycle', 'heat-policy'] : seed.kind === 'terraform' ? ['tf-expr', 'tf-expr', 'tf-nest', 'tf-chain', 'tf-wide'] : ['jinja', 'jinja', 'jinja', 'jinja-big'];
    const op = this.pick([...grammar, ...grammar, 'truncate', 'insert', 'delete', 'duplicate', 'unicode', 'multi']);
    switch (op) {
      case 'truncate':
        return { op, text: t.slice(0, this.int(t.length + 1)) };
      case 'insert': {
        let out = t;
        for (let i = 0, n = 1 + this.int(6); i < n; i++) {
          const at = this.int(out.length + 1);
          out = out.slice(0, at) + this.pick(bits) + out.slice(at);
        }
        return { op, text: out };
      }
      case 'delete': {
        const at = this.int(t.length + 1);
        return { op, text: t.slice(0, at) + t.slice(at + 1 + this.int(40)) };
      }
      case 'duplicate': {
        const at = this.int(t.length + 1);
        const len = 1 + this.int(200);
        const times = this.r() < 0.2 ? 100 + this.int(3000) : 1;
        return { op, text: t.slice(0, at + len) + t.slice(at, at + len).repeat(times) + t.slice(at + len) };
      }
      case 'unicode': {
        const chars = ['\u0000', '\u001f', '\u00a0', '\u200b', '\u202e', '\ud800', '\udfff', '\ufffe', '\ud83d\udca5', '\u0301', '\r', '\r\n', '\t', '\u2028', '\u0085'];
        let out = t;
        for (let i = 0, n = 1 + this.int(8); i < n; i++) {
          const at = this.int(out.length + 1);
          out = out.slice(0, at) + this.pick(chars) + out.slice(at);
        }
        return { op, text: out };
      }
      case 'multi': {
        let cur: Seed = seed;
        for (let i = 0, n = 2 + this.int(3); i < n; i++) {
          const m = this.mutateSource(cur);
          if (m.op === 'multi') continue;
          cur = { ...seed, text: m.text.length > 1_000_000 ? m.text.slice(0, 1_000_000) : m.text };
        }
        return { op, text: cur.text };
      }
      // ---- shell
      case 'shell-gen':
        return { op, text: Array.from({ length: 1 + this.int(12) }, () => this.shellStmt(this.int(6))).join(this.pick(['\n', '; ', ' && ', '\n\n'])) + '\n' };
      case 'shell-nest': {
        const depth = 50 + this.int(this.r() < 0.5 ? 500 : 5000);
        const kind = this.int(9);
        const open = ['( ', '$( ', '{ ', 'f() { ', 'coproc { ', 'x=$( ', '"$( ', 'if true; then ', 'for i in 1; do '][kind];
        const close = [' )', ' )', '; }', '; }; f', '; }', ' )', ' )"', '; fi', '; done'][kind];
        const body = this.shellStmt(2);
        const closed = this.r() < 0.8;
        return { op, text: t + open.repeat(depth) + body + (closed ? close.repeat(depth) : close.repeat(this.int(depth))) + '\n' + OSC + ' end\n' };
      }
      case 'shell-locals': {
        const n = 100 + this.int(8000);
        const lines = Array.from({ length: n }, (_, i) => `  ${this.pick(['local', 'declare', 'typeset', 'export', 'readonly', 'unset', 'local -x', 'declare -gx', 'declare +x', 'export -n', 'declare -r', 'unset -v', 'unset -f', 'local -'])} ${this.pick(['OS_COMPUTE_API_VERSION', `V${i}`, `OS_COMPUTE_API_VERSION=2.${i % 100}`, `V${i}=$OS_COMPUTE_API_VERSION`, '-p', '--', '-f f'])}`);
        return { op, text: `f() {\n${lines.join('\n')}\n  ${OSC} in\n}\nf\n${t}` };
      }
      case 'shell-wrappers': {
        const n = this.r() < 0.5 ? 1 + this.int(8) : 100 + this.int(4000);
        const chain = Array.from({ length: n }, () => this.pick(WRAPPERS)).join(' ');
        return { op, text: t + chain + ' ' + OSC + ' w\n' };
      }
      case 'shell-heredoc': {
        const tag = this.pick(['EOF', "'EOF'", '"EOF"', '-EOF', "-'E O F'"]);
        const end = tag.replace(/^-/, '').replace(/['"]/g, '');
        const inner = Array.from({ length: 1 + this.int(4) }, () => this.shellStmt(2)).join('\n');
        const host = this.pick([`( cat <<${tag}`, `f() { cat <<${tag}`, `x=$(cat <<${tag}`, `${this.pick(WRAPPERS)} bash <<${tag}`, `{ cat <<${tag} | cat`]);
        const closer = host.startsWith('(') || host.startsWith('x=') ? ')' : host.startsWith('f') ? '}; f' : host.startsWith('{') ? '}' : '';
        const ended = this.r() < 0.85;
        return { op, text: `${t}${host}\n${inner}\n${ended ? (tag.startsWith('-') ? '\t' : '') + end + '\n' : ''}${closer}\n${OSC} h\n` };
      }
      // ---- heat
      case 'flow':
        return { op, text: this.heatValueInto(t, this.flowValue(this.int(5))) };
      case 'flow-deep': {
        const depth = 50 + this.int(this.r() < 0.5 ? 500 : 5000);
        const unit = this.pick(['[', '{', '[- , ', '{? ', '[? ', '{a: ', '[!!seq ', '[&a ', '{? [', '[- # c\n ']);
        const close = unit.includes('{') ? '}' : ']';
        return { op, text: this.heatValueInto(t, unit.repeat(depth) + this.pick(['', 'x', '-', '?', ':', '*a']) + (this.r() < 0.8 ? close.repeat(depth) : '')) };
      }
      case 'flow-many': {
        const n = 500 + this.int(20000);
        const tok = this.pick(['-', '- ', '?', '? ', ':', ': ', '? -', '- :', '!t -', '&a -', '*a', '? a', 'a:', '"a":b', '-#c\n']);
        const sep = this.pick([', ', ',', ',\n  ', ' , ']);
        const [o, c] = this.pick([['[', ']'], ['{', '}']]);
        return { op, text: this.heatValueInto(t, o + Array.from({ length: n }, () => tok).join(sep) + c) };
      }
      case 'heat-func':
        return { op, text: this.heatValueInto(t, this.heatFn(2 + this.int(5))) };
      case 'heat-cycle': {
        const n = 2 + this.int(this.r() < 0.7 ? 5 : 2000);
        const res = Array.from({ length: n }, (_, i) => `  r${i}:\n    type: OS::Cinder::Volume\n    depends_on: [r${(i + 1) % n}${this.r() < 0.3 ? `, r${i}` : ''}]\n    properties:\n      size: {get_attr: [r${(i + n - 1) % n}, size]}\n      name: {get_resource: r${(i + 1) % n}}\n`).join('');
        const conds = Array.from({ length: Math.min(n, 300) }, (_, i) => `  c${i}: {${this.pick(['not', 'and', 'or'])}: ${this.r() < 0.5 ? `[c${(i + 1) % n}]` : `c${(i + 1) % n}`}}\n`).join('');
        const params = Array.from({ length: Math.min(n, 300) }, (_, i) => `  p${i}: {type: string, default: {get_param: p${(i + 1) % Math.min(n, 300)}}}\n`).join('');
        return { op, text: `heat_template_version: 2018-08-31\nparameters:\n${params}conditions:\n${conds}resources:\n${res}  srv:\n    type: OS::Nova::Server\n    condition: c0\n    depends_on: [srv, r0]\n    properties:\n      flavor: {get_param: p0}\n      image: {get_param: p0}\n      block_device_mapping_v2: [{volume_id: {get_resource: r0}, boot_index: 0}, {volume_id: {get_resource: srv}}]\n      name: ${this.heatFn(2)}\n` };
      }
      case 'heat-policy': {
        const pol = this.pick(['{get_param: pol}', '{if: [c, Retain, Delete]}', '[Retain]', '{}', 'null', '{list_join: ["", [Re, tain]]}', '{get_param: [pol, x]}', '{yaql: {expression: x}}', 'Snapshot', 'retain', '{Fn::Select: [0, [Retain]]}']);
        return { op, text: t.replace(/(\n  (\w+):\n    type: [^\n]+\n)/, `$1    deletion_policy: ${pol}\n    update_policy: ${this.flowValue(2)}\n`) };
      }
      // ---- ansible
      case 'jinja':
        return { op, text: this.playbook(this.jinjaExpr(1 + this.int(4)), this.jinjaExpr(1 + this.int(3))) };
      case 'jinja-big': {
        const big = this.pick([
          () => `${'2 ** '.repeat(2 + this.int(400))}2`,
          () => `'%${this.pick(['', '-', '0', '+', ' ', '#'])}${this.pick(['9', '99999', '999999999', '99999999999999999999', '*'])}${this.pick(['', '.9', '.999999999', '.*'])}${this.pick(['d', 's', 'f', 'e', 'g', 'x', 'r', 'c', '%'])}' % ${this.pick(['1', '(9, 1)', '(999999999, 1)', '(1, 2, 3)', '1.5', "'a'", '(99999, 99999, 1.5)', '2 ** 200'])}`,
          () => `'${'%s'.repeat(1 + this.int(5000))}' % (${Array.from({ length: 1 + this.int(5000) }, (_, i) => i).join(', ')})`,
          () => `${this.pick(["'x'", "'ab'", '[1]', "''", '(1,)'])} * ${this.pick(['999999999', '2 ** 40', '-1', '99999', '1e9', 'True', 'n ** n'])}`,
          () => `'{:{}}'.format(${this.pick(["1, 999999999", "'a', '>999999999'", "1, '{:{}}'", "'a', 99999"])})`,
          () => `'{${':'.repeat(this.int(3))}${'{'.repeat(this.int(50))}}}'.format(1)`,
          () => `s | regex_replace(${JSON.stringify(this.pick(NASTY_RE))}, ${this.pick(["'b'", "'\\\\1'", "'\\\\g<0>'", "''", "'\\\\g<n>'"])})`,
          () => `(${this.pick(["'a'", "'ab'", "'a_'", "'x '"])} * ${1000 + this.int(100000)}) | ${this.pick(['regex_search', 'regex_findall', 'regex_replace'])}(${JSON.stringify(this.pick(NASTY_RE))}${this.r() < 0.5 ? ", 'z'" : ''})`,
          () => `s.${this.pick(['center', 'ljust', 'rjust', 'zfill'])}(${this.pick(['999999999', '2 ** 62', '-5', '99999'])})`,
          () => `(s * 1000).${this.pick(["replace('', 'xy')", "split('')", "split(None, -1)", "count('')", "expandtabs(99999)", "splitlines()", "partition('')", "join(s * 1000)"])}`,
        ])();
        return { op, text: this.playbook(big, this.jinjaExpr(2)) };
      }
      // ---- terraform
      case 'tf-expr':
        return { op, text: tfInstance(this.tfExpr(3)) };
      case 'tf-nest': {
        // deep nesting of one construct (parentheses, lists, objects, conditionals, templates, for)
        const n = 1 + this.int(this.r() < 0.2 ? 3000 : 200);
        const [open, close] = this.pick([['(', ')'], ['[', ']'], ['{a = ', '}'], ['true ? ', ' : 1'], ['"${', '}"'], ['[for x in ', ' : x]'], ['tolist(', ')'], ['-', '']]);
        return { op, text: tfInstance(`${open.repeat(n)}1${close.repeat(n)}`) };
      }
      case 'tf-chain': {
        // locals reading each other (a chain, or a cycle), the block device reading the last
        const n = 2 + this.int(this.r() < 0.2 ? 3000 : 100);
        const cyc = this.r() < 0.3;
        const locals = Array.from({ length: n }, (_, i) => `l${i} = ${i === 0 ? (cyc ? `local.l${n - 1}` : this.tfExpr(1)) : `${this.pick(['', '[', 'tolist(['])}local.l${i - 1}${''}`}`.replace(/\[local\.(l\d+)$/, '[local.$1]').replace(/tolist\(\[local\.(l\d+)$/, 'tolist([local.$1])')).join('\n  ');
        return { op, text: tfInstance(`local.l${n - 1}`, locals) };
      }
      case 'tf-wide': {
        // many block devices, references or arguments in one resource
        const n = 1 + this.int(this.r() < 0.2 ? 5000 : 300);
        return { op, text: tfInstance(this.pick([`length([${Array.from({ length: n }, () => this.pick(TF_ATOMS)).join(', ')}])`, `"${'${var.size}'.repeat(n)}"`, `${Array.from({ length: n }, () => this.pick(TF_ATOMS)).join(this.pick([' + ', ' == ', ' && ', ' ? 1 : ']))}`])) };
      }
      default:
        return { op, text: t };
    }
  }

  /** an HCL expression of depth up to `d` */
  tfExpr(d: number): string {
    if (d <= 0 || this.r() < 0.3) return this.pick(TF_ATOMS);
    return this.pick([
      () => `${this.tfExpr(d - 1)} ${this.pick(['+', '-', '*', '/', '%', '==', '!=', '<', '>=', '&&', '||'])} ${this.tfExpr(d - 1)}`,
      () => `${this.tfExpr(d - 1)} ? ${this.tfExpr(d - 1)} : ${this.tfExpr(d - 1)}`,
      () => `[${Array.from({ length: this.int(4) }, () => this.tfExpr(d - 1)).join(', ')}]`,
      () => `{ ${Array.from({ length: this.int(3) }, (_, i) => `k${i} = ${this.tfExpr(d - 1)}`).join(', ')} }`,
      () => `${this.pick(['length', 'max', 'min', 'tolist', 'tostring', 'tonumber', 'format', 'coalesce', 'try', 'can', 'element', 'lookup', 'concat', 'flatten', 'abs', 'ceil', 'floor', 'parseint', 'jsonencode', 'jsondecode', 'regex', 'replace', 'substr', 'split', 'join', 'nope'])}(${Array.from({ length: this.int(4) }, () => this.tfExpr(d - 1)).join(', ')})`,
      () => `[for ${this.pick(['x', 'k, v'])} in ${this.tfExpr(d - 1)} : ${this.tfExpr(d - 1)}${this.r() < 0.3 ? ` if ${this.tfExpr(d - 1)}` : ''}]`,
      () => `"${this.pick(['a', '', '%%{', '$${x}'])}\${${this.tfExpr(d - 1)}}%{ if ${this.tfExpr(d - 1)} }y%{ endif }"`,
      () => `(${this.tfExpr(d - 1)})${this.pick(['', '[0]', '.a', '[*]', '.*.a', '["k"]'])}`,
    ])();
  }

  shellStmt(d: number): string {
    const leaf = () => this.pick([
      () => `export ${this.pick(['', '-n ', '-p ', '-- '])}OS_COMPUTE_API_VERSION=2.${this.int(100)}`,
      () => `${this.pick(['local', 'declare', 'typeset', 'readonly', 'unset', 'export'])}${this.pick(['', ' -x', ' +x', ' -gx', ' -rx', ' -n', ' -v', ' -f', ' -a', ' -A', ' -i', ' --'])} OS_COMPUTE_API_VERSION${this.pick(['', '=2.60', '=', '=$(echo 2.1)', '+=9', '[0]=2.5'])}`,
      () => `OS_COMPUTE_API_VERSION=2.${this.int(100)}${this.r() < 0.5 ? ' ' + OSC + this.int(9) : ''}`,
      () => `${Array.from({ length: this.int(5) }, () => this.pick(WRAPPERS)).join(' ')} ${OSC}${this.int(99)}`,
      () => OSC + this.int(99),
      () => this.pick(['true', ':', 'cat', 'echo $(( 1 + 2 ))', 'f', 'g', 'exit', 'return', 'shift', 'set -a', 'source x', '. ./x', 'eval export OS_COMPUTE_API_VERSION=2.1', 'alias o=openstack', 'o server create --flavor m1 --image i v']),
    ])();
    if (d <= 0) return leaf();
    const inner = () => this.shellStmt(d - 1);
    return this.pick([
      leaf,
      () => `( ${inner()} )`,
      () => `( ${inner()}; ${inner()} )`,
      () => `x=$( ${inner()} )`,
      () => `echo "$( ${inner()} )" \`${inner()}\``,
      () => `{ ${inner()}; }`,
      () => `f${this.int(3)}() { ${inner()}; }; f${this.int(3)}`,
      () => `function g${this.int(3)} { ${inner()}; }\ng${this.int(3)}`,
      () => `f() ( ${inner()} ); f`,
      () => `coproc ${this.pick(['', 'NAME '])}{ ${inner()}; }`,
      () => `${inner()} | ${inner()}`,
      () => `${inner()} |& cat`,
      () => `${inner()} &`,
      () => `${inner()} && ${inner()}`,
      () => `${inner()} || ${inner()}`,
      () => `! ${inner()}`,
      () => `if ${inner()}; then ${inner()}; else ${inner()}; fi`,
      () => `for i in 1 2; do ${inner()}; done`,
      () => `while ${inner()}; do ${inner()}; break; done`,
      () => `case x in x) ${inner()};; *) ${inner()};; esac`,
      () => `[[ -n x ]] && ${inner()}`,
      () => `time ${inner()}`,
    ])();
  }

  flowValue(d: number): string {
    if (d <= 0) return this.pick(FLOW_ATOMS);
    const n = this.int(6);
    const item = () => (this.r() < 0.3 ? this.pick(FLOW_ATOMS) : this.flowValue(d - 1));
    const pre = () => this.pick(['', '', '', '!t ', '&a ', '!!str ', '&b !t ', '? ', '- ', '# c\n  ']);
    if (this.r() < 0.5) return `[${Array.from({ length: n }, () => pre() + item() + this.pick(['', ': ' + item(), ':' + item(), ' #x\n', ':'])).join(this.pick([', ', ',', ' ,', ',\n  ', ', ,']))}${this.pick(['', ',', ' '])}]`;
    return `{${Array.from({ length: n }, () => pre() + item() + this.pick([': ' + item(), ':', ': ', ':' + item(), '', ' # c\n'])).join(this.pick([', ', ',', ',\n  ']))}${this.pick(['', ',', ' '])}}`;
  }

  /** a value put in the first server's properties (the name) or, failing that, appended as one */
  heatValueInto(t: string, v: string): string {
    const m = /\n(\s+)name: [^\n]*/.exec(t);
    if (m && this.r() < 0.5) return t.slice(0, m.index) + `\n${m[1]}name: ${v}` + t.slice(m.index + m[0].length);
    const re = /\n(\s+)properties:\n/g;
    re.lastIndex = Math.max(0, t.indexOf('OS::Nova::Server'));
    const p = re.exec(t) ?? /\n(\s+)properties:\n/.exec(t);
    if (p) return t.slice(0, p.index + p[0].length) + `${p[1]}  ${this.pick(['metadata', 'name', 'block_device_mapping_v2', 'networks', 'flavor', 'user_data'])}: ${v}\n` + t.slice(p.index + p[0].length);
    return t + `\nx: ${v}\n`;
  }

  heatFn(d: number): string {
    const f = () => (d <= 0 ? this.pick(HEAT_ATOMS) : this.heatFn(d - 1));
    return this.pick([
      () => this.pick(HEAT_ATOMS),
      () => `{list_concat: [[a, b], ${f()}, [${f()}]]}`,
      () => `{list_concat_unique: [${f()}, [${f()}, ${f()}]]}`,
      () => `{filter: [[${f()}, null], [a, ${f()}, ${f()}]]}`,
      () => `{filter: [${f()}, ${f()}]}`,
      () => `{map_replace: [{k: v, ${this.pick(['a', 'b', '-', '"%k%"'])}: ${f()}}, {keys: {k: ${f()}}, values: {v: ${f()}}}]}`,
      () => `{map_replace: [${f()}, ${f()}]}`,
      () => `{map_merge: [{a: ${f()}}, ${f()}]}`,
      () => `{repeat: {for_each: {"%v%": [a, b, ${f()}], "%w%": ${f()}}, template: ${f()}${this.r() < 0.3 ? ', permutations: false' : ''}}}`,
      () => `{list_join: [${this.pick(["','", "''", '-', f()])}, [${f()}, ${f()}]]}`,
      () => `{str_replace: {template: ${f()}, params: {"%v%": ${f()}, a: ${f()}}}}`,
      () => `{str_split: [',', ${f()}${this.r() < 0.5 ? ', 1' : ''}]}`,
      () => `{if: [c0, ${f()}, ${f()}]}`,
      () => `{get_param: [big, ${f()}]}`,
      () => `{yaql: {expression: $.data.x, data: {x: ${f()}}}}`,
      () => `{contains: [${f()}, ${f()}]}`,
      () => `{equals: [${f()}, ${f()}]}`,
      () => `{digest: [sha256, ${f()}]}`,
    ])();
  }

  playbook(expr: string, expr2: string): string {
    const vars = `    n: ${this.pick(['15', '2', '-1', '99999', '1.5', "'3'"])}\n    s: ${this.pick(['abc', "'%s%d'", '"{{ \'a\' * 30 }}"', '"a\\nb"', `"${'a'.repeat(this.int(3000))}"`])}\n    l: [1, a, [b]]\n    d: {k: v, size: 1}\n    r: "{{ n ** n }}"\n`;
    return `- hosts: localhost\n  gather_facts: false\n  vars:\n${vars}  tasks:\n    - name: t\n      openstack.cloud.server:\n        name: ${JSON.stringify('{{ ' + expr + ' }}')}\n        image: cirros\n        flavor: m1.small\n        boot_from_volume: true\n        volume_size: ${JSON.stringify('{{ ' + expr2 + ' }}')}\n        volumes:\n          - ${JSON.stringify(`{{ ${this.jinjaExpr(1)} }}`)}\n`;
  }

  jinjaExpr(d: number): string {
    if (d <= 0) return this.pick(JINJA_ATOMS);
    const e = () => this.jinjaExpr(d - 1);
    return this.pick([
      () => this.pick(JINJA_ATOMS),
      () => `${e()} ** ${e()}`,
      () => `(${e()}) ** (${e()}) ** ${e()}`,
      () => `${e()} % ${e()}`,
      () => `'${this.pick(['%s', '%d', '%5.2f', '%*d', '%-*.*s', '%(a)s', '%%', '%x', '%c', '%r', '%99999s', '%.99999f', '%0999d', '%'])}${this.pick(['', '-%s', '%s%s'])}' % ${this.pick([e(), `(${e()}, ${e()})`, `(${e()}, ${e()}, ${e()})`, `{'a': ${e()}}`])}`,
      () => `${e()} * ${e()}`,
      () => `'${this.pick(['{}', '{0}', '{:>10}', '{:{}}', '{0:{1}.{2}f}', '{a}', '{!r}', '{:,}', '{:0=9999}', '{{}}', '{:%Y}', '{0[0]}', '{0.real}'])}'.format(${e()}, ${e()})`,
      () => `(${e()}) | ${this.pick(['regex_replace', 'regex_search', 'regex_findall'])}(${JSON.stringify(this.pick(NASTY_RE))}${this.pick(['', ", 'b'", ", '\\\\1'", ", ignorecase=true", ", multiline=true"])})`,
      () => `(${e()}) | ${this.pick(['string', 'int', 'float', 'length', 'upper', 'first', 'last', 'list', 'join', 'replace("a", "bb")', 'center(99)', 'format(1, 2)', 'bool', 'abs', 'round', 'sum', 'to_json', 'from_json', 'b64decode', 'quote', 'regex_escape', 'unique', 'sort', 'reverse', 'map("string")', 'select', 'default(1)', 'ternary(1, 2)', 'split(",")'])}`,
      () => `${e()}.${this.pick(['upper()', 'split()', 'strip()', 'replace("a", "b")', 'format(1)', 'center(20, "*")', 'zfill(9)', 'startswith("a")', 'join(["a", "b"])', 'count("a")', 'find("b")', 'title()', 'splitlines()', 'encode()', 'lstrip("a")', 'partition(",")', 'rsplit(",", 1)', 'index("z")'])}`,
      () => `${e()} ~ ${e()}`,
      () => `[${e()}, ${e()}][${e()}]`,
      () => `${e()}[${this.pick(['0', '-1', '1:', '::-1', ':99999', "'k'", 'n'])}]`,
      () => `${e()} if ${e()} else ${e()}`,
      () => `-${e()}`,
      () => `${e()} // ${e()}`,
      () => `${e()} in ${e()}`,
    ])();
  }

  /** thousands of controllers without index= (of a few types, some with models and addresses) in the first <devices> */
  manyControllers(t: string): string {
    const at = t.indexOf('<devices>');
    const n = 100 + this.int(this.r() < 0.5 ? 1000 : 6000);
    const types = ['pci', 'usb', 'scsi', 'sata', 'ide', 'virtio-serial', 'ccid', 'fdc', 'xenbus'];
    const models = { pci: ['pcie-root-port', 'pci-bridge', 'pcie-root', 'pci-root', 'dmi-to-pci-bridge', 'pcie-switch-upstream-port', 'pcie-switch-downstream-port', 'pci-expander-bus', 'pcie-expander-bus', 'pcie-to-pci-bridge'], usb: ['qemu-xhci', 'ich9-ehci1', 'ich9-uhci1', 'piix3-uhci', 'none', 'nec-xhci'], scsi: ['virtio-scsi', 'lsilogic', 'buslogic'] } as Record<string, string[]>;
    const one = (i: number) => {
      const type = this.pick(types);
      const model = models[type] && this.r() < 0.7 ? ` model="${this.pick(models[type])}"` : '';
      const idx = this.r() < 0.1 ? ` index="${this.pick(['0', '1', String(i), '-1', '99999999999', 'x', ''])}"` : '';
      const addr = this.r() < 0.2 ? `<address type="pci" domain="0x0000" bus="0x${(i % 256).toString(16)}" slot="0x${(i % 32).toString(16)}" function="0x0"/>` : this.r() < 0.1 ? `<master startport="${i % 6}"/>` : '';
      return `<controller type="${type}"${idx}${model}${addr ? `>${addr}</controller>` : '/>'}\n`;
    };
    const body = Array.from({ length: n }, (_, i) => one(i)).join('');
    if (at < 0) return `<domain type="kvm"><name>g</name><memory>1</memory><devices>${body}</devices></domain>`;
    return t.slice(0, at + 9) + body + t.slice(at + 9);
  }

  /** attributes of the elements outside the disks set to odd values, a few times over, plus odd devices */
  schemaWide(t: string): string {
    const extra = this.pick([
      '<graphics type="vnc" passwdValidTo="x" port="-2"/>', '<interface type="user"><mtu size="0"/></interface>', '<interface type="direct"><source dev="e" mode="bogus"/></interface>',
      '<input type="mouse" bus="xen"/>', '<filesystem type="mount"><source dir="/a"/></filesystem>', '<channel type="unix"><target type="virtio"/></channel>', '<hostdev mode="subsystem" type="pci"/>', '<memballoon model="virtio" autodeflate="maybe"/>', '<watchdog model="i6300esb" action="x"/>', '<rng model="virtio"><backend model="random"/></rng>',
    ]);
    const n = this.r() < 0.5 ? 1 : 100 + this.int(3000);
    let out = t.includes('</devices>') ? t.replace('</devices>', extra.repeat(n) + '</devices>') : t;
    const pre = this.pick(['<on_reboot>x</on_reboot>', '<os><bios rebootTimeout="-5"/></os>', '<features><hyperv mode="passthrough"><spinlocks state="on" retries="1"/></hyperv></features>', '<on_crash>coredump-restart</on_crash>', '<cpu mode="bogus"/>', '<clock offset="x"/>']);
    out = out.replace(/<\/name>/, '</name>' + pre);
    for (let i = 0, k = this.int(5); i < k; i++) out = this.xmlAttrSwap(out);
    return out;
  }

  jsonTypeSwap(t: string): string {
    let v: unknown;
    try {
      v = JSON.parse(t);
    } catch {
      return t.replace(/:\s*("[^"]*"|-?\d[\d.eE+-]*|true|false|null)/, `: ${JSON.stringify(this.pick(TYPE_SWAPS))}`);
    }
    const paths: Array<{ parent: Record<string, unknown> | unknown[]; key: string | number }> = [];
    const walk = (x: unknown) => {
      if (Array.isArray(x)) {
        x.forEach((y, i) => {
          paths.push({ parent: x, key: i });
          walk(y);
        });
      } else if (x && typeof x === 'object') {
        for (const [k, y] of Object.entries(x)) {
          paths.push({ parent: x as Record<string, unknown>, key: k });
          walk(y);
        }
      }
    };
    walk(v);
    for (let i = 0, n = 1 + this.int(3); i < n && paths.length; i++) {
      const p = this.pick(paths);
      (p.parent as Record<string | number, unknown>)[p.key] = structuredClone(this.pick(TYPE_SWAPS));
    }
    return JSON.stringify(v, null, this.r() < 0.5 ? 2 : undefined);
  }

  xmlAttrSwap(t: string): string {
    const attrs = [...t.matchAll(/(\w+)="([^"]*)"/g)];
    if (!attrs.length) return t;
    const m = this.pick(attrs);
    const v = this.pick(['', '-1', '0', '99999999999999999999', 'yes', 'no', 'virtio', 'file', 'disk', 'network', 'a b', '&amp;', '\ud83d\udca5']);
    return t.slice(0, m.index!) + `${m[1]}="${v}"` + t.slice(m.index! + m[0].length);
  }
}

export interface FuzzFailure {
  seed: string;
  op: string;
  kind: DocKind;
  problem: string;
  text: string;
}

const CONTEXTS: Context[] = [
  { ...defaultContext(), flavor: { root_gb: 20, ephemeral_gb: 5, swap_mb: 512 } },
  { ...defaultContext(), microversion: '2.67', flavor: { root_gb: 0, ephemeral_gb: 0, swap_mb: 0 }, cinder_volume_types: [{ id: 'a', name: 'b' }] },
  { ...defaultContext(), microversion: '2.0' },
];

function spanProblems(spans: Array<{ offset: number; length: number }>, len: number, what: string): string | null {
  for (const s of spans) {
    if (!Number.isInteger(s.offset) || !Number.isInteger(s.length) || s.offset < 0 || s.length < 0 || s.offset + s.length > len) {
      return `${what} range ${JSON.stringify(s)} outside the document (length ${len})`;
    }
  }
  return null;
}

/**
 * Judges one document the way its kind is judged; returns a problem or null. `limitMs` (none by
 * default) reports a slow document as a problem: `npm run fuzz` uses it, tests do not (a test
 * on a busy machine must not depend on wall time; hangs are caught by fuzzInChild's watchdog).
 */
export function checkDocument(kind: DocKind, text: string, i: number, limitMs = Infinity): string | null {
  const t0 = performance.now();
  try {
    if (kind === 'json' || kind === 'attach') {
      const a = analyzeJson(text, CONTEXTS[i % CONTEXTS.length], { forced: i % 2 === 0, allowComments: i % 3 === 0 });
      const bad = spanProblems(a.diagnostics.flatMap((d) => [d.span, ...d.related.map((r) => r.span)]), text.length, 'diagnostic') ?? spanProblems(a.entries.map((e) => e.span), text.length, 'entry');
      if (bad) return bad;
      if (!a.valid && !a.verdict) return 'invalid without a verdict';
    } else if (SOURCE_KINDS.includes(kind)) {
      const a = analyzeDocument(text, kind === 'shell' ? 'shell' : kind === 'terraform' ? 'terraform' : 'yaml', CONTEXTS[i % CONTEXTS.length]);
      const bad = spanProblems(a.diagnostics.flatMap((d) => [d.span, ...d.related.map((r) => r.span)]), text.length, 'diagnostic') ?? spanProblems(a.entries.map((e) => e.span), text.length, 'entry') ?? spanProblems((a.requests ?? []).map((q) => q.span), text.length, 'request');
      if (bad) return bad;
    } else if (kind === 'xml') {
      const x = analyzeLibvirtXml(text);
      const bad = spanProblems(x.problems.map((p) => p.span), text.length, 'problem');
      if (bad) return bad;
      // a rule that threw is caught and reported as a note (analyze.ts): still a bug
      const threw = x.problems.find((p) => p.id === 'LIBVIRT-INTERNAL');
      if (threw) return `a rule threw: ${threw.message.slice(0, 200)}`;
    } else {
      const l = loadLabHost(text, 'fuzz.labhost.json');
      if (!l.ok) {
        const bad = spanProblems(l.errors.map((e) => ({ offset: e.offset, length: e.length })), text.length, 'lab-host error');
        if (bad) return bad;
      }
    }
  } catch (e) {
    return `threw ${(e as Error)?.name}: ${(e as Error)?.message?.slice(0, 200)}\n${String((e as Error)?.stack ?? '').split('\n').slice(1, 6).join('\n')}`;
  }
  const ms = performance.now() - t0;
  if (ms > limitMs) return `took ${ms.toFixed(0)} ms (limit ${limitMs} ms)`;
  return null;
}

export interface FuzzRun {
  documents: number;
  byKind: Record<DocKind, number>;
  failures: FuzzFailure[];
  samples: Array<{ kind: DocKind; text: string }>;
}

/** Mutates every seed in turn until `count` documents were judged. Keeps `sampleEvery`-th document for the CLI check. */
export interface FuzzOptions { sampleEvery?: number; limitMs?: number; deadline?: number; maxHuge?: number; progress?: (line: string) => void; /** scripts, Heat templates, playbooks and the grammar-aware mutations too */ sources?: boolean }

export function fuzz(seed: number, count: number, opts: FuzzOptions = {}): FuzzRun {
  const seeds = loadSeeds({ sources: opts.sources });
  const m = new Mutator(seed, opts.maxHuge, opts.sources);
  const run: FuzzRun = { documents: 0, byKind: { json: 0, attach: 0, labhost: 0, xml: 0, shell: 0, heat: 0, ansible: 0, terraform: 0 }, failures: [], samples: [] };
  for (let i = 0; i < count; i++) {
    if (opts.deadline && Date.now() > opts.deadline) break;
    const s = seeds[i % seeds.length];
    const { op, text } = m.mutate(s);
    run.documents++;
    run.byKind[s.kind]++;
    opts.progress?.(`document ${i}: ${s.kind} from ${s.name} by ${op}, ${text.length} chars`);
    const problem = checkDocument(s.kind, text, i, opts.limitMs);
    if (problem) run.failures.push({ seed: s.name, op, kind: s.kind, problem, text });
    if (opts.sampleEvery && i % opts.sampleEvery === 0 && s.kind !== 'labhost' && text.length < 300_000) run.samples.push({ kind: s.kind, text });
    else if (problem && s.kind !== 'labhost' && text.length < 300_000 && run.samples.length < 200) run.samples.push({ kind: s.kind, text });
  }
  return run;
}

/**
 * fuzz() in a child process (scripts/fuzz-child.ts) killed after `watchdogMs`: a document that
 * hangs the judge (synchronous code no in-process timer can interrupt) fails the caller with the
 * document it was on, instead of hanging the test run.
 */
export function fuzzInChild(seed: number, count: number, opts: Omit<FuzzOptions, 'progress' | 'deadline'>, watchdogMs: number): Promise<FuzzRun> {
  const dir = mkdtempSync(join(tmpdir(), 'bdm-fuzz-child-'));
  const out = join(dir, 'run.json');
  return new Promise<FuzzRun>((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', join(ROOT, 'scripts', 'fuzz-child.ts'), JSON.stringify({ seed, count, opts }), out], { stdio: ['ignore', 'pipe', 'pipe'], cwd: ROOT });
    let tail = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (d: string) => (tail = (tail + d).slice(-2000)));
    child.stderr.setEncoding('utf8').on('data', (d: string) => (stderr = (stderr + d).slice(-4000)));
    const timer = setTimeout(() => child.kill('SIGKILL'), watchdogMs);
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      try {
        if (signal === 'SIGKILL') reject(new Error(`hang: the fuzz run was killed after ${watchdogMs / 1000} s, on ${tail.trimEnd().split('\n').at(-1) || 'its start'}`));
        else if (code !== 0) reject(new Error(`the fuzz child exited ${code ?? signal}: ${stderr}`));
        else resolve(JSON.parse(readFileSync(out, 'utf8')) as FuzzRun);
      } catch (e) {
        reject(e as Error);
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    });
  });
}

export const CLI = join(ROOT, 'dist', 'cli.js');

/**
 * Writes documents to a temp dir and runs `dist/cli.js check` on them, a few files per call.
 * Every call must exit 0, 1 or 2 and print no stack trace. Returns the problems and the number of files.
 */
export function runCliOnSamples(samples: Array<{ kind: DocKind; text: string }>, perCall = 6): { problems: string[]; files: number; calls: number } {
  const dir = mkdtempSync(join(tmpdir(), 'bdm-fuzz-cli-'));
  const problems: string[] = [];
  let calls = 0;
  try {
    const files = samples.map((s, i) => {
      const f = join(dir, `doc${i}.${extOf(s.kind)}`);
      writeFileSync(f, s.text);
      return f;
    });
    for (let i = 0; i < files.length; i += perCall) {
      const batch = files.slice(i, i + perCall);
      calls++;
      const r = spawnSync(process.execPath, [CLI, 'check', '--format', i % 2 ? 'json' : 'text', ...batch], { encoding: 'utf8', timeout: 60_000, maxBuffer: 1 << 28 });
      const where = batch.map((f) => f.slice(dir.length + 1)).join(' ');
      if (r.error) problems.push(`${where}: ${r.error.message}`);
      else if (r.status === null) problems.push(`${where}: killed by ${r.signal}`);
      else if (![0, 1, 2].includes(r.status)) problems.push(`${where}: exit ${r.status}: ${r.stderr.slice(0, 400)}`);
      if (/^\s+at .+:\d+:\d+\)?$/m.test(r.stderr ?? '') || /\b(TypeError|RangeError|ReferenceError|SyntaxError): /.test(r.stderr ?? '')) problems.push(`${where}: stack trace on stderr: ${r.stderr.slice(0, 600)}`);
    }
    return { problems, files: files.length, calls };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
