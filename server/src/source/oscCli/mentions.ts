/**
 * Whether a text may hold an `openstack server create` or `server add volume` command: a cheap test before splitting
 * words, kept apart from the source so that the registry (and the choice of a document's
 * language) can ask it without loading the source (a bundle of its own).
 */
export function mentionsServerCreate(text: string): boolean {
  if (text.includes('openstack') && (text.includes('create') || text.includes('add'))) return true;
  // the words may be quoted or escaped in pieces (`"open"stack`, `cre"ate"`, `a\dd`): read without
  // quotes and backslashes; a $'…' may spell any letter as an escape
  if (!/['"\\]/.test(text)) return false;
  if (text.includes("$'")) return true;
  const bare = text.replace(/\$?['"]|\\\r?\n?/g, '');
  return bare.includes('openstack') && (bare.includes('create') || bare.includes('add'));
}
