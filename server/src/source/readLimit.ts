/**
 * bdm-lab's own bound on how deep it reads a Heat template, a Terraform configuration or an
 * Ansible task's arguments (BDM-LIMIT-TEMPLATE): past it nothing there is judged, and the finding
 * says it is bdm-lab's limit, not the tool's verdict. Heat reads data nested about 300 levels
 * under a resource's properties (330 fails on Python's recursion limit, heat-oracle); Ansible
 * sends a value nested 100 levels whole (ansible-oracle); Terraform's parser has no such bound.
 */
export const MAX_READ_DEPTH = 320;

/** The limit's words: `what` nests too deep ("the template", "an argument value"). */
export function tooDeep(what: string, verb = 'nests'): string {
  return `${what} ${verb} deeper than ${MAX_READ_DEPTH} levels; bdm-lab reads no further`;
}

/**
 * True when the yaml package's reader ran out of stack on a document (thousands of levels): it
 * records V8's RangeError as the document's error. bdm-lab's limit, not a YAML error of the text.
 */
export function readerOverflowed(message: string): boolean {
  return /call stack/i.test(message);
}
