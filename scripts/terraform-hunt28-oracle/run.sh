#!/bin/sh
# Builds and runs terraform-hunt28-oracle (main.go): JSON lines in, JSON lines out. Same setup as
# scripts/terraform-cty-oracle/run.sh (Debian's golang-go and golang-github-hashicorp-hcl-v2-dev, go-cty
# v1.16.2 and hcl v2.24.0 sources under $GOORACLE). Builds once into $GOORACLE/bin. For go-cty v1.18.1's
# conversion words (the only conversion file that changed after v1.16.2):
#   git -C go-cty show v1.18.1:cty/convert/mismatch_msg.go > $GOORACLE/src/github.com/zclconf/go-cty/cty/convert/mismatch_msg.go
# Cases: scripts/terraform-hunt28-gen.ts; comparison with bdm-lab: scripts/terraform-hunt28-compare.ts.
G=${GOORACLE:-/tmp/gooracle}
cd "$(dirname "$0")" || exit 1
[ -x "$G/bin/terraform-hunt28-oracle" ] && [ "$G/bin/terraform-hunt28-oracle" -nt main.go ] || GO111MODULE=off GOPATH="$G:/usr/share/gocode" go build -o "$G/bin/terraform-hunt28-oracle" main.go || exit 1
exec "$G/bin/terraform-hunt28-oracle"
