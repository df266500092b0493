/**
 * What nova-compute's wrappers of `attach_volume` / `detach_volume` record when an exception
 * leaves them, per release (nova/compute/manager.py decorators, nova/compute/utils.py
 * `exception_to_dict` and `_get_fault_details`, nova/exception_wrapper.py):
 * - the instance fault (`wrap_instance_fault`): a Nova exception gives its format_message; an
 *   exception from elsewhere (cinderclient's ClientException, libvirt's libvirtError, os-brick's
 *   exceptions, oslo.concurrency's ProcessExecutionError, Python's KeyError: none has
 *   format_message) gives its class name from 20.0.0 and the stable backports 19.0.2, 18.2.2 and
 *   17.0.12 (commit 298b337a, "Replace non-nova server fault message"), str() of it before; its
 *   code is `kwargs['code']` when the exception has kwargs (os-brick's do: 500, 400 for its
 *   Invalid family), else 500; the details are the traceback only for code 500;
 * - the instance action event `compute_<method>` (`wrap_instance_event(prefix='compute')` on
 *   both methods from 17.0.0; none before);
 * - `wrap_exception`'s error notification: the versioned `compute.exception` from 15.0.0; before,
 *   only the legacy one, whose event type is the method's name.
 */
import { atLeast } from '../engine/novaRelease';
import { releaseMajors } from '../../libvirt/release';
import type { SimError } from '../engine/run';
import type { World } from '../engine/world';

/**
 * The Nova release the run follows (2014.2 = 10, 2015.1 = 11); without host.nova_release, the
 * end of the profile's span (libvirt/release.ts: modern's has none, so every rule of a later
 * release holds).
 */
function release(w: World): { major: number; minor: number; patch: number } {
  return w.novaRelease ?? { major: releaseMajors(w.profile).max, minor: 0, patch: 0 };
}

/** Whether `exception_to_dict` names a non-Nova exception by its class (else str() of it). */
export function faultNamesClass(w: World): boolean {
  const r = release(w);
  const v = { text: '', ...r };
  if (r.major >= 20) return true;
  if (r.major === 19) return atLeast(v, 19, 0, 2);
  if (r.major === 18) return atLeast(v, 18, 2, 2);
  if (r.major === 17) return atLeast(v, 17, 0, 12);
  return false;
}

/** The action event and the error notification of the wrappers, per release. */
function eventAndNotification(w: World, method: 'attach_volume' | 'detach_volume'): string {
  const r = release(w);
  const event = r.major >= 17 ? `instance action event compute_${method}: Error` : `no instance action event (wrap_instance_event on ${method} from Nova 17)`;
  const notification = r.major >= 15 ? 'notification compute.exception' : `legacy error notification ${method}`;
  return `${event}; ${notification}`;
}

/** The timeline line of the wrappers for a Nova exception (its format_message is the fault's message). */
export function novaExceptionFault(w: World, err: SimError, method: 'attach_volume' | 'detach_volume'): string {
  return `instance fault recorded: ${err.kind}: ${err.message}; ${eventAndNotification(w, method)}`;
}

/**
 * The timeline line of the wrappers for a non-Nova exception (a Cinder client error, a
 * libvirtError, an os-brick exception) leaving `method`: the fault's message and code, the
 * action event (17.0.0 on), the error notification.
 */
export function clientErrorFault(w: World, err: SimError, method: 'attach_volume' | 'detach_volume'): string {
  const facts = exceptionFacts(w, err);
  const str = pyStr(err);
  const message = faultNamesClass(w) ? err.kind : str;
  const details = facts.code === 500 ? `details the traceback of ${err.kind}: ${str}` : 'no details (only code 500 keeps the traceback)';
  return `instance fault recorded: message "${message.slice(0, 255)}", code ${facts.code}, ${details}; ${eventAndNotification(w, method)}`;
}

/**
 * The wrappers' line for any exception leaving `method`: a Nova exception's format_message, or a
 * non-Nova exception the release's way (`clientErrorFault`).
 */
export function exceptionFault(w: World, err: SimError, method: 'attach_volume' | 'detach_volume'): string {
  return exceptionFacts(w, err).nova ? novaExceptionFault(w, err, method) : clientErrorFault(w, err, method);
}

/**
 * os-brick's exceptions (os_brick/exception.py, Nova 12.0.0 on): BrickException and the
 * subclasses the simulator raises, all code 500. A plain `Exception` subclass with kwargs.
 */
const OS_BRICK = new Set(['BrickException', 'VolumeDeviceNotFound', 'VolumePathsNotFound', 'TargetPortalNotFound', 'TargetPortalsNotFound', 'FailedISCSITargetPortalLogin', 'NoFibreChannelHostsFound', 'NoFibreChannelVolumeDeviceFound']);
/** Exceptions of other libraries and Python's own: no format_message, no kwargs (code 500). */
const FOREIGN = new Set(['ClientException', 'libvirtError', 'ProcessExecutionError', 'KeyError', 'TypeError', 'Exception']);

/**
 * What `exception_to_dict` finds on an exception: whether it is Nova's (format_message) and its
 * code. `VolumeEncryptionNotSupported` is os-brick's (an Invalid, code 400) from Nova 16.0.0,
 * whose libvirt driver takes its encryptors from os_brick.encryptors; Nova's own (also code 400)
 * before.
 */
export function exceptionFacts(w: World, err: SimError): { nova: boolean; code: number } {
  if (err.kind === 'VolumeEncryptionNotSupported') return { nova: release(w).major < 16, code: 400 };
  if (OS_BRICK.has(err.kind) || FOREIGN.has(err.kind)) return { nova: false, code: 500 };
  return { nova: true, code: err.httpStatus ?? 500 };
}

/** str() of the exception: KeyError's is the repr of its key, which the simulator's text ends with. */
function pyStr(err: SimError): string {
  if (err.kind !== 'KeyError') return err.message;
  const m = /KeyError: ('[^']*')$/.exec(err.message);
  return m ? m[1]! : err.message;
}

/**
 * The versioned `instance.volume_attach.start/end/error` notifications of compute/manager.py
 * `_attach_volume` (`compute_utils.notify_about_volume_attach_detach`): from 16.0.0. Before,
 * only the legacy `volume.attach` of a successful attach.
 */
export function versionedAttachNotifications(w: World): boolean {
  return release(w).major >= 16;
}
