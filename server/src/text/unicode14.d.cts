/** An inclusive range of code points, [first, last]. */
export type CodePointRange = [number, number];
export declare const UNICODE_VERSION: string;
export declare const PRINTABLE_RANGES: readonly CodePointRange[];
export declare const ZS_RANGES: readonly CodePointRange[];
export declare function union(a: readonly CodePointRange[], b: readonly CodePointRange[]): CodePointRange[];
export declare function clip(ranges: readonly CodePointRange[], lo: number, hi: number): CodePointRange[];
export declare function minus(ranges: readonly CodePointRange[], cps: Iterable<number>): CodePointRange[];
export declare function classText(ranges: readonly CodePointRange[]): string;
