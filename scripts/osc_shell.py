"""The step of the real `openstack` shell that the osc-oracle (and the add-volume labeller) skip:
before any command runs, OSC 6.0.0's shell (_load_plugins) calls the compute plugin's own
check_api_version on --os-compute-api-version / OS_COMPUTE_API_VERSION (default 2.1); it refuses
a badly formed version, a major other than 2, and a version above novaclient's maximum; and
make_client turns an X.latest version into novaclient's maximum. This runs that code (for
labelling fixtures only; never a runtime dependency).

shell_version(text) -> (error, version): error is "Type: message" when the shell refuses,
else version is the text the compute client is built with.
"""


def shell_version(text):
    import novaclient
    from openstackclient.compute import client
    try:
        client.check_api_version(text)
    except Exception as e:  # noqa: the shell prints any refusal and stops
        return '%s: %s' % (type(e).__name__, e), None
    if client._compute_api_version.is_latest():
        return None, novaclient.API_MAX_VERSION.get_string()
    return None, text


def with_version(argv, version):
    """argv with the --os-compute-api-version value replaced by version"""
    out = list(argv)
    for i, a in enumerate(out):
        if a == '--os-compute-api-version' and i + 1 < len(out):
            out[i + 1] = version
        elif a.startswith('--os-compute-api-version='):
            out[i] = '--os-compute-api-version=' + version
    return out


def shell_split(argv, command=('server', 'create'), unknown=False):
    """The real shell's own parser (OpenStackShell().parser.parse_known_args, as cliff's App.run
    calls it) on the words after `openstack` (with the environment of any `NAME=value` words
    before it, from which its options take their defaults): (refusal, version, rest). refusal is its argparse
    error ("openstack: error: ..."); else version is --os-compute-api-version (None when not
    given) and rest the words it leaves for the command, in order. None when the words ask for
    help or the version (the shell prints them), or leave no `command` (`server create`, or
    `server add volume` for the add-volume labeller) first: the caller then reads the words as before.
    With unknown=True, words the parser reads whole that leave something else first (`--os-compute-
    api-version 2 67 server create`: `67 server create`) give (None, version, rest) too, so the
    caller can tell cliff's unknown command from a help request."""
    import contextlib
    import io
    import os
    import re
    from openstackclient import shell
    # `NAME=value openstack ...`: the shell's options take their defaults from the environment
    env = {}
    while argv and re.match(r'^[A-Za-z_][A-Za-z0-9_]*=', argv[0]):
        k, _, v = argv[0].partition('=')
        env[k] = v
        argv = argv[1:]
    if not argv or not argv[0].endswith('openstack'):
        return None
    saved = dict(os.environ)
    os.environ.update(env)
    try:
        parser = shell.OpenStackShell().parser
    finally:
        os.environ.clear()
        os.environ.update(saved)
    parser.prog = 'openstack'
    err = io.StringIO()
    try:
        with contextlib.redirect_stderr(err), contextlib.redirect_stdout(io.StringIO()):
            options, rest = parser.parse_known_args(argv[1:])
    except SystemExit as e:
        lines = err.getvalue().strip().splitlines()
        if e.code and lines:
            return lines[-1], None, None
        return None
    if getattr(options, 'help', False) or getattr(options, 'deferred_help', False):
        return None
    if rest[:len(command)] != list(command) and not (unknown and rest):
        return None
    return None, options.os_compute_api_version, rest


def run_create(osc_oracle, argv):
    """osc_oracle.run(argv) behind the real shell's parser and its version check: the shell takes
    its own options wherever they stand (shortened too) and refuses an ambiguous start, which the
    oracle's own reading of the words before `server create` does not"""
    split = shell_split(argv, unknown=True)
    if split is not None:
        refusal, mv, rest = split
        if refusal:
            return {'microversion': None, 'stage': 'osc-argparse', 'error': refusal}
        mv = mv or '2.1'
        error, version = shell_version(mv)
        if error:
            return {'microversion': mv, 'stage': 'osc-client', 'error': error}
        if rest[:2] != ['server', 'create']:
            # the shell's own options took words up to one that is none of them (a version word
            # that split in two): past the version check (initialize_app), cliff finds no command
            # named by what is left and runs none (openstackclient.shell.main prints "'…' is not
            # a … command" and returns 2)
            return {'microversion': mv, 'stage': 'cliff', 'error': 'unknown command: %s' % ' '.join(rest)}
        return osc_oracle.run(['openstack', '--os-compute-api-version', version] + rest)
    mv, _ = osc_oracle.split_argv(argv)
    error, version = shell_version(mv)
    if error:
        return {'microversion': mv, 'stage': 'osc-client', 'error': error}
    return osc_oracle.run(with_version(argv, version) if version != mv else argv)
