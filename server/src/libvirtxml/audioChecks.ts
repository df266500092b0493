import { findingAt as on } from './ruleHelpers';
import { attr, attrValue, child } from './types';
import type { Finding, XmlAttribute, XmlElement } from './types';
import type { DocView } from './view';

/**
 * The <audio> backends as libvirt 9.0 reads them (labelled with virsh define --validate on the
 * QEMU driver). Its parser checks each direction, <input> then <output>, as it reads the backend:
 * fixed settings need the mixing engine (fixedSettings="yes" without mixingEngine="yes": "fixed
 * audio settings requires mixing engine"), and a <settings> element needs fixedSettings="yes"
 * ("audio settings specified without fixed settings flag"). Once every device is validated, the
 * domain's own checks want the <audio id=...> a <sound> or a <graphics> names to exist (the
 * sounds' first; without any <audio> libvirt adds one of id 1: "no audio device with ID 2") and each backend's id to be its own ("audio ID 1 is used multiple times"),
 * in that order. One pass over the devices, ids in a set.
 */

function directionProblem(io: XmlElement): Finding | undefined {
  const fixed = attrValue(io, 'fixedSettings') === 'yes';
  if (fixed && attrValue(io, 'mixingEngine') !== 'yes') return on(attr(io, 'fixedSettings')!, 'fixed audio settings requires mixing engine.');
  const settings = child(io, 'settings');
  if (!fixed && settings) return on(settings, 'audio settings specified without fixed settings flag.');
  return undefined;
}

/** libvirt's reading of an id (uint8 in the schema, a whole number for the parser): decimal or 0x hex. */
function idNumber(v: string): number | undefined {
  const t = v.trim();
  if (/^0x[0-9a-fA-F]{1,2}$/.test(t)) return parseInt(t.slice(2), 16);
  return /^[0-9]{1,3}$/.test(t) ? Number(t) : undefined;
}

export function audioFindings(view: DocView): Finding[] {
  const out: Finding[] = [];
  const ids = new Set<number>();
  let twice: XmlAttribute | undefined;
  const refs: XmlAttribute[] = [];
  const graphicsRefs: XmlAttribute[] = [];
  let sawAudio = false;
  for (const d of view.devices) {
    if (d.name === 'audio') {
      sawAudio = true;
      for (const name of ['input', 'output']) {
        const io = child(d, name);
        const p = io && directionProblem(io);
        if (p) {
          out.push({ ...p, stage: 'parse' });
          break;
        }
      }
      const id = attr(d, 'id');
      const n = id && idNumber(id.value);
      if (n !== undefined && n > 0) {
        if (ids.has(n) && !twice) twice = id;
        ids.add(n);
      }
    } else if (d.name === 'sound' || d.name === 'graphics') {
      const ref = child(d, 'audio');
      const id = ref && attr(ref, 'id');
      if (id) (d.name === 'sound' ? refs : graphicsRefs).push(id);
    }
  }
  // without any <audio>, libvirt gives the domain a default backend of id 1 (labelled)
  if (!sawAudio) ids.add(1);
  refs.push(...graphicsRefs);
  const missing = refs.find((r) => {
    const n = idNumber(r.value);
    return n !== undefined && n > 0 && !ids.has(n);
  });
  if (missing) out.push({ ...on(missing, `no audio device with ID ${idNumber(missing.value)}.`), stage: 'validate-domain' });
  else if (twice) out.push({ ...on(twice, `audio ID ${idNumber(twice.value)} is used multiple times.`), stage: 'validate-domain' });
  return out;
}
