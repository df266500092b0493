/**
 * What the seeded libvirt domain generators share (scripts/libvirt-hunt31-gen.ts, libvirt-hunt33-gen.ts,
 * libvirt-hunt34-gen.ts, libvirt-tuning-gen.ts): the chooser that picks parts and spends a
 * document's budget of mistakes. Each draw reads the generator's PRNG exactly as it did when each
 * file had its own copy, so a seed still gives the same documents.
 */
export type Rand = () => number;

export class Chooser {
  /** `budget`: how many doubtful choices the document may still make; `oddChance`: odd()'s default chance of one */
  constructor(private readonly r: Rand, private budget: number, private readonly oddChance = 0.2) {}
  pick<T>(a: readonly T[]): T {
    return a[Math.floor(this.r() * a.length)]!;
  }
  maybe(p: number): boolean {
    return this.r() < p;
  }
  /** A doubtful choice, spending the budget (p the chance when some is left). */
  bad(p = this.oddChance): boolean {
    if (this.budget > 0 && this.r() < p) {
      this.budget--;
      return true;
    }
    return false;
  }
  /** one of `good`, or (a doubtful choice, when `bad` has any) one of `bad` */
  odd<T>(good: readonly T[], bad: readonly T[], p = this.oddChance): T {
    if (bad.length && this.bad(p)) return this.pick(bad);
    return this.pick(good);
  }
}
