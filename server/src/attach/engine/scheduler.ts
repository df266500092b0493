/**
 * The virtual clock. Every simulated service is a generator that yields commands ("sleep
 * this long", "take this lock"); the scheduler resumes the task whose wake-up time is
 * earliest, ties broken by the order the wake-ups were queued. Nothing reads the real
 * clock, so a 254-second attach runs in milliseconds and every run replays identically.
 * Several attaches on one host are several tasks, so the locks of attach-flow.md a.0
 * really serialise them.
 */

export type Cmd = { kind: 'sleep'; ms: number } | { kind: 'acquire'; lock: string };
export type Flow<T = void> = Generator<Cmd, T, void>;

interface Task {
  name: string;
  gen: Flow<unknown>;
  onDone: (value: unknown, error: unknown) => void;
}

interface Wakeup {
  at: number;
  seq: number;
  task: Task;
}

interface LockState {
  holder: Task | null;
  waiters: Task[];
}

export class Scheduler {
  now = 0;
  private seq = 0;
  private queue: Wakeup[] = [];
  private locks = new Map<string, LockState>();
  private current: Task | null = null;
  /** guards against a flow that never stops (a bug, not a scenario) */
  private budget = 1_000_000;

  /** Start a task at simulated time `at` (default: now). */
  spawn<T>(name: string, gen: Flow<T>, onDone: (value: T | undefined, error: unknown) => void = () => {}, at = this.now): void {
    const task: Task = { name, gen: gen as Flow<unknown>, onDone: onDone as Task['onDone'] };
    this.push(task, at);
  }

  private push(task: Task, at: number): void {
    this.queue.push({ at, seq: this.seq++, task });
  }

  private pop(): Wakeup | undefined {
    if (this.queue.length === 0) return undefined;
    let best = 0;
    for (let i = 1; i < this.queue.length; i++) {
      const a = this.queue[i]!;
      const b = this.queue[best]!;
      if (a.at < b.at || (a.at === b.at && a.seq < b.seq)) best = i;
    }
    return this.queue.splice(best, 1)[0];
  }

  /** Run every task to completion. */
  run(): void {
    for (;;) {
      const w = this.pop();
      if (!w) return;
      if (w.at > this.now) this.now = w.at;
      this.resume(w.task);
    }
  }

  private resume(task: Task): void {
    this.current = task;
    try {
      for (;;) {
        if (--this.budget < 0) throw new Error('attach simulation did not terminate');
        const r = task.gen.next();
        if (r.done) {
          task.onDone(r.value, undefined);
          return;
        }
        const cmd = r.value;
        if (cmd.kind === 'sleep') {
          this.push(task, this.now + Math.max(0, Math.round(cmd.ms)));
          return;
        }
        const lock = this.lockState(cmd.lock);
        if (lock.holder === null) {
          lock.holder = task;
          continue; // granted at once: keep running the same task
        }
        lock.waiters.push(task);
        return;
      }
    } catch (e) {
      task.onDone(undefined, e);
    } finally {
      this.current = null;
    }
  }

  private lockState(name: string): LockState {
    let s = this.locks.get(name);
    if (!s) {
      s = { holder: null, waiters: [] };
      this.locks.set(name, s);
    }
    return s;
  }

  /** Release a lock held by the running task; the first waiter gets it at the current time. */
  release(name: string): void {
    const s = this.lockState(name);
    const next = s.waiters.shift() ?? null;
    s.holder = next;
    if (next) this.push(next, this.now);
  }

  isLocked(name: string): boolean {
    return this.lockState(name).holder !== null;
  }
}

export function* sleep(ms: number): Flow {
  if (ms > 0) yield { kind: 'sleep', ms };
}

export function* acquire(lock: string): Flow {
  yield { kind: 'acquire', lock };
}
