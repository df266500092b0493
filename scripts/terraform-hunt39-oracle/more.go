// terraform-hunt39-oracle: terraform-hunt38-oracle with the names a resource's block_device sees in an
// operator's configuration: count.index (1, as in a resource with count = 3) and the locals of
// locals.tf (each evaluated as Terraform evaluates a local: with the function table, no other names);
// and, before an expression is evaluated, the reference check Terraform makes first (h39Value).
package main

import (
	"os"

	"github.com/hashicorp/hcl/v2"
	"github.com/hashicorp/hcl/v2/hclsyntax"
	"github.com/zclconf/go-cty/cty"
)

// h39Head: the file the expression is read from, before it (the attribute x of a locals block, on line 2)
const h39Head = "locals {\n  x = "

// h39Parse: the expression as Terraform reads it, an attribute's value in a file (x.tf: the locals
// block above, the expression, a newline, the closing brace): the file's diagnostics (the scanner's
// first, then the parser's) or the attribute's expression. Its places are the file's (line 2 from
// column 7); subjects() gives byte offsets from the expression's start (h39Off).
func h39Parse(e string) (hclsyntax.Expression, hcl.Diagnostics) {
	f, d := hclsyntax.ParseConfig([]byte(h39Head+e+"\n}\n"), "x.tf", hcl.Pos{Line: 1, Column: 1})
	if d.HasErrors() {
		return nil, d
	}
	body := f.Body.(*hclsyntax.Body)
	if len(body.Blocks) != 1 || len(body.Attributes) != 0 || body.Blocks[0].Body.Attributes["x"] == nil || len(body.Blocks[0].Body.Attributes) != 1 || len(body.Blocks[0].Body.Blocks) != 0 {
		return nil, hcl.Diagnostics{{Severity: hcl.DiagError, Summary: "Harness", Detail: "the expression is not one attribute's value"}}
	}
	return body.Blocks[0].Body.Attributes["x"].Expr, nil
}

// h39Off: a subject's offset from the expression's start (one past the file's end stays past it)
const h39Off = len(h39Head)

// the roots internal/addrs parseRef reads as its own (at 883c7221); any other is a managed resource type
var h39Roots = map[string]bool{"count": true, "each": true, "data": true, "resource": true, "ephemeral": true, "local": true, "module": true,
	"path": true, "self": true, "terraform": true, "var": true, "template": true, "lazy": true, "arg": true, "action": true}

// h39Value: lang.Scope EvalExpr's order: the expression's traversals (hcl's Variables(), in its walk
// order, a for expression's own names left out) read as references first, evaluation only when none
// is refused. Only parseResourceRef's first two refusals are modelled (a resource type not followed
// by an attribute): what Terraform says of a declared or undeclared address needs the configuration.
func h39Value(e hclsyntax.Expression, ctx *hcl.EvalContext) (cty.Value, hcl.Diagnostics) {
	var diags hcl.Diagnostics
	const detail = "A reference to a resource type must be followed by at least one attribute access, specifying the resource name."
	for _, t := range e.Variables() {
		root := t.RootName()
		if h39Roots[root] {
			continue
		}
		switch {
		case len(t) == 1 && (root == "string" || root == "number" || root == "bool" || root == "any"):
		case len(t) < 2:
			diags = append(diags, &hcl.Diagnostic{Severity: hcl.DiagError, Summary: "Invalid reference", Detail: detail, Subject: t.SourceRange().Ptr()})
		default:
			if _, ok := t[1].(hcl.TraverseAttr); !ok {
				diags = append(diags, &hcl.Diagnostic{Severity: hcl.DiagError, Summary: "Invalid reference", Detail: detail, Subject: t[1].SourceRange().Ptr()})
			}
		}
	}
	if diags.HasErrors() {
		return cty.DynamicVal, diags
	}
	return e.Value(ctx)
}

func h39Count() cty.Value {
	return cty.ObjectVal(map[string]cty.Value{"index": cty.NumberIntVal(1)})
}

func h39Locals() cty.Value {
	src, err := os.ReadFile(os.Getenv("H39_LOCALS"))
	if err != nil {
		panic(err)
	}
	f, d := hclsyntax.ParseConfig(src, "locals.tf", hcl.Pos{Line: 1, Column: 1})
	if d.HasErrors() {
		panic(d.Error())
	}
	as, d := f.Body.JustAttributes()
	if d.HasErrors() {
		panic(d.Error())
	}
	ctx := &hcl.EvalContext{Functions: table()}
	m := map[string]cty.Value{}
	for n, a := range as {
		v, d := a.Expr.Value(ctx)
		if d.HasErrors() {
			panic(d.Error())
		}
		m[n] = v
	}
	return cty.ObjectVal(m)
}
