/** A place in the document text, in UTF-16 code units (what editors and jsonc-parser count). */
export interface Span {
  offset: number;
  length: number;
}

export function spanOf(node: { offset: number; length: number }): Span {
  return { offset: node.offset, length: node.length };
}
