import type { Host, InProcessValidator, RelaxNgPort, SchemaError } from '../ports';
import { findExternalReference } from './externalRefs';
import { findRootTag, libvirtRootOf } from './recognize';
import { walk, type Problem, type Span, type XmlElement } from './types';
import { parseXml } from './parse';
import { LineIndex } from '../text/lineIndex';

/**
 * libvirt's own verdict: libvirt's RelaxNG domain schema, as `virt-xml-validate FILE domain`
 * checks it. By default in this process (the host's `relaxng` port, host/relaxng.ts: libxml2
 * compiled to WebAssembly with libvirt's .rng files, no program run, no network); where that
 * cannot load (no engine, no schemas), xmllint, called directly so it runs with the network off
 * (`--nonet`), no XML catalogs, and an environment of PATH and LANG only (no proxy settings),
 * against the schema found in a fixed list of system directories, never one the document names.
 * When neither is there the result says `available: false` and the caller decides what to show.
 * `secondOpinion` runs xmllint after an in-process verdict and notes a disagreement.
 *
 * Documents are hostile: one with a DOCTYPE, an entity or other markup
 * declaration, XInclude, a stylesheet PI or another encoding (externalRefs.ts)
 * is never handed to either validator; the result then says the check was not run.
 * The language server (on save) and the CLI (`check` on XML) both come here.
 *
 * A lone <disk> or <devices> is wrapped in a minimal <domain>. The wrapper's
 * head goes on the same line as the document's first line and the prolog is
 * blanked out character by character, so libvirt's line numbers are the
 * document's line numbers and no mapping table is needed.
 *
 * The host (the program runner, a private temporary directory, the schema's path facts and
 * PATH) comes in as ports (server/src/ports.ts): the edges pass nodeHost(), tests pass fakes.
 */

export const SCHEMA_ID = 'LIBVIRT-SCHEMA';

/** Where a schema verdict comes from, for a diagnostic's upstream. */
export function schemaUpstream(engine: SchemaCheckResult['engine']): string {
  return engine === 'in-process' ? "libvirt's RelaxNG schema (domain.rng), checked in-process" : "virt-xml-validate (libvirt's RelaxNG schema)";
}

export type { InProcessValidator, RelaxNgPort, SchemaError } from '../ports';

/** What the schema check needs of the host; with `relaxng` the check runs in this process, xmllint only as a fallback. */
export type SchemaCheckHost = Pick<Host, 'run' | 'searchPath' | 'temp' | 'files'> & { relaxng?: RelaxNgPort };

export interface SchemaCheckResult {
  available: boolean;
  problems: Problem[];
  /** Set when the document was not handed to the validator at all: why (user-facing). */
  notRun?: string;
  /** Which validator gave the verdict: libvirt's schema in this process, or xmllint. */
  engine?: 'in-process' | 'xmllint';
}

export interface SchemaCheckOptions {
  /** Directories searched, in order, for domain.rng. Default: SCHEMA_DIRS. */
  schemaDirs?: readonly string[];
  /** After an in-process verdict, also run xmllint (virt-xml-validate's check) and say when it disagrees. */
  secondOpinion?: boolean;
}

/** Where libvirt installs its RelaxNG schemas; nothing else is ever searched. */
export const SCHEMA_DIRS: readonly string[] = Object.freeze(['/usr/share/libvirt/schemas', '/usr/local/share/libvirt/schemas']);

/** A catalog path that does not exist, so libxml2 loads no XML catalog even if --nocatalogs were ignored. */
const NO_CATALOG = '/nonexistent/bdm-lab/no-xml-catalog.xml';

const TIMEOUT_MS = 20_000;
const MAX_OUTPUT_BYTES = 4 * 1024 * 1024;
const WRAP_HEAD = '<domain type="kvm"><name>bdm-lab-schema-check</name><memory>131072</memory><os><type>hvm</type></os>';

/** The document as libvirt's domain schema wants it (see the module comment). */
export function wrapForDomainSchema(text: string): string {
  const root = libvirtRootOf(text);
  const tag = findRootTag(text);
  if (!tag || root === 'domain' || root === null) return text;
  const prolog = text.slice(0, tag.offset).replace(/[^\n]/g, ' ');
  const body = text.slice(tag.offset);
  return root === 'disk'
    ? `${WRAP_HEAD}<devices>${prolog}${body}\n</devices></domain>\n`
    : `${WRAP_HEAD}${prolog}${body}\n</domain>\n`;
}

/** The minimal environment the validator runs with: no proxy variables, no catalogs. */
export function validatorEnv(searchPath: string): Record<string, string> {
  return { PATH: searchPath, LANG: 'C', XML_CATALOG_FILES: NO_CATALOG };
}

/** xmllint's arguments: no output tree, no network, no catalogs, libvirt's RelaxNG schema. */
export function validatorArgs(schema: string, file: string): string[] {
  return ['--noout', '--nonet', '--nocatalogs', '--relaxng', schema, file];
}

function findDomainSchema(host: SchemaCheckHost, dirs: readonly string[]): string | null {
  for (const dir of dirs) {
    const file = host.files.join(dir, 'domain.rng');
    const st = host.files.stat(file);
    if (st.ok && st.kind === 'file') return file;
  }
  return null;
}

export async function runLibvirtSchemaCheck(text: string, host: SchemaCheckHost, options: SchemaCheckOptions = {}): Promise<SchemaCheckResult> {
  const loaded = host.relaxng ? await host.relaxng.load() : null;
  if (!loaded || 'unavailable' in loaded) return runXmllint(text, host, options);
  const r = await checkInProcess(text, loaded);
  if (!options.secondOpinion || r.notRun) return r;
  const x = await runXmllint(text, host, options);
  if (!x.available || x.notRun || (x.problems.length === 0) === (r.problems.length === 0)) return r;
  const verdict = x.problems.length ? `refuses it (${x.problems.map((p) => p.message).join('; ')})` : 'accepts it';
  return { ...r, problems: [...r.problems, { id: SCHEMA_ID, severity: 'information', message: `Second opinion: xmllint with libvirt's installed schema ${verdict}.`, span: rootSpan(text) }] };
}

/** The reason a document is never handed to a validator, as the result that says so; null when it may be. */
function refusedDocument(text: string, wrapped: string, engine: SchemaCheckResult['engine']): SchemaCheckResult | null {
  const external = findExternalReference(text) ?? (wrapped === text ? null : findExternalReference(wrapped));
  if (!external) return null;
  const notRun = `libvirt schema check not run: the document contains ${external.reason}, and bdm-lab never hands such a document to an XML validator (it could read files or fetch over the network).`;
  const span = external.span.offset + external.span.length <= text.length ? external.span : rootSpan(text);
  return { available: true, notRun, engine, problems: [{ id: SCHEMA_ID, severity: 'information', message: notRun, span }] };
}

/** libvirt's schema in this process: the same verdict, placement and narrowing as with xmllint, with no program run. */
export async function checkInProcess(text: string, validator: InProcessValidator): Promise<SchemaCheckResult> {
  const wrapped = wrapForDomainSchema(text);
  const refused = refusedDocument(text, wrapped, 'in-process');
  if (refused) return refused;
  const errors = validator.validate(wrapped);
  if (!errors.length) return { available: true, problems: [], engine: 'in-process' };
  const problems = placeErrors(text, errors);
  const narrowed = await narrow(text, async (candidate) => (validator.validate(wrapForDomainSchema(candidate)).length ? 'invalid' : 'valid'), problems, 'libxml2');
  return { available: true, problems: narrowed ?? problems, engine: 'in-process' };
}

/** The in-process validator's complaints as problems, placed as xmllint's lines are (mapMessages). */
export function placeErrors(text: string, errors: readonly SchemaError[]): Problem[] {
  const problems: Problem[] = [];
  const seen = new Set<string>();
  for (const e of errors) {
    const span = e.line > 0 ? lineSpan(text, e.line, e.element) : rootSpan(text);
    const message = e.message.trim();
    const key = `${span.offset}:${message}`;
    if (seen.has(key)) continue;
    seen.add(key);
    problems.push({ id: SCHEMA_ID, severity: 'error', message: `libvirt schema: ${message}`, span });
  }
  return problems;
}

async function runXmllint(text: string, host: SchemaCheckHost, options: SchemaCheckOptions): Promise<SchemaCheckResult> {
  const schema = findDomainSchema(host, options.schemaDirs ?? SCHEMA_DIRS);
  if (!schema) return { available: false, problems: [] };
  const wrapped = wrapForDomainSchema(text);
  const refused = refusedDocument(text, wrapped, undefined);
  if (refused) return refused;
  return host.temp.withDir('bdm-lab-virtxml-', async (dir) => {
    const file = await dir.write('document.xml', wrapped);
    const r = await host.run('xmllint', validatorArgs(schema, file), { timeoutMs: TIMEOUT_MS, maxOutputBytes: MAX_OUTPUT_BYTES, env: validatorEnv(host.searchPath) });
    const output = `${r.stderr}\n${r.stdout}`;
    if (r.error?.code === 'ENOENT' || r.exitCode === 127 || /xmllint: (command )?not found/.test(output)) {
      return { available: false, problems: [] };
    }
    // Output over the cap stops xmllint like the timeout does, and is reported the same way.
    if (r.timedOut || r.error?.code === 'OUTPUT_LIMIT') {
      return { available: true, problems: [{ id: SCHEMA_ID, severity: 'information', message: `libvirt's schema check (xmllint) did not finish within ${TIMEOUT_MS / 1000} s.`, span: rootSpan(text) }] };
    }
    if (r.exitCode === 0) return { available: true, problems: [] };
    const problems = mapMessages(text, file, output);
    // xmllint names the <domain> or <devices> around a bad value ("Element domain failed to
    // validate content"): find the device, attribute or element at fault by validating less.
    const narrowed = await narrow(text, async (candidate) => {
      const f = await dir.write('narrow.xml', wrapForDomainSchema(candidate));
      const v = await host.run('xmllint', validatorArgs(schema, f), { timeoutMs: TIMEOUT_MS, maxOutputBytes: MAX_OUTPUT_BYTES, env: validatorEnv(host.searchPath) });
      return v.exitCode === 0 ? 'valid' : v.timedOut || v.exitCode === null || v.exitCode === 127 ? 'unknown' : 'invalid';
    }, problems);
    return { available: true, problems: narrowed ?? problems };
  });
}

/** At most this many extra validator runs to find what is at fault (each one a few tens of ms). */
const MAX_NARROW_RUNS = 40;
/** Devices looked into, attributes and elements tried per device. */
const MAX_DEVICES = 4;

type Verdict = 'valid' | 'invalid' | 'unknown';

/**
 * Whether xmllint's message only names an ancestor of what is wrong: "failed to validate
 * content", "the document does not validate", or "Extra element NAME in interleave". Read with
 * indexOf, not a pattern: NAME comes from the document, and a pattern that tries a run of
 * non-blanks at each "Extra element " retries it from every start (a long message of such words
 * took time growing with its square).
 */
export function namesAnAncestor(message: string): boolean {
  if (message.includes('failed to validate content') || message.includes('the document does not validate')) return true;
  const head = 'Extra element ';
  for (let at = message.indexOf(head); at >= 0; at = message.indexOf(head, at + 1)) {
    // NAME: the run of non-blanks after the words (a blank ends it, so only its end can be followed by " in interleave")
    const from = at + head.length;
    let i = from;
    while (i < message.length && !BLANK.test(message[i])) i++;
    if (i > from && message.startsWith(' in interleave', i)) return true;
  }
  return false;
}
const BLANK = /\s/;

/**
 * Where a document libvirt's schema refuses goes wrong, when xmllint only names an ancestor: each
 * device is validated alone (in a minimal domain), and in a failing device each attribute, then
 * each element, is left out in turn; what the device validates without is what libvirt refuses.
 * Returns the problems with the vague ones placed there (xmllint's own words kept in the
 * message), or null when nothing was found within the run budget (the caller keeps xmllint's).
 */
export async function narrow(text: string, validate: (candidate: string) => Promise<Verdict>, problems: Problem[], tool = 'xmllint'): Promise<Problem[] | null> {
  // xmllint's words that name an ancestor (a located "Invalid attribute X for element Y" is precise already)
  const vague = problems.filter((p) => namesAnAncestor(p.message));
  if (!vague.length) return null;
  const { root } = parseXml(text);
  if (!root) return null;
  const devicesEl = root.name === 'domain' ? root.children.find((c) => c.name === 'devices') : root.name === 'devices' ? root : null;
  const devices = root.name === 'disk' ? [root] : devicesEl ? devicesEl.children : [];
  let runs = 0;
  const check = async (candidate: string): Promise<Verdict> => (runs++ >= MAX_NARROW_RUNS ? 'unknown' : validate(candidate));
  const found: Problem[] = [];
  const why = vague.map((p) => p.message.replace(/^libvirt schema: /, '')).join('; ');
  for (const dev of devices) {
    if (found.length >= MAX_DEVICES || runs >= MAX_NARROW_RUNS) break;
    // the device alone: the wrapper's minimal domain with just this device
    // every candidate is one device in <devices>, which the wrapper puts in a minimal domain
    const devText = text.slice(dev.span.offset, dev.span.offset + dev.span.length);
    const alone = root.name === 'disk' ? 'invalid' : await check(`<devices>${devText}</devices>`);
    if (alone !== 'invalid') continue;
    const rel = (sp: Span) => ({ offset: sp.offset - dev.span.offset, length: sp.length });
    const without = (sp: Span) => { const r = rel(sp); return `<devices>${devText.slice(0, r.offset)}${devText.slice(r.offset + r.length)}</devices>`; };
    let placed: Problem | null = null;
    // children before their parent: a bad value deep down is blamed, not the parent's type that
    // makes it bad (a block disk with <source file=>: the file attribute, not type="block")
    for (const el of postOrder(dev)) {
      for (const a of el.attributes) {
        // the attribute with its leading space: name="value"
        const start = text.lastIndexOf(' ', a.nameSpan.offset) + 1 === a.nameSpan.offset ? a.nameSpan.offset - 1 : a.nameSpan.offset;
        const end = a.valueSpan.offset + a.valueSpan.length + 1;
        if ((await check(without({ offset: start, length: end - start }))) === 'valid') {
          placed = { id: SCHEMA_ID, severity: 'error', message: `libvirt schema: <${el.name}> ${a.name}="${a.value}" is not accepted (the ${dev.name} validates without it). ${tool}: ${why}`, span: a.valueSpan.length ? a.valueSpan : a.nameSpan };
          break;
        }
      }
      if (placed || runs >= MAX_NARROW_RUNS) break;
    }
    if (!placed) {
      for (const el of walk(dev)) {
        if (el === dev) continue;
        if ((await check(without(el.span))) === 'valid') {
          placed = { id: SCHEMA_ID, severity: 'error', message: `libvirt schema: <${el.name}> is not accepted here (the ${dev.name} validates without it). ${tool}: ${why}`, span: el.nameSpan };
          break;
        }
        if (runs >= MAX_NARROW_RUNS) break;
      }
    }
    // a device of a domain that fails alone is more precise than the domain; a lone <disk> is not
    if (placed || dev !== root) found.push(placed ?? { id: SCHEMA_ID, severity: 'error', message: `libvirt schema: this <${dev.name}> does not validate. ${tool}: ${why}`, span: dev.nameSpan });
  }
  if (!found.length) return null;
  return [...problems.filter((p) => !vague.includes(p)), ...found];
}

function* postOrder(el: XmlElement): Generator<XmlElement> {
  for (const c of el.children) yield* postOrder(c);
  yield el;
}


/**
 * xmllint reports `FILE:LINE: element X: Relax-NG validity error : TEXT`,
 * `FILE:LINE: parser error : TEXT`, and some lines with no location at all
 * ("Relax-NG validity error : Extra element devices in interleave"). Located
 * lines point at LINE (at element X when it is on that line); unlocated ones
 * point at the root element. Lines that only repeat the verdict are dropped.
 */
export function mapMessages(text: string, file: string, output: string): Problem[] {
  const problems: Problem[] = [];
  const seen = new Set<string>();
  for (const raw of output.split('\n')) {
    const line = raw.trim();
    if (!line || line === '^' || line.endsWith('fails to validate') || line.endsWith('validates')) continue;
    let span: Span;
    let message: string;
    const located = line.startsWith(`${file}:`) ? /^:(\d+): (?:element (\S+): )?(.*)$/.exec(line.slice(file.length)) : null;
    if (located) {
      span = lineSpan(text, Number(located[1]), located[2]);
      message = located[3];
    } else if (/error\s*:/.test(line)) {
      span = rootSpan(text);
      message = line;
    } else continue; // the echoed source line under a parser error
    message = message.replace(/^(Relax-NG validity error|parser error)\s*:\s*/, '');
    const key = `${span.offset}:${message}`;
    if (seen.has(key)) continue;
    seen.add(key);
    problems.push({ id: SCHEMA_ID, severity: 'error', message: `libvirt schema: ${message}`, span });
  }
  if (problems.length === 0) {
    problems.push({ id: SCHEMA_ID, severity: 'error', message: 'libvirt schema: the document does not validate.', span: rootSpan(text) });
  }
  return problems;
}

function rootSpan(text: string): Span {
  const tag = findRootTag(text);
  return tag ? { offset: tag.offset + 1, length: tag.name.length } : { offset: 0, length: Math.min(1, text.length) };
}

/** Span of `<element` on the given 1-based line, else the line's content, else the root. */
function lineSpan(text: string, line: number, element: string | undefined): Span {
  // xmllint counts only LF as a line break (a CR stays content of its line).
  const idx = new LineIndex(text, 'lf');
  const at = Math.max(0, Math.ceil(line) - 1);
  const start = idx.lineStart(at);
  if (start === undefined) return rootSpan(text);
  const end = idx.lineEnd(at)!;
  const content = text.slice(start, end);
  if (element) {
    const at = content.search(new RegExp(`<${element.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}[\\s/>]`));
    if (at >= 0) return { offset: start + at + 1, length: element.length };
    // The wrapper's elements (domain, devices) are on line 1 and not in the text.
    if (line === 1) return rootSpan(text);
  }
  const lead = content.length - content.trimStart().length;
  const trimmed = content.trim();
  return trimmed ? { offset: start + lead, length: trimmed.length } : rootSpan(text);
}
