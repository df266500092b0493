/**
 * What bdm-lab writes for the Go stack trace that ends the words of a Terraform function that panics
 * (go-cty function.Call recovers the panic as an error and appends the goroutine's stack, which names
 * the build's source files and addresses: no two builds print it alike).
 */
export const GO_STACK = '[the Go stack trace of the panic]';
