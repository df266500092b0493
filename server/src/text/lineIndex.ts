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
  /** Offset of the first character of each line; starts[0] = 0. */
  private readonly starts: number[] = [0];

  constructor(private readonly text: string, private readonly breaks: LineBreaks = 'lsp') {
    const starts = this.starts;
    // indexOf finds the breaks far faster than a loop over every character (a CLI report of a
    // large body builds one index per file); without a CR the LF positions are all there is.
    if (breaks === 'lf' || text.indexOf('\r') < 0) {
      for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) starts.push(i + 1);
      return;
    }
    for (let i = 0; i < text.length; i++) {
      const c = text.charCodeAt(i);
      if (c === 10) starts.push(i + 1);
      else if (c === 13 && text.charCodeAt(i + 1) !== 10) starts.push(i + 1);
    }
  }

  get lineCount(): number {
    return this.starts.length;
  }

  position(offset: number): { line: number; character: number } {
    let lo = 0;
    let hi = this.starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (this.starts[mid]! <= offset) lo = mid;
      else hi = mid - 1;
    }
    return { line: lo, character: offset - this.starts[lo]! };
  }

  /** Offset where zero-based `line` starts; undefined outside the text's lines. */
  lineStart(line: number): number | undefined {
    return line < 0 ? undefined : this.starts[line];
  }

  /**
   * Offset just past the content of zero-based `line`: where its line break starts (LF, CRLF or
   * CR in 'lsp' mode; LF alone in 'lf' mode, a CR before it being content), or the text's end on
   * the last line; undefined outside the text's lines.
   */
  lineEnd(line: number): number | undefined {
    if (line < 0 || line >= this.starts.length) return undefined;
    const next = this.starts[line + 1];
    if (next === undefined) return this.text.length;
    const crlf = this.breaks === 'lsp' && next >= 2 && this.text.charCodeAt(next - 1) === 10 && this.text.charCodeAt(next - 2) === 13;
    return crlf ? next - 2 : next - 1;
  }

  /** Offset of zero-based (line, character), clamped to the text: a line past the end gives the end. */
  offsetAt(line: number, character: number): number {
    if (line >= this.starts.length) return this.text.length;
    const start = this.starts[Math.max(0, line)]!;
    return Math.min(start + Math.max(0, character), this.text.length);
  }
}
