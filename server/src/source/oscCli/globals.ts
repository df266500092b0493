/**
 * The `openstack` shell's own options, read before any command: cliff's App parses every word
 * after `openstack` with its parser (parse_known_args), so its options are taken wherever they
 * stand, before or after `server create` (up to a `--`), shortened as any argparse option may be,
 * and the words it does not know are left, in order, for the command (`server create …`).
 * Its refusals (an ambiguous start such as `--v`, a missing value) and --version stop everything
 * before the command is read; its -h/--help turns the command into `openstack help server create …`.
 * Facts: cliff/app.py (App.build_option_parser, App.run), osc_lib/shell.py, openstackclient/shell.py,
 * checked with the `openstack` shell itself (test/unit/osc-argparse.test.ts).
 */
import type { Span } from '../../text/span';
import type { Word } from './shell';
import { optionSpecs, parseArgs, type ParserSpec } from './argparse';
import { pyStrRepr } from '../../parse/pyrepr';

/**
 * The shell's options in the order it adds them (cliff's, osc-lib's, each API's version, the auth
 * plugins'), as Debian bookworm's python3-openstackclient 6.0.0 has them with the clients it
 * installs (the reference install of the oracles): another install has other plugins, so other
 * --os-* options. The auth plugins' options come in an order the real shell draws from Python's
 * hash seed at each run; this is the order under PYTHONHASHSEED=0, as the oracles run.
 */
const SHELL: ParserSpec = {
  prog: 'openstack',
  options: optionSpecs([
    '--version!', '-v/--verbose!', '-q/--quiet!', '--log-file', '-h/--help!', '--debug!', '--os-cloud', '--os-region-name', '--os-cacert', '--os-cert', '--os-key',
    '--verify!', '--insecure!', '--os-default-domain', '--os-interface', '--os-service-provider', '--os-remote-project-name', '--os-remote-project-id',
    '--os-remote-project-domain-name', '--os-remote-project-domain-id', '--timing!', '--os-beta-command!', '--os-profile',
    ...['compute', 'identity', 'image', 'network', 'object', 'volume', 'container-infra', 'loadbalancer', 'reservation', 'key-manager', 'dns', 'orchestration',
      'database', 'share', 'clustering', 'rca', 'data-processing'].map((api) => `--os-${api}-api-version`),
    '--os-data-processing-url', ...['container', 'alarming', 'queues', 'baremetal', 'workflow'].map((api) => `--os-${api}-api-version`),
    ...['auth-type', 'user-id', 'project-id', 'roles', 'endpoint', 'username', 'password', 'auth-url', 'consumer-key', 'consumer-secret', 'access-key', 'access-secret',
      'project-name', 'trust-id', 'token', 'system-scope', 'domain-id', 'domain-name', 'project-domain-id', 'project-domain-name', 'identity-provider', 'protocol',
      'client-id', 'client-secret', 'openid-scope', 'access-token-endpoint', 'discovery-endpoint', 'access-token-type', 'auth-methods', 'user-domain-id',
      'user-domain-name', 'passcode', 'default-domain-id', 'default-domain-name', 'access-token', 'redirect-uri', 'code', 'application-credential-secret',
      'application-credential-id', 'application-credential-name', 'identity-provider-url', 'aodh-endpoint', 'realm-name', 'openid-client-id',
      'service-provider-endpoint', 'service-provider-entity-id', 'tenant-name', 'tenant-id'].map((o) => `--os-${o}`),
  ]),
  exclusive: [['--verbose', '--quiet'], ['--verify', '--insecure'], ['--os-remote-project-name', '--os-remote-project-id'], ['--os-remote-project-domain-name', '--os-remote-project-domain-id']],
  positionals: 0,
};

/** `major`, then major.1 … major.last, then `extra` */
const versions = (major: string, last: number, extra: string[]) => [major, ...Array.from({ length: last }, (_, i) => `${major}.${i + 1}`), ...extra];
/**
 * The shell's options that take one of a list of values (argparse's `choices`, checked as the
 * option is read, before its action): the list in the order argparse shows it. The auth plugins
 * come in an order the real shell draws from Python's hash seed; this is PYTHONHASHSEED=0's.
 */
const CHOICES: Record<string, readonly string[]> = {
  '--os-interface': ['admin', 'public', 'internal'],
  '--os-share-api-version': ['2.0', ...versions('2', 72, []).slice(1)],
  '--os-container-api-version': versions('1', 40, ['1.latest']),
  '--os-baremetal-api-version': versions('1', 78, ['latest']),
  '--os-auth-type': ['vitrage-noauth', 'http_basic', 'noauth', 'v3oauth1', 'v1password', 'v2password', 'v2token', 'v3oidcpassword', 'v3multifactor', 'v3tokenlessauth', 'v3totp',
    'v3oidcclientcredentials', 'token', 'v3oidcaccesstoken', 'admin_token', 'v3oidcauthcode', 'password', 'v3applicationcredential', 'v3token', 'v3samlpassword', 'aodh-noauth',
    'vitrage-keycloak', 'v3password', 'v3adfspassword', 'none'],
};

export interface Globals {
  /** the words the shell leaves for the command, in order (`server create …`) */
  rest: Word[];
  /** the value of the last --os-compute-api-version, however it was shortened */
  microversion: Word | null;
  /** the shell's -h/--help, however it was written */
  help: Word | null;
  /** where the shell stops before any command: its argparse refusal, or --version */
  stop: { message: string; span: Span } | null;
}

/** The shell's parser on the words after `openstack`. */
export function parseGlobals(words: readonly Word[]): Globals {
  const out: Globals = { rest: [], microversion: null, help: null, stop: null };
  const at = (w: Word): Span => ({ offset: w.start, length: Math.max(0, w.end - w.start) });
  // argparse stops at its first refusal; reading on (as parseArgs does when `fail` returns) only finds the command
  out.rest = parseArgs(words, SHELL, (t) => {
    // a value not among its choices (an empty list, from a value `--`, is not checked)
    const choices = CHOICES[t.name];
    if (choices && t.value && !t.empty && !choices.includes(t.value.value)) {
      out.stop ??= { message: `openstack: error: argument ${t.label}: invalid choice: ${pyStrRepr(t.value.value)} (choose from ${choices.map(pyStrRepr).join(', ')})`, span: at(t.word) };
    }
    if (t.name === '--os-compute-api-version') out.microversion = t.value;
    if (t.name === '--help') out.help ??= t.nameWord;
    if (t.name === '--version') out.stop ??= { message: `${t.nameWord.value} is --version of openstack: it prints "openstack 6.0.0" and sends nothing`, span: at(t.word) };
  }, (message, span) => { out.stop ??= { message, span }; }).extras;
  return out;
}
