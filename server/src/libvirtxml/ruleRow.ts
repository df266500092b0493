import type { RuleRowBase } from '../model/diagnostic';
import type { Finding } from './types';
import type { DocView } from './view';

/** One row of the libvirt XML rule tables (rules.ts for <disk>, domainRules.ts for the domain). */
export interface Rule extends RuleRowBase {
  /** Message template; {name} is replaced by the finding's args. */
  message: string;
  /** The libvirt/QEMU/Nova fact behind the rule, in our words (shown on hover). */
  fact: string;
  check: (view: DocView) => Finding[];
}

export const SCHEMA = 'libvirt src/conf/schemas/domaincommon.rng';
export const DOMAIN_CONF = 'libvirt src/conf/domain_conf.c';
export const DOMAIN_VALIDATE = 'libvirt src/conf/domain_validate.c';
export const QEMU_VALIDATE = 'libvirt src/qemu/qemu_validate.c';
