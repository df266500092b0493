/**
 * The `bdm-lab attach` command line that reproduces a Simulate Attach run of the editor (the
 * panel's "Copy as CLI command"): the same lab host, microversion, instance, volume, release
 * profile and detach, on the body as saved. Pure: the caller resolves paths.
 */

export interface AttachRunOptions {
  /** an embedded lab host's name, or the absolute path of a *.labhost.json file */
  lab: string;
  /** the body's file (absolute path); null when the body is not a saved file */
  requestFile: string | null;
  microversion: string;
  instance: string;
  volume?: string;
  profile?: string;
  detachAt?: string;
  detachAfter?: number;
}

/** The arguments after `bdm-lab`. An option value starting with "-" is written --option=VALUE. */
export function attachCliArgs(o: AttachRunOptions): string[] {
  const argv = ['attach'];
  const opt = (name: string, value: string | undefined) => {
    if (value === undefined) return;
    if (value.startsWith('-')) argv.push(`--${name}=${value}`);
    else argv.push(`--${name}`, value);
  };
  opt('lab', o.lab);
  opt('microversion', o.microversion);
  opt('instance', o.instance);
  opt('volume', o.volume);
  opt('profile', o.profile);
  opt('detach-at', o.detachAt);
  opt('detach-after', o.detachAfter === undefined ? undefined : String(o.detachAfter));
  if (o.requestFile !== null) argv.push(o.requestFile.startsWith('-') ? `./${o.requestFile}` : o.requestFile);
  return argv;
}

/**
 * One word for a POSIX shell: as it is when it holds only characters no shell treats specially,
 * else in single quotes (a single quote inside written '\''). A line break or other control
 * character is quoted too, so the line stays one command.
 */
export function shellWord(word: string): string {
  if (word !== '' && /^[A-Za-z0-9_@%+=:,./-]+$/.test(word)) return word;
  return `'${word.replace(/'/g, `'\\''`)}'`;
}

/** `bdm-lab ARGS` as one shell line. */
export function cliLine(argv: string[], program = 'bdm-lab'): string {
  return [program, ...argv].map(shellWord).join(' ');
}
