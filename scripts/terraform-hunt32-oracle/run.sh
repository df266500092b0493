#!/bin/sh
# Builds and runs terraform-hunt32-oracle (main.go): terraform-hunt28-oracle plus each diagnostic's
# subject range. Same sources as scripts/terraform-hunt28-oracle/run.sh (hcl v2.24.0, go-cty v1.16.2
# with v1.18.1's convert/mismatch_msg.go) under $GOORACLE (default /tmp/h28-gooracle); the binary goes
# to $ORACLEBIN (default /tmp/hunt32-oracle-bin).
G=${GOORACLE:-/tmp/h28-gooracle}
B=${ORACLEBIN:-/tmp/hunt32-oracle-bin}
cd "$(dirname "$0")" || exit 1
mkdir -p "$B"
# the binary is named by main.go's hash: one built from another version of main.go (another checkout) is not reused
X="$B/terraform-hunt32-oracle-$(md5sum < main.go | cut -c1-12)"
[ -x "$X" ] || GO111MODULE=off GOPATH="$G:/usr/share/gocode" go build -o "$X" main.go || exit 1
exec "$X"
