/**
 * What the sources whose tool builds the body (the openstack CLI, Heat, Terraform, Ansible) share:
 * the body they send is read back through the JSON source (values, keys, a number's spelling,
 * Python's repr), and its entries are placed on the source's own text by its `locate`. A source
 * sets `inner` from its body (or leaves it null when its tool sends none) and adds its places.
 */
import { parseJson } from '../parse/json';
import type { BodyPath, EntryModel, OmitKey, SourceDoc } from './doc';
import { JsonDoc } from './json/doc';
import { placedEntries } from './placedEntry';

type Lists = ConstructorParameters<typeof JsonDoc>[0]['lists'];

export abstract class BuiltBodyDoc {
  /** the body as JSON text, read through the JSON source; null when the tool sends nothing */
  protected inner: JsonDoc | null = null;
  private ents: { v2: EntryModel[]; v1: EntryModel[] } | undefined;

  /** reads `body` (what the tool sends) through the JSON source, its block device lists named */
  protected readBody(body: unknown, kind: 'server' | 'attach', lists: Lists): void {
    const text = JSON.stringify(body);
    this.inner = new JsonDoc({ kind, api: kind, text, root: parseJson(text).root!, lists });
  }

  valueAt(path: BodyPath): unknown { return this.inner?.valueAt(path); }
  keysAt(path: BodyPath): string[] { return this.inner?.keysAt(path) ?? []; }
  numberText(path: BodyPath): string | undefined { return this.inner?.numberText(path); }
  pyRepr(path: BodyPath, omit?: OmitKey): string { return this.inner ? this.inner.pyRepr(path, omit) : 'None'; }
  pyStr(path: BodyPath, omit?: OmitKey): string { return this.inner ? this.inner.pyStr(path, omit) : 'None'; }

  entries(): { v2: EntryModel[]; v1: EntryModel[] } {
    return (this.ents ??= placedEntries(this.inner, this as unknown as SourceDoc));
  }
}
