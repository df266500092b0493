/**
 * OS::Nova::Server's properties schema in Heat 19.0.0 (heat/engine/resources/openstack/nova/
 * server.py `properties_schema`), as data: each property's type, whether it is required, its
 * default and the constraints Heat checks itself (AllowedValues, Range, and the custom ones that
 * need no cloud: ip_addr, mac_addr, ip_or_cidr). The custom constraints that ask the cloud
 * (glance.image, cinder.volume, nova.flavor, neutron.* ...) are not modelled (the heat-oracle
 * answers "exists" too). The key order is the schema's: Heat checks
 * the properties in this order and reports the first problem.
 *
 * Server.translation_rules (heat/engine/translation.py) adds two kinds of rule: REPLACE (an old
 * key's value moves to its new key, REPLACED below) and RESOLVE (`lookup`: the name is looked up
 * in Glance, Nova or Neutron when the server is created, not when it is validated).
 */

export type PType = 'String' | 'Integer' | 'Number' | 'Boolean' | 'Map' | 'List' | 'Any';

export interface PSchema {
  t: PType;
  req?: boolean;
  def?: unknown;
  allowed?: readonly string[];
  range?: readonly [number | null, number | null];
  /** a custom constraint Heat checks itself, without the cloud (props.ts customError) */
  custom?: 'ip_addr' | 'mac_addr' | 'ip_or_cidr';
  /** an AllowedPattern constraint: Python's pattern, matched from the start and through the whole text */
  pattern?: string;
  /** a property the schema has with implemented=False: writing it refuses the resource (after its value is read) */
  unimplemented?: true;
  keys?: Readonly<Record<string, PSchema>>;
  item?: PSchema;
  /**
   * a RESOLVE rule: Heat looks the value up only when it creates the server, and looks up only a
   * value Python finds true; a false one (`0`, `false`, `''`) is then no value at all, so the
   * property is empty in the request although it passed validation as '0' or 'False'
   */
  lookup?: true;
}

const S: PSchema = { t: 'String' };
const I: PSchema = { t: 'Integer' };
const B: PSchema = { t: 'Boolean' };

export const DISK_BUS = ['ide', 'lame_bus', 'scsi', 'usb', 'virtio'] as const;

/** a String property Heat looks up by name when it creates the server */
const LOOKUP: PSchema = { t: 'String', lookup: true };

/** block_device_mapping_v2 entry keys (image_id is replaced by image, REPLACED) */
export const BDM_V2: Readonly<Record<string, PSchema>> = {
  device_name: S, volume_id: S, image_id: S, image: LOOKUP, snapshot_id: S, swap_size: I,
  ephemeral_size: { t: 'Integer', range: [1, null] },
  ephemeral_format: { t: 'String', allowed: ['ext2', 'ext3', 'ext4', 'xfs', 'ntfs'] },
  device_type: { t: 'String', allowed: ['cdrom', 'disk'] },
  disk_bus: { t: 'String', allowed: DISK_BUS },
  boot_index: I, volume_size: I, delete_on_termination: B,
};

export const BDM_V1: Readonly<Record<string, PSchema>> = {
  device_name: { t: 'String', req: true }, volume_id: S, snapshot_id: S, volume_size: I, delete_on_termination: B,
};

/** a MAC address (Heat's mac_addr constraint) */
export const MAC: PSchema = { t: 'String', custom: 'mac_addr' };

const PORT_EXTRA: PSchema = {
  t: 'Map',
  keys: {
    value_specs: { t: 'Map', def: {} }, admin_state_up: { t: 'Boolean', def: true }, mac_address: MAC,
    allowed_address_pairs: { t: 'List', item: { t: 'Map', keys: { mac_address: MAC, ip_address: { t: 'String', req: true, custom: 'ip_or_cidr' } } } },
    'binding:vnic_type': { t: 'String', def: 'normal', allowed: ['normal', 'direct', 'macvtap', 'direct-physical', 'baremetal', 'virtio-forwarder', 'smart-nic'] },
    port_security_enabled: B, qos_policy: S, propagate_uplink_status: B, no_fixed_ips: { t: 'Boolean', def: false },
  },
};

export const NETWORK: Readonly<Record<string, PSchema>> = {
  uuid: S, network: LOOKUP, allocate_network: { t: 'String', allowed: ['none', 'auto'] }, fixed_ip: { t: 'String', custom: 'ip_addr' }, port: LOOKUP,
  port_extra_properties: PORT_EXTRA, subnet: LOOKUP, floating_ip: S, tag: S,
};

export const SERVER: Readonly<Record<string, PSchema>> = {
  name: S,
  image: LOOKUP,
  block_device_mapping: { t: 'List', item: { t: 'Map', keys: BDM_V1 } },
  block_device_mapping_v2: { t: 'List', item: { t: 'Map', keys: BDM_V2 } },
  flavor: { t: 'String', req: true, lookup: true },
  flavor_update_policy: { t: 'String', def: 'RESIZE', allowed: ['RESIZE', 'REPLACE'] },
  image_update_policy: { t: 'String', def: 'REBUILD', allowed: ['REBUILD', 'REPLACE', 'REBUILD_PRESERVE_EPHEMERAL'] },
  key_name: S,
  admin_user: S,
  availability_zone: S,
  security_groups: { t: 'List', def: [] },
  networks: { t: 'List', item: { t: 'Map', keys: NETWORK } },
  scheduler_hints: { t: 'Map' },
  metadata: { t: 'Map', def: {} },
  user_data_format: { t: 'String', def: 'HEAT_CFNTOOLS', allowed: ['HEAT_CFNTOOLS', 'RAW', 'SOFTWARE_CONFIG'] },
  software_config_transport: { t: 'String', def: 'POLL_SERVER_CFN', allowed: ['POLL_SERVER_CFN', 'POLL_SERVER_HEAT', 'POLL_TEMP_URL', 'ZAQAR_MESSAGE'] },
  user_data_update_policy: { t: 'String', def: 'REPLACE', allowed: ['REPLACE', 'IGNORE', 'REBUILD'] },
  user_data: { t: 'String', def: '' },
  reservation_id: S,
  config_drive: B,
  diskConfig: { t: 'String', allowed: ['AUTO', 'MANUAL'] },
  personality: { t: 'Map', def: {} },
  admin_pass: S,
  tags: { t: 'List', item: S },
  deployment_swift_data: { t: 'Map', def: {}, keys: { container: S, object: S } },
};

/**
 * keys Heat's REPLACE rules move to another key of the same list item: [list property, old key,
 * new key] ('' for the list: two top-level properties). The old key is never checked on its own:
 * its value is the new key's whenever it is not None (null, or not written), and both written
 * with values Python finds true is a refusal.
 */
export type Replaced = ReadonlyArray<readonly [string, string, string]>;
export const REPLACED: Replaced = [
  ['block_device_mapping_v2', 'image_id', 'image'],
  ['networks', 'uuid', 'network'],
];
