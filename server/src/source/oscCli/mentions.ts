/**
 * Whether a text may hold an `openstack server create` or `server add volume` command: a cheap test before splitting
 * words, kept apart from the source so that the registry (and the choice of a document's
 * language) can ask it without loading the source (a bundle of its own).
 */
export function mentionsServerCreate(text: string): boolean {
  return text.includes('openstack') && (text.includes('create') || text.includes('add'));
}
