/**
 * A small reader of nova.conf as oslo.config reads it (its INI parser): `[section]` headers
 * (names other than DEFAULT in any case), `key = value` or `key: value`, quoted values,
 * continuation lines, `#`/`;` comment lines, the last of repeated keys wins. Only the
 * options that change the `<disk>` XML are kept (the context's `nova_conf` keys); every other
 * option, and every value Nova would refuse, is named in a note, never dropped silently. Pure.
 */
import type { NovaConf } from './context';
import { pyRstrip, pyStrip } from '../text/pySpace';

export interface IniResult {
  conf: NovaConf;
  /** what was not taken, one line each: "line N: ..." */
  notes: string[];
}

type Kind = 'bool' | 'string' | 'list' | readonly string[];

const KNOWN: Record<'DEFAULT' | 'libvirt', Record<string, Kind>> = {
  DEFAULT: {
    use_cow_images: 'bool',
    preallocate_images: ['none', 'space'],
    force_config_drive: 'bool',
    config_drive_format: ['iso9660', 'vfat'],
    instances_path: 'string',
  },
  libvirt: {
    virt_type: ['kvm', 'qemu', 'lxc', 'parallels', 'xen', 'uml'],
    disk_prefix: 'string',
    disk_cachemodes: 'list',
    hw_disk_discard: ['ignore', 'unmap'],
    images_type: ['default', 'qcow2', 'raw', 'flat', 'lvm', 'rbd', 'ploop'],
    images_volume_group: 'string',
    sparse_logical_volumes: 'bool',
    images_rbd_pool: 'string',
    images_rbd_ceph_conf: 'string',
    rbd_user: 'string',
    rbd_secret_uuid: 'string',
    volume_use_multipath: 'bool',
  },
};

const TRUE = new Set(['true', '1', 'on', 'yes']);
const FALSE = new Set(['false', '0', 'off', 'no']);

/** oslo.config's group name: DEFAULT as written, every other section in lower case ([Libvirt] is [libvirt]) */
const groupOf = (section: string) => (section === 'DEFAULT' ? section : section.toLowerCase());

/** a parse error oslo.config raises: nova-compute does not start with this file */
const REFUSED = 'oslo.config refuses the file here (nova-compute does not start); the line is ignored';

/**
 * Read as oslo.config's INI parser reads it: a line is right-stripped; an empty one ends a value;
 * one starting with a blank continues the value before it (joined with a line break); `[name]`
 * opens a section (the name as written between the brackets); `#` and `;` start comment lines;
 * else the key runs to the first `=` or `:` and the value, stripped, loses one pair of matching
 * quotes. No inline comments: `x = raw # files` is the value `raw # files`.
 */
export function parseNovaConfIni(text: string): IniResult {
  const conf: NovaConf = {};
  const notes: string[] = [];
  const skipped = new Map<string, number>();
  let section: string | null = null;
  let pending: { key: string; value: string[]; at: string } | null = null;
  const flush = () => {
    if (pending) assign(pending.key, pending.value.join('\n'), pending.at);
    pending = null;
  };
  const assign = (key: string, value: string, at: string) => {
    if (section === null) {
      notes.push(`${at}: a "key = value" line before any [section]: ${REFUSED}`);
      return;
    }
    const group = groupOf(section);
    const known = group === 'DEFAULT' || group === 'libvirt' ? KNOWN[group] : undefined;
    const kind = known?.[key];
    if (!kind) {
      const name = `[${section}]${key}`;
      skipped.set(name, (skipped.get(name) ?? 0) + 1);
      return;
    }
    const shown = JSON.stringify(value);
    if (value.includes('$')) {
      notes.push(`${at}: [${section}]${key} = ${shown} refers to another option ($): not read by bdm-lab; ignored`);
      return;
    }
    let parsed: string | boolean | string[] | null;
    if (kind === 'bool') {
      const v = value.toLowerCase();
      parsed = TRUE.has(v) ? true : FALSE.has(v) ? false : null;
    } else if (kind === 'list') {
      parsed = value === '' ? [] : value.split(',').map(pyStrip).filter((x) => x !== '');
    } else if (kind === 'string') {
      // an empty disk_prefix is no prefix, as Nova's truth test reads it
      if (key === 'disk_prefix' && value === '') {
        ((conf.libvirt ??= {}) as Record<string, unknown>).disk_prefix = null;
        return;
      }
      parsed = value;
    } else {
      parsed = kind.includes(value) ? value : null;
    }
    if (parsed === null) {
      notes.push(`${at}: [${section}]${key} = ${shown} is not a value Nova takes (${kind === 'bool' ? 'true or false' : (kind as readonly string[]).join(', ')}): nova-compute does not start with it (oslo.config's ConfigFileValueError); ignored here`);
      return;
    }
    const target = (conf[group as 'DEFAULT' | 'libvirt'] ??= {}) as Record<string, unknown>;
    target[key] = parsed;
  };
  const lines = text.split(/\r\n|\r|\n/);
  for (let i = 0; i < lines.length; i++) {
    const line = pyRstrip(lines[i]!);
    const at = `line ${i + 1}`;
    if (line === '') {
      flush();
      continue;
    }
    if (line.startsWith(' ') || line.startsWith('\t')) {
      if (pending) pending.value.push(pyStrip(line));
      else notes.push(`${at}: a continuation line with no value before it: ${REFUSED}`);
      continue;
    }
    flush();
    if (line.startsWith('[')) {
      if (!line.endsWith(']') || line.length <= 2) notes.push(`${at}: ${line.length <= 2 ? 'a section without a name' : 'a section header that does not end with "]"'}: ${REFUSED}`);
      else section = line.slice(1, -1);
      continue;
    }
    if (line.startsWith('#') || line.startsWith(';')) continue;
    // the key runs to the first `=` or `:` (found once, no pattern retried along a long line)
    const sep = line.search(/[=:]/);
    const key = sep < 0 ? '' : pyStrip(line.slice(0, sep));
    if (key === '') {
      notes.push(`${at}: ${sep < 0 ? 'not a "key = value" line' : 'a value without a key'}: ${REFUSED}`);
      continue;
    }
    let value = pyStrip(line.slice(sep + 1));
    if (value !== '' && (value[0] === '"' || value[0] === "'") && value[value.length - 1] === value[0]) value = value.slice(1, -1);
    pending = { key, value: [value], at };
  }
  flush();
  if (skipped.size > 0) {
    const names = [...skipped.keys()];
    notes.push(`not modelled by bdm-lab (no effect on the XML here): ${names.slice(0, 20).join(', ')}${names.length > 20 ? ` and ${names.length - 20} more` : ''}`);
  }
  return { conf, notes };
}
