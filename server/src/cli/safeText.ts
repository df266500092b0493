/**
 * The one escaping every text writer of the CLI uses (stdout and stderr), so no value read from
 * a file can drive the terminal: no escape sequences (title, screen clear, hyperlinks), no bidi
 * overrides that reorder what is shown (Trojan Source), no forged line breaks.
 *
 * Form: `\u{HEX}` with the code point in lowercase hex, e.g. ESC -> `\u{1b}`, U+202E -> `\u{202e}`,
 * a lone surrogate -> `\u{d800}`. A backslash that a value has right before `u{` is written
 * `\u{5c}`, so every `\u{…}` in text output is an escape and nothing else is (Windows paths and
 * Python's `\x1b` reprs in Nova's messages stay as they are). JSON and SARIF output keep their
 * values (a contract): toJsonText only writes the characters JSON.stringify leaves raw as
 * `\uXXXX` escapes, which a JSON parser reads back as the same strings.
 *
 * Escaped: C0 (U+0000–U+001F, including TAB, CR and LF), DEL and C1 (U+007F–U+009F), the bidi
 * embeddings/overrides U+202A–U+202E and isolates U+2066–U+2069, the line/paragraph separators
 * U+2028/U+2029, and lone surrogates.
 */

// no `u` flag: surrogates are matched as UTF-16 code units
const VALUE = /[\u0000-\u001f\u007f-\u009f\u2028-\u202e\u2066-\u2069]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]|\\(?=u\{)/g;
const OUTPUT = /[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u2028-\u202e\u2066-\u2069]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;
const DANGER = /[\u0000-\u001f\u007f-\u009f\u2028-\u202e\u2066-\u2069\ud800-\udfff\\]/;
const DANGER_OUTPUT = /[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u2028-\u202e\u2066-\u2069\ud800-\udfff]/;

const esc = (c: string) => `\\u{${c.charCodeAt(0).toString(16)}}`;

/** A value (file name, file content, message argument) for one line of text output: newlines escaped too. */
export function escapeValue(s: string): string {
  return DANGER.test(s) ? s.replace(VALUE, esc) : s;
}

/** Text that already has its own line breaks (a report, an XML document): each line escaped as a value. */
export function escapeLines(s: string): string {
  return s.includes('\n') ? s.split('\n').map(escapeValue).join('\n') : escapeValue(s);
}

/**
 * The safety net at the sink (stderr, and stdout in text formats): whatever a writer forgot,
 * only LF passes raw. Backslashes are left alone so already escaped text is not escaped twice.
 */
export function escapeOutput(s: string): string {
  return DANGER_OUTPUT.test(s) ? s.replace(OUTPUT, esc) : s;
}

/** Whether `s` holds something escapeValue would change (tests, and the XML writer's note). */
export function hasUnsafeChars(s: string): boolean {
  return escapeValue(s) !== s;
}

// Valid raw in JSON strings, but acted on by terminals; JSON.stringify already escapes C0 and lone surrogates.
const JSON_RAW = /[\u007f-\u009f\u2028-\u202e\u2066-\u2069]/g;
// the same class without the g flag: a test first (a global replace that finds nothing still
// costs many times a test over a report of megabytes)
const JSON_RAW_ANY = /[\u007f-\u009f\u2028-\u202e\u2066-\u2069]/;

/**
 * JSON.stringify with DEL, C1, bidi controls and U+2028/U+2029 written as `\uXXXX` escapes:
 * the same JSON values (a parser reads back identical strings), nothing raw for a terminal.
 */
export function toJsonText(v: unknown): string {
  return escapeJsonRaw(JSON.stringify(v, null, 2)) + '\n';
}

/** JSON text (a whole document or any piece of one) with what toJsonText escapes escaped. */
export function escapeJsonRaw(text: string): string {
  return JSON_RAW_ANY.test(text) ? text.replace(JSON_RAW, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`) : text;
}
