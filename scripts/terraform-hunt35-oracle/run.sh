#!/bin/sh
# Builds and runs terraform-hunt35-oracle (main.go): terraform-hunt32-oracle with Terraform's function
# table (internal/lang/functions.go @ 883c7221) instead of a handful of go-cty's, and the loader's
# shorthand type constraints `list` and `map`. Sources: hcl v2.24.0 and go-cty v1.16.2 (with v1.18.1's
# convert/mismatch_msg.go) under $GOORACLE (default /tmp/h28-gooracle, as scripts/terraform-hunt32-oracle);
# Terraform's own functions are read at build time from a hashicorp/terraform checkout ($TFREPO,
# default /work/.mirror/hashicorp+terraform/repo, commit $TFREV default 883c7221): internal/lang/funcs
# collection.go, redact.go and refinements.go whole, and ReplaceFunc (string.go) and MakeToFunc (conversion.go)
# cut out of their files, into a throwaway GOPATH beside the binary (nothing of it is kept in this
# repository). The marks package they import is a stub here (no value is ever marked sensitive).
# go-cty v1.18.1 needs Go 1.23 (iter, maps), not installed: v1.16.2's stdlib differs from v1.18.1's only
# in contains() (a null value allowed) and merge() (a null object); the generator avoids both.
G=${GOORACLE:-/tmp/h28-gooracle}
B=${ORACLEBIN:-/tmp/hunt35-oracle-bin}
T=${TFREPO:-/work/.mirror/hashicorp+terraform/repo}
R=${TFREV:-883c7221ee2e0bc2fad6912fd4b3cc4b53a598a7}
cd "$(dirname "$0")" || exit 1
mkdir -p "$B"
X="$B/terraform-hunt35-oracle-$(cat main.go run.sh | md5sum | cut -c1-12)"
if [ ! -x "$X" ]; then
  W="$B/gopath/src/github.com/hashicorp/terraform"
  rm -rf "$B/gopath" && mkdir -p "$W/internal/lang/funcs" "$W/internal/lang/marks" "$W/hunt35oracle" || exit 1
  F="$W/internal/lang/funcs"
  git -C "$T" show "$R:internal/lang/funcs/collection.go" > "$F/collection.go" || exit 1
  git -C "$T" show "$R:internal/lang/funcs/refinements.go" > "$F/refinements.go" || exit 1
  git -C "$T" show "$R:internal/lang/funcs/redact.go" > "$F/redact.go" || exit 1
  {
    printf 'package funcs\n\nimport (\n\t"regexp"\n\t"strconv"\n\t"strings"\n\n\t"github.com/zclconf/go-cty/cty"\n\t"github.com/zclconf/go-cty/cty/convert"\n\t"github.com/zclconf/go-cty/cty/function"\n\n\t"github.com/hashicorp/terraform/internal/lang/marks"\n)\n\n'
    git -C "$T" show "$R:internal/lang/funcs/string.go" | sed -n '/^var ReplaceFunc = /,/^})/p'
    git -C "$T" show "$R:internal/lang/funcs/conversion.go" | sed -n '/^func MakeToFunc(/,/^}/p'
  } > "$F/cut.go"
  printf 'package marks\n\n// Sensitive: a stub of Terraform'"'"'s mark (the oracle marks nothing)\nconst Sensitive = "sensitive"\n\n// Contains: nothing is marked\nfunc Contains(v interface{}, m interface{}) bool { return false }\n\n// Has: nothing is marked\nfunc Has(v interface{}, m interface{}) bool { return false }\n' > "$W/internal/lang/marks/marks.go"
  cp main.go "$W/hunt35oracle/main.go"
  (cd "$W/hunt35oracle" && GO111MODULE=off GOPATH="$B/gopath:$G:/usr/share/gocode" go build -o "$X" .) || exit 1
fi
exec "$X"
