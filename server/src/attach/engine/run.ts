/**
 * One run's timeline: the ordered steps it reports and the helpers flows use to write them.
 * A step is recorded when it starts (virtual time) with the time it takes; `step` then
 * advances the task's clock by that much, `note` records a zero-length event.
 */
import { sleep, type Flow } from './scheduler';
import { sec } from './timings';
import type { Step } from '../types';
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

  note(actor: string, text: string, durationMs = 0): Step {
    const s: Step = { actor, at: sec(this.now), durationS: sec(durationMs), text };
    this.steps.push(s);
    return s;
  }

  /** Set a step's duration once its end is known (calls whose latency depends on the answer). */
  close(s: Step, startMs: number): void {
    s.durationS = sec(this.now - startMs);
  }

  /** Record a step and spend its duration. */
  *step(actor: string, text: string, durationMs = 0): Flow {
    this.note(actor, text, durationMs);
    yield* sleep(durationMs);
  }

  secret(value: string | null | undefined): void {
    if (value) this.secrets.add(value);
  }
}
