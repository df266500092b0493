// Build step: derive Nova's request schema for every microversion range from the 2.1 base
// files in schemas/nova/ (the same deep-copy-and-patch steps Nova's schemas module applies),
// compile each with ajv into standalone validation code, and write the editor-facing schemas
// (descriptions and completion values only) that package.json contributes via jsonValidation.
// The language server therefore never compiles a schema at start-up.
import Ajv2020 from 'ajv/dist/2020.js';
import standaloneCode from 'ajv/dist/standalone/index.js';
import { _ } from 'ajv/dist/compile/codegen/index.js';
import { readFileSync, writeFileSync, mkdirSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const formats = require('../server/src/rules/formats.cjs');
const read = (p) => JSON.parse(readFileSync(new URL('../' + p, import.meta.url), 'utf8'));
const clone = (o) => structuredClone(o);

const base = read('schemas/nova/server-create.json');
const attachBase = read('schemas/nova/volume-attachment.json');

const srv = (s) => s.properties.server.properties;
const tag = base.$defs.tag;
// Nova's description pattern: printable code points below U+FFFF by Unicode 14.0's categories
// (formats.cjs; rules/schema.ts quotes Nova's own spelling of it in the message)
const description = { type: ['string', 'null'], pattern: formats.descriptionPattern(), minLength: 0, maxLength: 255 };
const fqdn = { type: 'string', pattern: '^[a-zA-Z0-9-._]*$', minLength: 1, maxLength: 255 };
const hostname = { type: 'string', pattern: '^[a-zA-Z0-9]+[a-zA-Z0-9-]*[a-zA-Z0-9]+$', minLength: 2, maxLength: 63 };
const nameSp = { type: 'string', format: 'name_with_leading_trailing_spaces', minLength: 1, maxLength: 255 };

// --- server create, per Nova's decorator list on ServersController.create ---
const v20 = clone(base);
srv(v20).name = nameSp;
srv(v20).availability_zone = nameSp;
srv(v20).key_name = nameSp;
srv(v20).security_groups.items.properties.name = nameSp;
srv(v20).user_data = { type: ['string', 'null'], format: 'base64', maxLength: 65535 };
relaxAdditional(v20);

const v219 = clone(base);
srv(v219).description = description;
const v232 = clone(v219);
srv(v232).networks.items.properties.tag = tag;
v232.$defs.bdm_v2.properties.tag = tagDoc();
const v233 = clone(v219);
srv(v233).networks.items.properties.tag = tag;
const v237 = clone(v233);
v237.properties.server.required.push('networks');
srv(v237).networks = networksOneOf(false);
const v242 = clone(v237);
srv(v242).networks = networksOneOf(true);
v242.$defs.bdm_v2.properties.tag = tagDoc();
const v252 = clone(v242);
srv(v252).tags = { type: 'array', items: tag, maxItems: 50 };
const v257 = clone(v252);
delete srv(v257).personality;
const v263 = clone(v257);
srv(v263).trusted_image_certificates = { type: ['array', 'null'], minItems: 1, maxItems: 50, uniqueItems: true, items: { type: 'string', minLength: 1 } };
const v267 = clone(v263);
v267.$defs.bdm_v2.properties.volume_type = {
  ...base.$defs.volume_type,
  markdownDescription: 'Cinder volume type (name or id) for a volume Nova creates (microversion 2.67 or later). Not allowed with `source_type: volume` or `destination_type: local`.',
};
const v274 = clone(v267);
srv(v274).host = fqdn;
srv(v274).hypervisor_hostname = fqdn;
const v290 = clone(v274);
srv(v290).hostname = hostname;
const v294 = clone(v290);
srv(v294).hostname = fqdn;

const serverVariants = [
  ['create_v20', v20, 0, 0], ['create', base, 1, 18], ['create_v219', v219, 19, 31], ['create_v232', v232, 32, 32],
  ['create_v233', v233, 33, 36], ['create_v237', v237, 37, 41], ['create_v242', v242, 42, 51], ['create_v252', v252, 52, 56],
  ['create_v257', v257, 57, 62], ['create_v263', v263, 63, 66], ['create_v267', v267, 67, 73], ['create_v274', v274, 74, 89],
  ['create_v290', v290, 90, 93], ['create_v294', v294, 94, 9999],
];

// --- volume attachment ---
const att = (s) => s.properties.volumeAttachment.properties;
const a20 = clone(attachBase);
relaxAdditional(a20);
const a249 = clone(attachBase);
att(a249).tag = attachBase.$defs.tag;
const a279 = clone(a249);
att(a279).delete_on_termination = attachBase.$defs.delete_on_termination;
const attachVariants = [['attach_v20', a20, 0, 0], ['attach', attachBase, 1, 48], ['attach_v249', a249, 49, 78], ['attach_v279', a279, 79, 9999]];

function tagDoc() {
  return { ...tag, markdownDescription: `Device tag for the guest's metadata (microversion 2.32, or 2.42 and later). 1-60 characters, no \`,\` or \`/\`.` };
}
function networksOneOf(withTag) {
  const item = {
    type: 'object',
    properties: { fixed_ip: { $ref: '#/$defs/ip_address' }, port: { type: ['string', 'null'], format: 'uuid' }, uuid: { type: 'string', format: 'uuid' } },
    additionalProperties: false,
  };
  if (withTag) item.properties.tag = tag;
  return { oneOf: [{ type: 'array', items: item }, { type: 'string', enum: ['none', 'auto'] }] };
}
// The legacy /v2 endpoint strips unknown keys instead of refusing them; bdm-lab strips them
// in the model (and says so), so the compiled 2.0 schema simply allows them. Objects with
// patternProperties (metadata) still refuse unknown keys there, and rules/schema.ts (mapAdditional)
// turns those refusals into Nova's soft rule: none when no key of the object is known, else its words.
// Such an object is marked (`x-legacy-v2-deletes-unknown`, an annotation ajv ignores): the value an error's message
// prints has lost its unknown keys by then (rules/schema.ts legacyDeleted).
function relaxAdditional(node) {
  if (Array.isArray(node)) return node.forEach(relaxAdditional);
  if (!node || typeof node !== 'object') return;
  if (node.additionalProperties === false && !node.patternProperties) {
    node.additionalProperties = true;
    node['x-legacy-v2-deletes-unknown'] = true;
  }
  Object.values(node).forEach(relaxAdditional);
}
// Python's `$` also matches just before a final newline ("/dev/vdb\n" passes Nova's pattern, and
// a metadata key "k\n" its patternProperties key). rules/schema.ts patternRepr writes `$` back.
const pyDollar = (pattern) => pattern.replace(/(?<!\\)\$/g, '(?=\\n?$)');
// (a schema object shared by two properties, as host and hypervisor_hostname share fqdn, is rewritten once)
const dollared = new WeakSet();
function pythonDollar(node) {
  if (Array.isArray(node)) return node.forEach(pythonDollar);
  if (!node || typeof node !== 'object' || dollared.has(node)) return;
  dollared.add(node);
  if (typeof node.pattern === 'string') node.pattern = pyDollar(node.pattern);
  if (node.patternProperties && typeof node.patternProperties === 'object') {
    node.patternProperties = Object.fromEntries(Object.entries(node.patternProperties).map(([k, v]) => [pyDollar(k), v]));
  }
  Object.values(node).forEach(pythonDollar);
}

const ajv = new Ajv2020.default({
  allErrors: true,
  strict: false,
  // Python's json reads NaN and ±Infinity (parse/json.ts gives them their values), and jsonschema
  // never takes a non-finite float for an integer: nor does ajv with this (`strict: false` turns it off)
  strictNumbers: true,
  unicodeRegExp: true,
  code: { source: true, formats: _`require("../rules/formats.cjs")` },
  formats: {
    uuid: formats.uuid, name: formats.name, name_with_leading_trailing_spaces: formats.name_with_leading_trailing_spaces,
    base64: formats.base64, ipv4: formats.ipv4, ipv6: formats.ipv6,
  },
});
const exportsMap = {};
const variantTable = { server: [], attach: [] };
for (const [kind, list] of [['server', serverVariants], ['attach', attachVariants]]) {
  for (const [id, schema, lo, hi] of list) {
    const compiled = clone(schema);
    pythonDollar(compiled);
    compiled.$id = id;
    ajv.addSchema(compiled);
    exportsMap[id] = id;
    variantTable[kind].push({ id, lo, hi, schema: compiled });
  }
}
// The context file's own schema (draft-07 keywords, valid in 2020-12 too).
const contextSchema = clone(read('schemas/context.schema.json'));
delete contextSchema.$schema;
contextSchema.$id = 'context';
ajv.addSchema(contextSchema);
exportsMap.context = 'context';
// The lab-host schema (draft-07 keywords) is compiled by a default ajv, as the loader used to at run time.
const labAjv = new (await import('ajv')).default({ allErrors: true, strict: false, code: { source: true } });
const labSchema = clone(read('schemas/labhost.schema.json'));
delete labSchema.$schema;
labSchema.$id = 'labhost';
labAjv.addSchema(labSchema);
mkdirSync(new URL('../server/src/generated/', import.meta.url), { recursive: true });
/**
 * ajv's code for a $ref'd item schema (allErrors) gathers the item's errors with
 * `vErrors.concat(...)`, which copies every error found so far for each failing item: quadratic,
 * minutes for a body with some ten thousand bad entries. Appending in place finds the same errors.
 */
function linearErrors(code) {
  const re = /vErrors = vErrors === null \? (validate\w+)\.errors : vErrors\.concat\(\1\.errors\);/g;
  const out = code.replace(re, (_m, v) => `if (vErrors === null) vErrors = ${v}.errors; else for (const e of ${v}.errors) vErrors.push(e);`);
  if (/\.concat\(/.test(out.replace(/"(?:[^"\\]|\\.)*"/g, ''))) throw new Error('compile-schemas: ajv gathers errors with concat in a form linearErrors does not know');
  return out;
}
// Each validator that only some documents need lives in its own module, loaded on first use
// (require through a variable, so that esbuild leaves it out of the bundles): a start-up reads
// the one Nova variant the document's microversion asks for, not all nineteen. scripts/build.mjs
// bundles each into dist/lazy/ (self-contained: the VSIX carries no node_modules), the same
// path relative to the bundles as server/src/generated/lazy/ is to the modules here, so one
// relative require serves the sources (tests, tsx) and the bundles alike. The code of each is
// what ajv writes for that schema, compiled by the same ajv instance as before: same errors.
const lazyDir = new URL('../server/src/generated/lazy/', import.meta.url);
rmSync(new URL('../server/src/generated/variants.json', import.meta.url), { force: true }); // before the lazy modules
rmSync(lazyDir, { recursive: true, force: true });
mkdirSync(lazyDir, { recursive: true });
// memoized: the getters are read per schema error (a require per read resolved the file each time)
const LAZY_LOAD = 'const loaded = Object.create(null);\nfunction lazy(id) { const r = require; return (loaded[id] ??= r("./lazy/" + id + ".cjs")); }\n';
// minLength/maxLength count code points with formats.cjs's codePointLength (ajv's own counter gives
// the same numbers, a loop over every string's units); formats.cjs is required from the lazy folder
const UCS2 = 'require("ajv/dist/runtime/ucs2length").default';
function relocate(code) {
  const out = code.replaceAll(UCS2, 'require("../rules/formats.cjs").codePointLength');
  if (out.includes('ucs2length')) throw new Error('compile-schemas: ajv requires its string length counter in a form relocate does not know');
  return out.replaceAll('require("../rules/formats.cjs")', 'require("../../rules/formats.cjs")');
}
writeFileSync(new URL('labhost.cjs', lazyDir), linearErrors(standaloneCode.default(labAjv, { validate: 'labhost' })));
writeFileSync(new URL('../server/src/generated/labhost.cjs', import.meta.url),
  '"use strict";\n' + LAZY_LOAD + 'Object.defineProperty(exports, "labhost", { enumerable: true, get: () => lazy("labhost").validate });\n');
writeFileSync(new URL('../server/src/generated/labhost.d.cts', import.meta.url),
  'type V = ((data: unknown) => boolean) & { errors?: import("ajv").ErrorObject[] | null };\ndeclare const validators: { labhost: V };\nexport = validators;\n');
// The context file's validator (read when a context file or a context setting is) and each Nova
// variant, with its schema (hover, completion and jsonschema's walk order read it), are lazy
// modules: validators.cjs and variants.cjs keep their shapes, with getters that load on first use.
writeFileSync(new URL('context.cjs', lazyDir), relocate(linearErrors(standaloneCode.default(ajv, { validate: 'context' }))));
writeFileSync(new URL('../server/src/generated/validators.cjs', import.meta.url), '"use strict";\n' + LAZY_LOAD
  + 'Object.defineProperty(exports, "context", { enumerable: true, get: () => lazy("context").validate });\n'
  + Object.values(variantTable).flat().map(({ id }) => `Object.defineProperty(exports, ${JSON.stringify(id)}, { enumerable: true, get: () => lazy(${JSON.stringify(id)}).validate });\n`).join(''));
// The description's pattern (some 5 000 characters of ranges) would be written wherever the code
// names it (its RegExp, each error's params and message, the schemas): once, as a constant.
const DESCRIPTION_LITERAL = JSON.stringify(pyDollar(description.pattern));
function sharePattern(code) {
  if (!code.includes(DESCRIPTION_LITERAL)) return code;
  const head = '"use strict";';
  if (!code.startsWith(head)) throw new Error('compile-schemas: ajv\'s code no longer starts with "use strict"');
  return `${head}const DESCRIPTION_PATTERN = ${DESCRIPTION_LITERAL};${code.slice(head.length).replaceAll(DESCRIPTION_LITERAL, 'DESCRIPTION_PATTERN')}`;
}
for (const { id, schema } of Object.values(variantTable).flat()) {
  writeFileSync(new URL(`${id}.cjs`, lazyDir), sharePattern(relocate(linearErrors(standaloneCode.default(ajv, { validate: id }))) + `\nexports.schema = ${JSON.stringify(schema)};\n`));
}
const index = Object.fromEntries(Object.entries(variantTable).map(([kind, list]) => [kind, list.map(({ id, lo, hi }) => ({ id, lo, hi }))]));
writeFileSync(new URL('../server/src/generated/variants.cjs', import.meta.url), '"use strict";\n' + LAZY_LOAD
  + `const table = ${JSON.stringify(index)};\n`
  + 'for (const list of Object.values(table)) for (const v of list) Object.defineProperty(v, "schema", { enumerable: true, get: () => lazy(v.id).schema });\n'
  + 'module.exports = table;\n');
writeFileSync(new URL('../server/src/generated/variants.d.cts', import.meta.url),
  'type Variant = { id: string; lo: number; hi: number; schema: Record<string, unknown> };\ndeclare const variants: { server: Variant[]; attach: Variant[] };\nexport = variants;\n');

// --- editor-facing schemas: descriptions and values to complete, no constraints ---
// VS Code's JSON service would otherwise report the same problems as bdm-lab, at the wrong
// microversion. `enum` becomes `examples` (offered, not enforced).
function editorSchema(node) {
  if (Array.isArray(node)) return node.map(editorSchema);
  if (!node || typeof node !== 'object') return node;
  const out = {};
  for (const [k, v] of Object.entries(node)) {
    if (['pattern', 'minLength', 'maxLength', 'minimum', 'maximum', 'required', 'format', 'additionalProperties', 'minItems', 'maxItems', 'uniqueItems', 'type', '$comment'].includes(k)) continue;
    if (k === 'enum') { out.examples = v; continue; }
    // bdm-lab's own hover shows the documentation with the verdict; VS Code's would repeat it.
    if (k === 'markdownDescription') continue;
    if (k === 'oneOf' || k === 'anyOf') { out.anyOf = v.map(editorSchema); continue; }
    out[k] = editorSchema(v);
  }
  return out;
}
mkdirSync(new URL('../dist/schemas/', import.meta.url), { recursive: true });
// bdm-lab's own completion knows which values fit an entry (destination types per source,
// swap only on blank→local...): the contributed schema offers no entry keys or values of its own.
const edBase = clone(v294);
edBase.$defs.bdm_v2 = { type: 'object' };
edBase.$defs.legacy_bdm = { type: 'object' };
const ed = editorSchema(edBase);
ed.title = 'OpenStack Nova server create (bdm-lab)';
writeFileSync(new URL('../dist/schemas/server-create.json', import.meta.url), JSON.stringify(ed, null, 1));
const ea = editorSchema(a279);
ea.title = 'OpenStack Nova volume attachment (bdm-lab)';
writeFileSync(new URL('../dist/schemas/volume-attachment.json', import.meta.url), JSON.stringify(ea, null, 1));
writeFileSync(new URL('../server/src/generated/validators.d.cts', import.meta.url),
  'type V = ((data: unknown) => boolean) & { errors?: unknown[] | null };\ndeclare const validators: Record<string, V>;\nexport = validators;\n');
