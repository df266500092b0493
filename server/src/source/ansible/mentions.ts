/**
 * Whether a text may hold an `openstack.cloud.server` task: a cheap test (Heat templates and other
 * YAML fail it), kept apart from the source so that the registry can ask it without loading the
 * source (a bundle of its own).
 */
export function mentionsServerTask(text: string): boolean {
  if (/^heat_template_version\s*:/m.test(text)) return false;
  return /(^|[\s{,-])(openstack\.cloud\.(os_)?server|os_server)\s*:/m.test(text) || /^\s*-?\s*action\s*:\s*(openstack\.cloud\.(os_)?server|os_server)\b/m.test(text)
    || (/openstack\.cloud/.test(text) && /^\s*-?\s*server\s*:/m.test(text));
}
