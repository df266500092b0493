/**
 * Whether a YAML text may be a HOT template: a cheap test before parsing, kept apart from the
 * source so that the registry can ask it without loading the source (a bundle of its own).
 */
export function mentionsHeat(text: string): boolean {
  // blanks are matched within a line: `\s*` after `^` would run on across every following blank
  // line from each line's start, a time that grows with the square of a text of blank lines
  return /^[ \t\uFEFF]*heat_template_version[ \t]*:/m.test(text);
}
