#!/bin/sh
# Builds and runs terraform-hunt39-oracle: terraform-hunt38-oracle (its run.sh builds the same tree;
# see there for what it needs) with count.index bound to 1 and the locals of locals.tf as `local`,
# both in the expression's context and in the one run.sh's main.go makes for a case's `var.v`
# (more.go; five lines of main.go changed by sed at build time), Terraform's reference check before
# evaluation (h39Value: a name that is none of Terraform's roots must be a resource type followed by
# its name, internal/addrs parse_ref.go), and each expression read as Terraform reads it: the value of
# an attribute `x` in a file x.tf (`locals {`, the expression from column 7 of line 2, `}`), so the
# scanner and parser see what follows it in a file; subjects are byte offsets from its start.
G=${GOORACLE:-/tmp/h28-gooracle}
B=${ORACLEBIN:-/tmp/hunt39-oracle-bin}
T=${TFREPO:-/work/.mirror/hashicorp+terraform/repo}
R=${TFREV:-883c7221ee2e0bc2fad6912fd4b3cc4b53a598a7}
D="$(cd "$(dirname "$0")" && pwd)"
export H39_LOCALS="$D/locals.tf"
X="$B/terraform-hunt39-oracle-$(cat "$D/more.go" "$D/run.sh" "$D/../terraform-hunt38-oracle/main.go" "$D/../terraform-hunt38-oracle/run.sh" "$D/../terraform-hunt35-oracle/main.go" | md5sum | cut -c1-12)"
if [ ! -x "$X" ]; then
  # hunt 38's tree made afresh (its binary removed, so its run.sh writes the tree again), then this hunt's additions
  rm -f "$B"/terraform-hunt38-oracle-*
  ORACLEBIN="$B" GOORACLE="$G" TFREPO="$T" TFREV="$R" sh "$D/../terraform-hunt38-oracle/run.sh" < /dev/null > /dev/null || exit 1
  W="$B/gopath/src/github.com/hashicorp/terraform/hunt38oracle"
  sed -i -e 's/^\tctx := &hcl.EvalContext{Functions: table(), Variables: map\[string\]cty.Value{$/&\n\t\t"count": h39Count(), "local": h39Locals(),/' \
    -e 's/"var": cty.ObjectVal(vars)}}/"var": cty.ObjectVal(vars), "count": ctx.Variables["count"], "local": ctx.Variables["local"]}}/' \
    -e 's/hclsyntax.ParseExpression(\[\]byte(i.Expr), "x.tf", hcl.Pos{Line: 1, Column: 1})/h39Parse(i.Expr)/' \
    -e 's/\[2\]int{x.Subject.Start.Byte, x.Subject.End.Byte}/[2]int{x.Subject.Start.Byte - h39Off, x.Subject.End.Byte - h39Off}/' \
    -e 's/^\t\t\tv, d := e.Value(ectx)$/\t\t\tv, d := h39Value(e, ectx)/' "$W/main.go"
  grep -q 'h39Count' "$W/main.go" && grep -q 'h39Parse(i.Expr)' "$W/main.go" && grep -q 'h39Off' "$W/main.go" && grep -q 'h39Value' "$W/main.go" && grep -q '"local": ctx.Variables' "$W/main.go" || { echo "run.sh: main.go changed shape" >&2; exit 1; }
  cp "$D/more.go" "$W/more39.go"
  (cd "$W" && GO111MODULE=off GOPATH="$B/gopath:$G:/usr/share/gocode" go build -o "$X" .) || exit 1
fi
exec "$X"
