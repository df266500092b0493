// Types of scripts/libvirt-domain-catalog.mjs, for the tests that import it.
export type Code = number;
export type Row = [string, (Record<string, Code> | 0)?, (Record<string, number> | 0)?, (Code | null)?, number?];
export interface DomainTable {
  about: string;
  libvirt: string | null;
  schemas: { files: string[]; sha256: string };
  namespaces: Record<string, string>;
  roots: Record<string, number>;
  values: string[][];
  elements: Row[];
}
export const DEFAULT_SCHEMAS: string;
export const TABLE_FILE: string;
export const TABLE_CHUNK: string;
export const TABLE_ENTRY: { contents: string; resolveDir: string; sourcefile: string; loader: 'js' };
export function libvirtRelease(dir: string): string | null;
export function deriveDomainCatalog(dir?: string, release?: string | null): DomainTable;
export function formatTable(t: DomainTable): string;
export function lazyDomainSchema(lazyDir?: string): { name: string; setup(build: unknown): void };
