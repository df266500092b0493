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


def run_create(osc_oracle, argv):
    """osc_oracle.run(argv) behind the shell's version check"""
    mv, _ = osc_oracle.split_argv(argv)
    error, version = shell_version(mv)
    if error:
        return {'microversion': mv, 'stage': 'osc-client', 'error': error}
    return osc_oracle.run(with_version(argv, version) if version != mv else argv)
