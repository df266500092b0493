/**
 * Whether a YAML text may be a HOT template: a cheap test before parsing, kept apart from the
 * source so that the registry can ask it without loading the source (a bundle of its own).
 */
export function mentionsHeat(text: string): boolean {
  return /^\s*heat_template_version\s*:/m.test(text);
}
