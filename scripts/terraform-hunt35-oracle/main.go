// Command terraform-hunt35-oracle: terraform-hunt32-oracle with Terraform's function table (the
// functions of internal/lang/functions.go that need no file system, clock or randomness: go-cty's
// stdlib ones, hcl's try and can, and Terraform's own collection functions, replace and the to*
// conversions, built from Terraform's sources by run.sh) and the loader's shorthand type
// constraints: a bare `list` is list(any) and a bare `map` map(any), as internal/configs
// decodeVariableType reads them before typeexpr. A developer's cross-check for
// server/src/source/terraform (not part of the product). Input and output as
// terraform-hunt32-oracle's: {"expr"}, {"type", "default"} or {"type", "default", "expr"} per line.
//
// Build and run: run.sh.
package main

import (
	"bufio"
	"encoding/json"
	"fmt"
	"os"
	"strings"

	"github.com/hashicorp/hcl/v2"
	"github.com/hashicorp/hcl/v2/ext/tryfunc"
	"github.com/hashicorp/hcl/v2/ext/typeexpr"
	"github.com/hashicorp/hcl/v2/hclsyntax"
	"github.com/zclconf/go-cty/cty"
	"github.com/zclconf/go-cty/cty/convert"
	"github.com/zclconf/go-cty/cty/function"
	"github.com/zclconf/go-cty/cty/function/stdlib"
	ctyjson "github.com/zclconf/go-cty/cty/json"

	"github.com/hashicorp/terraform/internal/lang/funcs"
)

// the functions of Terraform's table (internal/lang/functions.go) this oracle carries
func table() map[string]function.Function {
	return map[string]function.Function{
		"abs": stdlib.AbsoluteFunc, "alltrue": funcs.AllTrueFunc, "anytrue": funcs.AnyTrueFunc, "can": tryfunc.CanFunc,
		"ceil": stdlib.CeilFunc, "chomp": stdlib.ChompFunc, "coalesce": funcs.CoalesceFunc, "coalescelist": stdlib.CoalesceListFunc,
		"compact": stdlib.CompactFunc, "concat": stdlib.ConcatFunc, "contains": stdlib.ContainsFunc, "distinct": stdlib.DistinctFunc,
		"element": stdlib.ElementFunc, "chunklist": stdlib.ChunklistFunc, "flatten": stdlib.FlattenFunc, "floor": stdlib.FloorFunc,
		"format": stdlib.FormatFunc, "formatlist": stdlib.FormatListFunc, "indent": stdlib.IndentFunc, "index": funcs.IndexFunc,
		"join": stdlib.JoinFunc, "jsondecode": stdlib.JSONDecodeFunc, "jsonencode": stdlib.JSONEncodeFunc, "keys": stdlib.KeysFunc,
		"length": funcs.LengthFunc, "lookup": funcs.LookupFunc, "lower": stdlib.LowerFunc, "matchkeys": funcs.MatchkeysFunc,
		"max": stdlib.MaxFunc, "merge": stdlib.MergeFunc, "min": stdlib.MinFunc, "one": funcs.OneFunc, "parseint": stdlib.ParseIntFunc,
		"range": stdlib.RangeFunc, "regex": stdlib.RegexFunc, "regexall": stdlib.RegexAllFunc, "replace": funcs.ReplaceFunc,
		"reverse": stdlib.ReverseListFunc, "setintersection": stdlib.SetIntersectionFunc, "setproduct": stdlib.SetProductFunc,
		"setsubtract": stdlib.SetSubtractFunc, "setunion": stdlib.SetUnionFunc, "signum": stdlib.SignumFunc, "slice": stdlib.SliceFunc,
		"sort": stdlib.SortFunc, "split": stdlib.SplitFunc, "strrev": stdlib.ReverseFunc, "substr": stdlib.SubstrFunc, "sum": funcs.SumFunc,
		"title": stdlib.TitleFunc, "tostring": funcs.MakeToFunc(cty.String), "tonumber": funcs.MakeToFunc(cty.Number),
		"tobool": funcs.MakeToFunc(cty.Bool), "toset": funcs.MakeToFunc(cty.Set(cty.DynamicPseudoType)),
		"tolist": funcs.MakeToFunc(cty.List(cty.DynamicPseudoType)), "tomap": funcs.MakeToFunc(cty.Map(cty.DynamicPseudoType)),
		"transpose": funcs.TransposeFunc, "trim": stdlib.TrimFunc, "trimprefix": stdlib.TrimPrefixFunc, "trimspace": stdlib.TrimSpaceFunc,
		"trimsuffix": stdlib.TrimSuffixFunc, "try": tryfunc.TryFunc, "upper": stdlib.UpperFunc, "values": stdlib.ValuesFunc,
		"zipmap": stdlib.ZipmapFunc,
	}
}

type in struct {
	Expr    string  `json:"expr"`
	Type    *string `json:"type"`
	Default string  `json:"default"`
}

type out struct {
	Type     string          `json:"type,omitempty"`
	Value    json.RawMessage `json:"value,omitempty"`
	Known    *bool           `json:"known,omitempty"`
	Diags    []string        `json:"diags,omitempty"`
	Subjects [][2]int        `json:"subjects,omitempty"`
	Panic    string          `json:"panic,omitempty"`
}

func pathText(p cty.Path) string {
	var b strings.Builder
	for _, s := range p {
		switch t := s.(type) {
		case cty.GetAttrStep:
			b.WriteString("." + t.Name)
		case cty.IndexStep:
			k := t.Key
			switch {
			case k.Type() == cty.Number:
				b.WriteString("[" + k.AsBigFloat().Text('g', -1) + "]")
			case k.Type() == cty.String:
				b.WriteString(fmt.Sprintf("[%q]", k.AsString()))
			default:
				b.WriteString("[...]")
			}
		}
	}
	return b.String()
}

func errText(err error) string {
	if pe, ok := err.(cty.PathError); ok && len(pe.Path) > 0 {
		return pathText(pe.Path) + ": " + pe.Error()
	}
	return err.Error()
}

func put(o *out, v cty.Value) {
	o.Type = v.Type().FriendlyName()
	k := v.IsWhollyKnown()
	o.Known = &k
	if k {
		if b, err := ctyjson.Marshal(v, v.Type()); err == nil {
			o.Value = b
		}
	}
}

func diagText(ds hcl.Diagnostics) []string {
	var r []string
	for _, d := range ds {
		r = append(r, d.Summary+": "+d.Detail)
	}
	return r
}

// subjects: each diagnostic's subject as byte offsets, [-1, -1] when it has none
func subjects(ds hcl.Diagnostics) [][2]int {
	var r [][2]int
	for _, x := range ds {
		if x.Subject != nil {
			r = append(r, [2]int{x.Subject.Start.Byte, x.Subject.End.Byte})
		} else {
			r = append(r, [2]int{-1, -1})
		}
	}
	return r
}

func main() {
	ctx := &hcl.EvalContext{Functions: table(), Variables: map[string]cty.Value{
		"u": cty.ObjectVal(map[string]cty.Value{"s": cty.UnknownVal(cty.String), "n": cty.UnknownVal(cty.Number), "l": cty.UnknownVal(cty.List(cty.String))}),
		"var": cty.ObjectVal(map[string]cty.Value{"us": cty.UnknownVal(cty.String), "un": cty.UnknownVal(cty.Number), "ul": cty.UnknownVal(cty.List(cty.String)),
			"uo": cty.UnknownVal(cty.List(cty.Object(map[string]cty.Type{"size": cty.Number, "tags": cty.Map(cty.String)})))}),
	}}
	sc := bufio.NewScanner(os.Stdin)
	sc.Buffer(make([]byte, 1<<20), 1<<20)
	enc := json.NewEncoder(os.Stdout)
	for sc.Scan() {
		var i in
		o := out{}
		if err := json.Unmarshal(sc.Bytes(), &i); err != nil {
			o.Diags = []string{"input: " + err.Error()}
			_ = enc.Encode(o)
			continue
		}
		func() {
			defer func() {
				if r := recover(); r != nil {
					o.Panic = fmt.Sprint(r)
				}
			}()
			ectx := ctx
			if i.Type != nil {
				te, d := hclsyntax.ParseExpression([]byte(*i.Type), "t.tf", hcl.Pos{Line: 1, Column: 1})
				if d.HasErrors() {
					o.Diags = diagText(d)
					return
				}
				// the loader's shorthands (internal/configs decodeVariableType), before typeexpr
				var ty cty.Type
				var defs *typeexpr.Defaults
				switch hcl.ExprAsKeyword(te) {
				case "list":
					ty = cty.List(cty.DynamicPseudoType)
				case "map":
					ty = cty.Map(cty.DynamicPseudoType)
				default:
					ty, defs, d = typeexpr.TypeConstraintWithDefaults(te)
				}
				if d.HasErrors() {
					o.Diags = diagText(d)
					return
				}
				de, d := hclsyntax.ParseExpression([]byte(i.Default), "x.tf", hcl.Pos{Line: 1, Column: 1})
				if d.HasErrors() {
					o.Diags = diagText(d)
					return
				}
				val, d := de.Value(nil)
				if d.HasErrors() {
					o.Diags = diagText(d)
					return
				}
				if defs != nil && !val.IsNull() {
					val = defs.Apply(val)
				}
				val, err := convert.Convert(val, ty)
				if err != nil {
					o.Diags = []string{"Invalid default value for variable: This default value is not compatible with the variable's type constraint: " + errText(err) + "."}
					return
				}
				if i.Expr == "" {
					put(&o, val)
					return
				}
				// both: the expression is evaluated with var.v this variable's value
				vars := ctx.Variables["var"].AsValueMap()
				vars["v"] = val
				ectx = &hcl.EvalContext{Functions: ctx.Functions, Variables: map[string]cty.Value{"u": ctx.Variables["u"], "var": cty.ObjectVal(vars)}}
			}
			e, d := hclsyntax.ParseExpression([]byte(i.Expr), "x.tf", hcl.Pos{Line: 1, Column: 1})
			if d.HasErrors() {
				o.Diags = diagText(d)
				o.Subjects = subjects(d)
				return
			}
			v, d := e.Value(ectx)
			if d.HasErrors() {
				o.Diags = diagText(d)
				o.Subjects = subjects(d)
				return
			}
			put(&o, v)
		}()
		_ = enc.Encode(o)
	}
}
