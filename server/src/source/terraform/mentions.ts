/**
 * Whether a Terraform text may hold the resources this source reads: a cheap test before
 * parsing, kept apart from the source so that the registry can ask it without loading the source
 * (a bundle of its own).
 */
export const INSTANCE = 'openstack_compute_instance_v2';
export const ATTACH = 'openstack_compute_volume_attach_v2';

export function mentionsTerraformResources(text: string): boolean {
  return text.includes(INSTANCE) || text.includes(ATTACH);
}
