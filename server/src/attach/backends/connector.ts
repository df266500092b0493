/**
 * The connector dict Nova builds through os-brick's get_connector_properties
 * (attach-flow.md §c): base keys, then each registered backend's connector keys in the
 * registry's (os-brick's Linux) order, absent keys really absent (not null or empty).
 */
import type { ProfileFacts } from '../engine/timings';
import type { HostFacts, Profile } from '../types';
import { SimError } from '../engine/run';
import { uuidFrom } from '../engine/world';
import type { Connector } from './backend';
import { BACKENDS } from './registry';

export type { Connector } from './backend';

/** Throws SimError when older os-brick enforces multipath and multipathd is down (C4). */
export function connectorProperties(host: HostFacts, facts: ProfileFacts, profile: Profile): Connector {
  if (profile === 'kilo_prefix') return novaOwnConnector(host);
  if (facts.preConnectorList) return preListConnector(host, facts, profile);
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
  for (const b of BACKENDS) Object.assign(c, b.connectorProperties(host, profile));
  if (profile === 'modern') {
    // NVMeOFConnector (no backend here yet): uuid and system uuid; nqn/nvme_hostid only with the nvme CLI (absent here)
    c.uuid = uuidFrom(`rootfs:${host.hostname}`);
    c['system uuid'] = uuidFrom(`dmi:${host.hostname}`);
    c.nvme_native_multipath = true;
  }
  return c;
}

/**
 * os-brick 0.5-1.3 (Nova 12-13): initiator/connector.py `get_connector_properties` without the
 * per-connector list: ip, host, the iSCSI initiator, the FC wwpns and wwnns, multipath (after
 * the multipathd check), then platform and os_type; the RBD connector adds nothing yet.
 */
function preListConnector(host: HostFacts, facts: ProfileFacts, profile: Profile): Connector {
  if (host.multipath_enabled && !host.multipathd_running) {
    throw new SimError('Unexpected error while running command.\nCommand: multipathd show status\nExit code: 1\nStdout: \'\'\nStderr: \'error receiving packet\'', null, 'ProcessExecutionError');
  }
  const c: Connector = { ip: host.ip, host: host.hostname };
  const keys: Connector = {};
  for (const b of BACKENDS) Object.assign(keys, b.connectorProperties(host, profile));
  for (const k of ['initiator', 'wwpns', 'wwnns']) if (keys[k] !== undefined) c[k] = keys[k];
  c.multipath = host.multipath_enabled && host.multipathd_running;
  c.platform = host.platform;
  c.os_type = facts.osType;
  return c;
}

/**
 * Before os-brick (Juno, nova 2014.2.x nova/virt/libvirt/driver.py get_volume_connector): Nova
 * builds the connector itself: ip and host, the initiator when the file names one, and the
 * online HBAs' wwnns then wwpns (only when both exist). No multipathd check, no platform keys.
 */
function novaOwnConnector(host: HostFacts): Connector {
  const c: Connector = { ip: host.ip, host: host.hostname };
  if (host.initiator) c.initiator = host.initiator;
  const online = host.fc_hbas.filter((h) => h.port_state === 'Online');
  if (online.length > 0) {
    c.wwnns = online.map((h) => h.wwnn.replace('0x', ''));
    c.wwpns = online.map((h) => h.wwpn.replace('0x', ''));
  }
  return c;
}
