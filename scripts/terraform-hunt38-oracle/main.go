// terraform-hunt38-oracle: terraform-hunt35-oracle's table (table0, its main.go renamed by run.sh)
// and more of Terraform's functions (internal/lang/functions.go) that need no disk, clock or randomness.
package main

import (
	ctyyaml "github.com/zclconf/go-cty-yaml"
	"github.com/zclconf/go-cty/cty/function"
	"github.com/zclconf/go-cty/cty/function/stdlib"

	"github.com/hashicorp/terraform/internal/lang/funcs"
)

func table() map[string]function.Function {
	t := table0()
	more := map[string]function.Function{
		"base64decode": funcs.Base64DecodeFunc, "base64encode": funcs.Base64EncodeFunc, "urlencode": funcs.URLEncodeFunc,
		"base64sha256": funcs.Base64Sha256Func, "base64sha512": funcs.Base64Sha512Func, "md5": funcs.Md5Func, "sha1": funcs.Sha1Func,
		"sha256": funcs.Sha256Func, "sha512": funcs.Sha512Func, "uuidv5": funcs.UUIDV5Func, "startswith": funcs.StartsWithFunc,
		"endswith": funcs.EndsWithFunc, "strcontains": funcs.StrContainsFunc, "log": funcs.LogFunc, "pow": funcs.PowFunc,
		"cidrhost": funcs.CidrHostFunc, "cidrnetmask": funcs.CidrNetmaskFunc, "cidrsubnet": funcs.CidrSubnetFunc,
		"cidrsubnets": funcs.CidrSubnetsFunc, "csvdecode": stdlib.CSVDecodeFunc, "yamldecode": ctyyaml.YAMLDecodeFunc,
		"yamlencode": ctyyaml.YAMLEncodeFunc,
	}
	for k, v := range more {
		t[k] = v
	}
	return t
}
