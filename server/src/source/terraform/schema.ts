/**
 * The provider's resource schemas as far as Terraform validates a configuration against them
 * (argument names, required arguments, nested block types, computed-only attributes): read from
 * resource_openstack_compute_instance_v2.go and resource_openstack_compute_volume_attach_v2.go
 * (the provider commit in shared/spec/sources.md).
 */
export interface AttrType {
  type: 'string' | 'int' | 'bool' | 'list' | 'set' | 'map';
  required?: boolean;
}

export interface BlockSchema {
  attrs: Record<string, AttrType>;
  blocks: Record<string, BlockSchema & { maxItems?: number }>;
  /** attributes Terraform computes (configuring them is an error) */
  computed?: string[];
  /** a resource's top-level body: Terraform's meta-arguments are allowed */
  top?: boolean;
}

const S: AttrType = { type: 'string' };
const I: AttrType = { type: 'int' };
const B: AttrType = { type: 'bool' };

export const BLOCK_DEVICE: BlockSchema = {
  attrs: {
    source_type: { type: 'string', required: true }, uuid: S, volume_size: I, destination_type: S, boot_index: I,
    delete_on_termination: B, guest_format: S, volume_type: S, device_type: S, disk_bus: S, multiattach: B,
  },
  blocks: {},
};

export const INSTANCE: BlockSchema = {
  top: true,
  attrs: {
    region: S, name: { type: 'string', required: true }, image_id: S, image_name: S, flavor_id: S, flavor_name: S, user_data: S,
    security_groups: { type: 'set' }, availability_zone_hints: S, availability_zone: S, network_mode: S, hypervisor_hostname: S,
    metadata: { type: 'map' }, config_drive: B, admin_pass: S, key_pair: S, stop_before_destroy: B, force_delete: B, power_state: S,
    tags: { type: 'set' },
  },
  computed: ['id', 'access_ip_v4', 'access_ip_v6', 'all_metadata', 'all_tags', 'created', 'updated'],
  blocks: {
    block_device: BLOCK_DEVICE,
    network: { attrs: { uuid: S, name: S, port: S, fixed_ip_v4: S, fixed_ip_v6: S, access_network: B }, computed: ['mac'], blocks: {} },
    scheduler_hints: {
      attrs: { group: S, different_host: { type: 'list' }, same_host: { type: 'list' }, query: { type: 'list' }, target_cell: S, different_cell: { type: 'list' }, build_near_host_ip: S, additional_properties: { type: 'map' } },
      blocks: {},
    },
    personality: { attrs: { file: { type: 'string', required: true }, content: { type: 'string', required: true } }, blocks: {} },
    vendor_options: { attrs: { ignore_resize_confirmation: B, detach_ports_before_destroy: B }, blocks: {}, maxItems: 1 },
  },
};

export const ATTACH: BlockSchema = {
  top: true,
  attrs: { region: S, instance_id: { type: 'string', required: true }, volume_id: { type: 'string', required: true }, device: S, multiattach: B, tag: S },
  computed: ['id'],
  blocks: { vendor_options: { attrs: { ignore_volume_confirmation: B }, blocks: {}, maxItems: 1 } },
};

/** the attribute names of a block_device block (for completion and suggestions) */
export const BLOCK_DEVICE_FIELDS = Object.keys(BLOCK_DEVICE.attrs);
