/**
 * hcl's and Terraform's name suggestions (didyoumean.go): the first name of a list at a Levenshtein
 * distance (unit costs, as agext/levenshtein counts) below 3 from the one given. Where the list has
 * an order (hcl's template keywords, dynblock's arguments, Terraform's sorted module calls, path's
 * attributes) that first name is the one (nameSuggestion); where Terraform builds the list from a Go
 * map (a schema's attributes and block types, through hcldec's ObjectSpec; a module's variables and
 * locals; the function table) its order varies from run to run, and so does the name when several are
 * near (suggestionHint: every near name, said to vary).
 */

/** agext/levenshtein Distance (unit costs) below 3, by the banded dynamic programme (names are short) */
export function levenshteinBelow3(a: string, b: string): boolean {
  const x = [...a], y = [...b];
  if (Math.abs(x.length - y.length) >= 3 || x.length > 64) return false;
  let prev = Array.from({ length: y.length + 1 }, (_, j) => j);
  for (let i = 1; i <= x.length; i++) {
    const cur = [i];
    for (let j = 1; j <= y.length; j++) cur[j] = Math.min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (x[i - 1] === y[j - 1] ? 0 : 1));
    prev = cur;
  }
  return prev[y.length] < 3;
}

/** the first of `names` near `given`, or undefined */
export const nameSuggestion = (given: string, names: readonly string[]): string | undefined => names.find((n) => levenshteinBelow3(given, n));

/** the words of a suggestion from a list in Go's map order: one near name, or all of them, said to vary; '' for none */
export function suggestionHint(given: string, names: Iterable<string>): string {
  const near = [...names].filter((n) => levenshteinBelow3(given, n));
  if (near.length === 1) return ` Did you mean "${near[0]}"?`;
  return near.length ? ` Did you mean one of ${near.map((n) => `"${n}"`).join(', ')}? (Terraform names one, which varies from run to run)` : '';
}
