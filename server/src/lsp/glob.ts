/**
 * A glob matcher for the bdmLab.files setting: `**`, `*`, `?` and `{a,b}`, as VS Code's file
 * globs read them (a glob without a slash matches the file name in any folder).
 *
 * The setting comes from the workspace, so the glob is hostile: it is never turned into a
 * regular expression (`*a*a*a*a*…b` or `**` repeated backtrack for minutes on a long path).
 * Matching is a table over (glob position, path position), so its cost is at most the glob's
 * length times the path's, whatever the glob.
 */

type Token = { kind: 'lit'; ch: string } | { kind: 'one' } | { kind: 'star' } | { kind: 'any' } | { kind: 'dirs' };

/** Brace alternatives expanded at most this far; a glob that asks for more matches nothing. */
const MAX_ALTERNATIVES = 256;
/** Globs longer than this match nothing (a real one is a few dozen characters). */
const MAX_GLOB_LENGTH = 1024;

const cache = new Map<string, Token[][] | null>();

export function minimatch(path: string, glob: string): boolean {
  const alternatives = compile(glob);
  if (!alternatives) return false;
  return alternatives.some((tokens) => matchesAnchored(tokens, path));
}

function compile(glob: string): Token[][] | null {
  if (cache.has(glob)) return cache.get(glob)!;
  let out: Token[][] | null = null;
  if (glob.length <= MAX_GLOB_LENGTH) {
    const expanded = expandBraces(glob);
    if (expanded) out = expanded.map((g) => tokenize(g.includes('/') ? g.replace(/^\*\*\//, '') : g));
  }
  if (cache.size > 256) cache.clear();
  cache.set(glob, out);
  return out;
}

/** `{a,b}` groups (not nested, as the setting documents them) into plain globs. */
function expandBraces(glob: string): string[] | null {
  let parts = [''];
  for (let i = 0; i < glob.length; i++) {
    const c = glob[i]!;
    const end = c === '{' ? glob.indexOf('}', i) : -1;
    if (end < 0) {
      parts = parts.map((p) => p + c);
      continue;
    }
    const options = glob.slice(i + 1, end).split(',');
    if (parts.length * options.length > MAX_ALTERNATIVES) return null;
    parts = parts.flatMap((p) => options.map((o) => p + o));
    i = end;
  }
  return parts;
}

function tokenize(glob: string): Token[] {
  const tokens: Token[] = [];
  for (let i = 0; i < glob.length; i++) {
    const c = glob[i]!;
    if (c === '*') {
      if (glob[i + 1] === '*') {
        i++;
        if (glob[i + 1] === '/') {
          i++;
          tokens.push({ kind: 'dirs' }); // `**/`: nothing, or anything that ends with a slash
        } else tokens.push({ kind: 'any' }); // `**`: anything
      } else tokens.push({ kind: 'star' }); // `*`: anything but a slash
    } else if (c === '?') tokens.push({ kind: 'one' });
    else tokens.push({ kind: 'lit', ch: c });
  }
  return tokens;
}

/** The glob matches the whole path from its start or from just after one of its slashes. */
function matchesAnchored(tokens: Token[], path: string): boolean {
  const n = path.length;
  const width = n + 1;
  // memo[i * width + j]: 0 unknown, 1 tokens[i..] match path[j..], 2 they do not
  const memo = new Uint8Array((tokens.length + 1) * width);
  const match = (i0: number, j0: number): boolean => {
    // Iterative over the literal run, recursive (with the memo) only where a token branches.
    let i = i0;
    let j = j0;
    for (;;) {
      const key = i * width + j;
      if (memo[key]) return memo[key] === 1;
      let ok: boolean;
      if (i === tokens.length) ok = j === n;
      else {
        const t = tokens[i]!;
        if (t.kind === 'lit' || t.kind === 'one') {
          if (j < n && (t.kind === 'one' ? path[j] !== '/' : path[j] === t.ch)) {
            i++;
            j++;
            continue;
          }
          ok = false;
        } else {
          // star/any: skip zero or more characters (star stops at a slash); dirs: zero, or up to a slash
          ok = t.kind !== 'dirs' && match(i + 1, j);
          if (t.kind === 'dirs') ok = match(i + 1, j);
          for (let k = j; !ok && k < n; k++) {
            if (t.kind === 'star' && path[k] === '/') break;
            if (t.kind === 'dirs') {
              if (path[k] === '/') ok = match(i + 1, k + 1);
            } else ok = match(i + 1, k + 1);
          }
        }
      }
      memo[key] = ok ? 1 : 2;
      memo[i0 * width + j0] = ok ? 1 : 2;
      return ok;
    }
  };
  if (match(0, 0)) return true;
  for (let j = 0; j < n; j++) if (path[j] === '/' && match(0, j + 1)) return true;
  return false;
}
