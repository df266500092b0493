/**
 * The CLI's edge to the process: output sinks and file reading. Tests inject their own.
 * Files are read with stat before open: only regular files (a FIFO would block forever, a
 * device could be endless), only up to a size limit, only valid UTF-8.
 */
import { closeSync, constants, fstatSync, openSync, readSync, statSync, writeSync } from 'node:fs';
import { setFlagsFromString } from 'node:v8';
import { isAscii, isUtf8 } from 'node:buffer';
import type { RunProgram } from '../ports';

export interface CliIo {
  stdout: (s: string) => void;
  stderr: (s: string) => void;
  /** `maxBytes`: refuse larger files (EFBIG); the node implementation defaults to DEFAULT_MAX_FILE_SIZE. */
  readFile: (p: string, maxBytes?: number) => string;
  /**
   * Standard input read to its end, for the input named `-` (the same size limit and UTF-8 check
   * as readFile); absent: `-` names nothing (a file of that name is never read in its place).
   */
  readStdin?: (maxBytes?: number) => string;
  /** relative file names on the command line are relative to this */
  cwd: string;
  /** runs a program (argument list, no shell) for the real libvirt step; absent: the Node host's (host/). Tests inject a fake virsh. */
  exec?: RunProgram;
  /** told the size of each text before it is judged (the process tunes its engine: tuneForInput); absent in tests */
  beforeJudge?: (chars: number) => void;
}

/** Same default as the editor's bdmLab.maxFileSize. */
export const DEFAULT_MAX_FILE_SIZE = 5 * 1024 * 1024;

/** An error with a stable errno-style code, as `fs` throws them. */
export class ReadError extends Error {
  constructor(readonly code: string, message: string) {
    super(message);
  }
}

/** Why a file could not be read, in words (the code stays in the JSON). */
export function describeReadError(e: unknown, maxBytes = DEFAULT_MAX_FILE_SIZE): { code: string; message: string } {
  const code = (e as NodeJS.ErrnoException)?.code ?? 'EIO';
  const words: Record<string, string> = {
    ENOENT: 'no such file',
    EISDIR: 'a directory, not a file',
    ENOTREG: 'not a regular file (a FIFO, socket or device)',
    EFBIG: `larger than the size limit (${maxBytes} bytes; --max-file-size to change)`,
    EILSEQ: 'not valid UTF-8',
    EACCES: 'permission denied',
    EPERM: 'permission denied',
    ENOTDIR: 'a path component is not a directory',
    ELOOP: 'too many symbolic links',
    ENAMETOOLONG: 'name too long',
  };
  return { code, message: `cannot read: ${words[code] ?? code}` };
}

function notRegular(st: { isDirectory(): boolean; isFile(): boolean }): ReadError | null {
  if (st.isDirectory()) return new ReadError('EISDIR', 'a directory');
  if (!st.isFile()) return new ReadError('ENOTREG', 'not a regular file');
  return null;
}

/** Read a regular UTF-8 text file of at most `maxBytes` bytes; throws errors with a `code`. */
export function readTextFile(p: string, maxBytes: number = DEFAULT_MAX_FILE_SIZE): string {
  const st = statSync(p);
  const bad = notRegular(st);
  if (bad) throw bad;
  if (st.size > maxBytes) throw new ReadError('EFBIG', 'too large');
  // O_NONBLOCK: should the path be swapped for a FIFO after the stat, open still returns at once
  // and the fstat below refuses it.
  const fd = openSync(p, constants.O_RDONLY | (constants.O_NONBLOCK ?? 0));
  try {
    const st2 = fstatSync(fd);
    const bad2 = notRegular(st2);
    if (bad2) throw bad2;
    if (st2.size > maxBytes) throw new ReadError('EFBIG', 'too large');
    // (whatever the size said: a file may grow while read)
    return readText(fd, Math.min(maxBytes, st2.size) + 1, maxBytes);
  } finally {
    closeSync(fd);
  }
}

/**
 * The text of bytes read, validated whole first (a BOM is kept, as the text has it); ASCII, what
 * a body almost always is, is read byte for byte (TextDecoder's fatal mode took longer than the
 * check of the body).
 */
function utf8Text(bytes: Buffer): string {
  if (isAscii(bytes)) return bytes.toString('latin1');
  if (!isUtf8(bytes)) throw new ReadError('EILSEQ', 'not valid UTF-8');
  return bytes.toString('utf8');
}

/**
 * Standard input read to its end, synchronously (readText): at most `maxBytes` bytes, valid
 * UTF-8; a terminal is read until its end of file (Ctrl-D), as `cat -` reads it.
 */
export function readStdinText(maxBytes: number = DEFAULT_MAX_FILE_SIZE): string {
  return readText(0, Math.min(maxBytes + 1, 64 * 1024), maxBytes);
}

/**
 * A descriptor read to its end, synchronously, into a buffer of `first` bytes that doubles as it
 * fills: at most maxBytes + 1 bytes are read (more is EFBIG, and nothing past them is read), then
 * the text (utf8Text). A descriptor left non-blocking by whoever started us (standard input) is
 * waited for (EAGAIN), a millisecond at a time; a regular file never asks for that.
 */
function readText(fd: number, first: number, maxBytes: number): string {
  let buf = Buffer.allocUnsafe(first);
  let n = 0;
  for (;;) {
    if (n === buf.length) {
      if (buf.length > maxBytes) break;
      const bigger = Buffer.allocUnsafe(Math.min(maxBytes + 1, buf.length * 2));
      buf.copy(bigger, 0, 0, n);
      buf = bigger;
    }
    let r: number;
    try {
      r = readSync(fd, buf, n, buf.length - n, null);
    } catch (e) {
      const code = (e as NodeJS.ErrnoException)?.code;
      if (code === 'EAGAIN' && PAUSE) { Atomics.wait(PAUSE, 0, 0, 1); continue; }
      // (Windows ends a pipe with an error of this code)
      if (code === 'EOF') break;
      throw e;
    }
    if (r === 0) break;
    n += r;
  }
  if (n > maxBytes) throw new ReadError('EFBIG', 'too large');
  return utf8Text(buf.subarray(0, n));
}

/**
 * The reader of our output went away (`bdm-lab check ... | head`): end as POSIX tools do, killed
 * by SIGPIPE, quietly (the shell reports 141). Node ignores SIGPIPE; with a listener added and
 * removed again the signal's default action is back, and the process sends it to itself. Where
 * that does not end the process (no such signal), it exits with the same status.
 */
export function exitOnBrokenPipe(): never {
  try {
    const noop = () => {};
    process.on('SIGPIPE', noop);
    process.removeListener('SIGPIPE', noop);
    process.kill(process.pid, 'SIGPIPE');
  } catch {
    // no SIGPIPE here (Windows)
  }
  process.exit(128 + 13);
}

/** A write error on stdout or stderr: a closed pipe ends the process quietly, anything else with exit status 2. */
function onOutputError(e: NodeJS.ErrnoException): void {
  if (e?.code === 'EPIPE') exitOnBrokenPipe();
  process.exit(2);
}

/**
 * The process entry's listeners for the asynchronous write errors of stdout and stderr (an
 * unhandled one crashes with a stack trace), added when a stream is first made: the CLI writes
 * through the file descriptors (writeOutput), and only what else writes there (Node's own
 * warnings) makes the streams.
 */
export function guardProcessOutput(): void {
  for (const name of ['stdout', 'stderr'] as const) {
    const d = Object.getOwnPropertyDescriptor(process, name);
    if (!d?.get || !d.configurable) {
      process[name].on('error', onOutputError);
      continue;
    }
    const make = d.get;
    Object.defineProperty(process, name, {
      configurable: true,
      enumerable: d.enumerable,
      get() {
        const stream = make.call(process) as NodeJS.WriteStream;
        Object.defineProperty(process, name, { configurable: true, enumerable: d.enumerable, get: () => stream });
        stream.on('error', onOutputError);
        return stream;
      },
    });
  }
}

/** a wait of a millisecond, for a descriptor that cannot take more yet (EAGAIN) */
const PAUSE = typeof SharedArrayBuffer === 'function' ? new Int32Array(new SharedArrayBuffer(4)) : undefined;

/**
 * Writes all of `text` to file descriptor 1 or 2, synchronously: what process.stdout does for a
 * file or a pipe on Linux, without making the stream (a stream each, and their listeners, were
 * milliseconds of a check's start). A closed pipe ends the process quietly (exitOnBrokenPipe),
 * any other write error with exit status 2, as onOutputError does for the streams.
 */
export function writeOutput(fd: 1 | 2, text: string): void {
  const bytes = Buffer.from(text, 'utf8');
  let at = 0;
  while (at < bytes.length) {
    try {
      at += writeSync(fd, bytes, at);
    } catch (e) {
      const code = (e as NodeJS.ErrnoException)?.code;
      // a descriptor left non-blocking by whoever started us: wait for the reader
      if (code === 'EAGAIN' && PAUSE) { Atomics.wait(PAUSE, 0, 0, 1); continue; }
      onOutputError(e as NodeJS.ErrnoException);
    }
  }
}

/**
 * Up to this many characters judged in the process, V8's optimizing compiler stays off: a
 * one-shot check of a body up to a few MB is cheaper on the interpreter and the baseline
 * compiler than with TurboFan's compiles (which run on other threads: CPU time the process pays).
 * Measured on `check --format json` of the bench's bodies (CPU of the process, medians): 10 000
 * entries (2 MB) 650 -> 535 ms, 20 000 (4 MB) 820 -> 776 ms; from 30 000 (6 MB) on TurboFan
 * pays for itself. The default --max-file-size is 5 MiB.
 */
const INTERPRETED_UP_TO = 4 * 1024 * 1024;
let judgedChars = 0;

/**
 * The engine settings of a `bdm-lab` process, before it judges a text of `chars` characters.
 * The young generation stays at its initial size (a process that ends soon gains nothing from
 * a larger one, and each new page costs a fault); the optimizing compiler is off while the
 * texts judged so far are small (INTERPRETED_UP_TO), on again past that. Both are flags V8
 * reads as it goes (never one a running heap depends on, such as the collector's threads).
 */
export function tuneForInput(chars: number): void {
  if (judgedChars === 0) setFlagsFromString('--semi-space-growth-factor=1');
  const before = judgedChars;
  judgedChars += chars;
  if (before === 0 || before <= INTERPRETED_UP_TO) setFlagsFromString(judgedChars <= INTERPRETED_UP_TO ? '--no-turbofan' : '--turbofan');
}

/**
 * The engine settings of a `bdm-lab` process from its start (the entry calls it once, before the
 * first file is read): the young generation is collected on the main thread alone. A check
 * keeps nearly everything it allocates (the parsed body, its tree, the findings), so each of its
 * many small scavenges copies what it finds; helper threads add their start-up and
 * synchronisation to every one of them, CPU time the process pays and, on a busy machine, wait
 * time too. Measured on `check --format json` of the bench's 10 000-entry bodies (CPU of the
 * process, medians of interleaved runs): 467 -> 440 ms valid, 543 -> 523 ms invalid. A flag V8
 * reads at each scavenge (never one the heap is built with, such as --single-threaded-gc).
 */
export function tuneProcess(): void {
  setFlagsFromString('--no-parallel-scavenge');
}

/** The real process: stdout/stderr (their descriptors: writeOutput), readTextFile and readStdinText. */
export function nodeIo(): CliIo {
  return {
    stdout: (s) => writeOutput(1, s),
    stderr: (s) => writeOutput(2, s),
    readFile: (p, maxBytes) => readTextFile(p, maxBytes),
    readStdin: (maxBytes) => readStdinText(maxBytes),
    cwd: process.cwd(),
  };
}
