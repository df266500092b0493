/**
 * `openstack server add volume SERVER VOLUME` as python-openstackclient 6.0.0 runs it
 * (AddServerVolume: argparse, then take_action on openstacksdk 0.101.0's compute proxy): the
 * volumeAttachment body it posts to /servers/{id}/os-volume_attachments and its microversion.
 * OSC's shell first checks --os-compute-api-version (or OS_COMPUTE_API_VERSION) as for any
 * command (clientMicroversion); the SDK fixes that microversion when its minor part is neither 0
 * nor latest; otherwise it negotiates VolumeAttachment's maximum (2.89) within the cloud's range,
 * and OSC's checks (--tag needs 2.49, --enable/--disable-delete-on-termination 2.79) ask the cloud.
 * Facts: openstackclient/compute/v2/server.py AddServerVolume, openstack/compute/v2/
 * volume_attachment.py, openstack/utils.py supports_microversion; labelled by
 * test/fixtures/osc-add-volume/label.py (OSC's and the SDK's own code).
 */
import type { Span } from '../../text/span';
import type { Place, Translation } from './translate';
import { clientMicroversion, outputRefusal, standInId } from './translate';
import type { Word } from './shell';
import { optionSpecs, parseArgs, type ParserSpec } from './argparse';

const PROG = 'openstack server add volume: error: ';
const TERMINATION = ['--enable-delete-on-termination', '--disable-delete-on-termination'];
/** AddServerVolume's parser: cliff's help and output options, then its own, in the order it adds them ('!': takes no value) */
const PARSER: ParserSpec = {
  prog: 'openstack server add volume',
  options: optionSpecs(['-h/--help!', '-f/--format', '-c/--column', '--noindent!', '--variable', '--prefix', '--max-width', '--fit-width!', '--print-empty!', '--device', '--tag', ...TERMINATION.map((t) => `${t}!`)]),
  exclusive: [TERMINATION],
  positionals: 2,
};
/** openstacksdk 0.101.0 VolumeAttachment._max_microversion */
export const ATTACH_SDK_MAX = '2.89';

const spanOf = (w: { start: number; end: number }): Span => ({ offset: w.start, length: Math.max(0, w.end - w.start) });

/** the lower of two 2.x microversions */
export function lowerMicroversion(a: string, b: string): string {
  const p = (s: string) => s.split('.').map(Number);
  const [x, y] = [p(a), p(b)];
  if (y.length !== 2 || y.some(Number.isNaN)) return a;
  return y[0] < x[0] || (y[0] === x[0] && y[1] < x[1]) ? b : a;
}

function atLeast(mv: string, minor: number): boolean {
  const [maj, min] = mv.split('.').map(Number);
  return maj > 2 || (maj === 2 && min >= minor);
}

class Refusal extends Error {
  constructor(readonly stage: 'osc-argparse' | 'osc', message: string, readonly span: Span) {
    super(message);
  }
}

/** an option as argparse gave it; `empty`: its value is an empty list (argparse.ts) */
interface Given { name: Word; value: Word | null; empty?: boolean }
interface Parsed { positionals: Word[]; opts: Map<string, Given> }

/** argparse on the words after `server add volume` (argparse.ts) */
function parse(words: Word[], head: Span): Parsed {
  const opts = new Map<string, Given>();
  const { positionals, extras } = parseArgs(words, PARSER, (t) => {
    // cliff's help: argparse prints it and exits (the openstack shell takes -h/--help itself first)
    if (t.name === '--help') throw new Refusal('osc-argparse', `${t.nameWord.value} is -h/--help of openstack server add volume: it prints its help and sends nothing`, spanOf(t.word));
    const output = t.value && !t.empty && outputRefusal(t.name, t.value.value);
    if (output) throw new Refusal('osc-argparse', `${PROG}${output}`, spanOf(t.value!));
    opts.set(t.name, { name: t.nameWord, value: t.value, empty: t.empty });
  }, (message, span) => { throw new Refusal('osc-argparse', message, span); });
  const missing = ['<server>', '<volume>'].slice(positionals.length);
  if (missing.length) throw new Refusal('osc-argparse', `${PROG}the following arguments are required: ${missing.join(', ')}`, head);
  if (extras.length) throw new Refusal('osc-argparse', `${PROG}unrecognized arguments: ${extras.map((w) => w.value).join(' ')}`, spanOf(extras[0]));
  return { positionals, opts };
}

/** the device OSC passes on: the value, an empty list as it is (a value `--`), or null */
const deviceOf = (o: Given | undefined): unknown => (o?.empty ? [] : o?.value?.value ?? null);

/**
 * Translate the words after `server add volume`. `given` is the microversion the command sets
 * (--os-compute-api-version or OS_COMPUTE_API_VERSION), null when none; `cloudMax` the cloud's maximum.
 */
export function translateAddVolume(words: Word[], given: string | null, cloudMax: string, head: Span): Translation {
  const places = new Map<string, Place>();
  // the shell checks the version (default 2.1) before any command is read
  const client = clientMicroversion(given ?? '2.1');
  if ('error' in client) return { microversion: given ?? lowerMicroversion(ATTACH_SDK_MAX, cloudMax), body: null, error: { stage: 'osc-client', message: client.error, span: head }, places, resolved: [], imageRef: null };
  // the SDK fixes a version whose minor part is not 0 (2, 2.0: none); X.latest means the highest
  // both sides support, as when none is fixed (cloud_region _get_implied_microversion, utils.supports_microversion)
  const fixed = given !== null && /^\d+\.(?!0$)\d+$/.test(given) ? given : null;
  const microversion = fixed ?? lowerMicroversion(ATTACH_SDK_MAX, cloudMax);
  // without a fixed microversion, OSC's checks ask whether the cloud supports it
  const checkAt = fixed ?? cloudMax;
  try {
    const { positionals, opts } = parse(words, head);
    const vol = positionals[1];
    const body: Record<string, unknown> = { volumeId: standInId('volume', vol.value), device: deviceOf(opts.get('--device')) };
    const L = ['volumeAttachment'];
    const put = (key: string, o: { name: Word; value: Word | null }) => places.set(JSON.stringify([...L, key]), { key: spanOf(o.name), value: spanOf(o.value ?? o.name), whole: { offset: o.name.start, length: (o.value ?? o.name).end - o.name.start } });
    places.set(JSON.stringify([]), { whole: head });
    places.set(JSON.stringify(L), { whole: head });
    places.set(JSON.stringify([...L, 'volumeId']), { key: spanOf(vol), value: spanOf(vol), whole: spanOf(vol) });
    if (opts.get('--device')) put('device', opts.get('--device')!);
    const tag = opts.get('--tag');
    // an empty list (a value `--`) is false to OSC's test, as an empty tag is
    if (tag?.value?.value && !tag.empty) {
      if (!atLeast(checkAt, 49)) throw new Refusal('osc', '--os-compute-api-version 2.49 or greater is required to support the --tag option', spanOf(tag.name));
      body.tag = tag.value.value;
      put('tag', tag);
    }
    for (const flag of TERMINATION) {
      const o = opts.get(flag);
      if (!o) continue;
      if (!atLeast(checkAt, 79)) throw new Refusal('osc', `--os-compute-api-version 2.79 or greater is required to support the ${flag} option.`, spanOf(o.name));
      body.delete_on_termination = flag === TERMINATION[0];
      put('delete_on_termination', o);
    }
    return { microversion, body: { volumeAttachment: body }, error: null, places, resolved: [{ path: [...L, 'volumeId'], kind: 'volume', name: vol.value }], imageRef: null };
  } catch (e) {
    if (!(e instanceof Refusal)) throw e;
    return { microversion, body: null, error: { stage: e.stage, message: e.message, span: e.span }, places, resolved: [], imageRef: null };
  }
}
