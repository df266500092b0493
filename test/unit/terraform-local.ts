/** What the Terraform tests share: the value bdm-lab's evaluation gives an expression as a local. */
import { evaluate, refusal, Scope } from '../../server/src/source/terraform/eval';
import { parseHcl, attrs, blocks } from '../../server/src/source/terraform/hcl';

/** the value Terraform gives `expr` (a local, after the configuration `pre`), or its first diagnostic, or `unknown` */
export function tf(expr: string, pre = ''): unknown {
  const text = `${pre}\nlocals {\n  x = ${expr}\n}\n`;
  const parsed = parseHcl(text);
  if (parsed.error) return `parse: ${parsed.error.message}`;
  const scope = new Scope(parsed.body);
  scope.text = text;
  const local = attrs(blocks(parsed.body, 'locals').at(-1)!.body).get('x')!;
  const r = evaluate(local.expr, scope);
  const d = refusal(r);
  if (d) return d.message;
  return r.kind === 'known' ? r.value : 'unknown';
}
