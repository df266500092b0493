import type { LibvirtRoot } from './types';

/**
 * Recognition by content, not by file name: an editor buffer named `vm.xml`
 * may hold anything, and a libvirt document may be called anything. Only the
 * prolog is skipped (BOM, XML declaration, processing instructions, comments,
 * a DOCTYPE with its internal subset), then the first start tag decides.
 */

const ROOTS: ReadonlySet<string> = new Set(['domain', 'disk', 'devices']);

/** Offset and name of the first start tag after the prolog, or null. */
export function findRootTag(text: string): { offset: number; name: string } | null {
  let i = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  const n = text.length;
  while (i < n) {
    const c = text[i];
    if (c === ' ' || c === '\t' || c === '\r' || c === '\n') {
      i++;
      continue;
    }
    if (c !== '<') return null; // text before the root: not XML we recognise
    if (text.startsWith('<?', i)) {
      const end = text.indexOf('?>', i + 2);
      if (end < 0) return null;
      i = end + 2;
    } else if (text.startsWith('<!--', i)) {
      const end = text.indexOf('-->', i + 4);
      if (end < 0) return null;
      i = end + 3;
    } else if (text.startsWith('<!DOCTYPE', i)) {
      i = skipDoctype(text, i);
      if (i < 0) return null;
    } else {
      const m = /^<([A-Za-z_][\w.:-]*)/.exec(text.slice(i, i + 200));
      return m ? { offset: i, name: m[1] } : null;
    }
  }
  return null;
}

/** The DOCTYPE ends at the first '>' outside its [...] internal subset and outside quotes. */
function skipDoctype(text: string, start: number): number {
  let depth = 0;
  let quote = '';
  for (let i = start + 9; i < text.length; i++) {
    const c = text[i];
    if (quote) {
      if (c === quote) quote = '';
    } else if (c === '"' || c === "'") quote = c;
    else if (c === '[') depth++;
    else if (c === ']') depth--;
    else if (c === '>' && depth <= 0) return i + 1;
  }
  return -1;
}

export function libvirtRootOf(text: string): LibvirtRoot | null {
  const root = findRootTag(text);
  return root && ROOTS.has(root.name) ? (root.name as LibvirtRoot) : null;
}

export function isLibvirtXml(text: string): boolean {
  return libvirtRootOf(text) !== null;
}
