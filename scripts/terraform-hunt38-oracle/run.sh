#!/bin/sh
# Builds and runs terraform-hunt38-oracle: scripts/terraform-hunt35-oracle's main.go (hcl v2.24.0,
# go-cty, Terraform's function table) with more of Terraform's functions that need no disk, clock or
# randomness, read at build time from a hashicorp/terraform checkout ($TFREPO, commit $TFREV as
# terraform-hunt35-oracle/run.sh): cidr.go whole (with internal/ipaddr), and cut out of their files
# Base64DecodeFunc, Base64EncodeFunc and URLEncodeFunc (encoding.go), UUIDV5Func and the string hash
# functions (crypto.go), StartsWithFunc, EndsWithFunc, StrContainsFunc (string.go), LogFunc and
# PowFunc (number.go); go-cty's CSVDecodeFunc and go-cty-yaml's yamldecode/yamlencode. Needs Debian's
# golang-github-apparentlymart-go-cidr-dev (1.1.0, Terraform's), golang-github-google-uuid-dev (1.3.0;
# Terraform's 1.6.0 has the same NewSHA1) and golang-github-zclconf-go-cty-yaml-dev (1.0.2; Terraform
# has 1.1.0) under /usr/share/gocode. Nothing of Terraform's is kept in this repository.
G=${GOORACLE:-/tmp/h28-gooracle}
B=${ORACLEBIN:-/tmp/hunt38-oracle-bin}
T=${TFREPO:-/work/.mirror/hashicorp+terraform/repo}
R=${TFREV:-883c7221ee2e0bc2fad6912fd4b3cc4b53a598a7}
D="$(cd "$(dirname "$0")" && pwd)"
cd "$D" || exit 1
mkdir -p "$B"
X="$B/terraform-hunt38-oracle-$(cat main.go run.sh ../terraform-hunt35-oracle/main.go | md5sum | cut -c1-12)"
if [ ! -x "$X" ]; then
  W="$B/gopath/src/github.com/hashicorp/terraform"
  rm -rf "$B/gopath" && mkdir -p "$W/internal/lang/funcs" "$W/internal/lang/marks" "$W/internal/ipaddr" "$W/hunt38oracle" || exit 1
  F="$W/internal/lang/funcs"
  for f in collection refinements redact cidr; do git -C "$T" show "$R:internal/lang/funcs/$f.go" > "$F/$f.go" || exit 1; done
  for f in doc ip parse; do git -C "$T" show "$R:internal/ipaddr/$f.go" > "$W/internal/ipaddr/$f.go" || exit 1; done
  cut() { git -C "$T" show "$R:internal/lang/funcs/$1.go" | sed -n "/^$2/,/^$3/p"; }
  {
    printf 'package funcs\n\nimport (\n\t"crypto/md5"\n\t"crypto/sha1"\n\t"crypto/sha256"\n\t"crypto/sha512"\n\t"encoding/base64"\n\t"encoding/hex"\n\t"fmt"\n\t"hash"\n\t"log"\n\t"math"\n\t"net/url"\n\t"regexp"\n\t"strconv"\n\t"strings"\n\t"unicode/utf8"\n\n\tuuidv5 "github.com/google/uuid"\n\t"github.com/zclconf/go-cty/cty"\n\t"github.com/zclconf/go-cty/cty/convert"\n\t"github.com/zclconf/go-cty/cty/function"\n\t"github.com/zclconf/go-cty/cty/gocty"\n\n\t"github.com/hashicorp/terraform/internal/lang/marks"\n)\n\n'
    printf 'var _ = fmt.Sprint\nvar _ = log.Print\nvar _ = math.Log\nvar _ = url.QueryEscape\nvar _ = utf8.ValidString\nvar _ = hash.Hash(nil)\nvar _ = gocty.ToCtyValue\nvar _ = strconv.Itoa\nvar _ = regexp.Compile\nvar _ = convert.Convert\nvar _ = marks.Sensitive\nvar _ = strings.Contains\n\n'
    cut string 'var ReplaceFunc = ' '})'
    cut string 'var StartsWithFunc = ' '})'
    cut string 'var EndsWithFunc = ' '})'
    cut string 'var StrContainsFunc = ' '})'
    cut conversion 'func MakeToFunc(' '}'
    cut encoding 'var Base64DecodeFunc = ' '})'
    cut encoding 'var Base64EncodeFunc = ' '})'
    cut encoding 'var URLEncodeFunc = ' '})'
    cut crypto 'var UUIDV5Func = ' '})'
    for h in 'Base64Sha256Func' 'Base64Sha512Func' 'Md5Func' 'Sha1Func' 'Sha256Func' 'Sha512Func'; do cut crypto "var $h = " '' | head -1; done
    cut crypto 'func makeStringHashFunction(' '}'
    cut number 'var LogFunc = ' '})'
    cut number 'var PowFunc = ' '})'
  } > "$F/cut.go"
  printf 'package marks\n\n// Sensitive: a stub of Terraform'"'"'s mark (the oracle marks nothing)\nconst Sensitive = "sensitive"\n\n// Contains: nothing is marked\nfunc Contains(v interface{}, m interface{}) bool { return false }\n\n// Has: nothing is marked\nfunc Has(v interface{}, m interface{}) bool { return false }\n' > "$W/internal/lang/marks/marks.go"
  sed -e 's/^func table() map\[string\]function.Function {$/func table0() map[string]function.Function {/' ../terraform-hunt35-oracle/main.go > "$W/hunt38oracle/main.go"
  cp main.go "$W/hunt38oracle/more.go"
  (cd "$W/hunt38oracle" && GO111MODULE=off GOPATH="$B/gopath:$G:/usr/share/gocode" go build -o "$X" .) || exit 1
fi
exec "$X"
