/**
 * Hunt 38 generator: Terraform's functions bdm-lab did not evaluate before that need no disk, clock or
 * randomness (base64encode/base64decode, urlencode, csvdecode, md5, sha1, sha256, sha512,
 * base64sha256, base64sha512, uuidv5, startswith, endswith, strcontains, pow, log, cidrhost,
 * cidrnetmask, cidrsubnet, cidrsubnets), with bad arguments, nulls and values known only after apply;
 * indent() with a negative count; `for` expressions that name a variable never declared; operators
 * and functions on unknown values of a known type (a variable's constraint); to* conversions,
 * format verbs and try/can around all of these. A sixth of the cases are hunt 35's.
 * JSON lines for scripts/terraform-hunt38-oracle and scripts/terraform-hunt35-compare.ts: `{expr}`.
 * `node --import tsx scripts/terraform-hunt38-gen.ts SEED COUNT > cases.jsonl`
 */
import { spawnSync } from 'node:child_process';
import { rng } from './prng.mjs';
import { hcl } from './terraform-hunt37-gen';

const [seedArg, countArg] = process.argv.slice(2);
const r = rng(Number(seedArg) >>> 0 || 1);
const rnd = (n: number) => Math.floor(r() * n);
const pick = <T>(xs: readonly T[]): T => xs[rnd(xs.length)];

const texts = ['', 'a', 'hello', 'Hello World', 'héllo wörld', '漢字', 'a b&c=d/e?f', '#!/bin/bash\necho hi\n', 'x~y_z-w.v', '😀', 'a+b', '100%', '\t\n', 'user:pass@host', '="quoted"', 'é\u0301'];
const strArgs = () => (rnd(9) === 0 ? pick(['var.us', 'null', '1', 'true', '[]', '{}', '1.5']) : hcl(pick(texts)));
const b64 = ['aGVsbG8=', 'aGVsbG8', '', 'YQ==', 'YQ', 'YWI=', '/w==', '4pyT', 'Zm9v YmFy', 'Zm9v\nYmFy', '!!!', 'YW=', 'YQ===', 'w6k=', '8J+YgA==', 'gA==', 'SGVsbG8gV29ybGQ=', 'aGk-', 'aGk_', '====', 'YWJj', 'QUJD\n'];
const csvs = ['a,b\n1,2\n', 'a,b\n1,2', 'a\n', '', 'a,b\n1\n', 'a,a\n1,2\n', '"x y",b\n"1,2",3\n', 'a,b\n"un\nterminated\n', 'a;b\n1;2\n', 'a,b\r\n1,2\r\n', 'a,b\n\n1,2\n', 'a, b\n 1, 2\n', 'a,"b""c"\n1,2\n', 'a,b\n1,2,3\n', 'a\n"x"y\n'];
const cidrs4 = ['10.0.0.0/16', '10.0.0.0/8', '192.168.1.0/24', '172.16.0.0/12', '10.0.0.0/32', '10.0.0.0/31', '0.0.0.0/0', '10.1.2.3/16', '010.0.0.0/8', '10.0.0.0', '10.0.0.0/33', '256.0.0.0/8', '10.0.0/8', '10.0.0.0/-1', '10.0.0.0/08', ' 10.0.0.0/8', '192.168.0.0/30'];
const cidrs6 = ['fd00::/8', '2001:db8::/32', '::/0', 'fe80::/64', '2001:db8::1/128', '::ffff:10.0.0.0/104', '2001:db8:0:0:0:0:0:0/48', 'fd00:::/8', '2001:DB8::/32', '::1/127', '2001:db8::/129'];
const cidr = () => (rnd(12) === 0 ? pick(['var.us', 'null', '1']) : hcl(rnd(3) ? pick(cidrs4) : pick(cidrs6)));
const smallNums = ['0', '1', '2', '3', '4', '8', '-1', '5', '16', '24', '255', '256', '-2', '1.5', '"2"', 'var.un', 'null', '32', '7', '65535', '1e3', '-256'];
const hashes = ['md5', 'sha1', 'sha256', 'sha512', 'base64sha256', 'base64sha512'];
const uuidNs = ['"dns"', '"url"', '"oid"', '"x500"', '"6ba7b810-9dad-11d1-80b4-00c04fd430c8"', '"DNS"', '"bad"', '"6ba7b8109dad11d180b400c04fd430c8"', '"{6ba7b810-9dad-11d1-80b4-00c04fd430c8}"', '"urn:uuid:6ba7b811-9dad-11d1-80b4-00c04fd430c8"', '""', 'var.us'];

function newFn(): string {
  switch (rnd(16)) {
    case 0: return `base64encode(${strArgs()})`;
    case 1: return `base64decode(${rnd(6) ? hcl(pick(b64)) : strArgs()})`;
    case 2: return `urlencode(${strArgs()})`;
    case 3: return `csvdecode(${rnd(6) ? hcl(pick(csvs)) : strArgs()})`;
    case 4: case 5: return `${pick(hashes)}(${strArgs()})`;
    case 6: return `uuidv5(${pick(uuidNs)}, ${strArgs()})`;
    case 7: return `${pick(['startswith', 'endswith', 'strcontains'])}(${strArgs()}, ${rnd(3) ? hcl(pick(['', 'a', 'h', 'o', 'Hello', 'ld', 'é', 'e', '漢'])) : strArgs()})`;
    case 8: return `pow(${pick(smallNums)}, ${pick(smallNums)})`;
    case 9: return `log(${pick(smallNums)}, ${pick(smallNums)})`;
    case 10: return `cidrhost(${cidr()}, ${pick(smallNums)})`;
    case 11: return `cidrnetmask(${cidr()})`;
    case 12: case 13: return `cidrsubnet(${cidr()}, ${pick(smallNums)}, ${pick(smallNums)})`;
    case 14: return `cidrsubnets(${cidr()}${Array.from({ length: rnd(4) }, () => `, ${pick(smallNums)}`).join('')})`;
    default: return `indent(${pick(['-1', '-2', '0', '2', '-1.5', '"-1"', 'var.un', '1.5'])}, ${pick(['"a\\nb"', '"a"', '""', '"a\\n\\nb\\n"', 'var.us', 'null'])})`;
  }
}

// a `for` expression naming something never declared (a bare name, var.nope, local.nope) or a loop variable out of scope
const undeclared = ['y', 'var.nope', 'local.nope', 'each.key', 'count.index', 'self.id', 'path.module', 'x.y', 'k', 'nope[0]', 'data.x.y.z'];
function forExpr(): string {
  const coll = pick(['[1, 2]', '[]', '{a = 1}', '{}', 'var.ul', 'toset(["a"])', 'null', '"s"', 'var.us', 'range(2)']);
  const bad = pick(undeclared);
  switch (rnd(6)) {
    case 0: return `[for x in ${coll} : ${bad}]`;
    case 1: return `[for x in ${coll} : x if ${bad}]`;
    case 2: return `{for k, v in ${coll} : k => ${bad}}`;
    case 3: return `{for k, v in ${coll} : ${bad} => v}`;
    case 4: return `[for x in ${bad} : x]`;
    default: return `[for x in ${coll} : [for y in ${pick(['[1]', 'x', bad])} : ${pick(['y', bad, 'x'])}]]`;
  }
}

// unknown values of a known type: var.us (string), var.un (number), var.ul (list(string)), var.uo (list of objects), u.s/u.n/u.l
const unk = ['var.us', 'var.un', 'var.ul', 'var.uo', 'var.uo[0]', 'var.uo[0].size', 'var.uo[0].tags', 'var.ul[0]'];
function typedUnknown(): string {
  const a = pick(unk), b = pick([...unk, '1', '"x"', 'true', 'null', '[1]', '{a = 1}']);
  switch (rnd(10)) {
    case 0: return `${a} ${pick(['+', '-', '*', '/', '%'])} ${b}`;
    case 1: return `${a} ${pick(['==', '!=', '<', '>', '>=', '&&', '||'])} ${b}`;
    case 2: return `${pick(['!', '-'])}${a}`;
    case 3: return `${a}${pick(['[0]', '["k"]', '.x', '[*]', '[*].size', '.*', '[1].tags.k', '["a"].b'])}`;
    case 4: return `${pick(['true', 'false', 'var.us == "a"', '1', 'null', 'var.un'])} ? ${a} : ${b}`;
    case 5: return `${pick(['length', 'tostring', 'tonumber', 'tobool', 'tolist', 'toset', 'tomap', 'jsonencode', 'keys', 'upper', 'one', 'flatten', 'abs', 'sum'])}(${a})`;
    case 6: return `"\${${a}}"`;
    case 7: return `[for x in ${a} : x]`;
    case 8: return `${pick(['can', 'try'])}(${a}${pick(['', '[0]', '.size', ' + 1'])})`;
    default: return `${pick(['concat', 'merge', 'coalesce', 'element', 'lookup', 'contains', 'join'])}(${a}, ${b})`;
  }
}

// conversions, format verbs and try/can over the new functions
function mixed(): string {
  switch (rnd(6)) {
    case 0: return `${pick(['tostring', 'tonumber', 'tobool', 'tolist', 'toset', 'tomap'])}(${pick(['"1"', '1', 'true', '"true"', '[1, "a"]', '{a = 1, b = "x"}', '["a", null]', 'null', '[]', '{}', '"0x1"', '" 1"', '"1e2"', '[[1], ["a"]]', '{a = [1], b = ["x"]}', 'cidrsubnets("10.0.0.0/8", 8, 8)'])})`;
    case 1: return `format(${hcl(pick(['%s', '%q', '%v', '%#v', '%d', '%5s|', '%-5s|', '%.2s', '%x', '%X', '%08.3f', '%t', '%[1]s %[1]q', '%[3]s', '%!', '%z', '%', '%+.1e', '%10.4g', '%5t', '%-08d', '%+q', '%#q', '% x']))}${Array.from({ length: rnd(3) }, () => `, ${pick(['"é"', '1', '-1.5', 'true', 'null', '[1]', '{a = 1}', '"a\\tb"', '255', 'var.us', 'md5("x")', '"😀"', '1e100', '0.000001'])}`).join('')})`;
    case 2: return `formatlist(${hcl(pick(['%s', '%s=%s', '%d', '%q', '%[2]s']))}, ${pick(['["a", "b"]', '[]', '"x"', '[1, 2]', 'var.ul', 'null', '[null]'])}${rnd(2) ? `, ${pick(['["c", "d"]', '["c"]', '"y"', '[1, 2]', 'var.ul'])}` : ''})`;
    case 3: return `try(${newFn()}, ${pick(['"fallback"', 'null', newFn()])})`;
    case 4: return `can(${newFn()})`;
    default: { const f = pick(['length(', 'upper(', 'jsonencode(', 'tostring(', 'one(', 'split("/", ', 'lower(']); return `${f}${newFn()})`; }
  }
}

const n = process.argv[1]?.endsWith('terraform-hunt38-gen.ts') ? Number(countArg) || 100 : 0;
if (n) {
  const extra = Math.floor(n / 6);
  const h35 = spawnSync(process.execPath, ['--import', 'tsx', new URL('./terraform-hunt35-gen.ts', import.meta.url).pathname, String(seedArg), String(extra)], { encoding: 'utf8' }).stdout.split('\n').filter(Boolean);
  for (let i = 0; i < n - extra; i++) {
    const k = rnd(20);
    const e = k < 9 ? newFn() : k < 12 ? forExpr() : k < 16 ? typedUnknown() : mixed();
    console.log(JSON.stringify({ expr: e }));
  }
  for (const l of h35) console.log(l);
}
