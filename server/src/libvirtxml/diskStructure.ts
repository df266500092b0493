import { attrSpan, walkKnown, SCHEMA_REFUSES } from './ruleHelpers';
import { attr, attrValue, child } from './types';
import type { Finding, XmlElement } from './types';
import type { DiskView, DocView } from './view';

/**
 * Checks of rules.ts rows about what a <disk> holds beyond its options: the backing chain, the
 * per-disk security labels of its source, and names newer than libvirt 9.0. Each in libvirt
 * 9.0's own words where its parser has them (labelled with `virsh define --validate` on the QEMU
 * driver: test/fixtures/libvirtdomain/).
 */

function on(el: XmlElement, problem: string): Finding {
  return { span: el.nameSpan, args: { problem } };
}

/** The storage types of a backing image's <source> (diskSource). */
const BACKING_TYPES = new Set(['file', 'block', 'dir', 'network', 'volume', 'nvme', 'vhostuser']);
/** The image formats libvirt's schema lists for a <format type> (storageFormat with the formats that have backing files). */
const BACKING_FORMATS = new Set(['raw', 'dir', 'bochs', 'cloop', 'dmg', 'iso', 'vpc', 'vdi', 'fat', 'vhd', 'ploop', 'luks', 'cow', 'qcow', 'qcow2', 'qed', 'vmdk']);

/** The <source> attributes that say where an image is, and those each storage type takes (libvirt's schema, diskSource). */
const LOCATION_ATTRS = ['file', 'dev', 'dir', 'protocol', 'pool', 'volume'];
const BACKING_OWN_ATTRS: ReadonlyMap<string, readonly string[]> = new Map([['file', ['file']], ['block', ['dev']], ['dir', ['dir']], ['network', ['protocol']], ['volume', ['pool', 'volume']]]);

/** An empty <backingStore/> (no attribute, no child element) ends the chain; any other one describes an image. */
function describesImage(bs: XmlElement): boolean {
  return bs.attributes.length > 0 || bs.children.length > 0;
}

/**
 * The disk's backing chain: each <backingStore> that describes an image needs its <format>
 * (libvirt's schema; the parser: "missing disk backing store format") and its <source> (the
 * parser: "missing disk backing store source"); an empty one ends the chain.
 */
export function backingStoreFindings(d: DiskView): Finding[] {
  const out: Finding[] = [];
  const schema = (el: XmlElement, problem: string) => out.push({ ...on(el, `${problem} (${SCHEMA_REFUSES}).`), stage: 'schema' });
  // a chain is as deep as the document nests it; walked iteratively
  for (let holder: XmlElement | undefined = d.el; holder; holder = child(holder, 'backingStore')) {
    const links = holder.children.filter((c) => c.name === 'backingStore');
    if (links.length > 1) schema(links[1]!, `<${holder.name}> takes one <backingStore> (the next link of the chain nests inside it)`);
    const bs = links[0];
    if (!bs || !describesImage(bs)) break;
    const type = attr(bs, 'type');
    if (type && !BACKING_TYPES.has(type.value)) schema(bs, `<backingStore type="${type.value}"> is not a storage type libvirt knows`);
    // the schema's backing link: an optional positive index=, and only a <source>, a <format> and the next <backingStore> (checked with virt-xml-validate, libvirt 9.0)
    const index = attr(bs, 'index');
    if (index && !(/^[0-9]+$/.test(index.value) && /[1-9]/.test(index.value))) schema(bs, `<backingStore index="${index.value}"> must be a positive integer`);
    const stranger = bs.children.find((c) => c.name !== 'source' && c.name !== 'format' && c.name !== 'backingStore');
    if (stranger) schema(stranger, `A <backingStore> takes only <source>, <format> and the next <backingStore>, not <${stranger.name}>`);
    const format = child(bs, 'format');
    const fmt = format && attrValue(format, 'type');
    if (fmt !== undefined && !BACKING_FORMATS.has(fmt)) schema(format!, `<format type="${fmt}"> is not an image format libvirt's schema lists`);
    // the schema lists luks, but it is no image format of libvirt's: its parser refuses it (labelled, libvirt 9.0)
    else if (fmt === 'luks') out.push({ ...on(format!, "unknown storage source format 'luks' (a LUKS image is raw or qcow2 with an <encryption format=\"luks\">)."), stage: 'parse' });
    const source = child(bs, 'source');
    // the schema pairs each storage type with its own <source> attributes (an untyped link is a file), as for the disk itself
    const own = BACKING_OWN_ATTRS.get(type?.value ?? 'file');
    const foreign = source && own ? source.attributes.find((a) => LOCATION_ATTRS.includes(a.name) && !own.includes(a.name)) : undefined;
    if (foreign) schema(source!, `a backing image of type "${type?.value ?? 'file'}" takes <source ${own!.join('= ')}=...>, not ${foreign.name}=`);
    const path = source && (attr(source, 'file') ?? attr(source, 'dir'));
    if (path && !/^(?:\/|[a-zA-Z]:\\)[^\n\r]+$/.test(path.value)) schema(source!, `${path.name}="${path.value}" of a backing image is not an absolute path`);
  }
  for (let bs = child(d.el, 'backingStore'); bs && describesImage(bs); bs = child(bs, 'backingStore')) {
    if (!child(bs, 'format')) out.push({ ...on(bs, 'missing disk backing store format: a <backingStore> that names an image needs <format type="..."/> (an empty <backingStore/> ends the chain).'), stage: 'schema' });
    else if (!child(bs, 'source')) out.push(on(bs, 'missing disk backing store source: a <backingStore> that names an image needs its <source>.'));
  }
  return out;
}

/**
 * A <mirror> (the destination of a block copy or an active commit) in libvirt's schema's two
 * shapes: the older one with file= (and format=), whose job= may only be "copy"; the newer one
 * without file=, whose job= ("copy" or "active-commit") is required. ready= is yes, abort or pivot.
 */
export function mirrorFindings(d: DiskView): Finding[] {
  const m = child(d.el, 'mirror');
  if (!m) return [];
  const schema = (problem: string): Finding[] => [{ ...on(m, `${problem} (${SCHEMA_REFUSES}).`), stage: 'schema' }];
  const job = attrValue(m, 'job');
  if (attr(m, 'file')) {
    if (job !== undefined && job !== 'copy') return schema(`<mirror file=...> is the older form of a block copy: its job= can only be "copy", not "${job}"`);
  } else if (job === undefined) return schema('<mirror> without file= needs job="copy" or job="active-commit"');
  else if (job !== 'copy' && job !== 'active-commit') return schema(`<mirror job="${job}"> is neither "copy" nor "active-commit"`);
  const ready = attrValue(m, 'ready');
  if (ready !== undefined && !['yes', 'abort', 'pivot'].includes(ready)) return schema(`<mirror ready="${ready}"> is not yes, abort or pivot`);
  return [];
}

/**
 * A <seclabel> inside a disk's <source> overrides the domain's label for that image only, and
 * libvirt's schema gives it three forms: relabel="no" alone, labelskip="yes" alone, or one or
 * more <label> children (relabel="yes" allowed); it has no other children.
 */
export function sourceSeclabelFindings(d: DiskView): Finding[] {
  const out: Finding[] = [];
  // the disk's own source, then each backing image's, as libvirt's parser reads them
  const sources: XmlElement[] = d.source ? [d.source] : [];
  for (let bs = child(d.el, 'backingStore'); bs; bs = child(bs, 'backingStore')) {
    const s = child(bs, 'source');
    if (s) sources.push(s);
  }
  for (const source of sources) out.push(...seclabelsOf(source));
  return out;
}

function seclabelsOf(source: XmlElement): Finding[] {
  const out: Finding[] = [];
  const models = new Set<string>();
  for (const l of source.children) {
    if (l.name !== 'seclabel') continue;
    // one label per security model: a second of the same model is the parser's refusal (those without model= are not compared)
    const model = attrValue(l, 'model');
    if (model !== undefined && models.has(model)) out.push({ ...on(l, `seclabel for model ${model} is already provided.`), stage: 'parse' });
    if (model !== undefined) models.add(model);
    const relabel = attr(l, 'relabel');
    const other = l.children.find((c) => c.name !== 'label');
    const label = child(l, 'label');
    if (relabel && relabel.value !== 'yes' && relabel.value !== 'no') out.push({ span: attrSpan(relabel), args: { problem: `relabel="${relabel.value}" is neither yes nor no.` } });
    else if (other) out.push(on(other, `A disk source <seclabel> takes only <label> children, not <${other.name}>.`));
    else if (relabel?.value === 'no' && label) out.push(on(label, `Cannot specify a label if relabelling is turned off. model=${attrValue(l, 'model') ?? '<null>'}`));
    else if (attrValue(l, 'labelskip') === 'yes' && label) out.push(on(label, 'A disk source <seclabel labelskip="yes"> takes no <label>.'));
    else if (!label && relabel?.value !== 'no' && attrValue(l, 'labelskip') !== 'yes') out.push(on(l, 'A disk source <seclabel> needs relabel="no" or a <label>: libvirt\'s schema takes no other form.'));
  }
  return out;
}

/** Attributes and child elements of the <disk> subtree that a libvirt release after 9.0 added (the catalogue's `since` and `newerChildren`). */
export function newerNameFindings(view: DocView): Finding[] {
  const out: Finding[] = [];
  for (const { el, info } of walkKnown(view)) {
    for (const a of el.attributes) {
      const since = Object.prototype.hasOwnProperty.call(info.attributes, a.name) ? info.attributes[a.name].since : undefined;
      if (since) out.push({ span: a.nameSpan, args: { what: `<${el.name} ${a.name}>`, since } });
    }
    const newer = info.newerChildren;
    if (!newer) continue;
    for (const c of el.children) {
      const since = Object.prototype.hasOwnProperty.call(newer, c.name) ? newer[c.name] : undefined;
      if (since) out.push({ span: c.nameSpan, args: { what: `<${el.name}><${c.name}>`, since } });
    }
  }
  return out;
}
