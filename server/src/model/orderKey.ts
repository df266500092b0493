/**
 * An order key ([stage, …] of rules/order.ts) that differs from its neighbours' only in the
 * entry's index: a body's thousands of findings about one field of each entry, or one note on
 * each, share one base key and put their entry at its slot. analyze.ts compares two such keys
 * item by item (orderKeyAt) without making them; `order` makes the whole key when read.
 */
export abstract class SlottedOrder {
  abstract readonly entry: number | null;
  /** the key, but for its item at orderSlot (shared: never written to) */
  abstract readonly orderBase: readonly number[];
  /** where in the key the entry's index stands */
  abstract readonly orderSlot: number;
  get order(): number[] {
    const key = this.orderBase.slice();
    key[this.orderSlot] = this.entry as number;
    return key;
  }
}

/** Item `i` of a finding's order key (i below its length). */
export function orderKeyAt(f: { readonly order: readonly number[] }, i: number): number | undefined {
  if (f instanceof SlottedOrder) return i === f.orderSlot ? (f.entry as number) : f.orderBase[i];
  return f.order[i];
}

/** How many items a finding's order key has. */
export function orderKeyLength(f: { readonly order: readonly number[] }): number {
  return f instanceof SlottedOrder ? f.orderBase.length : f.order.length;
}
