/**
 * The connector dict Nova builds through os-brick's get_connector_properties
 * (attach-flow.md §c): base keys, then each matching connector class's keys in the
 * Linux order, absent keys really absent (not null or empty).
 */
import type { ProfileFacts } from '../engine/timings';
import type { HostFacts, Profile } from '../types';
import { SimError } from '../engine/run';
import { uuidFrom } from '../engine/world';

export type Connector = Record<string, unknown>;

/** Throws SimError when older os-brick enforces multipath and multipathd is down (C4). */
export function connectorProperties(host: HostFacts, facts: ProfileFacts, profile: Profile): Connector {
  const c: Connector = { platform: host.platform, os_type: facts.osType, ip: host.ip, host: host.hostname };
  if (facts.enforceMultipathKey) {
    // modern: configured value as is; multipathd is checked later, inside connect_volume
    c.multipath = host.multipath_enabled;
    c.enforce_multipath = true;
  } else {
    if (host.multipath_enabled && !host.multipathd_running) {
      throw new SimError('Unexpected error while running command.\nCommand: multipathd show status\nExit code: 1\nStdout: \'\'\nStderr: \'error receiving packet\'', null, 'ProcessExecutionError');
    }
    c.multipath = host.multipath_enabled && host.multipathd_running;
  }
  if (host.initiator) c.initiator = host.initiator;
  const online = host.fc_hbas.filter((h) => h.port_state === 'Online');
  if (online.length > 0) {
    c.wwpns = online.map((h) => h.wwpn.replace(/^0x/, '').toLowerCase());
    c.wwnns = online.map((h) => h.wwnn.replace(/^0x/, '').toLowerCase());
  }
  c.do_local_attach = false;
  if (profile === 'modern') {
    // NVMeOFConnector: uuid and system uuid; nqn/nvme_hostid only with the nvme CLI (absent here)
    c.uuid = uuidFrom(`rootfs:${host.hostname}`);
    c['system uuid'] = uuidFrom(`dmi:${host.hostname}`);
    c.nvme_native_multipath = true;
  }
  return c;
}
