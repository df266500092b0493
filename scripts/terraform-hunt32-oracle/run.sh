#!/bin/sh
# Builds and runs terraform-hunt32-oracle (main.go): terraform-hunt28-oracle plus each diagnostic's
# subject range. Same sources as scripts/terraform-hunt28-oracle/run.sh (hcl v2.24.0, go-cty v1.16.2
# with v1.18.1's convert/mismatch_msg.go) under $GOORACLE (default /tmp/h28-gooracle); the binary goes
# to $ORACLEBIN (default /tmp/hunt32-oracle-bin).
G=${GOORACLE:-/tmp/h28-gooracle}
B=${ORACLEBIN:-/tmp/hunt32-oracle-bin}
cd "$(dirname "$0")" || exit 1
mkdir -p "$B"
[ -x "$B/terraform-hunt32-oracle" ] && [ "$B/terraform-hunt32-oracle" -nt main.go ] || GO111MODULE=off GOPATH="$G:/usr/share/gocode" go build -o "$B/terraform-hunt32-oracle" main.go || exit 1
exec "$B/terraform-hunt32-oracle"
