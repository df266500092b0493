#!/bin/sh
# Builds and runs terraform-cty-oracle (main.go) in GOPATH mode, expressions on stdin, one JSON line
# out per expression. Needs Debian's golang-go (1.19) and golang-github-hashicorp-hcl-v2-dev (for its
# dependencies: go-textseg, x/text, levenshtein, go-wordwrap), and under $GOORACLE (default
# /tmp/gooracle) the sources of go-cty v1.16.2 (the newest that builds with Go 1.19; its number,
# conversion and format code is v1.18.1's) and hcl v2.24.0, e.g. from their git repositories:
#   git -C go-cty archive v1.16.2 | tar -x -C $GOORACLE/src/github.com/zclconf/go-cty
#   git -C hcl archive v2.24.0 | tar -x -C $GOORACLE/src/github.com/hashicorp/hcl/v2
#   ln -s /usr/share/gocode/src/github.com/apparentlymart/go-textseg $GOORACLE/src/github.com/apparentlymart/go-textseg/v15
G=${GOORACLE:-/tmp/gooracle}
cd "$(dirname "$0")" && GO111MODULE=off GOPATH="$G:/usr/share/gocode" go run main.go
