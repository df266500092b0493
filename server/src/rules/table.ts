/**
 * THE rule table. One row per rule id of shared/spec/nova-bdm-rules.md (plus a few bdm-lab
 * ids for things the spec leaves unnamed). The id is the diagnostic code, stable forever;
 * `nova` is the text Nova answers (verbatim: that is what people search for), `explain` a
 * short plain explanation with what to do, `upstream` the file the fact comes from.
 * Rows are in Nova's pipeline order (spec §1): the checks in rules/*.ts report findings
 * against these ids and never build messages, severities or HTTP statuses themselves.
 */
import type { Severity } from '../model/diagnostic';

export type { Severity };
export type Layer = 'syntax' | 'schema' | 'api' | 'dict' | 'legacy' | 'compute' | 'data' | 'virt' | 'libvirt' | 'attach-schema' | 'attach-state' | 'attach-note';

export interface RuleRow {
  id: string;
  layer: Layer;
  /** HTTP status Nova answers; null for what Nova accepts */
  http: number | null;
  severity: Severity;
  /** Nova's message; `{x}` placeholders are filled from the finding's args */
  nova: string;
  explain: string;
  upstream: string;
  /** true: the row documents a fact and never yields a diagnostic by itself */
  definitionOnly?: boolean;
  /** true: needs Glance/Cinder contents (a lab host) to be judged */
  needsData?: boolean;
}

const BDMI = 'Block Device Mapping is Invalid: ';

const ROWS = [
  { id: 'BDM-JSON-SYNTAX', layer: 'syntax', http: 400, severity: 'error', nova: 'Malformed request body', explain: 'The body is not valid JSON, so Nova rejects it before looking at any field.', upstream: 'nova/api/openstack/wsgi.py' },
  // §4.1 schema layer
  { id: 'BDM-SCHEMA-REQUEST', layer: 'schema', http: 400, severity: 'error', nova: '{detail}', explain: 'A server field outside the block device mapping breaks Nova\'s request schema for this microversion.', upstream: 'nova/api/openstack/compute/schemas/servers.py' },
  { id: 'BDM-SCHEMA-ARRAY', layer: 'schema', http: 400, severity: 'error', nova: '{detail}', explain: 'block_device_mapping_v2 (and block_device_mapping) must be a JSON array of objects.', upstream: 'nova/api/openstack/compute/schemas/servers.py' },
  { id: 'BDM-SCHEMA-ADDITIONAL-PROPERTIES', layer: 'schema', http: 400, severity: 'error', nova: '{detail}', explain: 'The entry has a key the BDM v2 schema does not know at this microversion. Remove it or fix its spelling.', upstream: 'nova/api/openstack/compute/schemas/servers.py' },
  { id: 'BDM-SCHEMA-SOURCE-TYPE', layer: 'schema', http: 400, severity: 'error', nova: '{detail}', explain: 'source_type must be one of volume, image, snapshot, blank.', upstream: 'nova/api/openstack/compute/schemas/servers.py' },
  { id: 'BDM-SCHEMA-DESTINATION-TYPE', layer: 'schema', http: 400, severity: 'error', nova: '{detail}', explain: 'destination_type must be local or volume (or be left out).', upstream: 'nova/api/openstack/compute/schemas/servers.py' },
  { id: 'BDM-SCHEMA-UUID', layer: 'schema', http: 400, severity: 'error', nova: '{detail}', explain: 'uuid must be 1-255 characters from [a-zA-Z0-9._-].', upstream: 'nova/api/openstack/compute/schemas/servers.py' },
  { id: 'BDM-SCHEMA-ID-FIELDS', layer: 'schema', http: 400, severity: 'error', nova: '{detail}', explain: 'volume_id, snapshot_id and image_id must be UUID strings. In v2 entries prefer `uuid` with source_type: Nova looks the resource up by `uuid`.', upstream: 'nova/api/validation/parameter_types.py' },
  { id: 'BDM-SCHEMA-BOOT-INDEX', layer: 'schema', http: 400, severity: 'error', nova: '{detail}', explain: 'boot_index must be an integer, a string of digits with an optional minus sign, or null.', upstream: 'nova/api/openstack/compute/schemas/servers.py' },
  { id: 'BDM-SCHEMA-VOLUME-SIZE', layer: 'schema', http: 400, severity: 'error', nova: '{detail}', explain: 'volume_size must be an integer or a digit string between 1 and 2147483647 (GiB; MiB for swap).', upstream: 'nova/api/validation/parameter_types.py' },
  { id: 'BDM-SCHEMA-DEVICE-NAME', layer: 'schema', http: 400, severity: 'error', nova: '{detail}', explain: 'device_name must be 1-255 characters from [a-zA-Z0-9._/-], e.g. /dev/vdb.', upstream: 'nova/api/openstack/compute/schemas/servers.py' },
  { id: 'BDM-SCHEMA-BOOLEAN', layer: 'schema', http: 400, severity: 'error', nova: '{detail}', explain: 'delete_on_termination takes true/false or one of the strings true/false/1/0/yes/no/on/off (in their listed casings); not integers, not null.', upstream: 'nova/api/validation/parameter_types.py' },
  { id: 'BDM-SCHEMA-STRING-LENGTHS', layer: 'schema', http: 400, severity: 'error', nova: '{detail}', explain: 'This field must be a string of at most 255 characters.', upstream: 'nova/api/openstack/compute/schemas/servers.py' },
  { id: 'BDM-SCHEMA-TAG-MICROVERSION', layer: 'schema', http: 400, severity: 'error', nova: '{detail}', explain: 'BDM tags are accepted only at microversion 2.32 and from 2.42 on. Raise the microversion (bdm-lab context) or drop the tag.', upstream: 'nova/api/openstack/compute/schemas/servers.py create_v232/create_v242' },
  { id: 'BDM-SCHEMA-TAG-FORMAT', layer: 'schema', http: 400, severity: 'error', nova: '{detail}', explain: 'tag must be 1-60 characters without "," or "/".', upstream: 'nova/api/validation/parameter_types.py' },
  { id: 'BDM-SCHEMA-VOLUME-TYPE-MICROVERSION', layer: 'schema', http: 400, severity: 'error', nova: '{detail}', explain: 'volume_type in a BDM needs microversion 2.67 or later. Raise the microversion (bdm-lab context) or drop it.', upstream: 'nova/api/openstack/compute/schemas/servers.py create_v267' },
  { id: 'BDM-SCHEMA-VOLUME-TYPE-FORMAT', layer: 'schema', http: 400, severity: 'error', nova: '{detail}', explain: 'volume_type must be a string of at most 255 characters, or null.', upstream: 'nova/api/validation/parameter_types.py' },
  { id: 'BDM-SCHEMA-IMAGEREF', layer: 'schema', http: 400, severity: 'error', nova: '{detail}', explain: 'imageRef must be an image UUID or "" (URLs are refused).', upstream: 'nova/api/validation/parameter_types.py image_id_or_empty_string' },
  { id: 'BDM-SCHEMA-LEGACY-ITEM', layer: 'schema', http: 400, severity: 'error', nova: '{detail}', explain: 'Legacy block_device_mapping items take only the v1 keys (virtual_name, volume_id, snapshot_id, volume_size, device_name, delete_on_termination, no_device, connection_info). Use block_device_mapping_v2 for source_type and friends.', upstream: 'nova/api/openstack/compute/schemas/servers.py _legacy_block_device_mapping' },
  { id: 'BDM-SCHEMA-LEGACY-V2-STRIP', layer: 'schema', http: null, severity: 'warning', nova: 'At microversion 2.0 Nova silently drops the unknown key {key}.', explain: 'The legacy /v2 endpoint strips keys its schema does not know instead of refusing them, so this value has no effect.', upstream: 'nova/api/validation/validators.py _soft_validate_additional_properties' },
  // §4.2 controller
  { id: 'BDM-API-MIN-MAX-COUNT', layer: 'api', http: 400, severity: 'error', nova: 'min_count must be <= max_count', explain: 'min_count is larger than max_count.', upstream: 'nova/api/openstack/compute/servers.py create' },
  { id: 'BDM-API-MIXED-SYNTAX', layer: 'api', http: 400, severity: 'error', nova: 'Using different block_device_mapping syntaxes is not allowed in the same request.', explain: 'Both block_device_mapping (legacy) and block_device_mapping_v2 are non-empty. Keep one of them.', upstream: 'nova/api/openstack/compute/servers.py _process_bdms_for_create' },
  // §4.3 BlockDeviceDict
  { id: 'BDM-DICT-NO-DEVICE-SKIP', layer: 'dict', http: null, severity: 'information', nova: 'no_device is truthy: this entry is a "no device" placeholder.', explain: 'Nova skips every other check on it and it becomes no disk (any truthy JSON value counts, even the string "false").', upstream: 'nova/block_device.py BlockDeviceDict.from_api' },
  { id: 'BDM-DICT-INVALID-FIELDS', layer: 'dict', http: 400, severity: 'error', nova: BDMI + 'Following fields are invalid: {fields}', explain: 'virtual_name passes the v2 schema but is not a v2 field. Use source_type blank + destination_type local (+ guest_format swap) instead.', upstream: 'nova/block_device.py BlockDeviceDict._validate' },
  { id: 'BDM-DICT-BLANK-WITH-UUID', layer: 'dict', http: 400, severity: 'error', nova: BDMI + 'Invalid device UUID.', explain: 'A blank entry has no source to name: remove uuid.', upstream: 'nova/block_device.py BlockDeviceDict.from_api' },
  { id: 'BDM-DICT-MISSING-UUID', layer: 'dict', http: 400, severity: 'error', nova: BDMI + 'Missing device UUID.', explain: 'Every non-blank source needs `uuid` (volume_id/snapshot_id/image_id do not count).', upstream: 'nova/block_device.py BlockDeviceDict.from_api' },
  { id: 'BDM-DICT-SOURCE-TYPE-MISSING', layer: 'dict', http: 500, severity: 'error', nova: "Unexpected API Error. Please report this at http://bugs.launchpad.net/nova/ and attach the Nova API log if possible.\n<class 'TypeError'>", explain: 'Nova crashes (HTTP 500) on an entry with uuid but no source_type. Add source_type.', upstream: 'nova/block_device.py BlockDeviceDict.from_api' },
  { id: 'BDM-DICT-IMAGE-LOCAL-BOOT', layer: 'dict', http: 400, severity: 'error', nova: BDMI + 'Mapping image to local is not supported.', explain: 'image→local is only allowed as the root (boot_index 0) with a non-empty imageRef. For another disk from an image use destination_type volume with a volume_size.', upstream: 'nova/block_device.py BlockDeviceDict.from_api' },
  { id: 'BDM-DICT-VOLTYPE-LOCAL', layer: 'dict', http: 400, severity: 'error', nova: BDMI + 'Specifying a volume_type with destination_type=local is not supported.', explain: 'A local disk is not a Cinder volume: drop volume_type or use destination_type volume.', upstream: 'nova/block_device.py BlockDeviceDict.from_api' },
  { id: 'BDM-DICT-VOLTYPE-EXISTING-VOLUME', layer: 'dict', http: 400, severity: 'error', nova: BDMI + 'Specifying volume type to existing volume is not supported.', explain: 'An existing volume already has its type: drop volume_type (retype it in Cinder instead).', upstream: 'nova/block_device.py BlockDeviceDict.from_api' },
  { id: 'BDM-DICT-BOOT-INDEX-COERCE', layer: 'dict', http: 400, severity: 'error', nova: BDMI + 'Boot index is invalid.', explain: 'Nova converts a truthy boot_index with int(); the schema already stops non-numeric values.', upstream: 'nova/block_device.py BlockDeviceDict._validate', definitionOnly: true },
  { id: 'BDM-DICT-DEVICE-NAME', layer: 'dict', http: 400, severity: 'error', nova: BDMI + 'Device name empty or too long.', explain: 'Unreachable through v2.1: the schema refuses such names first.', upstream: 'nova/block_device.py validate_device_name', definitionOnly: true },
  { id: 'BDM-DICT-VOLUME-SIZE', layer: 'dict', http: 400, severity: 'error', nova: BDMI + 'Invalid volume_size.', explain: 'Nova reads {raw} as a float, which its integer check refuses (the schema let it through). Write the size as a plain integer.', upstream: 'nova/block_device.py validate_and_default_volume_size' },
  { id: 'BDM-DICT-SWAP-DEFINITION', layer: 'dict', http: null, severity: 'information', nova: '', explain: 'blank + local + guest_format swap is swap; blank + local with any other guest_format is ephemeral.', upstream: 'nova/block_device.py new_format_is_swap', definitionOnly: true },
  // §4.6 legacy
  { id: 'BDM-LEGACY-CONVERSION', layer: 'legacy', http: 400, severity: 'error', nova: BDMI + 'Unrecognized legacy format.', explain: 'A legacy item needs virtual_name swap/ephemeralN, a snapshot_id, a volume_id or no_device.', upstream: 'nova/block_device.py BlockDeviceDict.from_legacy' },
  { id: 'BDM-LEGACY-ITEM-INVALID', layer: 'legacy', http: 400, severity: 'error', nova: BDMI + '{detail}', explain: 'Nova converts legacy items in the compute API and refuses this one there.', upstream: 'nova/block_device.py BlockDeviceDict._validate' },
  // §1 S4
  { id: 'BDM-API-MISSING-IMAGEREF', layer: 'api', http: 400, severity: 'error', nova: 'Missing imageRef attribute', explain: 'Without block device entries Nova needs imageRef to know what to boot.', upstream: 'nova/api/openstack/compute/servers.py _image_from_req_data' },
  // §4.4 compute API, in _create_instance order
  { id: 'BDM-COMPUTE-ROOT-DEVNAME-CONFLICT', layer: 'compute', http: 400, severity: 'error', nova: 'The volume cannot be assigned the same device name as the root device {root}', explain: 'With imageRef the image root takes {root}; give this volume another device_name or none (libvirt picks names itself).', upstream: 'nova/compute/api.py _check_and_transform_bdm' },
  { id: 'BDM-COMPUTE-MULTI-INSTANCE-VOLUME', layer: 'compute', http: 400, severity: 'error', nova: 'Cannot attach one or more volumes to multiple instances', explain: 'min_count/max_count > 1 cannot share an existing volume. Use image/snapshot/blank → volume entries, which give each server its own volume.', upstream: 'nova/compute/api.py _check_and_transform_bdm' },
  { id: 'BDM-COMPUTE-FLAVOR-IMPLICIT-BDMS', layer: 'compute', http: null, severity: 'information', nova: 'Nova adds the flavor\'s {what}.', explain: 'The flavor defines it and the request has none, so Nova appends it (boot_index -1). It counts toward max_local_block_devices.', upstream: 'nova/compute/api.py _get_flavor_defined_bdms' },
  { id: 'BDM-COMPUTE-DEVICE-TYPE', layer: 'compute', http: 500, severity: 'error', nova: "Unexpected API Error. Please report this at http://bugs.launchpad.net/nova/ and attach the Nova API log if possible.\n<class 'ValueError'>", explain: 'device_type must be one of cdrom, disk, floppy, fs, lun (case-sensitive). Anything else makes Nova crash with HTTP 500.', upstream: 'nova/objects/block_device.py (device_type enum)' },
  { id: 'BDM-COMPUTE-ZERO-DISK-FLAVOR', layer: 'compute', http: 403, severity: 'error', nova: 'Only volume-backed servers are allowed for flavors with zero disk.', explain: 'The flavor has root_gb 0 and the root disk is local. Boot from a volume (image→volume, boot_index 0) or use a flavor with a disk; admins may be allowed by policy.', upstream: 'nova/compute/api.py _validate_flavor_image_nostatus' },
  { id: 'BDM-COMPUTE-BOOT-SEQUENCE', layer: 'compute', http: 400, severity: 'error', nova: BDMI + 'Boot sequence for the instance and image/block device mapping combination is not valid.', explain: 'The bootable boot_index values (not null, ≥ 0) must be exactly 0, 1, …, n-1: {detail}', upstream: 'nova/compute/api.py _validate_bdm' },
  { id: 'BDM-COMPUTE-VOLUME-TYPE-EXISTS', layer: 'compute', http: 400, severity: 'error', nova: 'Volume type {type} could not be found.', explain: 'No Cinder volume type has this name or id (types in the context: {known}).', upstream: 'nova/compute/api.py _check_requested_volume_type' },
  { id: 'BDM-COMPUTE-IMAGE-VOLUME-SIZE', layer: 'compute', http: 400, severity: 'error', nova: "Images with destination_type 'volume' need to have a non-zero size specified", explain: 'Cinder creates a new volume from the image: say how big, in GiB (volume_size).', upstream: 'nova/compute/api.py _validate_bdm' },
  { id: 'BDM-COMPUTE-BLANK-VOLUME-SIZE', layer: 'compute', http: 400, severity: 'error', nova: "Blank volumes (source: 'blank', dest: 'volume') need to have non-zero size", explain: 'Cinder creates a new empty volume: say how big, in GiB (volume_size).', upstream: 'nova/compute/api.py _validate_bdm' },
  { id: 'BDM-COMPUTE-DISK-BUS', layer: 'compute', http: 400, severity: 'error', nova: 'Block Device Mapping is Invalid.', explain: 'disk_bus "{bus}" is not one of fdc, ide, sata, scsi, usb, virtio, xen, lxc, uml (case-sensitive). Nova\'s message does not name the bus.', upstream: 'nova/compute/api.py _validate_bdm; nova/exception.py InvalidBDMDiskBus' },
  { id: 'BDM-COMPUTE-EPHEMERAL-SIZE', layer: 'compute', http: 400, severity: 'error', nova: 'Ephemeral disks requested are larger than the instance type allows. If no size is given in one block device mapping, flavor ephemeral size will be used.', explain: 'Ephemeral sizes add up to {sum} GiB, the flavor allows {max} GiB (each size-less ephemeral counts the whole flavor size).', upstream: 'nova/compute/api.py _validate_bdm' },
  { id: 'BDM-COMPUTE-SWAP-COUNT', layer: 'compute', http: 400, severity: 'error', nova: BDMI + 'More than one swap drive requested.', explain: 'At most one blank→local entry with guest_format swap.', upstream: 'nova/compute/api.py _validate_bdm' },
  { id: 'BDM-COMPUTE-SWAP-SIZE', layer: 'compute', http: 400, severity: 'error', nova: 'Swap drive requested is larger than instance type allows.', explain: 'Swap is {size} MiB, the flavor allows {max} MiB. Swap sizes are MiB, not GiB.', upstream: 'nova/compute/api.py _validate_bdm' },
  { id: 'BDM-COMPUTE-LOCALS-LIMIT', layer: 'compute', http: 400, severity: 'error', nova: BDMI + 'You specified more local devices than the limit allows', explain: '{count} entries have destination local (including the flavor\'s implicit disks and volume/snapshot→local), max_local_block_devices is {max}.', upstream: 'nova/compute/api.py _validate_bdm; nova/conf/compute.py' },
  // §4.5 data-dependent (judged with a lab host's inventory)
  { id: 'BDM-COMPUTE-IMAGEREF-EXISTS', layer: 'data', http: 400, severity: 'error', nova: 'Can not find requested image', explain: 'imageRef is not in the lab host\'s image list.', upstream: 'nova/api/openstack/compute/servers.py create', needsData: true },
  { id: 'BDM-COMPUTE-ROOT-IMAGE-EXISTS', layer: 'data', http: 400, severity: 'error', nova: BDMI + 'failed to get image {id}.', explain: 'The root entry\'s image is not in the lab host\'s image list.', upstream: 'nova/block_device.py get_bdm_image_metadata', needsData: true },
  { id: 'BDM-COMPUTE-ROOT-VOLUME-EXISTS', layer: 'data', http: 400, severity: 'error', nova: BDMI + 'failed to get volume {id}.', explain: 'The root volume is not in the lab host\'s volume list.', upstream: 'nova/block_device.py get_bdm_image_metadata', needsData: true },
  { id: 'BDM-COMPUTE-ROOT-VOLUME-BOOTABLE', layer: 'data', http: 400, severity: 'error', nova: 'Block Device {id} is not bootable.', explain: 'The root volume is not marked bootable in Cinder.', upstream: 'nova/block_device.py get_bdm_image_metadata', needsData: true },
  { id: 'BDM-COMPUTE-VOLUME-EXISTS', layer: 'data', http: 400, severity: 'error', nova: 'Volume {id} could not be found.', explain: 'The volume is not in the lab host\'s volume list.', upstream: 'nova/compute/api.py _get_volumes_for_bdms', needsData: true },
  { id: 'BDM-COMPUTE-VOLUME-STATE', layer: 'data', http: 400, severity: 'error', nova: 'Invalid volume: {reason}', explain: 'Cinder refuses the attachment: the volume must be available (or multiattach).', upstream: 'nova/compute/utils.py check_attach_and_reserve_volume', needsData: true },
  { id: 'BDM-COMPUTE-MULTIATTACH-MICROVERSION', layer: 'data', http: 400, severity: 'error', nova: 'Multiattach volumes are only supported starting with compute API version 2.60.', explain: 'The volume is multiattach: send microversion 2.60 or later.', upstream: 'nova/compute/utils.py check_attach_and_reserve_volume', needsData: true },
  { id: 'BDM-COMPUTE-BDM-IMAGE-EXISTS', layer: 'data', http: 400, severity: 'error', nova: BDMI + 'failed to get image {id}.', explain: 'The image is not in the lab host\'s image list.', upstream: 'nova/compute/api.py _validate_bdm', needsData: true },
  { id: 'BDM-COMPUTE-SNAPSHOT-EXISTS', layer: 'data', http: 400, severity: 'error', nova: BDMI + 'failed to get snapshot {id}.', explain: 'The snapshot is not in the lab host\'s snapshot list.', upstream: 'nova/compute/api.py _validate_bdm', needsData: true },
  { id: 'BDM-COMPUTE-VOLUME-MIN-DISK', layer: 'data', http: 400, severity: 'error', nova: 'Volume is smaller than the minimum size specified in image metadata. Volume size is {size} bytes, minimum size is {min} bytes.', explain: 'Give the root volume at least the image\'s min_disk.', upstream: 'nova/compute/api.py _validate_flavor_image_nostatus', needsData: true },
  { id: 'BDM-COMPUTE-FLAVOR-DISK', layer: 'data', http: 400, severity: 'error', nova: "Flavor's disk is too small for requested image. Flavor disk is {flavor} bytes, image is {image} bytes.", explain: 'The image does not fit the flavor\'s root disk.', upstream: 'nova/compute/api.py _validate_flavor_image_nostatus', needsData: true },
  { id: 'BDM-COMPUTE-VOLUME-AZ', layer: 'data', http: 400, severity: 'error', nova: '{detail}', explain: 'With [cinder]cross_az_attach = False the volumes must be in the server\'s availability zone.', upstream: 'nova/compute/api.py _validate_vol_az_for_create', needsData: true },
  { id: 'BDM-COMPUTE-IMAGE-DEFINED-BDMS', layer: 'data', http: null, severity: 'information', nova: '', explain: 'Image-defined mappings are merged with the request by device name.', upstream: 'nova/compute/api.py _get_image_defined_bdms', definitionOnly: true, needsData: true },
  // §4.7 virt layer
  { id: 'BDM-VIRT-CLASS-MAP', layer: 'virt', http: null, severity: 'information', nova: '', explain: 'Each accepted entry becomes exactly one nova/virt/block_device.py class.', upstream: 'nova/virt/block_device.py', definitionOnly: true },
  { id: 'BDM-VIRT-NO-CLASS', layer: 'virt', http: null, severity: 'warning', nova: 'Nova accepts this entry but no driver class handles it: it yields no disk.', explain: '{why}', upstream: 'nova/virt/block_device.py is_implemented' },
  // §8 libvirt
  { id: 'BDM-LIBVIRT-DEVICE-NAMES-IGNORED', layer: 'libvirt', http: null, severity: 'information', nova: "Libvirt can't honour user-supplied dev names", explain: 'The libvirt driver ignores device_name on every disk but the root and names disks itself ({dev} here).', upstream: 'nova/virt/libvirt/driver.py default_device_names_for_instance' },
  { id: 'BDM-LIBVIRT-ROOT-NAME', layer: 'libvirt', http: null, severity: 'information', nova: '', explain: 'The root keeps the root device name; its bus still comes from disk_bus or the default.', upstream: 'nova/virt/libvirt/blockinfo.py get_root_info', definitionOnly: true },
  { id: 'BDM-LIBVIRT-NAMING-ORDER', layer: 'libvirt', http: null, severity: 'information', nova: '', explain: 'Names are allocated root, ephemerals, swap, then volumes grouped volume/snapshot/image/blank.', upstream: 'nova/virt/libvirt/blockinfo.py _get_disk_mapping', definitionOnly: true },
  { id: 'BDM-LIBVIRT-BUS-PREFIX', layer: 'libvirt', http: null, severity: 'information', nova: '', explain: 'Prefix per bus: ide hd, virtio vd, scsi/sata/usb sd, fdc fd.', upstream: 'nova/virt/libvirt/blockinfo.py get_dev_prefix_for_disk_bus', definitionOnly: true },
  { id: 'BDM-LIBVIRT-MAX-DEVICES', layer: 'libvirt', http: null, severity: 'warning', nova: 'The maximum allowed number of disk devices ({max}) to attach to a single instance has been exceeded.', explain: 'The ide bus takes 4 devices; the build fails on the compute node (server goes to ERROR).', upstream: 'nova/virt/libvirt/blockinfo.py get_dev_count_for_disk_bus' },
  { id: 'BDM-LIBVIRT-SUPPORTED-BUSES', layer: 'libvirt', http: null, severity: 'warning', nova: 'disk_bus {bus} is not supported by virt_type {virt}: libvirt uses {used} instead.', explain: 'Nova accepts the bus but the libvirt driver replaces it for this hypervisor.', upstream: 'nova/virt/libvirt/blockinfo.py get_info_from_bdm' },
  { id: 'BDM-LIBVIRT-DEFAULT-BUS', layer: 'libvirt', http: null, severity: 'information', nova: '', explain: 'Default bus per device type: disk virtio, cdrom ide (sata on q35), floppy fdc; image properties override.', upstream: 'nova/virt/libvirt/blockinfo.py get_disk_bus_for_device_type', definitionOnly: true },
  { id: 'BDM-LIBVIRT-DEVICE-TYPE', layer: 'libvirt', http: null, severity: 'information', nova: 'device_type {type} is handled as disk by libvirt.', explain: 'libvirt knows disk, cdrom, floppy and lun only.', upstream: 'nova/virt/libvirt/blockinfo.py get_info_from_bdm' },
  { id: 'BDM-LIBVIRT-LUN-NEEDS-BUS', layer: 'libvirt', http: null, severity: 'warning', nova: 'device_type lun without disk_bus fails on the compute node.', explain: 'There is no default bus for lun, so the build fails and the server goes to ERROR. Add "disk_bus": "scsi".', upstream: 'nova/virt/libvirt/blockinfo.py get_disk_bus_for_device_type' },
  { id: 'BDM-LIBVIRT-BUILD-ERROR', layer: 'libvirt', http: null, severity: 'warning', nova: '{detail}', explain: 'Nova accepts the request, but the compute node fails to build the server (it goes to ERROR).', upstream: 'nova/virt/libvirt/blockinfo.py' },
  { id: 'BDM-LIBVIRT-ISO-ROOT', layer: 'libvirt', http: null, severity: 'information', nova: '', explain: 'An ISO image root becomes a cdrom on the cdrom bus.', upstream: 'nova/virt/libvirt/blockinfo.py get_root_info', definitionOnly: true },
  { id: 'BDM-LIBVIRT-BOOT-ORDER', layer: 'libvirt', http: null, severity: 'information', nova: '', explain: 'The guest boot order is the de-duplicated device kinds by boot_index.', upstream: 'nova/virt/libvirt/blockinfo.py get_boot_order', definitionOnly: true },
  { id: 'BDM-LIBVIRT-FORMAT', layer: 'libvirt', http: null, severity: 'information', nova: '', explain: 'guest_format is carried as the disk_info format.', upstream: 'nova/virt/libvirt/blockinfo.py get_info_from_bdm', definitionOnly: true },
  // §11 volumeAttachment
  { id: 'BDM-ATTACH-SCHEMA-ENVELOPE-REQUIRED', layer: 'attach-schema', http: 400, severity: 'error', nova: '{detail}', explain: 'The body must be {"volumeAttachment": {...}}.', upstream: 'nova/api/openstack/compute/schemas/volume_attachments.py' },
  { id: 'BDM-ATTACH-SCHEMA-ENVELOPE-TYPE', layer: 'attach-schema', http: 400, severity: 'error', nova: '{detail}', explain: 'The body and volumeAttachment must be JSON objects.', upstream: 'nova/api/openstack/compute/schemas/volume_attachments.py' },
  { id: 'BDM-ATTACH-SCHEMA-ENVELOPE-ADDITIONAL', layer: 'attach-schema', http: 400, severity: 'error', nova: '{detail}', explain: 'Only volumeAttachment may stand at the top level.', upstream: 'nova/api/openstack/compute/schemas/volume_attachments.py' },
  { id: 'BDM-ATTACH-SCHEMA-ADDITIONAL-PROPERTIES', layer: 'attach-schema', http: 400, severity: 'error', nova: '{detail}', explain: 'volumeAttachment takes volumeId, device, tag (2.49+) and delete_on_termination (2.79+).', upstream: 'nova/api/openstack/compute/schemas/volume_attachments.py' },
  { id: 'BDM-ATTACH-SCHEMA-VOLUME-ID-REQUIRED', layer: 'attach-schema', http: 400, severity: 'error', nova: '{detail}', explain: 'Name the Cinder volume to attach.', upstream: 'nova/api/openstack/compute/schemas/volume_attachments.py' },
  { id: 'BDM-ATTACH-SCHEMA-VOLUME-ID', layer: 'attach-schema', http: 400, severity: 'error', nova: '{detail}', explain: 'volumeId must be a UUID string.', upstream: 'nova/api/validation/parameter_types.py volume_id' },
  { id: 'BDM-ATTACH-SCHEMA-DEVICE', layer: 'attach-schema', http: 400, severity: 'error', nova: '{detail}', explain: 'device must look like /dev/vdb (or be null to let Nova choose).', upstream: 'nova/api/openstack/compute/schemas/volume_attachments.py' },
  { id: 'BDM-ATTACH-SCHEMA-TAG-MICROVERSION', layer: 'attach-schema', http: 400, severity: 'error', nova: '{detail}', explain: 'tag needs microversion 2.49 or later.', upstream: 'nova/api/openstack/compute/schemas/volume_attachments.py create_v249' },
  { id: 'BDM-ATTACH-SCHEMA-TAG-FORMAT', layer: 'attach-schema', http: 400, severity: 'error', nova: '{detail}', explain: 'tag must be 1-60 characters without "," or "/".', upstream: 'nova/api/validation/parameter_types.py tag' },
  { id: 'BDM-ATTACH-SCHEMA-DOT-MICROVERSION', layer: 'attach-schema', http: 400, severity: 'error', nova: '{detail}', explain: 'delete_on_termination needs microversion 2.79 or later.', upstream: 'nova/api/openstack/compute/schemas/volume_attachments.py create_v279' },
  { id: 'BDM-ATTACH-SCHEMA-DOT-FORMAT', layer: 'attach-schema', http: 400, severity: 'error', nova: '{detail}', explain: 'delete_on_termination takes true/false or the listed strings.', upstream: 'nova/api/validation/parameter_types.py boolean' },
  { id: 'BDM-ATTACH-SHELVED-MICROVERSION', layer: 'attach-state', http: 409, severity: 'error', nova: "Cannot 'attach_volume' instance {id} while it is in vm_state {state}", explain: 'Attaching to a shelved server needs microversion 2.20.', upstream: 'nova/api/openstack/compute/volume_attachments.py', needsData: true },
  { id: 'BDM-ATTACH-INSTANCE-LOCKED', layer: 'attach-state', http: 409, severity: 'error', nova: 'Instance {id} is locked', explain: 'Unlock the server first.', upstream: 'nova/compute/api.py check_instance_lock', needsData: true },
  { id: 'BDM-ATTACH-INSTANCE-STATE', layer: 'attach-state', http: 409, severity: 'error', nova: "Cannot 'attach_volume' instance {id} while it is in {what}", explain: 'The server is in a state that refuses attach.', upstream: 'nova/compute/api.py check_instance_state', needsData: true },
  { id: 'BDM-ATTACH-VOLUME-NOT-FOUND', layer: 'attach-state', http: 404, severity: 'error', nova: 'Volume {id} could not be found.', explain: 'Cinder does not know this volume.', upstream: 'nova/compute/api.py attach_volume', needsData: true },
  { id: 'BDM-ATTACH-VOLUME-ALREADY-ATTACHED', layer: 'attach-state', http: 400, severity: 'error', nova: 'Invalid volume: volume {id} is already attached to instances: {servers}', explain: 'A non-multiattach volume can be attached once.', upstream: 'nova/compute/api.py _check_volume_already_attached', needsData: true },
  { id: 'BDM-ATTACH-SHELVED-OFFLOADED-TAG', layer: 'attach-state', http: 400, severity: 'error', nova: 'Tagged volume attachment is not supported for shelved-offloaded instances.', explain: 'Drop the tag or unshelve first.', upstream: 'nova/compute/api.py attach_volume', needsData: true },
  { id: 'BDM-ATTACH-SHELVED-OFFLOADED-MULTIATTACH', layer: 'attach-state', http: 400, severity: 'error', nova: 'Attaching multiattach volumes is not supported for shelved-offloaded instances.', explain: 'Unshelve first.', upstream: 'nova/compute/api.py attach_volume', needsData: true },
  { id: 'BDM-ATTACH-MULTIATTACH-MICROVERSION', layer: 'attach-state', http: 400, severity: 'error', nova: 'Multiattach volumes are only supported starting with compute API version 2.60.', explain: 'Send microversion 2.60 or later.', upstream: 'nova/compute/utils.py check_attach_and_reserve_volume', needsData: true },
  { id: 'BDM-ATTACH-VOLUME-AZ', layer: 'attach-state', http: 400, severity: 'error', nova: 'Invalid volume: Instance {id} and volume {vid} are not in the same availability_zone.', explain: 'With [cinder]cross_az_attach = False the AZs must match.', upstream: 'nova/volume/cinder.py check_availability_zone', needsData: true },
  { id: 'BDM-ATTACH-CINDER-REFUSED', layer: 'attach-state', http: 400, severity: 'error', nova: 'Invalid input received: {detail}', explain: 'Cinder refused the attachment.', upstream: 'nova/volume/cinder.py translate_cinder_exception', needsData: true },
  { id: 'BDM-ATTACH-TAG-UNSUPPORTED', layer: 'attach-state', http: 400, severity: 'error', nova: 'Tagged volume attachment is not supported for this server instance.', explain: 'The compute driver lacks tagged attach (libvirt has it).', upstream: 'nova/compute/manager.py reserve_block_device_name', needsData: true },
  { id: 'BDM-ATTACH-MULTIATTACH-DRIVER', layer: 'attach-state', http: 400, severity: 'error', nova: "Volume {id} has 'multiattach' set, which is not supported for this instance.", explain: 'The compute driver lacks multiattach (libvirt has it).', upstream: 'nova/compute/manager.py reserve_block_device_name', needsData: true },
  { id: 'BDM-ATTACH-TOO-MANY-DISKS', layer: 'attach-state', http: 403, severity: 'error', nova: 'The maximum allowed number of disk devices ({max}) to attach to a single instance has been exceeded.', explain: '[compute]max_disk_devices_to_attach is reached.', upstream: 'nova/virt/libvirt/blockinfo.py', needsData: true },
  { id: 'BDM-ATTACH-DOT-STRING-TRUE', layer: 'attach-note', http: null, severity: 'warning', nova: 'Nova stores delete_on_termination {value} as true.', explain: 'From 2.79 the attach API passes the string on and the BDM\'s boolean field treats every non-empty string as true, even "false". Use JSON false (or leave it out) to keep the volume.', upstream: 'nova/api/openstack/compute/volume_attachments.py; nova/objects/block_device.py' },
  { id: 'BDM-CREATE-DOT-STRING-HONOURED', layer: 'attach-note', http: null, severity: 'information', nova: '', explain: 'In server-create entries strings are parsed properly ("false" is false).', upstream: 'nova/block_device.py _validate', definitionOnly: true },
  { id: 'BDM-ATTACH-DEVICE-IGNORED', layer: 'attach-note', http: null, severity: 'warning', nova: 'The libvirt driver ignores the requested device {device}.', explain: 'It takes the next free name on the volume\'s bus; below 2.101 the response names the device it chose.', upstream: 'nova/virt/libvirt/driver.py get_device_name_for_instance' },
  { id: 'BDM-ATTACH-LEGACY-V2-STRIP', layer: 'attach-note', http: null, severity: 'warning', nova: 'At microversion 2.0 Nova silently drops {key}.', explain: 'The legacy /v2 endpoint strips unknown keys: no tag, and delete_on_termination stays false.', upstream: 'nova/api/validation/validators.py' },
  { id: 'BDM-ATTACH-VOLUME-ID-NONCANONICAL', layer: 'attach-note', http: null, severity: 'warning', nova: 'volumeId {id} is not in canonical UUID form.', explain: 'It passes Nova\'s schema and goes to Cinder unchanged; whether Cinder finds the volume is not certain. Use the lower-case hyphenated form.', upstream: 'nova/api/validation/validators.py' },
  { id: 'BDM-ATTACH-DEVICE-TRAILING-NEWLINE', layer: 'attach-note', http: null, severity: 'information', nova: 'The device ends in a newline.', explain: 'It passes Nova\'s pattern ($ matches before a final newline); libvirt ignores the name anyway.', upstream: 'nova/api/openstack/compute/schemas/volume_attachments.py' },
  { id: 'BDM-ATTACH-ASYNC-2101', layer: 'attach-note', http: null, severity: 'information', nova: 'From microversion 2.101 the attach answers 202 before the compute side runs.', explain: 'Failures after that show only in the volume status and the server\'s instance actions.', upstream: 'nova/api/openstack/compute/volume_attachments.py' },
  { id: 'BDM-CONTEXT-FLAVOR-UNKNOWN', layer: 'compute', http: null, severity: 'information', nova: 'Flavor unknown: flavor-dependent rules were not checked.', explain: 'Set flavor.root_gb / ephemeral_gb / swap_mb in .bdm-context.json or the bdmLab.flavor setting to check the zero-disk, ephemeral, swap and local-device rules.', upstream: 'shared/spec/context-format.md' },
  { id: 'BDM-LIMIT-FILE-SIZE', layer: 'syntax', http: null, severity: 'information', nova: '{detail}', explain: 'Documents over bdmLab.maxFileSize are not read in the editor (not even their syntax); the CLI has its own limit (--max-file-size).', upstream: 'package.json bdmLab.maxFileSize' },
  { id: 'BDM-LIMIT-ENTRIES', layer: 'syntax', http: null, severity: 'error', nova: '{detail}', explain: 'bdm-lab refuses to judge requests with more entries than it can judge in bounded time and memory; the rest of the body is not read.', upstream: 'server/src/analyze.ts MAX_ENTRIES' },
  { id: 'BDM-LIMIT-RESULTS', layer: 'syntax', http: null, severity: 'information', nova: '{detail}', explain: 'The editor and `bdm-lab check` show at most 1000 problems per document (the CLI\'s --max-problems changes it).', upstream: 'server/src/server.ts, server/src/cli/check.ts' },
  { id: 'BDM-CONTEXT-INVALID', layer: 'syntax', http: null, severity: 'error', nova: '{detail}', explain: 'The context file breaks its schema (schemas/context.schema.json).', upstream: 'schemas/context.schema.json' },
] as const satisfies readonly RuleRow[];

/** A rule id: a typo in a finding's code fails the typecheck. */
export type RuleId = (typeof ROWS)[number]['id'];
export const RULES: readonly RuleRow[] = ROWS;

/** Is this string a rule id of the table? */
export function isRuleId(code: string): code is RuleId {
  return RULE_BY_ID.has(code);
}

export const RULE_BY_ID: ReadonlyMap<string, RuleRow> = new Map<string, RuleRow>(RULES.map((r) => [r.id, r]));
export const RULE_ORDER: ReadonlyMap<string, number> = new Map(RULES.map((r, i) => [r.id, i]));

/**
 * The row of a finding's code. A code without a row is a bug of bdm-lab (a check reporting an id
 * the table does not have): it throws rather than letting the finding vanish, which could hide
 * Nova's first error.
 */
export function ruleRow(code: string): RuleRow {
  const row = RULE_BY_ID.get(code);
  if (!row) throw new Error(`finding code ${code} has no row in the rule table (server/src/rules/table.ts)`);
  return row;
}

const TEMPLATES = new Map<string, string[]>();
/**
 * A message with its {placeholders} replaced by the finding's values (unknown ones are kept).
 * Templates are split once: filling thousands of findings is then plain concatenation.
 */
export function fill(template: string, args: Record<string, string | number> = {}): string {
  let parts = TEMPLATES.get(template);
  if (!parts) {
    // even indexes: literal text; odd indexes: placeholder names
    parts = template.split(/\{(\w+)\}/);
    TEMPLATES.set(template, parts);
  }
  if (parts.length === 1) return template;
  let out = parts[0];
  for (let i = 1; i < parts.length; i += 2) {
    const k = parts[i];
    out += (k in args ? String(args[k]) : `{${k}}`) + parts[i + 1];
  }
  return out;
}
