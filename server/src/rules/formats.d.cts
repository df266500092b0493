export declare function uuid(s: unknown): boolean;
export declare function name(s: unknown): boolean;
export declare function name_with_leading_trailing_spaces(s: unknown): boolean;
export declare function base64(s: unknown): boolean;
export declare function base64Raises(s: unknown): boolean;
export declare function ipv4(s: unknown): boolean;
export declare function ipv6(s: unknown): boolean;
export declare function codePointLength(s: string): number;
/** parameter_types.description's pattern as bdm-lab compiles it (RegExp source, `u` flag) */
export declare function descriptionPattern(): string;
/** the same pattern as Nova's schema spells it (Python), as jsonschema quotes it */
export declare function descriptionPatternPython(): string;
