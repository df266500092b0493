/**
 * Runs a parser that makes an Error object for every problem it finds (the yaml package makes one
 * per item of a broken flow sequence: a template of 11 000 lone `-` made 11 000, and capturing each
 * one's stack was 60 % of reading it) with no stack captured: nothing reads those stacks, only
 * the errors' messages and places.
 */
export function withoutStacks<T>(run: () => T): T {
  const E = Error as { stackTraceLimit?: number };
  const before = E.stackTraceLimit;
  E.stackTraceLimit = 0;
  try {
    return run();
  } finally {
    E.stackTraceLimit = before;
  }
}
