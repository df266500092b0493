/**
 * Ports: what the pure core asks of the host, as types only. The core never imports `node:*`;
 * a core function that needs a program, a temporary file, a fact about a path or a hash takes
 * one of these as a parameter, and the edges (the language server, the document worker, the
 * CLI, scripts, tests) pass the Node implementation, `nodeHost()` of `server/src/host/`.
 * Tests pass fakes. A browser build would pass its own.
 */

/** How a program runs: always with an argument list (never through a shell). */
export interface RunOptions {
  /** the program is killed (SIGTERM) past this many milliseconds */
  timeoutMs: number;
  /** the program is killed when its stdout or stderr goes over this many bytes */
  maxOutputBytes: number;
  /** exactly this environment, or the host process's own ('inherit', said explicitly) */
  env: Readonly<Record<string, string>> | 'inherit';
}

/** The one result shape of a program run. */
export interface ProgramResult {
  /** the exit status; null when the program was killed or never started */
  exitCode: number | null;
  /** the signal that ended it ('SIGTERM' after a timeout), else null */
  signal: string | null;
  stdout: string;
  stderr: string;
  /** killed because it ran past `timeoutMs` */
  timedOut: boolean;
  /**
   * null when the program ran and exited 0. Else what went wrong: `code` is a system error code
   * when it could not start ('ENOENT': no such program, 'EACCES'…), 'TIMEOUT', 'OUTPUT_LIMIT'
   * (over `maxOutputBytes`) or 'EXIT' (a non-zero status or a signal); `message` in words.
   */
  error: { code: string; message: string } | null;
}

export type RunProgram = (program: string, args: readonly string[], options: RunOptions) => Promise<ProgramResult>;

/** A private temporary directory (mode 0700) while `TempFiles.withDir` runs. */
export interface TempDir {
  readonly path: string;
  /** writes `text` to a private file (mode 0600) named `name` in the directory; its full path */
  write(name: string, text: string): Promise<string>;
}

export interface TempFiles {
  /** makes a private directory whose name starts with `prefix`, runs `use`, then removes it and everything in it */
  withDir<T>(prefix: string, use: (dir: TempDir) => Promise<T>): Promise<T>;
}

/** What a path is, or the system error code ('ENOENT'…) that says why it could not be looked at. */
export type PathInfo = { ok: true; kind: 'file' | 'directory' | 'symlink' | 'other'; links: number } | { ok: false; code: string };

/** Facts about paths of the host's file system, and its path syntax. Nothing is read or written. */
export interface FileSystem {
  /** the path separator ('/' on Linux) */
  readonly sep: string;
  isAbsolute(path: string): boolean;
  /** `..`, `.` and repeated separators resolved as text (a trailing separator is kept) */
  normalize(path: string): string;
  join(...parts: string[]): string;
  /** the path itself: a symbolic link is not followed */
  lstat(path: string): PathInfo;
  /** what the path leads to: links followed */
  stat(path: string): PathInfo;
  /** the canonical path, every link resolved */
  realpath(path: string): { ok: true; path: string } | { ok: false; code: string };
}

export type HashAlgorithm = 'md5' | 'sha1' | 'sha256';

export interface Hashes {
  /** the digest of the UTF-8 bytes of `text` */
  digest(algorithm: HashAlgorithm, text: string): Uint8Array;
}

/** Everything the core may ask of the host; a function takes only the part it needs. */
export interface Host {
  run: RunProgram;
  /** the host's program search path (PATH), for an environment built from nothing */
  searchPath: string;
  temp: TempFiles;
  files: FileSystem;
  hashes: Hashes;
}

/** One complaint of libvirt's RelaxNG schema: the 1-based line (0: none), libxml2's words, the element it names. */
export interface SchemaError {
  line: number;
  message: string;
  element?: string;
}

/** libvirt's domain schema compiled in this process (host/relaxng.ts: a WebAssembly libxml2; libvirtxml/schemaCheck.ts uses it): no external program. */
export interface InProcessValidator {
  /** The schema's complaints about a whole document; empty when it validates. */
  validate(text: string): SchemaError[];
}

/** Loads the in-process validator on first use; says why when the engine or libvirt's schemas are missing. */
export interface RelaxNgPort {
  load(): Promise<InProcessValidator | { unavailable: string }>;
}
