/** A small glob matcher for the bdmLab.files setting: `**`, `*`, `?` and `{a,b}`. */
export function minimatch(path: string, glob: string): boolean {
  return globToRegExp(glob).test(path);
}

const cache = new Map<string, RegExp>();
export function globToRegExp(glob: string): RegExp {
  let re = cache.get(glob);
  if (re) return re;
  let s = '';
  for (let i = 0; i < glob.length; i++) {
    const c = glob[i];
    if (c === '*') {
      if (glob[i + 1] === '*') {
        i++;
        if (glob[i + 1] === '/') { i++; s += '(?:.*/)?'; } else s += '.*';
      } else s += '[^/]*';
    } else if (c === '?') s += '[^/]';
    else if (c === '{') {
      const end = glob.indexOf('}', i);
      if (end < 0) { s += '\\{'; continue; }
      s += '(?:' + glob.slice(i + 1, end).split(',').map(escape).join('|') + ')';
      i = end;
    } else s += escape(c);
  }
  // A glob without a slash matches the file name anywhere, as VS Code's file globs do.
  re = new RegExp(glob.includes('/') ? `(^|/)${s.replace(/^\(\?:\.\*\/\)\?/, '')}$` : `(^|/)${s}$`);
  cache.set(glob, re);
  return re;
}
function escape(s: string): string {
  return s.replace(/[.+^$()|[\]\\]/g, '\\$&');
}
