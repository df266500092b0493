/**
 * `bdm-lab xml [--context FILE] [--microversion 2.N] [--lab FILE|NAME] [--format xml|json] [--request N] FILE`
 * FILE is a body, or a script, template or playbook holding requests (then the one --request N names).
 * Prints the <disk> elements Nova would hand libvirt, in Nova's order. A payload Nova refuses
 * exits 1: no XML, and why on stderr as `check` says it (with --format json, check's JSON on
 * stdout, as before). libvirt XML is not a request body: a usage error that says so. A nova.conf
 * oslo.config refuses (a value its option's type does not take, a line it cannot parse) exits 1
 * too: nova-compute does not start with it, so no XML; why on stderr at the file's line (with
 * --format json, the JSON with no XML and its `novaConfError`). With --lab the XML follows the
 * lab host's Nova release and nova.conf [workarounds] where it states them (features/preview.ts
 * labDeployment, as the editor's preview): where the context says otherwise, a note on stderr; the
 * JSON's `deployment` gives each value's source.
 */
import { analyzeJson } from '../analyze';
import { deploymentNotes, previewOf, spawnError } from '../features/preview';
import { nodeHost } from '../host';
import type { CliIo } from './io';
import { loadContextFile, loadLab, microversionOption, msg, parseCommandArgs, readInput, STDIN, stdinName, UsageError, InputError, baseName } from './common';
import { defaultContext, type Context } from '../model/context';
import { mergeContext, type PartialContext } from '../model/contextLoad';
import { parseNovaConfIni } from '../model/novaConfIni';
import { parseRelease } from '../libvirt/release';
import { analyzeDocument, holdsRequests, languageOf } from '../document';
import type { Analysis } from '../analyze';
import type { TextKind } from '../source/registry';
import { toText, writeJsonReport } from './report';
import { escapeValue, toJsonText } from './safeText';

export function runXml(argv: string[], io: CliIo): number {
  const args = parseCommandArgs(argv, {
    context: { type: 'string' }, microversion: { type: 'string' }, lab: { type: 'string' }, format: { type: 'string' },
    'nova-conf': { type: 'string' }, release: { type: 'string' }, instance: { type: 'string' }, request: { type: 'string' }, 'stdin-name': { type: 'string' }, help: { type: 'boolean', short: 'h' },
  });
  if (args.options.help) throw new UsageError('');
  const format = args.options.format ?? 'xml';
  if (!['xml', 'json'].includes(format)) throw new UsageError(`--format must be xml or json (got "${escapeValue(format)}")`);
  if (args.positional.length !== 1) throw new UsageError('xml needs exactly one FILE');
  const context = loadDeploymentContext(args.options, io);
  const lab = args.options.lab ? loadLab(args.options.lab, io) : null;
  const named = stdinName(args.positional, args.options['stdin-name']);
  const given = args.positional[0];
  // standard input is shown and read under --stdin-name, else as "-"
  const file = given === STDIN ? named ?? STDIN : given;
  const text = readInput(io, given, 'file', undefined, 'file after', true);
  const language = languageOf(file, text);
  if (language === 'xml') throw new InputError(msg`${file} is libvirt XML, not a Nova request body: "bdm-lab xml" renders the <disk> XML of a server-create body; "bdm-lab check ${file}" judges libvirt XML`);
  const a = holdsRequests(language) ? requestOf(file, text, language, context, args.options.request) : analyzeJson(text, context, { forced: true, allowComments: file.endsWith('.jsonc') });
  if (a.diagnostics.some((d) => d.code === 'BDM-JSON-SYNTAX')) {
    writeJsonReport([{ file, text, analysis: { ...a, language: 'json' } }], io.stdout);
    throw new InputError(`${escapeValue(file)}: cannot parse: ${escapeValue(a.diagnostics.find((d) => d.code === 'BDM-JSON-SYNTAX')!.explanation)}`);
  }
  if (a.kind === 'attach') throw new InputError(`${escapeValue(file)}: a volumeAttachment body has no guest disks to preview; use "bdm-lab attach"`);
  if (!a.valid) {
    if (format === 'json') writeJsonReport([{ file, text, analysis: { ...a, language: 'json' } }], io.stdout);
    else {
      const first = a.diagnostics.find((d) => d.severity === 'error');
      io.stderr(msg`bdm-lab xml: ${file}: no XML: Nova would refuse this body` + (first ? msg` (${first.novaStatus ? `HTTP ${first.novaStatus}, ` : ''}${first.code})` : '') + '; what it says:\n');
      io.stderr(toText([{ file, text, analysis: { ...a, language: 'json', diagnostics: a.diagnostics.filter((d) => d.severity === 'error') } }]));
    }
    return 1;
  }
  const p = previewOf(a, context, lab, nodeHost().hashes);
  const refused = p.novaConfError;
  if (refused && format === 'xml') {
    io.stderr(msg`bdm-lab xml: ${file}: no XML: ${refused.message}` + '\n');
    return 1;
  }
  if (format === 'xml') {
    const xml = terminalSafeXml(p.disks.map((d) => d.xml).join(''));
    io.stdout(xml.text);
    // with a lab host: where its Nova's release and [workarounds] disagree with the context's
    for (const note of deploymentNotes(p.deployment).slice(1)) io.stderr(`bdm-lab: ${escapeValue(note)}\n`);
    if (xml.notXml) io.stderr('bdm-lab: the XML holds characters XML 1.0 does not allow (shown as \\u{…}); libvirt would not accept it\n');
    // a disk Nova cannot build has no XML here: say why, as for a failing build
    const failed = spawnError(p);
    if (failed) io.stderr(`bdm-lab: the compute node would fail the build: ${escapeValue(failed)}\n`);
    return 0;
  }
  const row = (e: (typeof p.entries)[number], index: number | null) => ({
    index,
    driverClass: e.driverClass,
    deviceName: e.deviceName,
    bus: e.bus,
    deviceType: e.deviceType,
    bootIndex: e.bootIndex,
    xml: e.xml,
    error: e.error,
  });
  io.stdout(toJsonText({
    entries: p.entries.map((e) => row(e, e.entry)),
    implicit: p.implicit.map((e) => ({ ...row(e, null), kind: e.implicit })),
    rootDeviceName: p.rootDeviceName,
    bootDevOrder: p.bootDevOrder,
    buildError: p.buildError,
    spawnError: spawnError(p),
    novaConfError: refused,
    // with --lab: the release and [workarounds] the XML follows, each with its source
    ...(p.deployment ? { deployment: p.deployment } : {}),
  }));
  return refused ? 1 : 0;
}

/**
 * The context for the XML: `--microversion`, `--nova-conf FILE` (an INI nova.conf: only the
 * options bdm-lab models are taken, the others named on stderr), `--release`, `--instance`
 * over the `--context` file over the defaults.
 */
function loadDeploymentContext(o: { context?: string; microversion?: string; 'nova-conf'?: string; release?: string; instance?: string }, io: CliIo): Context {
  const cli: PartialContext = {};
  const mv = microversionOption(o.microversion);
  if (mv !== undefined) cli.microversion = mv;
  if (o.release !== undefined) {
    if (!parseRelease(o.release)) throw new UsageError(msg`--release must be a release profile (modern, queens_to_2024_2, ocata_legacy, kilo_prefix), a Nova version such as 26.2.2 or 2023.1, or a series name such as zed or caracal (got "${o.release}")`);
    cli.nova_release = o.release;
  }
  if (o.instance !== undefined) {
    if (!/^[0-9a-f]{8}-?[0-9a-f]{4}-?[0-9a-f]{4}-?[0-9a-f]{4}-?[0-9a-f]{12}$/i.test(o.instance)) throw new UsageError(msg`--instance must be an instance uuid (got "${o.instance}")`);
    cli.instance = { uuid: o.instance };
  }
  if (o['nova-conf'] !== undefined) {
    const file = o['nova-conf'];
    // (what oslo.config refuses in it is placed at this file's line)
    const { conf, notes } = parseNovaConfIni(readInput(io, file, 'nova.conf', undefined, 'file after'), file);
    for (const n of notes) io.stderr(msg`bdm-lab xml: ${file}: ${n}` + '\n');
    cli.nova_conf = conf;
  }
  const layers: Parameters<typeof mergeContext>[0] = [];
  if (Object.keys(cli).length > 0) layers.push({ source: 'cli', context: cli });
  if (o.context) layers.push({ source: 'cli', context: loadContextFile(o.context, io) });
  return layers.length ? mergeContext(layers).context : defaultContext();
}

/**
 * The <disk> XML for a terminal. The serialiser already escapes & < > " and whitespace in
 * attributes; here characters XML allows but a terminal acts on (TAB, CR, DEL, C1, bidi
 * controls, U+2028/U+2029) become character references (same document for an XML reader), and
 * characters XML 1.0 does not allow at all (other C0, lone surrogates, U+FFFE/U+FFFF) are shown
 * as `\u{HEX}`, the CLI's text escape, with a note on stderr.
 */
export function terminalSafeXml(xml: string): { text: string; notXml: boolean } {
  let notXml = false;
  // no `u` flag: surrogates are matched as UTF-16 code units
  const text = xml.replace(/[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u2028-\u202e\u2066-\u2069\ufffe\uffff]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g, (c) => {
    const n = c.charCodeAt(0);
    const allowed = n === 0x9 || n === 0xd || (n >= 0x7f && n <= 0x9f) || (n >= 0x2028 && n <= 0x2069);
    if (allowed) return `&#x${n.toString(16).toUpperCase()};`;
    notXml = true;
    return `\\u{${n.toString(16)}}`;
  });
  return { text, notXml };
}

/**
 * A script, template or playbook: the one request it holds (or the one `--request N` names,
 * counted from 1 in text order) as the body its tool sends; the tool's refusal is an input error.
 */
function requestOf(file: string, text: string, language: TextKind, context: Context, pick: string | undefined): Analysis {
  const requests = analyzeDocument(text, language, context, { fileName: baseName(file) }).requests ?? [];
  if (requests.length === 0) throw new InputError(msg`${file}: holds no request bdm-lab reads (an openstack server create command, a Heat OS::Nova::Server, a Terraform openstack_compute_instance_v2, an Ansible server task)`);
  if (pick === undefined && requests.length > 1) throw new UsageError(`${escapeValue(file)} holds ${requests.length} requests: choose one with --request N (1..${requests.length})`);
  const n = pick === undefined ? 1 : Number(pick);
  if (!Number.isInteger(n) || n < 1 || n > requests.length) throw new UsageError(`--request must be a number from 1 to ${requests.length} (got "${escapeValue(pick ?? '')}")`);
  const q = requests[n - 1];
  if (q.toolError !== null || !q.analysis) throw new InputError(`${escapeValue(file)}: ${q.toolLabel} refuses this and sends nothing to Nova: ${escapeValue(q.toolError ?? '')}`);
  return q.analysis;
}
