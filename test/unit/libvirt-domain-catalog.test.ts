/**
 * The derivation of libvirt's domain schema into the completion/hover table
 * (scripts/libvirt-domain-catalog.mjs -> server/src/libvirtxml/domainSchema.json):
 * - on a small grammar of our own, written here, each RELAX NG construct it reads;
 * - on the installed schemas (/usr/share/libvirt/schemas; skipped, saying so, without them):
 *   the committed table is what the script derives from them, and holds the facts completion needs;
 * - on the domains real libvirt accepted (test/fixtures/libvirtdomain/accept-*.xml): every
 *   element, attribute and enumerated value they use is in the table where they use it.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { deriveDomainCatalog, formatTable, TABLE_FILE } from '../../scripts/libvirt-domain-catalog.mjs';
import type { DomainTable } from '../../scripts/libvirt-domain-catalog.mjs';
import { schemaElementAt } from '../../server/src/libvirtxml/domainCatalog';
import { parseXml } from '../../server/src/libvirtxml/parse';
import type { XmlElement } from '../../server/src/libvirtxml/types';

const SYSTEM = '/usr/share/libvirt/schemas';
const haveSchemas = existsSync(join(SYSTEM, 'domain.rng'));
const NO_SCHEMAS = haveSchemas ? false : `libvirt's schemas are not installed in ${SYSTEM} (apt-get install libvirt-clients): derivation against them skipped`;

/** A row of a derived table, reached by a chain of names from <domain>, read without domainCatalog.ts. */
function rowAt(t: DomainTable, chain: string[]) {
  let i: number | undefined = t.roots[chain[0]];
  for (const n of chain.slice(1)) {
    if (i === undefined) return undefined;
    const kids: Record<string, number> | 0 | undefined = t.elements[i][2];
    i = kids ? kids[n] : undefined;
  }
  if (i === undefined) return undefined;
  const [name, attrs, kids, text, flags = 0] = t.elements[i];
  const values = (c: number | null | undefined) => (c === undefined || c === null ? null : c === 0 ? { values: [] as string[], free: true } : { values: t.values[Math.abs(c) - 1], free: c < 0 });
  return {
    index: i,
    name,
    attrs: Object.fromEntries(Object.entries(attrs || {}).map(([n, c]) => [n, values(c)!])),
    kids: Object.keys(kids || {}),
    text: values(text),
    anyElement: (flags & 1) !== 0,
  };
}

const RNG = 'xmlns="http://relaxng.org/ns/structure/1.0" datatypeLibrary="http://www.w3.org/2001/XMLSchema-datatypes"';
const FIXTURE: Record<string, string> = {
  'domain.rng': `<?xml version="1.0"?>
<grammar ${RNG}>
  <!-- a comment the table must not carry -->
  <start><ref name="domain"/></start>
  <include href="common.rng">
    <define name="overridden"><attribute name="kept"/></define>
  </include>
  <define name="extra" combine="choice"><element name="added"><empty/></element></define>
</grammar>`,
  'common.rng': `<?xml version="1.0"?>
<grammar ${RNG}>
  <define name="domain">
    <element name="domain">
      <interleave>
        <optional><attribute name="type"><choice><value>kvm</value><value>qemu</value></choice></attribute></optional>
        <ref name="overridden"/>
        <element name="devices">
          <zeroOrMore>
            <choice>
              <element name="disk"><element name="source"><attribute name="file"><data type="string"/></attribute></element><element name="alias"><attribute name="name"/></element></element>
              <element name="interface">
                <group>
                  <element name="source"><attribute name="network"/></element>
                  <optional><element name="source"><attribute name="bridge"/><element name="inner"><empty/></element></element></optional>
                  <element name="alias"><attribute name="name"/></element>
                </group>
              </element>
            </choice>
          </zeroOrMore>
        </element>
        <optional><element name="os"><element name="type"><choice><value>hvm</value><value>xen</value></choice></element></element></optional>
        <optional>
          <element name="memory">
            <optional><attribute name="unit"><choice><value>KiB</value><data type="string"/></choice></attribute></optional>
            <data type="unsignedLong"/>
          </element>
        </optional>
        <optional><element name="private"><notAllowed/></element></optional>
        <optional><group><element name="alsoPrivate"><empty/></element><notAllowed/></group></optional>
        <optional>
          <element name="metadata">
            <zeroOrMore><element><anyName><except><nsName ns=""/></except></anyName><text/></element></zeroOrMore>
          </element>
        </optional>
        <optional><element name="commandline" ns="http://libvirt.org/schemas/domain/qemu/1.0"><element name="arg"><attribute name="value"/></element></element></optional>
        <zeroOrMore><ref name="extra"/></zeroOrMore>
        <optional><ref name="chain"/></optional>
      </interleave>
    </element>
  </define>
  <define name="overridden"><attribute name="dropped"/></define>
  <define name="extra"><element name="base"><empty/></element></define>
  <define name="chain">
    <element name="backingStore">
      <attribute name="index"><list><oneOrMore><value>1</value></oneOrMore></list></attribute>
      <optional><ref name="chain"/></optional>
    </element>
  </define>
</grammar>`,
};

function withSchemas<T>(files: Record<string, string>, f: (dir: string) => T): T {
  const dir = mkdtempSync(join(tmpdir(), 'bdm-rng-'));
  try {
    for (const [n, text] of Object.entries(files)) writeFileSync(join(dir, n), text);
    return f(dir);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

test('derivation: include (with an overriding define), combine="choice", notAllowed, anyName, ns, value/data/list', () => {
  const t = withSchemas(FIXTURE, (dir) => deriveDomainCatalog(dir, null));
  assert.deepEqual(t.schemas.files, ['common.rng', 'domain.rng']);
  const domain = rowAt(t, ['domain'])!;
  assert.deepEqual(domain.attrs.type, { values: ['kvm', 'qemu'], free: false });
  assert.ok(domain.attrs.kept, 'the include\'s own define replaces the included one');
  assert.equal(domain.attrs.dropped, undefined);
  assert.deepEqual(domain.kids.sort(), ['added', 'backingStore', 'base', 'devices', 'memory', 'metadata', 'os', 'qemu:commandline'], 'notAllowed elements left out; combine="choice" adds <added>');
  assert.equal(domain.text, null, 'an element of elements takes no text');
  assert.deepEqual(t.namespaces, { qemu: 'http://libvirt.org/schemas/domain/qemu/1.0' });
  assert.deepEqual(rowAt(t, ['domain', 'qemu:commandline'])!.kids, ['qemu:arg'], 'ns is inherited by the inner element');

  const diskSource = rowAt(t, ['domain', 'devices', 'disk', 'source'])!;
  const ifSource = rowAt(t, ['domain', 'devices', 'interface', 'source'])!;
  assert.deepEqual(Object.keys(diskSource.attrs), ['file']);
  assert.deepEqual(diskSource.attrs.file, { values: [], free: true });
  assert.deepEqual(Object.keys(ifSource.attrs), ['bridge', 'network'], 'two <source> patterns of one parent are merged');
  assert.deepEqual(ifSource.kids, ['inner']);
  assert.notEqual(diskSource.index, ifSource.index);

  assert.deepEqual(rowAt(t, ['domain', 'os', 'type'])!.text, { values: ['hvm', 'xen'], free: false });
  const memory = rowAt(t, ['domain', 'memory'])!;
  assert.deepEqual(memory.attrs.unit, { values: ['KiB'], free: true }, 'a value beside a data type: suggestions');
  assert.deepEqual(memory.text, { values: [], free: true });
  assert.equal(rowAt(t, ['domain', 'metadata'])!.anyElement, true);
  const chain = rowAt(t, ['domain', 'backingStore', 'backingStore', 'backingStore'])!;
  assert.equal(chain.index, rowAt(t, ['domain', 'backingStore'])!.index, 'a recursive define is one row');
  assert.deepEqual(chain.attrs.index, { values: ['1'], free: true });
  assert.equal(rowAt(t, ['domain', 'devices', 'disk', 'alias'])!.index, rowAt(t, ['domain', 'devices', 'interface', 'alias'])!.index, 'two equal patterns of one name share a row');
  assert.notEqual(rowAt(t, ['domain', 'base'])!.index, rowAt(t, ['domain', 'added'])!.index, 'empty elements of two names do not');
  assert.ok(!formatTable(t).includes('comment'), 'no schema text or comment in the table');
  assert.deepEqual(JSON.parse(formatTable(t)), t);
  assert.deepEqual(t.roots, { domain: 0, disk: rowAt(t, ['domain', 'devices', 'disk'])!.index, interface: rowAt(t, ['domain', 'devices', 'interface'])!.index });
});

test('derivation: a missing define, an unknown namespace and a missing domain.rng are errors, not a silent table', () => {
  const broken = { ...FIXTURE, 'common.rng': FIXTURE['common.rng'].replace('<ref name="chain"/></optional>\n      </interleave>', '<ref name="nowhere"/></optional>\n      </interleave>') };
  assert.throws(() => withSchemas(broken, (dir) => deriveDomainCatalog(dir, null)), /nowhere/);
  const ns = { ...FIXTURE, 'common.rng': FIXTURE['common.rng'].replace('http://libvirt.org/schemas/domain/qemu/1.0', 'urn:example') };
  assert.throws(() => withSchemas(ns, (dir) => deriveDomainCatalog(dir, null)), /urn:example/);
  assert.throws(() => withSchemas({}, (dir) => deriveDomainCatalog(dir, null)), /domain\.rng not found/);
});

test('the committed table is what the script derives from the installed schemas', { skip: NO_SCHEMAS }, (t) => {
  const committed = readFileSync(TABLE_FILE, 'utf8');
  const derived = deriveDomainCatalog(SYSTEM);
  const have = JSON.parse(committed) as DomainTable;
  if (have.schemas.sha256 !== derived.schemas.sha256) {
    t.skip(`the installed schemas (${derived.schemas.sha256}) are not the ones the table comes from (${have.schemas.sha256}): rerun node scripts/libvirt-domain-catalog.mjs to update it`);
    return;
  }
  assert.equal(formatTable(derived), committed, 'rerun node scripts/libvirt-domain-catalog.mjs');
});

test('the installed schemas give the facts completion relies on', { skip: NO_SCHEMAS }, () => {
  const t = deriveDomainCatalog(SYSTEM);
  const domain = rowAt(t, ['domain'])!;
  for (const n of ['name', 'memory', 'vcpu', 'os', 'cpu', 'features', 'clock', 'devices', 'memoryBacking', 'on_crash', 'metadata', 'qemu:commandline']) assert.ok(domain.kids.includes(n), n);
  assert.ok(domain.attrs.type.values.includes('kvm') && !domain.attrs.type.free);
  const devices = rowAt(t, ['domain', 'devices'])!;
  for (const n of ['disk', 'interface', 'controller', 'graphics', 'video', 'hostdev', 'serial', 'console', 'channel', 'input', 'memballoon', 'rng', 'tpm', 'watchdog']) assert.ok(devices.kids.includes(n), n);
  for (const n of Object.keys(t.roots).filter((r) => r !== 'domain')) assert.equal(t.roots[n], rowAt(t, ['domain', 'devices', n])!.index, `device root ${n}`);
  const ifSource = rowAt(t, ['domain', 'devices', 'interface', 'source'])!;
  const diskSource = rowAt(t, ['domain', 'devices', 'disk', 'source'])!;
  assert.ok(ifSource.attrs.network && ifSource.attrs.bridge && !ifSource.attrs.file && !ifSource.attrs.protocol);
  assert.ok(diskSource.attrs.file && diskSource.attrs.protocol && !diskSource.attrs.network && !diskSource.attrs.bridge);
  assert.ok(diskSource.attrs.protocol.values.includes('rbd') && !diskSource.attrs.protocol.free);
  assert.ok(!rowAt(t, ['domain', 'devices', 'disk'])!.kids.includes('privateData'), 'libvirt\'s private-data scaffolding is notAllowed');
  assert.ok(rowAt(t, ['domain', 'os', 'type'])!.text!.values.includes('hvm'));
  assert.ok(rowAt(t, ['domain', 'on_crash'])!.text!.values.includes('coredump-destroy'));
  assert.ok(rowAt(t, ['domain', 'cpu'])!.attrs.mode.values.includes('host-passthrough'));
  assert.ok(rowAt(t, ['domain', 'devices', 'controller'])!.attrs.type.values.includes('virtio-serial'));
  assert.ok(rowAt(t, ['domain', 'devices', 'graphics'])!.attrs.type.values.includes('spice'));
  assert.equal(rowAt(t, ['domain', 'metadata'])!.anyElement, true);
  assert.ok(rowAt(t, ['domain', 'devices', 'disk', 'backingStore', 'backingStore', 'source']), 'the backing chain recurses');
  assert.equal(t.namespaces.qemu, 'http://libvirt.org/schemas/domain/qemu/1.0');
  // small enough for a lazy chunk read on the first completion
  assert.ok(formatTable(t).length < 80_000, `${formatTable(t).length} bytes`);
});

test('every element, attribute and enumerated value of the domains libvirt accepted is in the table where it stands', () => {
  const dir = join(__dirname, '..', 'fixtures', 'libvirtdomain');
  const files = readdirSync(dir).filter((f) => f.startsWith('accept-') && f.endsWith('.xml'));
  assert.ok(files.length > 100, `${files.length} accepted domains`);
  const missing: string[] = [];
  let elements = 0;
  const visit = (f: string, e: XmlElement, chain: string[]) => {
    const here = [...chain, e.name];
    const s = schemaElementAt(here);
    elements++;
    if (!s) { missing.push(`${f}: <${here.join('/')}>`); return; }
    for (const a of e.attributes) {
      if (a.name === 'xmlns' || a.name.startsWith('xmlns:')) continue;
      const v = s.attributes.get(a.name);
      if (!v) { if (!s.anyAttribute) missing.push(`${f}: ${here.join('/')} @${a.name}`); }
      else if (v.values.length && !v.free && !v.values.includes(a.value)) missing.push(`${f}: ${here.join('/')} @${a.name}="${a.value}"`);
    }
    const text = e.text.trim();
    if (s.text && s.text.values.length && !s.text.free && text && !s.text.values.includes(text)) missing.push(`${f}: ${here.join('/')} "${text}"`);
    if (!s.anyElement) for (const c of e.children) visit(f, c, here);
  };
  for (const f of files) {
    const root = parseXml(readFileSync(join(dir, f), 'utf8')).root;
    assert.ok(root, f);
    visit(f, root, []);
  }
  assert.ok(elements > 2000, `${elements} elements`);
  assert.deepEqual(missing, []);
});
