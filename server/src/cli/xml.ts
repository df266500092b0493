/**
 * `bdm-lab xml [--context FILE] [--lab FILE|NAME] [--format xml|json] FILE`
 * Prints the <disk> elements Nova would hand libvirt, in Nova's order. A payload Nova refuses
 * exits 1 with its diagnostics, as `check` does.
 */
import { analyzeJson } from '../analyze';
import { previewOf } from '../features/preview';
import { EMBEDDED_LAB_HOSTS, loadLabHost, formatLabHostError, type LabHost } from '../attach';
import type { CliIo } from './io';
import { loadContext, parseArgs, UsageError, InputError } from './common';
import { toJson } from './check';

export function runXml(argv: string[], io: CliIo): number {
  const args = parseArgs(argv, { context: 'string', lab: 'string', format: 'string' });
  const format = (args.options.format as string | undefined) ?? 'xml';
  if (!['xml', 'json'].includes(format)) throw new UsageError(`--format must be xml or json (got "${format}")`);
  if (args.positional.length !== 1) throw new UsageError('xml needs exactly one FILE');
  const context = loadContext(args.options.context as string | undefined, io);
  const lab = args.options.lab ? loadLab(String(args.options.lab), io) : null;
  const file = args.positional[0];
  let text: string;
  try {
    text = io.readFile(file);
  } catch (e) {
    throw new InputError(`cannot read ${file}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`);
  }
  const a = analyzeJson(text, context, { forced: true, allowComments: file.endsWith('.jsonc') });
  if (a.diagnostics.some((d) => d.code === 'BDM-JSON-SYNTAX')) {
    io.stdout(JSON.stringify(toJson([{ file, text, analysis: { ...a, language: 'json' } }]), null, 2) + '\n');
    throw new InputError(`${file}: cannot parse: ${a.diagnostics.find((d) => d.code === 'BDM-JSON-SYNTAX')!.explanation}`);
  }
  if (a.kind === 'attach') throw new InputError(`${file}: a volumeAttachment body has no guest disks to preview; use "bdm-lab attach"`);
  if (!a.valid) {
    io.stdout(JSON.stringify(toJson([{ file, text, analysis: { ...a, language: 'json' } }]), null, 2) + '\n');
    return 1;
  }
  const p = previewOf(a, context, lab);
  if (format === 'xml') {
    io.stdout(p.disks.map((d) => d.xml).join(''));
    if (p.buildError) io.stderr(`bdm-lab: the compute node would fail the build: ${p.buildError}\n`);
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
  });
  io.stdout(JSON.stringify({
    entries: p.entries.map((e) => row(e, e.entry)),
    implicit: p.implicit.map((e) => ({ ...row(e, null), kind: e.implicit })),
    rootDeviceName: p.rootDeviceName,
    bootDevOrder: p.bootDevOrder,
    buildError: p.buildError,
  }, null, 2) + '\n');
  return 0;
}

export function loadLab(ref: string, io: CliIo): LabHost {
  let text: string;
  let name = ref;
  if (EMBEDDED_LAB_HOSTS[ref] !== undefined) {
    text = EMBEDDED_LAB_HOSTS[ref];
    name = `${ref}.labhost.json`;
  } else {
    try {
      text = io.readFile(ref);
    } catch (e) {
      throw new InputError(`cannot read lab host ${ref}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`);
    }
  }
  const r = loadLabHost(text, name);
  if (!r.ok) throw new InputError(r.errors.slice(0, 5).map(formatLabHostError).join('\n'));
  return r.labHost;
}

