/**
 * Quick fixes on an `openstack server create` command's own text: the microversion OSC (or
 * novaclient) asks for, a misspelt --block-device key, a source or destination type written in
 * the wrong case. Each edit keeps the shell words as they were written around it.
 */
import type { Span } from '../../text/span';
import type { SourceFix } from '../doc';
import type { Word } from './shell';

/** What the fixes read of a command (index.ts OscCommand) */
interface OscCommand {
  program: Word;
  microversionWord: Word | null;
  translation: { error: { message: string } | null };
}

const BDM_KEYS = ['uuid', 'source_type', 'destination_type', 'disk_bus', 'device_type', 'device_name', 'volume_size', 'guest_format', 'boot_index', 'delete_on_termination', 'tag', 'volume_type'];

/** Levenshtein distance, small strings only */
function distance(a: string, b: string): number {
  const row = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    let prev = row[0];
    row[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const cur = row[j];
      row[j] = Math.min(row[j] + 1, row[j - 1] + 1, prev + (a[i - 1] === b[j - 1] ? 0 : 1));
      prev = cur;
    }
  }
  return row[b.length];
}

/** The command sends this microversion: its own --os-compute-api-version value changed, or the option added after `openstack`. */
function microversionFix(cmd: OscCommand, version: string): SourceFix {
  const w = cmd.microversionWord;
  const contiguous = w && w.offs.length === w.value.length && w.end - w.start === w.value.length;
  const edit = w && contiguous
    ? { span: { offset: w.start, length: w.end - w.start }, newText: version }
    : { span: { offset: cmd.program.end, length: 0 }, newText: ` --os-compute-api-version ${version}` };
  return { title: `Send microversion ${version} (--os-compute-api-version ${version})`, edits: [edit], preferred: true };
}

export function oscFixes(text: string, cmd: OscCommand, d: { code: string; span: Span }): SourceFix[] {
  if (d.code !== 'BDM-OSC-COMMAND' && d.code !== 'BDM-OSC-ARGUMENT') return [];
  const message = cmd.translation.error?.message ?? '';
  const needs = /--os-compute-api-version (2\.\d+) or greater is required/.exec(message);
  if (needs) return [microversionFix(cmd, needs[1])];
  if (message.startsWith('nics must be a list or a tuple')) return [microversionFix(cmd, '2.37')];
  const written = text.slice(d.span.offset, d.span.offset + d.span.length);
  const badKey = /^Invalid keys (\S+?),? .*specified\./.exec(message);
  if (badKey && written === badKey[1]) {
    const near = BDM_KEYS.map((k) => ({ k, n: distance(k, written.toLowerCase()) })).sort((a, b) => a.n - b.n)[0];
    if (near && near.n <= 3) return [{ title: `Use the --block-device key ${near.k}`, edits: [{ span: d.span, newText: near.k }], preferred: true }];
  }
  const kind = /^The (source_type|destination_type) key of --block-device should be one of: (.*)$/.exec(message);
  if (kind) {
    const value = written.slice(written.indexOf('=') + 1);
    const allowed = kind[2].split(', ');
    const near = allowed.map((k) => ({ k, n: distance(k, value.toLowerCase()) })).sort((a, b) => a.n - b.n)[0];
    if (near && near.n <= 2 && written.startsWith(`${kind[1]}=`)) return [{ title: `Use ${kind[1]}=${near.k}`, edits: [{ span: d.span, newText: `${kind[1]}=${near.k}` }], preferred: true }];
  }
  return [];
}
