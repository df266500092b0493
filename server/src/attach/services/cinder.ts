/**
 * Cinder as Nova talks to it: attachments (3.44) and the legacy volume actions, with the
 * volume/attachment status machine of attach-flow.md a.1-a.3 and g. REST calls are logged
 * the way cinderclient logs them in nova-compute ("REQ: curl …"); the token is a secret.
 * Effects land when the call returns, i.e. at the end of the step's duration.
 */
import type { Connector } from '../backends/connector';
import { initializeConnection, updateLatencyMs, validateConnector, withCommonKeys } from './cinderConnection';
import { SimError, type Run } from '../engine/run';
import { acquire, sleep, type Flow } from '../engine/scheduler';
import { T } from '../engine/timings';
import { atLeast } from '../engine/novaRelease';
import type { AttachmentRow, VolumeState, World } from '../engine/world';
import { tokenFrom } from '../engine/world';

export function authToken(w: World): string {
  return `gAAAAAB${tokenFrom(`token:${w.lab.name}`, 40)}`;
}

function baseUrl(w: World): string {
  const project = tokenFrom(`project:${w.lab.name}`, 32).toLowerCase();
  return `http://controller:8776/${w.facts.newFlow ? 'v3' : 'v2'}/${project}`;
}

/** A cinderclient request line; the body is shown as the client sends it. */
export function restLine(run: Run, method: string, path: string, microversion: string | null, body?: unknown): string {
  const w = run.world;
  const token = authToken(w);
  run.secret(token);
  const headers = [
    ...(microversion ? [`-H "OpenStack-API-Version: volume ${microversion}"`] : []),
    '-H "User-Agent: python-cinderclient"',
    ...(body !== undefined ? ['-H "Content-Type: application/json"'] : []),
    '-H "Accept: application/json"',
    `-H "X-Auth-Token: ${token}"`,
  ];
  const data = body !== undefined ? ` -d '${JSON.stringify(body)}'` : '';
  return `REQ: curl -g -i -X ${method} ${baseUrl(w)}${path} ${headers.join(' ')}${data}`;
}

/** One REST call: the request line, then its latency. */
export function* rest(run: Run, actor: string, method: string, path: string, mv: string | null, body?: unknown, ms = T.rest): Flow {
  yield* run.step(actor, restLine(run, method, path, mv, body), ms);
}

/** str() of cinderclient's ClientException: the server's message, then ` (HTTP <code>) (Request-ID: <id>)`. */
export function clientExceptionStr(e: SimError, requestId: string): string {
  return `${e.message} (HTTP ${e.httpStatus ?? 500}) (Request-ID: ${requestId})`;
}

/**
 * A Cinder error as nova-compute holds it: its message is already the str() Nova logs
 * (cinderclient's "… (HTTP <code>) (Request-ID: …)", or Nova's InvalidInput), so a log line
 * takes it as it is.
 */
export class NovaSideError extends SimError {}

/** Nova's translation of a Cinder client error (nova/volume/cinder.py). */
export function novaError(e: SimError, requestId: string): SimError {
  const code = e.httpStatus ?? 500;
  if (code === 400) return new NovaSideError(`Invalid input received: ${clientExceptionStr(e, requestId)}`, 400, 'InvalidInput');
  return new NovaSideError(clientExceptionStr(e, requestId), code, 'ClientException');
}

/**
 * finish_detach / attachment_delete (cinder/db/api.py `volume_detached`,
 * `_get_statuses_from_attachments`): the remaining attachments that are not `error_*`, sorted
 * by attach_status, give the first one; the volume's attach_status is that value and its status
 * the same word, except attached -> in-use and none (detached) -> available.
 */
function recomputeStatus(w: World, vol: VolumeState): void {
  const live = vol.attachments.map((a) => a.attach_status as string).filter((s) => !s.startsWith('error_')).sort();
  const attachStatus = live[0] ?? 'detached';
  const status = attachStatus === 'attached' ? 'in-use' : attachStatus === 'detached' ? 'available' : attachStatus;
  w.setStatus(vol, status, attachStatus);
}

// ---- new-style attachments (microversion 3.44) -------------------------------------------

export function* attachmentCreate(run: Run, actor: string, vol: VolumeState, instanceUuid: string): Flow<AttachmentRow> {
  const w = run.world;
  yield* rest(run, actor, 'POST', '/attachments', '3.44', { attachment: { instance_uuid: instanceUuid, connector: null, volume_uuid: vol.id } });
  if (vol.status.includes('error')) {
    throw new SimError(`Invalid volume: Volume attachments can not be created if the volume is in an error state. The Volume ${vol.id} currently has a status of: ${vol.status} `, 400, 'InvalidVolume');
  }
  // _attachment_reserve: a conditional update to reserved; when it fails, an attachment of the
  // same instance still allows the reservation (instance migration, LP 1694530), status unchanged.
  const expected = vol.multiattach ? ['available', 'in-use', 'downloading'] : ['available', 'downloading'];
  const reserved = expected.includes(vol.status);
  if (!reserved) {
    const sameInstance = (vol.status === 'in-use' || vol.status === 'reserved') && vol.attachments.some((a) => a.instance_uuid === instanceUuid);
    if (!sameInstance) throw new SimError(`Invalid volume: Volume ${vol.id} status must be ${expected.join(' or ')} to reserve, but the current status is ${vol.status}.`, 400, 'InvalidVolume');
  }
  const att: AttachmentRow = { id: w.id('attachment'), instance_uuid: instanceUuid, attach_status: 'reserved', connector: null, has_connection_info: false, mountpoint: null, attach_mode: vol.lab.readonly ? 'ro' : 'null' };
  vol.attachments.push(att);
  if (reserved) {
    w.setStatus(vol, 'reserved');
    run.note('cinder-api', `RESP: [200] attachment ${att.id} created, attach_status reserved; volume ${vol.id} status reserved`);
  } else {
    run.note('cinder-api', `RESP: [200] attachment ${att.id} created, attach_status reserved; volume ${vol.id} stays ${vol.status} (instance ${instanceUuid} already has an attachment: the reservation is allowed)`);
  }
  return att;
}

/** Cinder's HTTP answer to a failed attachment update, per release (a.1 C6). */
function updateHttpError(w: World, e: SimError): SimError {
  const invalid = e.kind === 'InvalidInput' || e.kind === 'InvalidVolume' || e.kind === 'ResourceConflict';
  if (w.facts.cinderKeepsCodes) {
    if (invalid) return new SimError(e.message, e.httpStatus ?? 400, e.kind);
    return new SimError(`Unable to update attachment (${e.message}).`, 500, 'computeFault');
  }
  return new SimError(`Unable to update attachment.(${e.message}).`, 500, 'computeFault');
}

/** PUT /attachments/{id}: export, initialize_connection, attachment and volume -> attaching. */
export function* attachmentUpdate(run: Run, vol: VolumeState, att: AttachmentRow, connector: Connector): Flow<Record<string, unknown>> {
  const w = run.world;
  run.note('nova-compute', `DEBUG Updating existing volume attachment record: ${att.id}`);
  const attempts = w.facts.updateAttempts;
  let last: SimError | null = null;
  for (let attempt = 1; attempt <= attempts; attempt++) {
    const reqId = w.requestId();
    const req = run.note('nova-compute', restLine(run, 'PUT', `/attachments/${att.id}`, '3.44', { attachment: { connector } }));
    const started = run.now;
    const lock = `attachment_update-${vol.id}-${String(connector.host)}`;
    yield* acquire(lock);
    try {
      const refused = attachmentUpdateChecks(w, vol);
      if (refused) {
        // cinder-api answers without calling cinder-volume: one REST round trip
        yield* sleep(T.rest);
        throw refused;
      }
      const answer = yield* cinderVolumeUpdate(run, vol, att, connector, reqId);
      run.close(req, started);
      run.note('cinder-api', `RESP: [200] attachment ${att.id} attach_status attaching; volume ${vol.id} status attaching`);
      return answer;
    } catch (err) {
      if (!(err instanceof SimError)) throw err;
      run.close(req, started);
      const http = updateHttpError(w, err);
      run.error('cinder-api', `RESP: [${http.httpStatus}] ${http.message}`);
      last = novaError(http, reqId);
      // nova/volume/cinder.py attachment_update logs inside the retried call: one ERROR per
      // attempt, with str() of cinderclient's exception ("<message> (HTTP <code>) (Request-ID: …)").
      run.error('nova-compute', `ERROR Update attachment failed for attachment ${att.id}. Error: ${clientExceptionStr(http, reqId)} Code: ${http.httpStatus ?? 500}`);
      const retriable = http.httpStatus === 500 || http.httpStatus === 504;
      if (!retriable || attempt === attempts) break;
      run.warn('nova-compute', `attachment_update answered ${http.httpStatus}: retrying (attempt ${attempt + 1} of ${attempts}, no delay)`);
    } finally {
      w.sched.release(lock);
    }
  }
  throw last!;
}

/**
 * cinder-api's checks before the RPC (cinder/volume/api.py `attachment_update`): a volume in an
 * error state, and a non-multiattach volume with several attachments of which any already has
 * connection_info (whatever its host): ResourceConflict (409 from Cinder 27), InvalidVolume before.
 */
function attachmentUpdateChecks(w: World, vol: VolumeState): SimError | null {
  const conflict = (reason: string): SimError => w.facts.cinderKeepsCodes
    ? new SimError(`Resource conflict: ${reason}`, 409, 'ResourceConflict')
    : new SimError(`Invalid volume: ${reason}`, 400, 'InvalidVolume');
  if (vol.status.includes('error')) {
    return conflict(`Volume attachments can not be updated if the volume is in an error state. The Volume ${vol.id} currently has a status of: ${vol.status} `);
  }
  if (vol.attachments.length > 1 && !vol.multiattach && vol.attachments.some((a) => a.has_connection_info)) {
    return conflict(`duplicate connectors detected on volume ${vol.id}`);
  }
  return null;
}

/** cinder-volume's attachment_update (RPC call from cinder-api). */
function* cinderVolumeUpdate(run: Run, vol: VolumeState, att: AttachmentRow, connector: Connector, reqId: string): Flow<Record<string, unknown>> {
  const w = run.world;
  run.note('cinder-volume', 'notification volume.attach.start');
  try {
    validateConnector(run, vol, connector);
  } catch (e) {
    yield* sleep(T.rest);
    throw e;
  }
  const latency = updateLatencyMs(vol);
  let answer;
  try {
    answer = initializeConnection(run, w, vol, connector);
  } catch (e) {
    yield* sleep(latency);
    if (e instanceof SimError && e.kind === 'VolumeBackendAPIException') {
      run.note('cinder-volume', 'remove_export');
      vol.exported = null;
    }
    throw e;
  }
  yield* sleep(latency);
  const data = withCommonKeys(run.world, vol, answer.data);
  Object.assign(data, answer.topLevel);
  if (w.facts.enforceMultipathKey) data.enforce_multipath = connector.enforce_multipath === true;
  att.attach_status = 'attaching';
  att.connector = connector;
  if (!vol.backend.driverInitialized) driverNotInitializedOnUpdate(run, vol, att, reqId);
  att.has_connection_info = true;
  att.mountpoint = typeof connector.mountpoint === 'string' ? connector.mountpoint : 'na';
  if (att.attach_mode === 'null') att.attach_mode = 'rw';
  w.setStatus(vol, 'attaching', 'attaching');
  run.note('cinder-volume', 'INFO attachment_update completed successfully.');
  // Nova's _translate_attachment_ref: data without driver_volume_type/attachment_id, then the envelope.
  const ci: Record<string, unknown> = {
    driver_volume_type: answer.driverVolumeType,
    data,
    status: 'reserved',
    instance: att.instance_uuid,
    attached_at: '',
    detached_at: '',
    volume_id: vol.id,
    serial: vol.id,
  };
  if (vol.multiattach) ci.multiattach = true;
  return ci;
}

/** The class name `require_driver_initialized` logs: the first word of the lab host's `driver` text. */
function driverClassName(vol: VolumeState): string {
  return /^[A-Za-z_][A-Za-z0-9_]*/.exec(vol.backend.driver)?.[0] ?? 'VolumeDriver';
}

/** What cinder-volume logs when `volume_utils.require_driver_initialized` refuses, and the RPC server's own line. */
function driverNotInitialized(run: Run, vol: VolumeState): SimError {
  run.error('cinder-volume', `ERROR Volume driver ${driverClassName(vol)} not initialized`);
  return new SimError('Volume driver not ready.', 500, 'DriverNotInitialized');
}

/**
 * cinder/volume/manager.py `attachment_update` (the same from Cinder 12.0.0 to 27.0.0):
 * `_connection_create` has already run the driver's validate_connector, create_export and
 * initialize_connection and written the row `attaching` with the connector; only then does
 * `require_driver_initialized` raise DriverNotInitialized. Its handler records a user message
 * (action UPDATE_ATTACHMENT 004, detail DRIVER_NOT_INITIALIZED 002) and sets the row
 * `error_attaching`; `volume_attached` is never reached, so the volume keeps the status the
 * reservation gave it (`reserved`, attach_status `detached`) and the export stays.
 */
function driverNotInitializedOnUpdate(run: Run, vol: VolumeState, att: AttachmentRow, reqId: string): never {
  run.note('cinder-volume', `DEBUG Connection info returned from driver; attachment ${att.id} attach_status attaching, connector saved (_connection_create)`);
  const err = driverNotInitialized(run, vol);
  run.note('cinder-volume', `INFO Creating message record for request_id = ${reqId}`);
  run.note('cinder-volume', `user message VOLUME_VOLUME_004_002 on volume ${vol.id}: "update attachment: Driver is not initialized at present."`);
  att.attach_status = 'error_attaching';
  run.error('cinder-volume', `attachment ${att.id} attach_status error_attaching; volume ${vol.id} stays ${vol.status} (attach_status ${vol.attach_status}); export kept`);
  run.error('cinder-volume', 'ERROR oslo_messaging.rpc.server Exception during message handling: cinder.exception.DriverNotInitialized: Volume driver not ready.');
  throw err;
}

/**
 * DELETE /attachments/{id} of a row past `reserved` while the driver is not initialized:
 * cinder/volume/api.py `attachment_delete` makes an RPC call, and manager.py
 * `attachment_delete` begins with `require_driver_initialized`; nothing in cinder-api catches
 * it, so the FaultWrapper answers a bare 500 (DriverNotInitialized is not `safe`), before
 * `finish_detach`: the row and the volume stay as they are. Nova's `attachment_delete` logs
 * each failure and retries on 500 (`deleteAttempts`), then raises cinderclient's ClientException.
 */
function* attachmentDeleteDriverDown(run: Run, actor: string, vol: VolumeState, att: AttachmentRow): Flow<never> {
  return yield* attachmentDelete500(run, actor, vol, att, () => {
    driverNotInitialized(run, vol);
    run.error('cinder-volume', 'ERROR oslo_messaging.rpc.server Exception during message handling: cinder.exception.DriverNotInitialized: Volume driver not ready.');
    run.error('cinder-api', "ERROR Caught error: <class 'cinder.exception.DriverNotInitialized_Remote'> Volume driver not ready.");
  });
}

/**
 * DELETE /attachments/{id} when the backend's driver `terminate_connection` raises (lab
 * `terminate_connection_error`): cinder/volume/manager.py `attachment_delete` ->
 * `_connection_terminate` logs "Terminate volume connection failed: <err>" and raises
 * VolumeBackendAPIException before anything of the attachment changes; cinder-api's FaultWrapper
 * answers a bare 500 (the exception is not `safe`); Nova's `attachment_delete` as for any 500.
 */
function* attachmentDeleteTerminateFails(run: Run, actor: string, vol: VolumeState, att: AttachmentRow, words: string): Flow<never> {
  return yield* attachmentDelete500(run, actor, vol, att, () => {
    const data = terminateConnectionFailed(run, words);
    const exc = `Bad or unexpected response from the storage volume backend API: ${data}`;
    run.error('cinder-volume', `ERROR oslo_messaging.rpc.server Exception during message handling: cinder.exception.VolumeBackendAPIException: ${exc}`);
    run.error('cinder-api', `ERROR Caught error: <class 'cinder.exception.VolumeBackendAPIException_Remote'> ${exc}`);
  });
}

/**
 * An attachment DELETE that cinder-api answers with a bare 500 on every attempt (`cinderSide`
 * logs why): Nova's `attachment_delete` logs each failure ("Delete attachment failed …") and
 * retries on 500 (`deleteAttempts`: 5 from Nova 25.0.0 and 24.2.0), then raises cinderclient's
 * ClientException (its str carries "(HTTP 500) (Request-ID: …)" of the last attempt).
 */
function* attachmentDelete500(run: Run, actor: string, vol: VolumeState, att: AttachmentRow, cinderSide: () => void): Flow<never> {
  const w = run.world;
  const bare = 'The server has either erred or is incapable of performing the requested operation.';
  let last: SimError | null = null;
  for (let attempt = 1; attempt <= w.facts.deleteAttempts; attempt++) {
    const reqId = w.requestId();
    yield* rest(run, actor, 'DELETE', `/attachments/${att.id}`, '3.44');
    cinderSide();
    run.error('cinder-api', `RESP: [500] {"computeFault": {"code": 500, "message": "${bare}"}}`);
    last = new NovaSideError(clientExceptionStr(new SimError(bare, 500), reqId), 500, 'ClientException');
    run.error(actor, `ERROR Delete attachment failed for attachment ${att.id}. Error: ${last.message} Code: 500`);
    if (attempt < w.facts.deleteAttempts) run.warn(actor, `attachment_delete answered 500: retrying (attempt ${attempt + 1} of ${w.facts.deleteAttempts}, no delay)`);
  }
  run.error('cinder-api', `attachment ${att.id} kept (${att.attach_status}); volume ${vol.id} stays ${vol.status} (attach_status ${vol.attach_status})`);
  throw last!;
}

/**
 * The words the backend's driver `terminate_connection` raises with (lab
 * `terminate_connection_error`), or null when it answers. Every flow that reaches the driver
 * replays it: the boot's cleanup, the hot attach's rollback and the detach.
 */
function terminateFails(vol: VolumeState): string | null {
  return vol.backend.terminateConnectionError;
}

/**
 * cinder-volume's log line when the driver's `terminate_connection` raises (manager.py
 * `terminate_connection` / `_connection_terminate`): "Unable to terminate volume connection:
 * <err>" in 2014.2/2015.1 (kilo_prefix), "Terminate volume connection failed: <err>" from 7.0.0.
 * Returns the VolumeBackendAPIException's data.
 */
function terminateConnectionFailed(run: Run, words: string): string {
  const data = `${run.world.profile === 'kilo_prefix' ? 'Unable to terminate volume connection' : 'Terminate volume connection failed'}: ${words}`;
  run.error('cinder-volume', `ERROR ${data}`);
  return data;
}

/**
 * POST /attachments/{id}/action os-complete (cinder/api/v3/attachments.py `complete`, all in
 * cinder-api: no cinder-volume, no driver). With the lab volume's `attachment_complete_error`,
 * the attachment's save raises a database error: cinder-api's FaultWrapper logs "Caught error"
 * and answers a bare 500 (the error is not `safe`), before anything changes (the attachment and
 * the volume stay `attaching`). nova/volume/cinder.py `attachment_complete` (17.0.0-33.0.0, never
 * retried) logs "Complete attachment failed …" and raises cinderclient's ClientException.
 */
export function* attachmentComplete(run: Run, vol: VolumeState, att: AttachmentRow): Flow {
  const w = run.world;
  const failure = vol.lab.attachment_complete_error;
  if (failure !== undefined) {
    const reqId = w.requestId();
    yield* rest(run, 'nova-compute', 'POST', `/attachments/${att.id}/action`, '3.44', { 'os-complete': null });
    const bare = 'The server has either erred or is incapable of performing the requested operation.';
    run.error('cinder-api', `ERROR Caught error: <class 'oslo_db.exception.DBError'> ${failure}`);
    run.error('cinder-api', `RESP: [500] {"computeFault": {"code": 500, "message": "${bare}"}} (attachment ${att.id} stays ${att.attach_status}; volume ${vol.id} stays ${vol.status})`);
    const err = new NovaSideError(clientExceptionStr(new SimError(bare, 500), reqId), 500, 'ClientException');
    run.error('nova-compute', `ERROR Complete attachment failed for attachment ${att.id}. Error: ${err.message} Code: 500`);
    throw err;
  }
  yield* rest(run, 'nova-compute', 'POST', `/attachments/${att.id}/action`, '3.44', { 'os-complete': null });
  att.attach_status = 'attached';
  run.world.setStatus(vol, 'in-use', 'attached');
  run.note('cinder-api', `RESP: [204] attachment ${att.id} attached; volume ${vol.id} status in-use, attach_status attached; notification volume.attach.end`);
}

export function* attachmentDelete(run: Run, actor: string, vol: VolumeState, att: AttachmentRow): Flow {
  const w = run.world;
  const connected = att.attach_status !== 'reserved';
  if (connected && !vol.backend.driverInitialized) return yield* attachmentDeleteDriverDown(run, actor, vol, att);
  // _connection_terminate skips the driver for an attachment without connector
  const failure = connected && att.connector ? terminateFails(vol) : null;
  if (failure !== null) return yield* attachmentDeleteTerminateFails(run, actor, vol, att, failure);
  yield* rest(run, actor, 'DELETE', `/attachments/${att.id}`, '3.44', undefined, connected ? T.terminate : T.rest);
  if (connected) {
    const shared = vol.attachments.some((a) => a !== att && a.connector && a.connector.host === att.connector?.host);
    run.note('cinder-volume', shared ? 'terminate_connection (export kept: another attachment shares it)' : 'terminate_connection; remove_export');
    if (!shared) vol.exported = null;
  }
  vol.attachments = vol.attachments.filter((a) => a !== att);
  recomputeStatus(w, vol);
  run.note('cinder-api', `RESP: [200] attachment ${att.id} deleted; volume ${vol.id} status ${vol.status}`);
}

/**
 * Whether nova/volume/cinder.py `attachment_delete` takes Cinder's 404 for an attachment already
 * gone as done (WARNING "Attachment <id> does not exist. Ignoring."): from 26.0.0 and the stable
 * backports 25.1.0 and 24.2.0 (the change "Retry attachment delete API call for 504 Gateway
 * Timeout"). Before (17.0.0-24.1.x, 25.0.x) the 404 is logged as any ClientException and
 * `translate_attachment_exception` raises VolumeAttachmentNotFound. Without host.nova_release,
 * queens_to_2024_2 follows the end of its span.
 */
export function ignoresGoneAttachment(w: World): boolean {
  if (w.profile === 'modern') return true;
  if (w.profile !== 'queens_to_2024_2') return false;
  const r = w.novaRelease;
  if (!r) return true;
  return r.major >= 26 || (r.major === 25 && atLeast(r, 25, 1)) || (r.major === 24 && atLeast(r, 24, 2));
}

/**
 * DELETE of an attachment Cinder no longer has: cinder-api's 404 (cinder/db/sqlalchemy/api.py
 * `_attachment_get`), then Nova's `attachment_delete` per release (`ignoresGoneAttachment`):
 * the WARNING and nothing raised, or the ERROR line and VolumeAttachmentNotFound.
 */
export function* attachmentDeleteGone(run: Run, actor: string, attachmentId: string, reqId: string): Flow {
  yield* rest(run, actor, 'DELETE', `/attachments/${attachmentId}`, '3.44');
  const words = `Volume attachment could not be found with filter: attachment_id = ${attachmentId}.`;
  run.error('cinder-api', `RESP: [404] {"itemNotFound": {"code": 404, "message": "${words}"}}`);
  if (ignoresGoneAttachment(run.world)) {
    run.warn(actor, `WARNING Attachment ${attachmentId} does not exist. Ignoring.`);
    return;
  }
  run.error(actor, `ERROR Delete attachment failed for attachment ${attachmentId}. Error: ${words} (HTTP 404) (Request-ID: ${reqId}) Code: 404`);
  // Nova's own exception (its str is the message alone; its fault code is 404)
  throw new SimError(`Volume attachment ${attachmentId} could not be found.`, null, 'VolumeAttachmentNotFound');
}

// ---- legacy volume actions (ocata_legacy, kilo_prefix) -----------------------------------

export function* osReserve(run: Run, vol: VolumeState): Flow {
  yield* rest(run, 'nova-api', 'POST', `/volumes/${vol.id}/action`, null, { 'os-reserve': null });
  const ok = vol.status === 'available' || (vol.multiattach && vol.status === 'in-use');
  if (!ok) throw new SimError(`Invalid volume: Volume status must be available to reserve, but the status is ${vol.status}.`, 400, 'InvalidVolume');
  run.world.setStatus(vol, 'attaching');
  run.note('cinder-api', `RESP: [202] volume ${vol.id} status attaching`);
}

export function* osUnreserve(run: Run, vol: VolumeState): Flow {
  yield* rest(run, 'nova-compute', 'POST', `/volumes/${vol.id}/action`, null, { 'os-unreserve': null });
  legacyUnreserve(run.world, vol);
}

/**
 * cinder/volume/api.py `unreserve_volume`, only from `attaching`: Cinder 2014.2.x (Juno, the
 * kilo_prefix era) sets `available`; from Kilo (2015.1.0, attachment rows) a conditional update
 * picks `in-use` when the volume has any attachment row that is not `detached`
 * (`volume_has_attachments_filter`, 10.0.0), an `error_attaching` one included, else `available`.
 * A volume left in `error_attaching` (Juno) is not touched. attach_status is not changed.
 */
function legacyUnreserve(w: World, vol: VolumeState): void {
  if (vol.status !== 'attaching') return;
  const rows = w.profile !== 'kilo_prefix' && vol.attachments.length > 0;
  w.setStatus(vol, rows ? 'in-use' : 'available');
}

export function* osInitializeConnection(run: Run, vol: VolumeState, connector: Connector): Flow<Record<string, unknown>> {
  const w = run.world;
  const reqId = w.requestId();
  const latency = updateLatencyMs(vol);
  const req = run.note('nova-compute', restLine(run, 'POST', `/volumes/${vol.id}/action`, null, { 'os-initialize_connection': { connector } }));
  const started = run.now;
  try {
    validateConnector(run, vol, connector);
    const answer = initializeConnection(run, w, vol, connector);
    yield* sleep(latency);
    run.close(req, started);
    const ci: Record<string, unknown> = { driver_volume_type: answer.driverVolumeType, data: withCommonKeys(run.world, vol, answer.data), ...answer.topLevel };
    run.note('cinder-api', `RESP: [200] connection_info for ${answer.driverVolumeType} (volume status unchanged: ${vol.status})`);
    return ci;
  } catch (err) {
    if (!(err instanceof SimError)) throw err;
    yield* sleep(err.kind === 'InvalidInput' ? T.rest : latency);
    if (err.kind === 'VolumeBackendAPIException') {
      run.note('cinder-volume', 'remove_export');
      vol.exported = null;
    }
    run.close(req, started);
    const http = err.httpStatus === 400 ? err : new SimError('Unable to fetch connection information from backend.', 500, 'VolumeBackendAPIException');
    run.error('cinder-api', `RESP: [${http.httpStatus}] ${http.message}`);
    // nova/volume/cinder.py initialize_connection logs and terminates from Nova 13.0.0 (commit
    // b7595146); before, the error goes up as it is (the caller unreserves)
    if (w.profile === 'kilo_prefix' || (w.novaRelease !== undefined && w.novaRelease.major < 13)) throw novaError(http, reqId);
    run.error('nova-compute', `ERROR Initialize connection failed for volume ${vol.id} on host ${String(connector.host)}. Error: ${http.message} Code: ${http.httpStatus}. Attempting to terminate connection.`);
    try {
      yield* osTerminateConnection(run, vol, connector);
    } catch (te) {
      if (!(te instanceof SimError)) throw te;
      // nova/volume/cinder.py initialize_connection (13.0.0 on): logged, the first error goes up
      run.error('nova-compute', `ERROR Connection between volume ${vol.id} and host ${String(connector.host)} might have succeeded, but attempt to terminate connection has failed. Validate the connection and determine if manual cleanup is needed. Error: ${te.message} Code: ${te.httpStatus ?? 500}.`);
    }
    throw novaError(http, reqId);
  }
}

/**
 * os-terminate_connection. When the driver's `terminate_connection` raises (lab
 * `terminate_connection_error`): cinder-volume raises VolumeBackendAPIException,
 * cinder/api/contrib/volume_actions.py answers 500 "Unable to terminate volume connection from
 * backend." and nothing changes, except that cinder/volume/api.py `terminate_connection` of
 * 2014.2/2015.1 unreserves before its RPC (from 7.0.0 after it); Nova gets cinderclient's
 * ClientException.
 */
export function* osTerminateConnection(run: Run, vol: VolumeState, connector: Connector, actor = 'nova-compute'): Flow {
  const failure = terminateFails(vol);
  if (failure !== null) {
    const w = run.world;
    const reqId = w.requestId();
    yield* rest(run, actor, 'POST', `/volumes/${vol.id}/action`, null, { 'os-terminate_connection': { connector } }, T.terminate);
    if (w.profile === 'kilo_prefix') legacyUnreserve(w, vol);
    terminateConnectionFailed(run, failure);
    const http = new SimError('Unable to terminate volume connection from backend.', 500, 'VolumeBackendAPIException');
    run.error('cinder-api', `RESP: [500] ${http.message} (volume ${vol.id} stays ${vol.status})`);
    throw novaError(http, reqId);
  }
  yield* rest(run, actor, 'POST', `/volumes/${vol.id}/action`, null, { 'os-terminate_connection': { connector } }, T.terminate);
  vol.exported = null;
  // Cinder's terminate_connection also unreserves an attaching volume.
  legacyUnreserve(run.world, vol);
  run.note('cinder-api', `RESP: [202] volume ${vol.id} status ${vol.status}`);
}

export function* osAttach(run: Run, vol: VolumeState, instanceUuid: string, mountpoint: string, mode: string): Flow {
  const w = run.world;
  yield* rest(run, 'nova-compute', 'POST', `/volumes/${vol.id}/action`, null, { 'os-attach': { instance_uuid: instanceUuid, mountpoint, mode } });
  if (vol.lab.os_attach_error !== undefined) {
    // cinder-volume attach_volume failed: the API answers a bare 500 (volume_actions.py _attach
    // maps only InvalidVolume / InvalidUUID / InvalidVolumeAttachMode to 400). What the failure
    // leaves (cinder/volume/manager.py attach_volume, the except around driver.attach_volume):
    // Cinder 2014.2.x (Juno, kilo_prefix) sets the volume's own status to `error_attaching`;
    // from 2015.1.0 (Kilo; 10.0.0 for ocata_legacy) the attachment row begin_attach created
    // (no instance yet) becomes `error_attaching` and the volume stays `attaching`.
    const reqId = w.requestId();
    run.error('cinder-volume', `ERROR attach_volume: ${vol.lab.os_attach_error}`);
    if (w.profile === 'kilo_prefix') {
      w.setStatus(vol, 'error_attaching');
      run.error('cinder-volume', `volume ${vol.id} status error_attaching (Cinder 2014.2 volume_update)`);
    } else {
      const row: AttachmentRow = { id: w.id('attachment'), instance_uuid: '', attach_status: 'error_attaching', connector: null, has_connection_info: false, mountpoint: null, attach_mode: mode };
      vol.attachments.push(row);
      run.error('cinder-volume', `attachment ${row.id} attach_status error_attaching (begin_attach's row, no instance yet); volume ${vol.id} stays ${vol.status}`);
    }
    run.error('cinder-api', 'RESP: [500] The server has either erred or is incapable of performing the requested operation.');
    throw novaError(new SimError('The server has either erred or is incapable of performing the requested operation.', 500, 'ClientException'), reqId);
  }
  if (vol.lab.readonly && mode !== 'ro') throw new SimError(`Invalid attaching mode '${mode}' for volume ${vol.id}.`, 400, 'InvalidVolumeAttachMode');
  if (vol.attach_status === 'attached' && !vol.multiattach) throw new SimError('Invalid volume: volume is already attached and multiple attachments are not enabled', 400, 'InvalidVolume');
  vol.attachments.push({ id: w.id('attachment'), instance_uuid: instanceUuid, attach_status: 'attached', connector: null, has_connection_info: false, mountpoint, attach_mode: mode });
  w.setStatus(vol, 'in-use', 'attached');
  run.note('cinder-api', `RESP: [202] volume ${vol.id} status in-use, attach_status attached`);
}

/**
 * Nova 15/16's os-attach failure handler: `volume_api.detach(context, volume_id)` without an
 * instance or attachment id (nova/volume/cinder.py `detach` GETs the volume and sends
 * attachment_id None for a non-multiattach volume). cinder/volume/manager.py `detach_volume`
 * (10.0.0) then takes the volume's only attachment row (any not `detached`, an
 * `error_attaching` one included), or refuses when there are several, or sets
 * available/detached when there is none; `finish_detach` deletes the row and recomputes.
 */
export function* osDetachWithoutAttachmentId(run: Run, vol: VolumeState, instanceUuid: string): Flow {
  if (vol.multiattach) return yield* osDetach(run, vol, instanceUuid);
  yield* rest(run, 'nova-compute', 'GET', `/volumes/${vol.id}`, null);
  yield* rest(run, 'nova-compute', 'POST', `/volumes/${vol.id}/action`, null, { 'os-detach': { attachment_id: null } });
  if (vol.attachments.length > 1) {
    run.error('cinder-volume', 'ERROR Detach volume failed: More than one attachment, but no attachment_id provided.');
    return;
  }
  const row = vol.attachments[0];
  if (row) run.note('cinder-volume', `detach_volume: the only attachment ${row.id} (${row.attach_status}) detached and deleted`);
  vol.attachments = [];
  run.world.setStatus(vol, 'available', 'detached');
  run.note('cinder-api', `RESP: [202] volume ${vol.id} status ${vol.status}`);
}

export function* osDetach(run: Run, vol: VolumeState, instanceUuid: string, actor = 'nova-compute'): Flow {
  yield* rest(run, actor, 'POST', `/volumes/${vol.id}/action`, null, { 'os-detach': { attachment_id: vol.attachments.find((a) => a.instance_uuid === instanceUuid)?.id ?? null } });
  vol.attachments = vol.attachments.filter((a) => a.instance_uuid !== instanceUuid);
  recomputeStatus(run.world, vol);
  run.note('cinder-api', `RESP: [202] volume ${vol.id} status ${vol.status}`);
}

/** os-begin_detaching: in-use + attached -> detaching, else 400. */
export function* beginDetaching(run: Run, vol: VolumeState): Flow {
  yield* rest(run, 'nova-api', 'POST', `/volumes/${vol.id}/action`, run.world.facts.newFlow ? '3.44' : null, { 'os-begin_detaching': null });
  if (vol.status !== 'in-use' || vol.attach_status !== 'attached') {
    run.error('cinder-api', `RESP: [400] volume ${vol.id} is ${vol.status}/${vol.attach_status}`);
    throw new SimError("Invalid volume: Unable to detach volume. Volume status must be 'in-use' and attach_status must be 'attached' to detach.", 400, 'InvalidVolume');
  }
  // cinder/volume/api.py begin_detaching: a conditional update of the volume's status only;
  // the attachment rows keep their attach_status.
  run.world.setStatus(vol, 'detaching', 'attached');
  run.note('cinder-api', `RESP: [202] volume ${vol.id} status detaching`);
}

/** roll_detaching: a conditional update detaching -> in-use (cinder/volume/api.py roll_detaching). */
export function* rollDetaching(run: Run, vol: VolumeState): Flow {
  yield* rest(run, 'nova-compute', 'POST', `/volumes/${vol.id}/action`, null, { 'os-roll_detaching': null });
  if (vol.status === 'detaching') run.world.setStatus(vol, 'in-use');
}

/**
 * Nova's own nova/volume/cinder.py `check_attach` (2014.2 to 15.x; nova-api's hot attach runs it
 * up to 13.x, the boot's checks up to 15.x): the volume read must be available and not attached,
 * in the words of 2014.2, then of 2015.1 on. A Nova error (400), not Cinder's.
 */
export function checkAttach(w: World, vol: VolumeState): void {
  const juno = w.novaRelease ? w.novaRelease.major <= 10 : w.profile === 'kilo_prefix';
  if (vol.status !== 'available') throw new SimError(juno ? "Invalid volume: status must be 'available'" : `Invalid volume: volume '${vol.id}' status must be 'available'. Currently in '${vol.status}'`, 400, 'InvalidVolume');
  if (vol.attach_status === 'attached') throw new SimError(juno ? 'Invalid volume: already attached' : `Invalid volume: volume ${vol.id} already attached`, 400, 'InvalidVolume');
}
