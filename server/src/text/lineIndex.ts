/**
 * The one line index of the project: offsets <-> zero-based line/character (UTF-16 code units,
 * as LSP and TextDocument count them). Pure; every layer may import it.
 *
 * Line breaks: `'lsp'` (the default) counts LF, CRLF and a lone CR, as the editor does, so the
 * CLI's line:column match what VS Code shows. `'lf'` counts only LF: for mapping back the line
 * numbers of tools that count that way (fast-xml-parser's validator, xmllint); a CR is then
 * ordinary content of its line.
 *
 * `position` does not clamp: an offset past the end yields a character past the last line's
 * end (the CLI has always printed it so); a negative offset counts as line 0.
 */
export type LineBreaks = 'lsp' | 'lf';

export class LineIndex {
  /** Offset of the first character of each line found so far; starts[0] = 0. */
  private readonly starts: number[] = [0];
  /** where the search for the next line break goes on */
  private from = 0;
  /** every line start is found */
  private done = false;
  /** 'lsp' breaks in a text with a CR: every character is looked at; else LF alone is searched for */
  private readonly crs: boolean;

  /**
   * Line starts are found only as far into the text as a question needs (a report capped at a
   * number of problems reads the start of a large file only); those found stay for the next.
   */
  constructor(private readonly text: string, private readonly breaks: LineBreaks = 'lsp') {
    this.crs = breaks === 'lsp' && text.indexOf('\r') >= 0;
  }

  get lineCount(): number {
    while (this.more());
    return this.starts.length;
  }

  position(offset: number): { line: number; character: number } {
    const starts = this.starts;
    // every start up to the offset must be known: go on until one lies at or past it
    while (starts[starts.length - 1]! < offset && this.more());
    let lo = 0;
    let hi = starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (starts[mid]! <= offset) lo = mid;
      else hi = mid - 1;
    }
    return { line: lo, character: offset - starts[lo]! };
  }

  /** Offset where zero-based `line` starts; undefined outside the text's lines. */
  lineStart(line: number): number | undefined {
    if (line < 0) return undefined;
    this.reach(line);
    return this.starts[line];
  }

  /**
   * Offset just past the content of zero-based `line`: where its line break starts (LF, CRLF or
   * CR in 'lsp' mode; LF alone in 'lf' mode, a CR before it being content), or the text's end on
   * the last line; undefined outside the text's lines.
   */
  lineEnd(line: number): number | undefined {
    if (line < 0) return undefined;
    this.reach(line + 1);
    if (line >= this.starts.length) return undefined;
    const next = this.starts[line + 1];
    if (next === undefined) return this.text.length;
    const crlf = this.breaks === 'lsp' && next >= 2 && this.text.charCodeAt(next - 1) === 10 && this.text.charCodeAt(next - 2) === 13;
    return crlf ? next - 2 : next - 1;
  }

  /** Offset of zero-based (line, character), clamped to the text: a line past the end gives the end. */
  offsetAt(line: number, character: number): number {
    this.reach(line);
    if (line >= this.starts.length) return this.text.length;
    const start = this.starts[Math.max(0, line)]!;
    return Math.min(start + Math.max(0, character), this.text.length);
  }

  /** Finds line starts until zero-based `line`'s is known (or the text ends). */
  private reach(line: number): void {
    while (this.starts.length <= line && this.more());
  }

  /** Finds the next line start; false when the text has no more. */
  private more(): boolean {
    if (this.done) return false;
    const text = this.text;
    if (!this.crs) {
      // without a CR the LF positions are all there is: indexOf finds them far faster than a loop
      const i = text.indexOf('\n', this.from);
      if (i >= 0) {
        this.starts.push((this.from = i + 1));
        return true;
      }
    } else {
      for (let i = this.from; i < text.length; i++) {
        const c = text.charCodeAt(i);
        if (c === 10 || (c === 13 && text.charCodeAt(i + 1) !== 10)) {
          this.starts.push((this.from = i + 1));
          return true;
        }
      }
    }
    this.done = true;
    return false;
  }
}
