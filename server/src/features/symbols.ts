/** Outline: one symbol per BDM entry (`#0 image→volume boot 0 10 GiB`), one per libvirt <disk>. */
import type { DocumentAnalysis } from '../document';
import type { Span } from '../text/span';

export interface OutlineSymbol {
  name: string;
  detail: string;
  span: Span;
  kind: 'entry' | 'disk';
}

export function outline(a: DocumentAnalysis): OutlineSymbol[] {
  if (a.language === 'xml') {
    return (a.xmlDisks ?? []).map((d, i) => ({
      name: `disk ${d.targetDev ?? `#${i}`}`,
      detail: [d.type, d.device, d.bus].filter(Boolean).join(' · '),
      span: d.span,
      kind: 'disk' as const,
    }));
  }
  return a.entries.map((e) => {
    const b = e.bdm;
    let name = `#${e.index}`;
    if (b) {
      name += ` ${b.source_type ?? '?'}→${b.destination_type ?? '?'}`;
      if (b.boot_index !== null && b.boot_index >= 0) name += ` boot ${b.boot_index}`;
      if (b.volume_size !== null) name += ` ${b.volume_size} ${b.guest_format === 'swap' ? 'MiB' : 'GiB'}`;
      if (b.no_device) name += ' (no device)';
    } else name += ' (refused)';
    return { name, detail: e.driverClass ?? 'no driver class', span: e.span, kind: 'entry' as const };
  });
}
