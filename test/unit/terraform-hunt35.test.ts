/**
 * Hunt 35: Terraform's built-in functions (jsonencode, jsondecode, regex/regexall, trim, indent,
 * strrev, title, alltrue/anytrue, compact, sort, one, parseint, transpose, setproduct, coalesce of
 * mixed types, lookup's words, length's places), `for` expressions (hclsyntax's parse refusals of a
 * tuple `for` with a key or `...` and of an object `for` without a key; the condition's first check
 * with the names of no known type; a set's elements as their own keys), the places of refused
 * function arguments (hclsyntax StartRange: a unary minus, a splat's marker, an IndexExpr's `[`, an
 * empty string), list-to-list conversion words, template interpolation type names, and functions
 * judging an unknown variable by its type constraint. Every expectation is the output of
 * scripts/terraform-hunt35-oracle (hcl v2.24.0, go-cty, Terraform 883c7221's own function table) on
 * the very expression, judged as scripts/terraform-hunt32-compare.ts judges it (a local; var.us,
 * var.un, var.ul, var.uo unknown; var.v a variable with the case's type and default): its first
 * diagnostic with its subject in UTF-8 byte offsets of the expression, or its type and value. Every
 * case here gave another answer before this round (most: not evaluated).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ours } from '../../scripts/terraform-hunt32-compare';
import { evaluate, refusal, Scope } from '../../server/src/source/terraform/eval';
import { attrs, blocks, parseHcl } from '../../server/src/source/terraform/hcl';
import { bestGrowth, describeGrowth } from './growth';

interface Case { expr: string; type?: string; default?: string }

/**
 * bdm-lab's answer with the subject as UTF-8 byte offsets (the oracle's), and try()'s places written
 * as the oracle's file would have them (x.tf, the expression alone on line 1; the harness's main.tf
 * has it on line 15 after `  x = `, line 19 after a variable `v`)
 */
function answer(c: Case): string {
  const first = c.type !== undefined ? 19 : 15;
  return ours(c).replace(/\(at main\.tf:(\d+),(\d+)-(\d+)\)/g, (m, l: string, a: string, b: string) => (Number(l) !== first ? m : `(at x.tf:1,${Number(a) - 6}-${Number(b) - 6})`)).replace(/ @(\d+)-(\d+)$/, (_, a: string, b: string) => {
    const at = (n: number) => new TextEncoder().encode(c.expr.slice(0, n)).length;
    return ` @${at(Number(a))}-${at(Number(b))}`;
  });
}

const CASES: Array<[Case, string]> = [
  [{"expr": "tostring(distinct(split(\",\", \"a,b\"))[*])"}, "refused: Invalid function argument: Invalid value for \"v\" parameter: cannot convert list of string to string. @36-39"],
  [{"expr": "tostring([[1]][*][0])"}, "refused: Invalid function argument: Invalid value for \"v\" parameter: cannot convert tuple to string. @14-17"],
  [{"expr": "tostring([{a=[1]}][*].a)"}, "refused: Invalid function argument: Invalid value for \"v\" parameter: cannot convert tuple to string. @18-21"],
  [{"expr": "tostring([{a=[1]}].*.a)"}, "refused: Invalid function argument: Invalid value for \"v\" parameter: cannot convert tuple to string. @18-20"],
  [{"expr": "tostring([{a=[[1]]}][*].a[*])"}, "refused: Invalid function argument: Invalid value for \"v\" parameter: cannot convert tuple to string. @20-23"],
  [{"expr": "tostring(var.uo[*].tags)"}, "refused: Invalid function argument: Invalid value for \"v\" parameter: cannot convert list of map of string to string. @15-18"],
  [{"expr": "tostring(var.uo.*.tags[0])"}, "refused: Invalid function argument: Invalid value for \"v\" parameter: cannot convert map of string to string. @9-25"],
  [{"expr": "tostring([[1]][-0])"}, "refused: Invalid function argument: Invalid value for \"v\" parameter: cannot convert tuple to string. @14-15"],
  [{"expr": "tobool(- 2)"}, "refused: Invalid function argument: Invalid value for \"v\" parameter: cannot convert number to bool. @7-8"],
  [{"expr": "tobool(\"\")"}, "refused: Invalid function argument: Invalid value for \"v\" parameter: cannot convert \"\" to bool; only the strings \"true\" or \"false\" are allowed. @9-9"],
  [{"expr": "tobool(<<EOT\nEOT\n)"}, "refused: Invalid function argument: Invalid value for \"v\" parameter: cannot convert \"\" to bool; only the strings \"true\" or \"false\" are allowed. @16-16"],
  [{"expr": "length(var.un)"}, "refused: Error in function call: Call to function \"length\" failed: argument must be a string, a collection type, or a structural type. @0-7"],
  [{"expr": "length(1)"}, "refused: Error in function call: Call to function \"length\" failed: argument must be a string, a collection type, or a structural type. @0-7"],
  [{"expr": "length(null)"}, "refused: Invalid function argument: Invalid value for \"value\" parameter: argument must not be null. @7-11"],
  [{"expr": "[for x in [1] : x...]"}, "refused: Invalid 'for' expression: Grouping ellipsis (...) cannot be used when building a tuple. @17-20"],
  [{"expr": "[for x in [1] : x => x]"}, "refused: Invalid 'for' expression: Key expression is not valid when building a tuple. @16-17"],
  [{"expr": "{for x in [1] : x}"}, "refused: Invalid 'for' expression: Key expression is required when building an object. @16-17"],
  [{"expr": "{for x in var.ul : x => x if null}"}, "refused: Condition is null: The value of the 'if' clause must not be null. @29-33"],
  [{"expr": "{for x in [] : x => x if \"x\"}"}, "refused: Invalid 'for' condition: The 'if' clause value is invalid: a bool is required. @25-28"],
  [{"expr": "{for k, v in toset([\"q\", \"p\"]) : v => k}"}, "object {\"p\":\"p\",\"q\":\"q\"}"],
  [{"expr": "regex(\"[a-z]+\", \"12abc34de\")"}, "string \"abc\""],
  [{"expr": "regex(\"(a)|(b)\", \"xb\")"}, "tuple [null,\"b\"]"],
  [{"expr": "regexall(\"(a)|(b)\", \"xbab\")"}, "list of tuple [[null,\"b\"],[\"a\",null],[null,\"b\"]]"],
  [{"expr": "regexall(\"x*\", \"axxb\")"}, "list of string [\"\",\"xx\",\"\"]"],
  [{"expr": "regexall(\"q\", \"axxb\")"}, "list of string []"],
  [{"expr": "regex(\"q\", \"axxb\")"}, "refused: Error in function call: Call to function \"regex\" failed: pattern did not match any part of the given string. @0-6"],
  [{"expr": "regex(\"[\", var.us)"}, "refused: Invalid function argument: Invalid value for \"pattern\" parameter: invalid regexp pattern: missing closing ] in [. @7-8"],
  [{"expr": "regex(\"a{2,}\", \"caaab\")"}, "string \"aaa\""],
  [{"expr": "regexall(\"\", \"héé\")"}, "list of string [\"\",\"\",\"\",\"\"]"],
  [{"expr": "trim(\"12abc\", \"a.b.c\")"}, "string \"12\""],
  [{"expr": "trim(\"  xx  \", \" \")"}, "string \"xx\""],
  [{"expr": "indent(2, \"a\\nb\\n\")"}, "string \"a\\n  b\\n  \""],
  [{"expr": "indent(1.5, \"a\\nb\\n\")"}, "refused: Error in function call: Call to function \"indent\" failed: value must be a whole number, between -9223372036854775808 and 9223372036854775807. @0-7"],
  [{"expr": "strrev(\"ﬁne straße\")"}, "string \"eßarts enﬁ\""],
  [{"expr": "title(\"hello wOrld ǆemal x-y_z é·a\")"}, "string \"Hello WOrld ǅemal X-Y_z É·a\""],
  [{"expr": "alltrue([true, \"true\"])"}, "bool true"],
  [{"expr": "alltrue([null, true])"}, "bool false"],
  [{"expr": "anytrue([null, true])"}, "bool true"],
  [{"expr": "anytrue([])"}, "bool false"],
  [{"expr": "compact([\"a\", \"\", null, 1])"}, "list of string [\"a\",\"1\"]"],
  [{"expr": "sort([\"b\", \"a\", 10, 9])"}, "list of string [\"10\",\"9\",\"a\",\"b\"]"],
  [{"expr": "sort([\"b\", null])"}, "refused: Error in function call: Call to function \"sort\" failed: given list element 1 is null; a null string cannot be sorted. @0-5"],
  [{"expr": "one([])"}, "null"],
  [{"expr": "one(tolist([]))"}, "null"],
  [{"expr": "one([1])"}, "number 1"],
  [{"expr": "one(toset([\"a\"]))"}, "string \"a\""],
  [{"expr": "one([1, 2])"}, "refused: Invalid function argument: Invalid value for \"list\" parameter: must be a list, set, or tuple value with either zero or one elements. @4-5"],
  [{"expr": "one(\"x\")"}, "refused: Invalid function argument: Invalid value for \"list\" parameter: must be a list, set, or tuple value with either zero or one elements. @5-6"],
  [{"expr": "parseint(\"ff\", 16)"}, "number 255"],
  [{"expr": "parseint(\"-ZZ\", 62)"}, "number -3843"],
  [{"expr": "parseint(\"1.5\", 10)"}, "refused: Invalid function argument: Invalid value for \"number\" parameter: cannot parse \"1.5\" as a base 10 integer. @10-13"],
  [{"expr": "parseint(1, 10)"}, "refused: Invalid function argument: Invalid value for \"number\" parameter: first argument must be a string, not number. @9-10"],
  [{"expr": "parseint(\"12\", 1)"}, "refused: Invalid function argument: Invalid value for \"base\" parameter: base must be a whole number between 2 and 62 inclusive. @15-16"],
  [{"expr": "parseint(\"123456789012345678901234567890\", 10)"}, "number 1.2345678901234568e+29"],
  [{"expr": "transpose({a = [\"x\", \"y\"], b = [\"x\"]})"}, "map of list of string {\"x\":[\"a\",\"b\"],\"y\":[\"a\"]}"],
  [{"expr": "transpose({a = \"x\"})"}, "refused: Invalid function argument: Invalid value for \"values\" parameter: element \"a\": list of string required, but have string. @10-11"],
  [{"expr": "transpose({a = [\"x\"], b = null})"}, "refused: Error in function call: Call to function \"transpose\" failed: input must not contain null list. @0-10"],
  [{"expr": "transpose({})"}, "map of list of string {}"],
  [{"expr": "transpose({a = [1]})"}, "map of list of string {\"1\":[\"a\"]}"],
  [{"expr": "jsonencode({b = [1, \"<&>\"], a = 1e30, c = null})"}, "string \"{\\\"a\\\":1000000000000000000000000000000,\\\"b\\\":[1,\\\"\\\\u003c\\\\u0026\\\\u003e\\\"],\\\"c\\\":null}\""],
  [{"expr": "jsonencode(1/0)"}, "refused: Error in function call: Call to function \"jsonencode\" failed: cannot serialize infinity as JSON. @0-11"],
  [{"expr": "setproduct(toset([\"a\", \"b\"]), [1, 2])"}, "set of tuple [[\"a\",1],[\"a\",2],[\"b\",1],[\"b\",2]]"],
  [{"expr": "setproduct([\"a\", \"b\"], [1, 2])"}, "list of tuple [[\"a\",1],[\"a\",2],[\"b\",1],[\"b\",2]]"],
  [{"expr": "setproduct([\"x\", 1], toset([true]))"}, "set of tuple [[\"1\",true],[\"x\",true]]"],
  [{"expr": "setproduct(range(2), [[1]])"}, "list of tuple [[0,[1]],[1,[1]]]"],
  [{"expr": "setproduct([], [1])"}, "list of tuple []"],
  [{"expr": "setproduct(toset([]), [1])"}, "set of tuple []"],
  [{"expr": "setproduct([1])"}, "refused: Error in function call: Call to function \"setproduct\" failed: at least two arguments are required. @0-11"],
  [{"expr": "setproduct([1, [2]], [1])"}, "refused: Invalid function argument: Invalid value for \"sets\" parameter: all elements must be of the same type. @11-12"],
  [{"expr": "setproduct({a = 1}, [1])"}, "refused: Invalid function argument: Invalid value for \"sets\" parameter: a set or a list is required. @11-12"],
  [{"expr": "flatten(setproduct(toset([\"a\", \"b\"]), [1, 2]))"}, "tuple [\"a\",1,\"a\",2,\"b\",1,\"b\",2]"],
  [{"expr": "setproduct(tolist([\"a\"]), [1, \"2\"], toset([3]))"}, "set of tuple [[\"a\",\"1\",3],[\"a\",\"2\",3]]"],
  [{"expr": "jsonencode(setproduct([\"a\", \"b\"], toset([\"y\", \"x\"])))"}, "string \"[[\\\"a\\\",\\\"x\\\"],[\\\"a\\\",\\\"y\\\"],[\\\"b\\\",\\\"x\\\"],[\\\"b\\\",\\\"y\\\"]]\""],
  [{"expr": "replace(\"a-b\", \"/(?P<first>\\\\w)-(?P<second>\\\\w)/\", \"$second+$${first}$third\")"}, "string \"b+a\""],
  [{"expr": "slice(var.ul, -1, -1)"}, "refused: Invalid function argument: Invalid value for \"start_index\" parameter: start index must not be less than zero. @14-15"],
  [{"expr": "slice(var.ul, 4, 2.5)"}, "refused: Invalid function argument: Invalid value for \"end_index\" parameter: invalid end index: value must be a whole number, between -9223372036854775808 and 9223372036854775807. @17-20"],
  [{"expr": "one(var.ul)[-0]"}, "refused: Invalid index: This value does not have any indices. @11-15"],
  [{"expr": "coalesce(var.uo, 1)"}, "refused: Error in function call: Call to function \"coalesce\" failed: all arguments must have the same type. @0-9"],
  [{"expr": "keys(var.uo)"}, "refused: Invalid function argument: Invalid value for \"inputMap\" parameter: must have map or object type. @5-11"],
  [{"expr": "lookup(var.uo, \"a\")"}, "refused: Invalid function argument: Invalid value for \"inputMap\" parameter: lookup() requires a map as the first argument. @7-13"],
  [{"expr": "merge(var.uo)"}, "refused: Error in function call: Call to function \"merge\" failed: arguments must be maps or objects, got \"list of object\". @0-6"],
  [{"expr": "tostring(var.ul)"}, "refused: Invalid function argument: Invalid value for \"v\" parameter: cannot convert list of string to string. @9-15"],
  [{"expr": "tonumber(var.uo)"}, "refused: Invalid function argument: Invalid value for \"v\" parameter: cannot convert list of object to number. @9-15"],
  [{"expr": "tomap(var.ul)"}, "refused: Invalid function argument: Invalid value for \"v\" parameter: cannot convert list of string to map of any single type. @6-12"],
  [{"expr": "element(var.uo[0].tags, 0)"}, "refused: Error in function call: Call to function \"element\" failed: cannot read elements from map of string. @0-8"],
  [{"expr": "values(var.ul)"}, "refused: Error in function call: Call to function \"values\" failed: values() requires a map as the first argument. @0-7"],
  [{"expr": "concat(var.uo[0].tags)"}, "refused: Invalid function argument: Invalid value for \"seqs\" parameter: all arguments must be lists or tuples; got map of string. @7-21"],
  [{"expr": "zipmap(var.ul, var.uo[0].tags)"}, "refused: Error in function call: Call to function \"zipmap\" failed: values argument must be a list or tuple value. @0-7"],
  [{"expr": "slice(var.uo[0].tags, 0, 1)"}, "refused: Invalid function argument: Invalid value for \"list\" parameter: must be a list or tuple value. @6-20"],
  [{"expr": "tolist(var.uo[0].tags)"}, "refused: Invalid function argument: Invalid value for \"v\" parameter: cannot convert map of string to list of any single type. @7-21"],
  [{"expr": "one(var.uo[0].tags)"}, "refused: Invalid function argument: Invalid value for \"list\" parameter: must be a list, set, or tuple value with either zero or one elements. @4-18"],
  [{"expr": "setproduct(var.uo[0].tags, [1])"}, "refused: Invalid function argument: Invalid value for \"sets\" parameter: a set or a list is required. @11-25"],
  [{"expr": "parseint(var.ul, 10)"}, "refused: Invalid function argument: Invalid value for \"number\" parameter: first argument must be a string, not list of string. @9-15"],
  [{"expr": "keys(var.ul)"}, "refused: Invalid function argument: Invalid value for \"inputMap\" parameter: must have map or object type. @5-11"],
  [{"expr": "merge(var.uo[0].tags, var.ul)"}, "refused: Error in function call: Call to function \"merge\" failed: arguments must be maps or objects, got \"list of string\". @0-6"],
  [{"expr": "jsondecode(\"{\")"}, "refused: Error in function call: Call to function \"jsondecode\" failed: EOF. @0-11"],
  [{"expr": "jsondecode(\"\")"}, "refused: Error in function call: Call to function \"jsondecode\" failed: EOF. @0-11"],
  [{"expr": "jsondecode(\"[1,\")"}, "refused: Error in function call: Call to function \"jsondecode\" failed: EOF. @0-11"],
  [{"expr": "jsondecode(\"{\\\"a\\\": 1, \\\"a\\\": 2}\")"}, "object {\"a\":2}"],
  [{"expr": "jsondecode(\"[1, 1.5e300, \\\"x\\\", null, true, {\\\"b\\\": [] }]\")"}, "tuple [1,1.5e+300,\"x\",null,true,{\"b\":[]}]"],
  [{"expr": "jsondecode(\"1 2\")"}, "refused: Error in function call: Call to function \"jsondecode\" failed: extraneous data after JSON object. @0-11"],
  [{"expr": "jsondecode(\" 12345678901234567890123 \")"}, "number 1.2345678901234568e+22"],
  [{"expr": "try({a = 1}.b, jsondecode(\"{\"), [1, 2, 3])"}, "tuple [1,2,3]"],
  [{"expr": "jsondecode(\"{\\\"a\\\": [1, {\\\"b\\\": null}], \\\"c\\\": \\\"\\\\u00e9\\\"}\")"}, "object {\"a\":[1,{\"b\":null}],\"c\":\"é\"}"],
  [{"expr": "jsondecode(\"[1\")"}, "refused: Error in function call: Call to function \"jsondecode\" failed: EOF. @0-11"],
  [{"expr": "jsondecode(\"  \")"}, "refused: Error in function call: Call to function \"jsondecode\" failed: EOF. @0-11"],
  [{"expr": "jsonencode(jsondecode(\"[0.1, 1e400]\"))"}, "string \"[0.1,10000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000]\""],
  [{"expr": "length(transpose({a = [\"x\"], b = null}).tags)"}, "refused: Error in function call: Call to function \"transpose\" failed: input must not contain null list. @7-17"],
  [{"expr": "length(one([1, 2, 3]))"}, "refused: Invalid function argument: Invalid value for \"list\" parameter: must be a list, set, or tuple value with either zero or one elements. @11-12"],
  [{"expr": "try(regex(\"[\", \"a\"), regex(\"[\", \"a\"))[*]"}, "refused: Error in function call: Call to function \"try\" failed: no expression succeeded:\n- Invalid function argument (at x.tf:1,12-13)\n  Invalid value for \"pattern\" parameter: invalid regexp pattern: missing closing ] in [.\n- Invalid function argument (at x.tf:1,29-30)\n  Invalid value for \"pattern\" parameter: invalid regexp pattern: missing closing ] in [.\n\nAt least one expression must produce a successful result. @0-4"],
  [{"type": "set(list(set(any)))", "default": "[[[1, 1]], [[1]]]", "expr": "jsonencode(var.v)"}, "string \"[[[1]]]\""],
  [{"expr": "indent(2, \"a\\nb\").1"}, "refused: Invalid index: This value does not have any indices. @17-19"],
  [{"expr": "tostring(slice(var.ul, 4, 2.5))"}, "refused: Invalid function argument: Invalid value for \"end_index\" parameter: invalid end index: value must be a whole number, between -9223372036854775808 and 9223372036854775807. @26-29"],
  [{"expr": "tostring(lookup(tomap({}), var.us, {a = null}))"}, "unknown"],
  [{"expr": "try(setproduct(toset([\"a\", \"b\"]), [1, 2]))"}, "set of tuple [[\"a\",1],[\"a\",2],[\"b\",1],[\"b\",2]]"],
  [{"expr": "flatten(transpose({a = [\"x\", \"y\"], b = [\"x\"]}))"}, "refused: Error in function call: Call to function \"flatten\" failed: can only flatten lists, sets and tuples. @0-8"],
  [{"expr": "one([])[-1]"}, "refused: Attempt to index null value: This value is null, so it does not have any indices. @7-11"],
  [{"expr": "flatten(parseint(\"FF\", 16).0)"}, "refused: Invalid index: This value does not have any indices. @26-28"],
  [{"expr": "length(setproduct(toset([\"a\", \"b\"]), [1, 2]))"}, "number 4"],
  [{"expr": "jsonencode([])[*]"}, "tuple [\"[]\"]"],
  [{"type": "set(set(set(any)))", "default": "[[[null]]]", "expr": "[for x in var.v : jsonencode(x)]"}, "tuple [\"[[null]]\"]"],
  [{"expr": "jsonencode(parseint(\"ff\", 1))"}, "refused: Invalid function argument: Invalid value for \"base\" parameter: base must be a whole number between 2 and 62 inclusive. @26-27"],
  [{"expr": "tostring(jsonencode(null))"}, "string \"null\""],
  [{"expr": "try(transpose(tomap({a = tolist([\"z\"])})))"}, "map of list of string {\"z\":[\"a\"]}"],
  [{"expr": "[for k, v in [\"a\", \"b\", \"a\"] : v.v if v != null...]"}, "refused: Invalid 'for' expression: Extra characters after the end of the 'for' expression. @47-50"],
  [{"expr": "{for k, v in tomap({a = 1, b = 1}) : jsonencode(v) => {k = k, v = v}}"}, "refused: Duplicate object key: Two different items produced the key \"1\" in this 'for' expression. If duplicates are expected, use the ellipsis (...) after the value expression to enable grouping by key. @37-50"],
  [{"expr": "\"%{~ for k, v in toset([\"b\", \"a\", \"b\"]) ~}%{ for k, v in [1, 2, 3] }${ 1 }\\t${ v ~}%{ endfor }%{~ endfor }a${ distinct([]) } x %{ for k, v in {a = 1, b = \"x\"} ~}%{ for k, v in toset([\"b\", \"a\", \"b\"]) ~}$${x}${~ trimsuffix(\"a.b.c\", \"1\") }${ \"x\" ~}%{~ endfor }a,${ replace(\"a,b,,c\", \"\", \"[$0]\") }$${x}%{ endfor }\""}, "refused: Invalid template interpolation value: Cannot include the given value in a string template: string required, but have list of dynamic. @110-122"],
  [{"expr": "join(\"-\", tolist([[1], [2, 3]]))"}, "refused: Invalid function argument: Invalid value for \"lists\" parameter: incorrect list element type: string required, but have list of number. @10-17"],
  [{"expr": "flatten(parseint(\"ff\", 10))"}, "refused: Invalid function argument: Invalid value for \"number\" parameter: cannot parse \"ff\" as a base 10 integer. @18-20"],
  [{"expr": "length(regex(\"[a-z]+\", \"-0\"))"}, "refused: Error in function call: Call to function \"regex\" failed: pattern did not match any part of the given string. @7-13"],
  [{"expr": "tostring(regex(\"a{2,}\", \"0\"))"}, "refused: Error in function call: Call to function \"regex\" failed: pattern did not match any part of the given string. @9-15"],
  [{"expr": "jsonencode(one([\"x\", \"x\", \"y\"]).a)"}, "refused: Invalid function argument: Invalid value for \"list\" parameter: must be a list, set, or tuple value with either zero or one elements. @15-16"],
  [{"expr": "tostring(transpose({a = [\"x\", \"y\"], b = [\"x\"]}).a)"}, "refused: Missing map element: This map does not have an element with the key \"a\". @47-49"],
  [{"expr": "flatten(jsonencode(\"Hello World\").c)"}, "refused: Unsupported attribute: Can't access attributes on a primitive-typed value (string). @33-35"],
  [{"expr": "jsonencode(parseint(\"0x10\", 10))"}, "refused: Invalid function argument: Invalid value for \"number\" parameter: cannot parse \"0x10\" as a base 10 integer. @21-25"],
  [{"expr": "{for k, v in {x = \"a\", y = \"b\", z = \"a\"} : jsonencode(v) => v}"}, "refused: Duplicate object key: Two different items produced the key \"\\\"a\\\"\" in this 'for' expression. If duplicates are expected, use the ellipsis (...) after the value expression to enable grouping by key. @43-56"],
  [{"expr": "one(toset([]))[*]"}, "tuple []"],
  [{"expr": "flatten(slice(var.ul, -1, 3))"}, "refused: Invalid function argument: Invalid value for \"start_index\" parameter: start index must not be less than zero. @22-23"],
  [{"expr": "sort(tolist([[1], [2, 3]]))"}, "refused: Invalid function argument: Invalid value for \"list\" parameter: incorrect list element type: string required, but have list of number. @5-12"],
  [{"expr": "length(transpose({a = \"x\"}).size)"}, "refused: Invalid function argument: Invalid value for \"values\" parameter: element \"a\": list of string required, but have string. @17-18"],
  [{"type": "list", "default": "[[[{}]]]", "expr": "jsonencode({v = var.v})"}, "string \"{\\\"v\\\":[[[{}]]]}\""],
  [{"expr": "{for k, v in [[1], [1], [2]] : jsonencode(v) => tostring(v)}"}, "refused: Invalid function argument: Invalid value for \"v\" parameter: cannot convert tuple to string. @57-58"],
  [{"expr": "length(parseint(\"ff\", 1))"}, "refused: Invalid function argument: Invalid value for \"base\" parameter: base must be a whole number between 2 and 62 inclusive. @22-23"],
  [{"type": "set(set(set(any)))", "default": "[[[1, 2]], [[2, 1]]]", "expr": "jsonencode(tolist(var.v))"}, "string \"[[[1,2]]]\""],
  [{"expr": "length(parseint(\"1.5\", 16))"}, "refused: Invalid function argument: Invalid value for \"number\" parameter: cannot parse \"1.5\" as a base 16 integer. @17-20"],
  [{"expr": "trim(\"-0\", \"1e3\")[var.us]"}, "refused: Invalid index: This value does not have any indices. @17-25"],
  [{"expr": "length(transpose({a = [1]})[false])"}, "refused: Invalid index: The given key does not identify an element in this collection value. @27-34"],
  [{"expr": "jsonencode(indent(2, \"a\\nb\").a)"}, "refused: Unsupported attribute: Can't access attributes on a primitive-typed value (string). @28-30"],
  [{"expr": "flatten(compact([[], []]))"}, "refused: Invalid function argument: Invalid value for \"list\" parameter: element 0: string required, but have tuple. @16-17"],
  [{"expr": "indent(2, \"a\\nb\")[0.1 + 0.2]"}, "refused: Invalid index: This value does not have any indices. @17-28"],
  [{"expr": "jsonencode(slice(tolist([\"a\", \"b\", \"c\"]), -2, 0.5))"}, "refused: Invalid function argument: Invalid value for \"start_index\" parameter: start index must not be less than zero. @42-43"],
  [{"expr": "lookup(tomap({}), \"z\")[*]"}, "refused: Error in function call: Call to function \"lookup\" failed: lookup failed to find key \"z\". @0-7"],
  [{"expr": "jsonencode(\"true\")[0]"}, "refused: Invalid index: This value does not have any indices. @18-21"],
  [{"type": "set(list(set(any)))", "default": "[[], [[]]]", "expr": "[for x in var.v : jsonencode(x)]"}, "tuple [\"[[]]\",\"[]\"]"],
  [{"expr": "jsonencode(-3)[false]"}, "refused: Invalid index: This value does not have any indices. @14-21"],
  [{"expr": "one([null]).b"}, "refused: Attempt to get attribute from null value: This value is null, so it does not have any attributes. @11-13"],
  [{"expr": "jsonencode(indent(2, \"a\\nb\")[-0])"}, "refused: Invalid index: This value does not have any indices. @28-32"],
  [{"expr": "tostring(setproduct(toset([\"a\", \"b\"]), [1, 2]).1)"}, "refused: Invalid index: Elements of a set are identified only by their value and don't have any separate index or key to select with, so it's only possible to perform operations across all elements of the set. @46-48"],
  [{"expr": "length(jsonencode({a = null})[0.1 + 0.2])"}, "refused: Invalid index: This value does not have any indices. @29-40"],
  [{"expr": "{for k, v in toset([\"q\", \"p\"]) : jsonencode(v) => tostring(v)}.a[1]"}, "refused: Unsupported attribute: This object does not have an attribute named \"a\". @62-64"],
  [{"expr": "indent(2, \"a\\nb\").size"}, "refused: Unsupported attribute: Can't access attributes on a primitive-typed value (string). @17-22"],
  [{"expr": "[for k, v in var.ul : v if null][\"a\"][0]"}, "refused: Condition is null: The value of the 'if' clause must not be null. @27-31"],
  [{"expr": "zipmap(tolist([[1], [2, 3]]), [{a = 1}, {b = \"x\"}]).a"}, "refused: Invalid function argument: Invalid value for \"keys\" parameter: incorrect list element type: string required, but have list of number. @7-14"],
  [{"expr": "{for k, v in [true, false, true] : jsonencode(v) => [v]}"}, "refused: Duplicate object key: Two different items produced the key \"true\" in this 'for' expression. If duplicates are expected, use the ellipsis (...) after the value expression to enable grouping by key. @35-48"],
  [{"expr": "sort(tolist([]))[0 + 1]"}, "refused: Invalid index: The given key does not identify an element in this collection value. @16-23"],
  [{"expr": "{for k, v in [{n = \"a\", v = 1}, {n = \"a\", v = 2}, {n = \"b\", v = 3}] : jsonencode(v) => {k = k, v = v}}[\"1\"]"}, "refused: Invalid index: The given key does not identify an element in this collection value. @102-107"],
  [{"expr": "{for k, v in [null, \"a\"] : length(tostring(v)) > 1 ? \"long\" : \"short\" => v == null}[\"a\"][0]"}, "refused: Invalid function argument: Invalid value for \"value\" parameter: argument must not be null. @34-43"],
  [{"expr": "flatten(transpose({a = [\"x\"], b = null})[*])"}, "refused: Error in function call: Call to function \"transpose\" failed: input must not contain null list. @8-18"],
  [{"expr": "{for k, v in tomap({a = 1, b = 1}) : jsonencode(v) => v.v if k != 0}[\"a\"]"}, "refused: Unsupported attribute: Can't access attributes on a primitive-typed value (number). @55-57"],
  [{"expr": "try(jsonencode(\"1.5\"))"}, "string \"\\\"1.5\\\"\""],
  [{"expr": "<<-EOT\n  %{ for k, v in {} } x %{~ endfor }$${x}\n${ setproduct(toset([\"a\", \"b\"]), [1, 2]) ~}\n\nEOT\n"}, "refused: Invalid template interpolation value: Cannot include the given value in a string template: string required, but have set of tuple. @52-89"],
  [{"expr": "transpose({a = [1]}).1"}, "list of string [\"a\"]"],
  [{"expr": "indent(2, \"\")[*]"}, "tuple [\"\"]"],
  [{"expr": "\"%{~ for k, v in {} ~}$${x}${ index([[1, 2], [3]], \"\") } x %{ endfor ~} x ${~ transpose({a = \"x\"}) }$${x}a\""}, "refused: Invalid function argument: Invalid value for \"values\" parameter: element \"a\": list of string required, but have string. @88-89"],
  [{"expr": "flatten(regex(\"^a\", \"ﬁne straße\"))"}, "refused: Error in function call: Call to function \"regex\" failed: pattern did not match any part of the given string. @8-14"],
  [{"expr": "\"%{ for k, v in [\"a\", \"b\"] }%{~ for k, v in var.ul }${ \"x\" ~}$${x}${ join(\",\", [\"x\", \"x\", \"y\"]) ~}a${~ join(\"-\", [[\"a\"], []]) ~}%{ endfor } x %{ for k, v in toset([\"b\", \"a\", \"b\"]) }%{ endfor }%{ endfor } x ${ regex(\"\\\\s+\", \"1.5\") ~}\\na\""}, "refused: Error in function call: Call to function \"regex\" failed: pattern did not match any part of the given string. @209-215"],
  [{"expr": "length(jsonencode([1, \"a\"])[0 + 1])"}, "refused: Invalid index: This value does not have any indices. @27-34"],
  [{"expr": "trim(\"0x10\", \"a.b.c\")[length([1])]"}, "refused: Invalid index: This value does not have any indices. @21-34"],
  [{"expr": "flatten(transpose({a = \"x\"})[var.us])"}, "refused: Invalid function argument: Invalid value for \"values\" parameter: element \"a\": list of string required, but have string. @18-19"],
  [{"expr": "parseint(\"FF\", 62).size"}, "refused: Unsupported attribute: Can't access attributes on a primitive-typed value (number). @18-23"],
  [{"expr": "transpose(tomap({a = tolist([\"z\"])}))[2]"}, "refused: Invalid index: The given key does not identify an element in this collection value. @37-40"],
  [{"expr": "length(jsonencode([\"a\", \"b\"]).b)"}, "refused: Unsupported attribute: Can't access attributes on a primitive-typed value (string). @29-31"],
  [{"type": "list(any)", "default": "[]", "expr": "jsonencode({v = var.v})"}, "string \"{\\\"v\\\":[]}\""],
  [{"expr": "<<-EOT\n$${x}  b  ${ jsonencode([1, \"a\"]) }$${x}\nEOT\n"}, "string \"${x}  b  [1,\\\"a\\\"]${x}\\n\""],
  [{"expr": "flatten(transpose({a = [\"x\", \"y\"], b = [\"x\"]})[\"a\"])"}, "refused: Invalid index: The given key does not identify an element in this collection value. @46-51"],
  [{"expr": "\" x a${~ slice(var.ul, -1, -1) ~}a\""}, "refused: Invalid function argument: Invalid value for \"start_index\" parameter: start index must not be less than zero. @23-24"],
  [{"expr": "try(jsondecode(\"{\"), tobool(\"yes\"), [\"a\", \"b\"])[\" 1\"]"}, "refused: Invalid index: The given key does not identify an element in this collection value: a number is required. @47-53"],
  [{"expr": "jsonencode([null, 1]).1"}, "refused: Invalid index: This value does not have any indices. @21-23"],
  // found after the first held-out measurement: an unknown variable's collection or structure type
  // against a parameter's type; RangeFunc's zero step (compared with cty.Zero as a Go value)
  [{"expr": "concat(toset([1, 2]), var.ul)"}, "refused: Invalid function argument: Invalid value for \"seqs\" parameter: all arguments must be lists or tuples; got set of number. @7-13"],
  [{"expr": "flatten(join(\"\", var.uo).size)"}, "refused: Invalid function argument: Invalid value for \"lists\" parameter: incorrect list element type: string required, but have object. @17-23"],
  [{"expr": "join(\",\", var.uo[0].tags)"}, "refused: Invalid function argument: Invalid value for \"lists\" parameter: list of string required. @10-24"],
  [{"expr": "regex(\"a\", var.ul)"}, "refused: Invalid function argument: Invalid value for \"string\" parameter: string required, but have list of string. @11-17"],
  [{"expr": "upper(var.uo)"}, "refused: Invalid function argument: Invalid value for \"str\" parameter: string required, but have list of object. @6-12"],
  [{"expr": "abs(var.ul)"}, "refused: Invalid function argument: Invalid value for \"num\" parameter: number required, but have list of string. @4-10"],
  [{"expr": "sort(var.uo)"}, "refused: Invalid function argument: Invalid value for \"list\" parameter: incorrect list element type: string required, but have object. @5-11"],
  [{"expr": "compact(var.uo[0].tags)"}, "refused: Invalid function argument: Invalid value for \"list\" parameter: list of string required. @8-22"],
  [{"expr": "split(var.ul, \"a\")"}, "refused: Invalid function argument: Invalid value for \"separator\" parameter: string required, but have list of string. @6-12"],
  [{"expr": "zipmap(var.uo, [var.us])"}, "refused: Invalid function argument: Invalid value for \"keys\" parameter: incorrect list element type: string required, but have object. @7-13"],
  [{"expr": "format(var.ul)"}, "refused: Invalid function argument: Invalid value for \"format\" parameter: string required, but have list of string. @7-13"],
  [{"expr": "tobool(var.ul)"}, "refused: Invalid function argument: Invalid value for \"v\" parameter: cannot convert list of string to bool. @7-13"],
  [{"expr": "substr(var.uo, 0, 1)"}, "refused: Invalid function argument: Invalid value for \"str\" parameter: string required, but have list of object. @7-13"],
  [{"expr": "range(var.ul)"}, "refused: Invalid function argument: Invalid value for \"params\" parameter: number required, but have list of string. @6-12"],
  [{"expr": "range(4, 1e3, 0)"}, "refused: Error in function call: Call to function \"range\" failed: more than 1024 values were generated; either decrease the difference between start and end or use a smaller step. @0-6"],
  [{"expr": "range(1, 5, 0)"}, "refused: Error in function call: Call to function \"range\" failed: more than 1024 values were generated; either decrease the difference between start and end or use a smaller step. @0-6"],
  [{"expr": "range(5, 1, 0)"}, "refused: Invalid function argument: Invalid value for \"params\" parameter: end must be greater than start when step is positive. @9-10"],
  [{"expr": "range(5, 5, 0)"}, "list of number []"],
  [{"expr": "range(0, 3, -0)"}, "refused: Error in function call: Call to function \"range\" failed: more than 1024 values were generated; either decrease the difference between start and end or use a smaller step. @0-6"],
  [{"expr": "range(0, 3, 1 - 1)"}, "refused: Error in function call: Call to function \"range\" failed: more than 1024 values were generated; either decrease the difference between start and end or use a smaller step. @0-6"],
  [{"expr": "range(0, 3, length([]))"}, "refused: Error in function call: Call to function \"range\" failed: more than 1024 values were generated; either decrease the difference between start and end or use a smaller step. @0-6"],
  [{"expr": "range(3, 0, -0)"}, "refused: Invalid function argument: Invalid value for \"params\" parameter: end must be greater than start when step is positive. @9-10"],
];

for (const [c, want] of CASES) {
  test(`hunt35 ${JSON.stringify(c.type !== undefined ? c : c.expr)}`, () => {
    assert.equal(answer(c), want);
  });
}

// ConcatFunc's Type reads its arguments in order: a list not known before a set makes the result not
// known (no refusal), as the oracle gives it (these were so before too: a guard for the type reading above)
test('concat of a list not known, then a set: not known; a set first: refused', () => {
  assert.equal(answer({ expr: 'concat(var.ul, toset([1, 2])).c' }), 'unknown');
  assert.equal(answer({ expr: 'concat([1], var.ul, 1)' }), 'unknown');
  assert.equal(answer({ expr: 'concat(var.ul, var.ul)' }), 'unknown');
});

/** the value of a local `x` after `pre` */
function run(text: string) {
  const p = parseHcl(text);
  const scope = new Scope(p.body);
  scope.text = text;
  return evaluate(attrs(blocks(p.body, 'locals').at(-1)!.body).get('x')!.expr, scope);
}

test('jsondecode of n strings grows linearly, 20 000 vs 40 000', { timeout: 180_000 }, () => {
  const make = (n: number) => `locals {\n  x = jsondecode(${JSON.stringify(JSON.stringify(Array.from({ length: n }, (_, i) => `s${i}`)))})\n}\n`;
  const r = run(make(3));
  assert.deepEqual(r.kind === 'known' ? r.value : r.kind, ['s0', 's1', 's2']);
  const g = bestGrowth(make, run, 20_000, 3);
  assert.ok(g.ratio < 3, `${describeGrowth('jsondecode strings', 20_000, g)} (linear ~2, quadratic ~4)`);
});

test('regexall over a text of n matches grows linearly, 20 000 vs 40 000', { timeout: 180_000 }, () => {
  const make = (n: number) => `locals {\n  x = length(regexall("(a)(b)?", "${'ab'.repeat(n)}"))\n}\n`;
  const r = run(make(3));
  assert.equal(r.kind === 'known' ? r.value : r.kind, 3);
  const g = bestGrowth(make, run, 20_000, 3);
  assert.ok(g.ratio < 3, `${describeGrowth('regexall', 20_000, g)} (linear ~2, quadratic ~4)`);
});

test("'for' conditions nested in 'for' conditions are bounded: each level's first check counts as an element", { timeout: 180_000 }, () => {
  // each level's condition holds the next level: a first check and one element per level doubled the work per level
  const make = (n: number) => {
    let cond = 'true';
    for (let i = 0; i < n; i++) cond = `length([for a${i} in [1] : a${i} if ${cond}]) == 1`;
    return `locals {\n  x = ${cond}\n}\n`;
  };
  const r = run(make(3));
  assert.equal(r.kind === 'known' ? r.value : r.kind, true);
  const g = bestGrowth(make, run, 40, 3);
  assert.ok(g.ratio < 3, `${describeGrowth('nested for conditions', 40, g)} (linear ~2, exponential much more)`);
});

test('setproduct past 10 000 combinations is left unknown (go-cty has no bound)', () => {
  const r = run('locals {\n  x = setproduct(range(200), range(200))\n}\n');
  assert.equal(r.kind, 'unknown');
  assert.equal(refusal(r), undefined);
  const small = run('locals {\n  x = length(setproduct(range(100), range(100)))\n}\n');
  assert.equal(small.kind === 'known' ? small.value : small.kind, 10_000);
});
