/**
 * parseXml reads a plain document in one pass and hands everything else to the full path
 * (fast-xml-parser's validator and parser). The one-pass reader must build exactly the tree
 * the full path builds, or decline: checked here on the fixtures, hand-picked corner cases and
 * seeded mutations of them.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { parseXml, parseXmlFully, readPlainXml } from '../../server/src/libvirtxml/parse';
import type { XmlElement } from '../../server/src/libvirtxml/types';
import { rng } from '../../scripts/prng.mjs';

function dump(e: XmlElement | null): unknown {
  if (!e) return null;
  return { name: e.name, span: e.span, nameSpan: e.nameSpan, startTagSpan: e.startTagSpan, attributes: e.attributes, text: e.text, children: e.children.map(dump), parent: e.parent?.name ?? null };
}
const same = (text: string) => {
  const full = parseXmlFully(text);
  const fast = parseXml(text);
  assert.deepEqual({ root: dump(fast.root), problems: fast.problems }, { root: dump(full.root), problems: full.problems }, JSON.stringify(text.slice(0, 400)));
};

function xmlFiles(dir: string): string[] {
  const out: string[] = [];
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    if (e.isDirectory()) out.push(...xmlFiles(join(dir, e.name)));
    else if (e.name.endsWith('.xml')) out.push(join(dir, e.name));
  }
  return out;
}
const FIXTURES = xmlFiles(join(__dirname, '..', 'fixtures')).map((f) => readFileSync(f, 'utf8'));

const CORNERS = [
  '<a> <b/> x </a>', '<a>\r\n <b x="1\r\n2"/>\r\n</a>', '<a><b></b ></a>', '<a>x<!--c-->y<b/>z</a>', '<a>&lt;&#65;&#x42;</a>',
  '<a>1 > 2</a>', '<a x="1" x="2"/>', '<a x="<"/>', '<a x=">"/>', '<a x="&"/>', '<a x="&amp;&#0;"/>', '<a>&</a>', '<a>&foo;</a>', '<a>&#0;&#x110000;</a>',
  '<?xml version="1.0"?>\n<a/>\n', '<?xml version="1.0"?><a/>', '<?xmlfoo?><a/>', ' <?xml version="1.0"?><a/>', '<a/><?xml version="1.0"?>',
  '<a/><!-- c -->', '<!-- c --><a/>', '<a><![CDATA[x<y]]></a>', '<a><b>t</b>\n</a>', '<a>  </a>', '<a x=\'q\' y = "z"/>', '<a x="1"y="2"/>',
  '<a><b/></a>  ', '<a><b/></a> x', '<a:b xmlns:a="u"><a:c/></a:b>', '<a>\t<b>  </b></a>', '<a></b>', '<a>', '</a>', '<a/><b/>', '', '   ', 'text',
  '<a><!-- x -- y --></a>', '<a><!---></a>', '<a><!----></a>', '<a b></a>', '<a b=c/>', '<a/ >', '<a / >', '<a\n x="1"\n/>', '<1a/>', '<a.b-c_d/>',
  '<a:b:c/>', '<:a/>', '<a:/>', '<a x:y="1" x:y="2"/>', '<a>\r</a>', '<a>]]></a>', '\ufeff<a/>', '<a>\u0001</a>', '<a x="\u0001"/>', '<a>é\ud83d\udca5</a>',
  '<a></a ><a/>', '<!DOCTYPE a><a/>', '<a><?pi x?></a>', '<a>x</a><!--', '<a><b x="1" /><b x="1"/></a>', '<a x ="1" y= \'2\'/>', '<a\tx="1"/>',
  // a tag with more attributes than the reader compares by looking back (a set from the ninth on), repeated early and late
  `<a><b${Array.from({ length: 12 }, (_, i) => ` x${i}="${i}"`).join('')}/></a>`, `<a><b${Array.from({ length: 12 }, (_, i) => ` x${i}="${i}"`).join('')} x3="again"/></a>`,
  `<a${Array.from({ length: 9 }, (_, i) => ` x${i}="${i}"`).join('')} x8="again"><b${Array.from({ length: 9 }, (_, i) => ` x${i}="${i}"`).join('')}/></a>`,
];

test('the one-pass reader builds the tree of the full path, or declines (corner cases)', () => {
  for (const t of CORNERS) same(t);
});

test('the one-pass reader reads the plain fixtures itself and agrees with the full path', () => {
  let read = 0;
  for (const t of FIXTURES) {
    same(t);
    if (readPlainXml(t)) read++;
  }
  assert.ok(FIXTURES.length >= 20, `fixtures found: ${FIXTURES.length}`);
  assert.ok(read >= FIXTURES.length / 2, `read in one pass: ${read} of ${FIXTURES.length}`);
});

test('the one-pass reader agrees with the full path on mutated documents', () => {
  const r = rng(15);
  const pick = <T>(xs: T[]) => xs[Math.floor(r() * xs.length)];
  const BITS = ['<', '>', '/>', '</disk>', '<disk type="file">', '&amp;', '&lol;', '&', '<!--', '-->', '<![CDATA[', ']]>', '<?xml version="1.0"?>', '"', "'", '=', ' ', '\r\n', '\r', '\t', 'dev="vdb"', ' dev="vdb"', '&#0;', '&#x41;', '\u0000', '<a:b/>', ':', '<x/>'];
  for (let k = 0; k < 3000; k++) {
    let t = pick(FIXTURES);
    for (let m = 1 + Math.floor(r() * 3); m > 0; m--) {
      const at = Math.floor(r() * (t.length + 1));
      const op = r();
      if (op < 0.5) t = t.slice(0, at) + pick(BITS) + t.slice(at);
      else if (op < 0.8) t = t.slice(0, at) + t.slice(at + 1 + Math.floor(r() * 6));
      else t = t.replace(/\n/g, '\r\n');
    }
    same(t);
  }
});
