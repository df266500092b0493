// Command terraform-hunt32-oracle: terraform-hunt28-oracle with each diagnostic's subject (byte
// offsets in the expression, 0-based, end exclusive) in "subjects". A developer's cross-check for
// server/src/source/terraform (not part of the product); `var` holds unknown values us (string), un
// (number), ul (list(string)), uo (list(object({size = number, tags = map(string)}))). Reads one
// JSON object per line and prints one JSON line each:
//
//	{"expr": "..."}                      an HCL native expression (may span lines: heredocs, %{ } templates),
//	                                     evaluated with hclsyntax and the go-cty functions below
//	{"type": "...", "default": "..."}    a variable's type constraint (hcl ext/typeexpr with optional()
//	                                     defaults) and default, handled as Terraform's decodeVariableBlock
//	                                     does: defaults applied unless null, then convert.Convert; an error
//	                                     printed with its cty path as tfdiags.FormatError prints it
//	{"type": "...", "default": "...", "expr": "..."}
//	                                     the expression evaluated with var.v that variable's value
//
// Build and run: run.sh (the same GOPATH setup as scripts/terraform-cty-oracle).
package main

import (
	"bufio"
	"encoding/json"
	"fmt"
	"os"
	"strings"

	"github.com/hashicorp/hcl/v2"
	"github.com/hashicorp/hcl/v2/ext/typeexpr"
	"github.com/hashicorp/hcl/v2/hclsyntax"
	"github.com/zclconf/go-cty/cty"
	"github.com/zclconf/go-cty/cty/convert"
	"github.com/zclconf/go-cty/cty/function"
	"github.com/zclconf/go-cty/cty/function/stdlib"
	ctyjson "github.com/zclconf/go-cty/cty/json"
)

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
	ctx := &hcl.EvalContext{Functions: map[string]function.Function{
		"format": stdlib.FormatFunc, "join": stdlib.JoinFunc, "upper": stdlib.UpperFunc, "length": stdlib.LengthFunc,
		"tolist": stdlib.MakeToFunc(cty.List(cty.DynamicPseudoType)), "toset": stdlib.MakeToFunc(cty.Set(cty.DynamicPseudoType)),
		"tomap": stdlib.MakeToFunc(cty.Map(cty.DynamicPseudoType)), "tostring": stdlib.MakeToFunc(cty.String),
		"tonumber": stdlib.MakeToFunc(cty.Number), "jsonencode": stdlib.JSONEncodeFunc,
	}, Variables: map[string]cty.Value{
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
				ty, defs, d := typeexpr.TypeConstraintWithDefaults(te)
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
