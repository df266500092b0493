/**
 * An order key ([stage, …] of rules/order.ts) that differs from its neighbours' only in the
 * entry's index: a body's thousands of findings about one field of each entry, or one note on
 * each, share one base key and put their entry at its slot. analyze.ts compares two such keys
 * item by item (orderKeyAt) without making them; `order` makes the whole key when read.
 */
export interface Slotted {
  readonly entry: number | null;
  /** the key, but for its item at orderSlot (shared: never written to) */
  readonly orderBase: readonly number[];
  /** where in the key the entry's index stands */
  readonly orderSlot: number;
}

/** Whether a finding's order key is slotted (it has an orderSlot). */
export function isSlotted(f: object): f is Slotted {
  return (f as Partial<Slotted>).orderSlot !== undefined;
}

/** The whole key of a slotted finding, made. */
export function slottedKey(f: Slotted): number[] {
  const key = f.orderBase.slice();
  key[f.orderSlot] = f.entry as number;
  return key;
}

/** A slotted finding's base class (a class with a base of its own implements Slotted instead). */
export abstract class SlottedOrder implements Slotted {
  abstract readonly entry: number | null;
  abstract readonly orderBase: readonly number[];
  abstract readonly orderSlot: number;
  get order(): number[] {
    return slottedKey(this);
  }
}

/** Item `i` of a finding's order key (i below its length). */
export function orderKeyAt(f: { readonly order: readonly number[] }, i: number): number | undefined {
  if (isSlotted(f)) return i === f.orderSlot ? (f.entry as number) : f.orderBase[i];
  return f.order[i];
}

/** How many items a finding's order key has. */
export function orderKeyLength(f: { readonly order: readonly number[] }): number {
  return isSlotted(f) ? f.orderBase.length : f.order.length;
}
