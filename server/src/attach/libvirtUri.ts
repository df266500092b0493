/**
 * What the real libvirt step may talk to, decided before any program runs. Pure: no I/O.
 *
 * A libvirt URI chooses a driver and a transport, and some transports run programs
 * (`+ext?command=PROG` runs PROG; `+ssh`/`+libssh` take `command=`, `netcat=`,
 * `keyfile=`, `known_hosts=`; `+unix` takes `socket=`), and `test:///PATH` reads PATH as
 * XML. So: three local URIs by default, compared exactly; any other only when the user
 * names it (the machine-scoped setting `bdmLab.libvirtUris`, the CLI's
 * `--allow-libvirt-uri`), and even then never the `ext` transport, never a query
 * parameter but `mode`, and only a conservative character set (no `%`, so nothing hides
 * behind URL encoding).
 */

export const DEFAULT_LIBVIRT_URIS: readonly string[] = Object.freeze(['qemu:///system', 'qemu:///session', 'test:///default']);

export type Check = { ok: true } | { ok: false; reason: string };

const TRANSPORTS: ReadonlySet<string> = new Set(['', 'unix', 'ssh', 'libssh', 'libssh2', 'tls', 'tcp']);
const MAX_URI = 256;

/** Printable, quoted and with control characters escaped: for messages about hostile text. */
export function shown(s: string, max = 120): string {
  const cut = s.length > max ? `${s.slice(0, max)}…` : s;
  return JSON.stringify(cut).replace(/[\u007f-\u009f\u200b-\u200f\u2028-\u202e\u2066-\u2069]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

/**
 * Whether the real libvirt step may connect to `uri`. `extraAllowed` are URIs the user
 * named in a setting or on the command line; they must match exactly as well and pass the
 * same checks of form (a setting cannot re-enable `ext`).
 */
export function checkLibvirtUri(uri: unknown, extraAllowed: readonly unknown[] = []): Check {
  if (typeof uri !== 'string' || uri.length === 0) return { ok: false, reason: 'the libvirt URI is empty' };
  const form = checkForm(uri);
  if (!form.ok) return form;
  if (DEFAULT_LIBVIRT_URIS.includes(uri)) return { ok: true };
  if (extraAllowed.some((u) => typeof u === 'string' && u === uri)) return { ok: true };
  return {
    ok: false,
    reason: `libvirt URI ${shown(uri)} is not allowed: only ${DEFAULT_LIBVIRT_URIS.join(', ')}, or a URI named exactly in the user setting bdmLab.libvirtUris (CLI: --allow-libvirt-uri)`,
  };
}

function checkForm(uri: string): Check {
  const bad = (why: string): Check => ({ ok: false, reason: `libvirt URI ${shown(uri)} refused: ${why}` });
  if (uri.length > MAX_URI) return bad(`longer than ${MAX_URI} characters`);
  if (uri.startsWith('-')) return bad('it starts with "-"');
  const odd = /[^A-Za-z0-9:/?=&._~+@[\]-]/.exec(uri);
  if (odd) {
    if (odd[0] === '%') return bad('URL-encoded characters (%) are not accepted');
    return bad(`the character ${shown(odd[0])} is outside the accepted set (letters, digits and : / ? = & . _ ~ + @ [ ] -)`);
  }
  const m = /^([a-z][a-z0-9]*)(?:\+([a-z0-9]+))?:\/\/([^/?]*)(\/[^?]*)(?:\?(.*))?$/.exec(uri);
  if (!m) {
    if (/^[A-Za-z][A-Za-z0-9+.-]*:/.test(uri) && /[A-Z]/.test(uri.slice(0, uri.indexOf(':')))) return bad('the scheme must be lower case');
    return bad('not of the form driver[+transport]://[host]/path[?mode=…]');
  }
  const [, , transport = '', , , query] = m;
  if (transport === 'ext') return bad('the "ext" transport runs a program');
  if (!TRANSPORTS.has(transport)) return bad(`unknown transport "${transport}"`);
  if (query !== undefined) {
    for (const pair of query.split('&')) {
      const [name = '', value = ''] = pair.split('=', 2);
      if (name.toLowerCase() !== 'mode' || !['auto', 'direct', 'legacy'].includes(value)) {
        return bad(`query parameter ${shown(name)} is not accepted (only mode=auto|direct|legacy; never command, socket, netcat, keyfile, pkipath, known_hosts, no_verify)`);
      }
    }
  }
  return { ok: true };
}

/** Bidirectional and zero-width format characters: they make the confirmation show something else. */
const INVISIBLE = /[\u200b-\u200f\u202a-\u202e\u2060-\u2064\u2066-\u2069\ufeff]/;

/** Whether `name` may be handed to virsh as the domain (always as `--domain NAME`). */
export function checkDomainName(name: unknown): Check {
  if (typeof name !== 'string' || name.length === 0) return { ok: false, reason: 'the libvirt domain name is empty' };
  const bad = (why: string): Check => ({ ok: false, reason: `libvirt domain ${shown(name)} refused: ${why}` });
  if (name.length > 200) return bad('longer than 200 characters');
  if (/[\u0000-\u001f\u007f-\u009f]/.test(name)) return bad('it contains a control character');
  if (INVISIBLE.test(name)) return bad('it contains an invisible or bidirectional formatting character');
  if (name.startsWith('-')) return bad('it starts with "-" (read as an option by command-line tools)');
  if (name.includes('/')) return bad('libvirt domain names cannot contain "/"');
  if (name.trim() !== name) return bad('leading or trailing white space');
  return { ok: true };
}
