// Command terraform-cty-oracle evaluates HCL native-syntax expressions with hashicorp/hcl's
// hclsyntax and zclconf/go-cty (the stdlib functions Terraform also uses), one expression per
// input line, and prints one JSON line each: the value (cty JSON), its type, a number's
// Text('f', -1), or the diagnostics as "Summary: Detail". A developer's cross-check for
// server/src/source/terraform (see run.sh); not part of the product.
package main

import (
	"bufio"
	"encoding/json"
	"fmt"
	"os"
	"regexp"

	"github.com/hashicorp/hcl/v2"
	"github.com/hashicorp/hcl/v2/hclsyntax"
	"github.com/zclconf/go-cty/cty"
	"github.com/zclconf/go-cty/cty/function"
	"github.com/zclconf/go-cty/cty/function/stdlib"
	ctyjson "github.com/zclconf/go-cty/cty/json"
)

type out struct {
	Expr  string          `json:"expr"`
	Type  string          `json:"type,omitempty"`
	Value json.RawMessage `json:"value,omitempty"`
	Text  string          `json:"text,omitempty"`
	Diags []string        `json:"diags,omitempty"`
	Panic string          `json:"panic,omitempty"`
}

// regexCompile: what Go's regexp says of a pattern (Terraform's replace() and regex() use it)
var regexCompile = function.New(&function.Spec{
	Params: []function.Parameter{{Name: "p", Type: cty.String}},
	Type:   function.StaticReturnType(cty.String),
	Impl: func(args []cty.Value, _ cty.Type) (cty.Value, error) {
		_, err := regexp.Compile(args[0].AsString())
		if err != nil {
			return cty.StringVal(err.Error()), nil
		}
		return cty.StringVal("ok"), nil
	},
})

func main() {
	ctx := &hcl.EvalContext{Functions: map[string]function.Function{
		"format": stdlib.FormatFunc, "formatlist": stdlib.FormatListFunc, "distinct": stdlib.DistinctFunc,
		"tolist": stdlib.MakeToFunc(cty.List(cty.DynamicPseudoType)), "toset": stdlib.MakeToFunc(cty.Set(cty.DynamicPseudoType)),
		"tomap": stdlib.MakeToFunc(cty.Map(cty.DynamicPseudoType)), "tostring": stdlib.MakeToFunc(cty.String),
		"tonumber": stdlib.MakeToFunc(cty.Number), "regex": stdlib.RegexFunc, "regexall": stdlib.RegexAllFunc,
		"length": stdlib.LengthFunc, "max": stdlib.MaxFunc, "min": stdlib.MinFunc, "floor": stdlib.FloorFunc,
		"ceil": stdlib.CeilFunc, "abs": stdlib.AbsoluteFunc, "regexcompile": regexCompile, "jsonencode": stdlib.JSONEncodeFunc,
	}}
	sc := bufio.NewScanner(os.Stdin)
	sc.Buffer(make([]byte, 1<<20), 1<<20)
	enc := json.NewEncoder(os.Stdout)
	for sc.Scan() {
		line := sc.Text()
		o := out{Expr: line}
		func() {
			defer func() {
				if r := recover(); r != nil {
					o.Panic = fmt.Sprint(r)
				}
			}()
			expr, diags := hclsyntax.ParseExpression([]byte(line), "x.tf", hcl.Pos{Line: 1, Column: 1})
			if !diags.HasErrors() {
				var v cty.Value
				v, diags = expr.Value(ctx)
				if !diags.HasErrors() {
					o.Type = v.Type().FriendlyName()
					if v.IsWhollyKnown() {
						b, err := ctyjson.Marshal(v, v.Type())
						if err == nil {
							o.Value = b
						}
						if v.Type() == cty.Number && !v.IsNull() {
							o.Text = v.AsBigFloat().Text('f', -1)
						}
					}
				}
			}
			for _, d := range diags {
				o.Diags = append(o.Diags, d.Summary+": "+d.Detail)
			}
		}()
		_ = enc.Encode(o)
	}
}
