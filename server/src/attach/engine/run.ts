/**
 * One run's timeline: the ordered steps it reports and the helpers flows use to write them.
 * A step is recorded when it starts (virtual time) with the time it takes; `step` then
 * advances the task's clock by that much, `note` records a zero-length event.
 */
import { sleep, type Flow } from './scheduler';
import { sec } from './timings';
import type { Step, StepStatus } from '../types';
import type { World } from './world';

/** An error as Nova or the client would see it: an HTTP status (when there is one) and a message. */
export class SimError extends Error {
  constructor(
    message: string,
    readonly httpStatus: number | null = null,
    /** exception class name, for the log lines */
    readonly kind: string = 'Exception',
  ) {
    super(message);
  }
}

export class Run {
  readonly steps: Step[] = [];
  /** values to redact from every output unless secrets are shown */
  readonly secrets = new Set<string>();

  constructor(
    readonly world: World,
    readonly label: string,
  ) {}

  get now(): number {
    return this.world.sched.now;
  }

  /** Record a step (a zero-length event unless a duration is given); `info` unless told otherwise. */
  note(actor: string, text: string, durationMs = 0, status: StepStatus = 'info'): Step {
    const s: Step = { actor, at: sec(this.now), durationS: sec(durationMs), text, status };
    this.steps.push(s);
    return s;
  }

  /** A degraded but survivable outcome (the service logs a WARNING, a path is lost). */
  warn(actor: string, text: string): Step {
    return this.note(actor, text, 0, 'warn');
  }

  /** A failure at this point (the service logs an ERROR, answers with an HTTP error, a login fails). */
  error(actor: string, text: string): Step {
    return this.note(actor, text, 0, 'error');
  }

  /** Something the flow does not do here (nothing to do, or not run). */
  skip(actor: string, text: string): Step {
    return this.note(actor, text, 0, 'skipped');
  }

  /** Set a step's duration once its end is known (calls whose latency depends on the answer). */
  close(s: Step, startMs: number): void {
    s.durationS = sec(this.now - startMs);
  }

  /** Mark a recorded step once its outcome is known (a request whose answer is an error). */
  mark(s: Step, status: StepStatus): void {
    s.status = status;
  }

  /** Record a step and spend its duration; `ok` unless told otherwise. */
  *step(actor: string, text: string, durationMs = 0, status: StepStatus = 'ok'): Flow {
    this.note(actor, text, durationMs, status);
    yield* sleep(durationMs);
  }

  secret(value: string | null | undefined): void {
    if (value) this.secrets.add(value);
  }
}
