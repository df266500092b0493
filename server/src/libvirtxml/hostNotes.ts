import { attr, attrValue, child } from './types';
import type { Problem, XmlElement } from './types';
import type { DocView } from './view';

/**
 * What libvirt refuses or accepts by the host it runs on rather than by the document: bdm-lab
 * cannot see the host, so it says so (information) instead of guessing either way. An emulated TPM
 * runs in swtpm, which libvirt 9.0's QEMU driver asks about when it defines the domain ("TPM
 * version '2.0' is not supported" where swtpm is missing or lacks that version); an external TPM
 * backend needs a QEMU that offers it ("does not support TPM backend type external"); so does a
 * <launchSecurity> of type sev or s390-pv ("SEV launch security is not supported with this QEMU
 * binary"). Labelled with
 * virsh define --validate on a host without swtpm (libvirt 9.0, QEMU 7.2).
 */
export const HOST_NOTE_ID = 'LIBVIRT-DOMAIN-HOST-DEPENDENT';

export function hostNotes(view: DocView): Problem[] {
  const out: Problem[] = [];
  for (const d of view.devices) {
    const backend = d.name === 'tpm' ? child(d, 'backend') : undefined;
    const type = backend ? attr(backend, 'type') : undefined;
    if (!backend || !type) continue;
    if (type.value === 'emulator') {
      // libvirt's default version: 2.0 for a CRB TPM (and a pSeries one), else 1.2
      const model = attrValue(d, 'model');
      const version = attrValue(backend, 'version') ?? (model === 'tpm-crb' || model === 'tpm-spapr' ? '2.0' : '1.2');
      out.push(note(type.valueSpan, `An emulated TPM ${version} runs in swtpm on the host: libvirt checks the host's swtpm when it defines the domain and refuses it where swtpm is missing or does not offer TPM ${version} ("TPM version '${version}' is not supported"). bdm-lab cannot see the host: install swtpm (swtpm-tools) on every compute host this guest may run on.`));
    } else if (type.value === 'external' && externalSource(backend)) {
      out.push(note(type.valueSpan, 'An external TPM backend needs a QEMU that offers it: libvirt asks the host\'s QEMU when it defines the domain and refuses the domain where it does not ("The QEMU executable ... does not support TPM backend type external"). bdm-lab cannot see the host\'s QEMU.'));
    }
  }
  // SEV and s390 Protected Virtualization need a host (and a QEMU) that offer them: libvirt asks the
  // QEMU's capabilities at define ("SEV launch security is not supported with this QEMU binary", labelled on a host without SEV)
  const ls = view.kind === 'domain' ? child(view.root, 'launchSecurity') : undefined;
  const lsType = ls && attr(ls, 'type');
  if (lsType && LAUNCH_SECURITY[lsType.value]) {
    out.push(note(lsType.valueSpan, `${LAUNCH_SECURITY[lsType.value]} launch security needs a host and a QEMU that offer it: libvirt asks the host's QEMU when it defines the domain and refuses the domain where it does not ("${LAUNCH_SECURITY[lsType.value]} launch security is not supported with this QEMU binary"). bdm-lab cannot see the host.`));
  }
  return out;
}

const LAUNCH_SECURITY: Readonly<Record<string, string>> = { sev: 'SEV', 's390-pv': 'S390 PV' };

/** An external backend's socket as the schema takes it (LIBVIRT-DOMAIN-TPM says what else is missing). */
function externalSource(backend: XmlElement): boolean {
  const source = child(backend, 'source');
  return !!source && attrValue(source, 'type') === 'unix' && attrValue(source, 'mode') === 'connect' && !!attrValue(source, 'path');
}

function note(span: Problem['span'], message: string): Problem {
  return { id: HOST_NOTE_ID, severity: 'information', message, span };
}
