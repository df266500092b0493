/**
 * Line and character of offsets for the CLI's reports: text/lineIndex.ts's LineIndex ('lsp' line
 * breaks: LF, CRLF, a lone CR), but it finds the line starts only as far into the text as the
 * offsets asked for go. A report capped at --max-problems reads the first part of a large file
 * only; the line starts found stay for the next offset, so a whole report is one pass at most.
 */
export class ReportLines {
  /** the line starts found so far: every start at or before `scanned` */
  private readonly starts: number[] = [0];
  private scanned = 0;
  private readonly hasCr: boolean;

  constructor(private readonly text: string) {
    this.hasCr = text.indexOf('\r') >= 0;
  }

  /** LineIndex.position: zero-based line and character (UTF-16 code units); no clamping. */
  position(offset: number): { line: number; character: number } {
    if (offset >= this.scanned && this.scanned < this.text.length) this.scanPast(offset);
    const starts = this.starts;
    let lo = 0;
    let hi = starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (starts[mid]! <= offset) lo = mid;
      else hi = mid - 1;
    }
    return { line: lo, character: offset - starts[lo]! };
  }

  /** Finds line starts until one lies past `offset` (or the text ends). */
  private scanPast(offset: number): void {
    const { text, starts } = this;
    if (!this.hasCr) {
      // without a CR the LF positions are all there is; indexOf finds them far faster than a loop
      for (let i = text.indexOf('\n', this.scanned); i >= 0; i = text.indexOf('\n', i + 1)) {
        starts.push(i + 1);
        if (i + 1 > offset) { this.scanned = i + 1; return; }
      }
      this.scanned = text.length;
      return;
    }
    for (let i = this.scanned; i < text.length; i++) {
      const c = text.charCodeAt(i);
      if (c === 10 || (c === 13 && text.charCodeAt(i + 1) !== 10)) {
        starts.push(i + 1);
        if (i + 1 > offset) { this.scanned = i + 1; return; }
      }
    }
    this.scanned = text.length;
  }
}
