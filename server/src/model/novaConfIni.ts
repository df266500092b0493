/**
 * A small reader of nova.conf as operators write it (oslo.config's INI): `[section]` headers,
 * `key = value` or `key: value`, `#`/`;` comment lines, the last of repeated keys wins. Only the
 * options that change the `<disk>` XML are kept (the context's `nova_conf` keys); every other
 * option, and every value Nova would refuse, is named in a note, never dropped silently. Pure.
 */
import type { NovaConf } from './context';

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

export function parseNovaConfIni(text: string): IniResult {
  const conf: NovaConf = {};
  const notes: string[] = [];
  const skipped = new Map<string, number>();
  let section: string | null = null;
  const lines = text.split(/\r\n|\r|\n/);
  for (let i = 0; i < lines.length; i++) {
    const raw = lines[i]!;
    const line = raw.trim();
    const at = `line ${i + 1}`;
    if (line === '' || line.startsWith('#') || line.startsWith(';')) continue;
    if (/^\s/.test(raw)) {
      notes.push(`${at}: a continuation line is not read`);
      continue;
    }
    const head = /^\[([^\]]+)\]$/.exec(line);
    if (head) {
      section = head[1]!.trim();
      continue;
    }
    // the key runs to the first `=` or `:` (found once: a lazy key before `\s*[=:]` retried the
    // blanks after each of its characters, N² steps on a long line of them)
    const sep = line.search(/[=:]/);
    const kv = sep > 0 ? [line, line.slice(0, sep), line.slice(sep + 1)] : null;
    if (!kv || section === null) {
      notes.push(`${at}: not a "key = value" line${section === null ? ' inside a [section]' : ''}`);
      continue;
    }
    const key = kv[1]!.trim();
    const value = kv[2]!.trim();
    const known = section === 'DEFAULT' || section === 'libvirt' ? KNOWN[section] : undefined;
    const kind = known?.[key];
    if (!kind) {
      const name = `[${section}]${key}`;
      skipped.set(name, (skipped.get(name) ?? 0) + 1);
      continue;
    }
    let parsed: string | boolean | string[] | null;
    if (kind === 'bool') {
      const v = value.toLowerCase();
      parsed = TRUE.has(v) ? true : FALSE.has(v) ? false : null;
    } else if (kind === 'list') {
      parsed = value === '' ? [] : value.split(',').map((x) => x.trim()).filter((x) => x !== '');
    } else if (kind === 'string') {
      // an empty disk_prefix is no prefix, as Nova's truth test reads it
      parsed = key === 'disk_prefix' && value === '' ? (null as unknown as string) : value;
      if (parsed === null) {
        ((conf.libvirt ??= {}) as Record<string, unknown>).disk_prefix = null;
        continue;
      }
    } else {
      parsed = kind.includes(value) ? value : null;
    }
    if (parsed === null) {
      notes.push(`${at}: [${section}]${key} = ${value} is not a value Nova takes (${kind === 'bool' ? 'true or false' : (kind as readonly string[]).join(', ')}); ignored`);
      continue;
    }
    const sec = section as 'DEFAULT' | 'libvirt';
    const target = (conf[sec] ??= {}) as Record<string, unknown>;
    target[key] = parsed;
  }
  if (skipped.size > 0) {
    const names = [...skipped.keys()];
    notes.push(`not modelled by bdm-lab (no effect on the XML here): ${names.slice(0, 20).join(', ')}${names.length > 20 ? ` and ${names.length - 20} more` : ''}`);
  }
  return { conf, notes };
}
