/**
 * The names a `module_defaults` key may give, as ansible-core 2.14 resolves them while it loads a
 * play, a block or a task (playbook/base.py `_load_module_defaults`, `_resolve_group`,
 * `_resolve_action`): `group/<name>` is an action group (a name that is not `ns.coll.x` is
 * ansible.builtin's), any other key an action (a name of fewer than three dotted parts is
 * ansible.legacy's). What resolves is known here for ansible-core 2.14's own modules, actions and
 * groups and for the openstack.cloud 1.10.0 collection (meta/runtime.yml: its groups `openstack`
 * and `os`, which ansible.builtin's `os` group extends); a name of another collection, or a short
 * name ansible-core might find in a library path, or an `ansible.builtin` name ansible-core routes
 * to a collection (builtinRouting.ts), depends on what is installed where the playbook runs: a note,
 * not a refusal. Any other `ansible.builtin` name does not resolve (plugins/loader.py
 * `_resolve_plugin_step`: only ansible.legacy searches the library paths).
 */

import { builtinRouted } from './builtinRouting';

/** ansible-core 2.14's modules and action plugins (lib/ansible/modules, lib/ansible/plugins/action; their packages' `__init__` resolves too) */
const BUILTIN = new Set(('__init__ _include add_host apt apt_key apt_repository assemble assert async_status async_wrapper blockinfile command copy cron debconf debug dnf '
  + 'dpkg_selections expect fail fetch file find gather_facts get_url getent git group group_by hostname import_playbook import_role import_tasks '
  + 'include_role include_tasks include_vars iptables known_hosts lineinfile meta package package_facts pause ping pip raw reboot replace rpm_key '
  + 'script service service_facts set_fact set_stats setup shell slurp stat subversion systemd systemd_service sysvinit tempfile template unarchive '
  + 'uri user validate_argument_spec wait_for wait_for_connection yum yum_repository normal').split(' '));

/** ansible-core 2.14's action groups (config/ansible_builtin_runtime.yml) */
const BUILTIN_GROUPS = new Set(['acme', 'aws', 'azure', 'cpm', 'docker', 'gcp', 'k8s', 'os', 'ovirt', 'testgroup', 'testlegacy', 'vmware']);

/** openstack.cloud 1.10.0's modules (plugins/modules; the os_ ones redirect to their new names) */
const OPENSTACK_MODULES = new Set(('address_scope auth baremetal_inspect baremetal_node baremetal_node_action baremetal_node_info baremetal_port '
  + 'baremetal_port_info catalog_service coe_cluster coe_cluster_template compute_flavor compute_flavor_info compute_service_info config container '
  + 'dns_zone dns_zone_info endpoint federation_idp federation_idp_info federation_mapping federation_mapping_info floating_ip floating_ip_info '
  + 'group_assignment host_aggregate identity_domain identity_domain_info identity_group identity_group_info identity_role identity_role_info '
  + 'identity_user identity_user_info image image_info keypair keypair_info keystone_federation_protocol keystone_federation_protocol_info '
  + 'lb_health_monitor lb_listener lb_member lb_pool loadbalancer network networks_info neutron_rbac_policies_info neutron_rbac_policy object '
  + 'object_container os_auth os_client_config os_coe_cluster os_coe_cluster_template os_flavor_info os_floating_ip os_group os_group_info os_image '
  + 'os_image_info os_ironic os_ironic_inspect os_ironic_node os_keypair os_keystone_domain os_keystone_domain_info os_keystone_endpoint '
  + 'os_keystone_federation_protocol os_keystone_federation_protocol_info os_keystone_identity_provider os_keystone_identity_provider_info '
  + 'os_keystone_mapping os_keystone_mapping_info os_keystone_role os_keystone_service os_listener os_loadbalancer os_member os_network '
  + 'os_networks_info os_nova_flavor os_nova_host_aggregate os_object os_pool os_port os_port_info os_project os_project_access os_project_info '
  + 'os_quota os_recordset os_router os_routers_info os_security_group os_security_group_rule os_server os_server_action os_server_group '
  + 'os_server_info os_server_metadata os_server_volume os_stack os_subnet os_subnets_info os_user os_user_group os_user_info os_user_role '
  + 'os_volume os_volume_snapshot os_zone port port_info project project_access project_info quota recordset role_assignment router routers_info '
  + 'security_group security_group_info security_group_rule security_group_rule_info server server_action server_group server_info server_metadata '
  + 'server_volume stack stack_info subnet subnet_pool subnets_info volume volume_backup volume_backup_info volume_info volume_snapshot '
  + 'volume_snapshot_info').split(' '));

/** the action names that resolve to openstack.cloud.server (ansible.builtin's routing of os_server, the collection's own) */
const SERVER_ENTRIES = new Set(['openstack.cloud.server', 'openstack.cloud.os_server', 'ansible.legacy.os_server', 'ansible.builtin.os_server']);
/** the groups openstack.cloud.server is in (ansible.builtin.os extends openstack.cloud.os) */
const SERVER_GROUPS = new Set(['openstack.cloud.openstack', 'openstack.cloud.os', 'ansible.builtin.os']);

/** the defaults key the task's module takes its own defaults from (its resolved name) */
export const SERVER_DEFAULTS_KEY = 'openstack.cloud.server';

/**
 * One module_defaults key: its validated name and whether the server task takes it (`applies`:
 * the module's own key, or a group the module is in), or ansible-core's refusal while it loads,
 * or a note when resolving it depends on what is installed.
 */
export type DefaultsKey = { validated: string; applies: 'action' | 'group' | null } | { refused: string } | { unknown: string };

/** AnsibleCollectionRef.is_valid_fqcr on ASCII names: `ns.coll.resource` (more parts: subdirectories) */
const FQCR = /^\w+(?:\.\w+){2,}$/;

export function defaultsKey(key: string): DefaultsKey {
  // (Python's \w and its `$` before a final newline: names outside plain ASCII words are not read)
  if (!/^[\x21-\x7e]+$/.test(key)) return { unknown: `\`${key}\`, a name bdm-lab does not resolve` };
  if (key.startsWith('group/')) {
    const name = key.split('group/').pop()!;
    const fq = FQCR.test(name) ? name : `ansible.builtin.${name}`;
    const coll = fq.split('.').slice(0, 2).join('.');
    const resource = fq.split(`${coll}.`).pop()!;
    const refused = { refused: `Error loading module_defaults: could not resolve the module_defaults group ${fq}` };
    if (coll === 'ansible.builtin') return BUILTIN_GROUPS.has(resource) || BUILTIN_GROUPS.has(fq) ? group(fq) : refused;
    if (coll === 'openstack.cloud') return resource === 'openstack' || resource === 'os' ? group(fq) : refused;
    return { unknown: `the action group \`${fq}\`, which ansible-core looks up in the collections installed where the playbook runs` };
  }
  const entry = key.split('.').length < 3 ? `ansible.legacy.${key}` : key;
  if (SERVER_ENTRIES.has(entry)) return { validated: SERVER_DEFAULTS_KEY, applies: 'action' };
  const parts = entry.split('.');
  const coll = parts.slice(0, 2).join('.');
  const name = parts.slice(2).join('.');
  if ((coll === 'ansible.legacy' || coll === 'ansible.builtin') && (BUILTIN.has(name) || (name.startsWith('os_') && OPENSTACK_MODULES.has(name)))) return { validated: entry, applies: null };
  // ansible.builtin is found among ansible-core's own plugins only (never a library path): a name it
  // neither has nor routes to a collection does not resolve, whatever is installed
  if (coll === 'ansible.builtin' && /^\w+(?:\.\w+)*$/.test(name) && !builtinRouted(name)) return { refused: `Could not resolve action ${entry} in module_defaults` };
  if (coll === 'openstack.cloud') return OPENSTACK_MODULES.has(name) ? { validated: entry, applies: null } : { refused: `Could not resolve action ${entry} in module_defaults` };
  return { unknown: `the action \`${entry}\`, which ansible-core looks up among the modules installed where the playbook runs (its library paths and collections)` };
}

const group = (fq: string): DefaultsKey => ({ validated: `group/${fq}`, applies: SERVER_GROUPS.has(fq) ? 'group' : null });

/** Base._load_module_defaults' refusal of a value that is not a mapping or a list of mappings */
export const DEFAULTS_SHAPE = "The field 'module_defaults' is supposed to be a dictionary or list of dictionaries, the keys of which must be static action, module, or group names. Only the values may contain templates. For example: {'ping': \"{{ ping_defaults }}\"}";
