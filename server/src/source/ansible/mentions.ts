/**
 * Whether a text may hold an `openstack.cloud.server` task: a cheap test (Heat templates and other
 * YAML fail it), kept apart from the source so that the registry can ask it without loading the
 * source (a bundle of its own).
 */
export function mentionsServerTask(text: string): boolean {
  if (/^heat_template_version[ \t]*:/m.test(text)) return false;
  // the indentation and a list item's dash are matched within a line, one way only: `^\s*-?\s*`
  // runs across lines of blanks from every line's start in as many ways as it can split them (a
  // few thousand blank lines took minutes)
  return /(^|[\s{,-])(openstack\.cloud\.(os_)?server|os_server)[ \t]*:/m.test(text)
    || /^[ \t]*(?:-[ \t]*)?action[ \t]*:\s*(openstack\.cloud\.(os_)?server|os_server)\b/m.test(text)
    || (/openstack\.cloud/.test(text) && /^[ \t]*(?:-[ \t]*)?server[ \t]*:/m.test(text));
}
