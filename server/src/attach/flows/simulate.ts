/**
 * Entry point for hot attaches: one or more volumeAttachment requests replayed at t = 0 on
 * one lab host, sharing its Cinder, host and locks. Plain data in, plain data out.
 */
import { mvMinor } from '../../model/context';
import { armRace } from './detach';
import { apiAttach, type AttachRun } from './hotAttach';
import { redactDeep } from '../redact';
import { validateAttachBody } from '../input/request';
import { Run, SimError } from '../engine/run';
import { releaseNote } from '../engine/novaRelease';
import { sec } from '../engine/timings';
import { AttachInputError, flowOutcome, type AttachRequest, type AttachResult, type LabHost, type SimulateOptions } from '../types';
import { World } from '../engine/world';
import { resolveVolumeBackend } from '../backends/registry';

function microversionOf(lab: LabHost, opts: SimulateOptions): string {
  return opts.microversion ?? lab.microversion ?? '2.1';
}

/** Same volume and instance look-ups as nova-api, but an unknown one is bad input, not a 404. */
function lookup(w: World, req: AttachRequest): { inst: AttachRun['inst']; volId: unknown } {
  const inst = w.instances.get(req.server_id);
  if (!inst) throw new AttachInputError(`instance ${req.server_id} is not on lab host "${w.lab.name}" (instances: ${[...w.instances.keys()].join(', ') || 'none'})`);
  const volId = req.volumeAttachment?.volumeId;
  if (typeof volId === 'string' && !w.volumes.has(volId)) throw new AttachInputError(`volume ${volId} is not on lab host "${w.lab.name}" (volumes: ${[...w.volumes.keys()].join(', ') || 'none'})`);
  return { inst, volId };
}

/** A body refused by the schema before any volume is looked up. */
function schemaRejection(w: World, req: AttachRequest): AttachResult | null {
  const mv = w.microversion;
  try {
    validateAttachBody({ volumeAttachment: req.volumeAttachment }, mv.trim() === '2.0' ? 1 : mvMinor(mv), mv.trim() === '2.0');
    return null;
  } catch (e) {
    if (!(e instanceof SimError)) throw e;
    const steps = [
      { actor: 'client', at: 0, durationS: 0, text: `POST /v2.1/servers/${req.server_id}/os-volume_attachments ${JSON.stringify({ volumeAttachment: req.volumeAttachment })}`, status: 'info' as const },
      { actor: 'nova-api', at: 0, durationS: 0, text: `HTTP 400 ${JSON.stringify({ badRequest: { code: 400, message: e.message } })}`, status: 'error' as const },
    ];
    // Refused before any call to Cinder: the volume is as it was (unknown only when the body names none).
    const vol = typeof req.volumeAttachment?.volumeId === 'string' ? w.volumes.get(req.volumeAttachment.volumeId) : undefined;
    const volumeStatus = vol?.status ?? 'unknown';
    const attachStatus = vol?.attach_status ?? 'unknown';
    return { outcome: 'failed', attachOutcome: 'failed', apiStatus: 400, error: e.message, volumeStatus, attachStatus, statusSequence: vol ? [vol.status] : [], deviceName: null, sourcePath: null, libvirtFlags: null, xml: null, connectionInfo: null, bdm: null, durationS: 0, steps };
  }
}

function toResult(ar: AttachRun): AttachResult {
  const steps = ar.run.steps.map((s, i) => ({ s, i })).sort((a, b) => a.s.at - b.s.at || a.i - b.i).map((x) => x.s);
  const out: AttachResult = {
    outcome: flowOutcome(ar.outcome, ar.detachRequested === true, ar.detach, ar.vol.status),
    attachOutcome: ar.outcome,
    apiStatus: ar.apiStatus ?? 500,
    error: ar.error,
    volumeStatus: ar.vol.status,
    attachStatus: ar.vol.attach_status,
    statusSequence: [...ar.vol.history],
    deviceName: ar.outcome === 'attached' ? ar.deviceName : null,
    sourcePath: ar.sourcePath,
    libvirtFlags: ar.flags,
    xml: ar.xml,
    connectionInfo: ar.outcome === 'attached' ? ar.connectionInfo : null,
    bdm: ar.outcome === 'attached' ? ar.bdmSnapshot : null,
    durationS: sec(ar.endMs),
    steps,
  };
  if (ar.detach) out.detach = ar.detach;
  return out;
}

/**
 * Replay the requests at t = 0 on the lab host. The first result is the top level, the
 * others are under `others`. The race option arms a detach on the first request.
 */
export function simulateAttachMany(lab: LabHost, requests: AttachRequest[], opts: SimulateOptions): AttachResult {
  if (requests.length === 0) throw new AttachInputError('no attach request given');
  const w = new World(lab, opts.profile ?? lab.profile, microversionOf(lab, opts), resolveVolumeBackend, opts.hashes);
  const runs: Array<AttachRun | AttachResult> = [];
  const note = releaseNote(lab.host.nova_release, lab.profile, w.profile);
  const secrets = new Set<string>();
  requests.forEach((req, i) => {
    const { inst } = lookup(w, req);
    const rejected = schemaRejection(w, req);
    if (rejected) {
      if (note !== null) rejected.steps.unshift({ actor: 'nova-compute', at: 0, durationS: 0, text: note, status: 'info' });
      runs.push(rejected);
      return;
    }
    const vol = w.volumes.get(req.volumeAttachment.volumeId as string)!;
    const run = new Run(w, `request ${i + 1}`);
    // which Nova release the run follows, before the client's request
    if (note !== null) run.note('nova-compute', note);
    const ar: AttachRun = { run, req, inst, vol, apiStatus: null, error: null, deviceName: null, sourcePath: null, flags: null, xml: null, connectionInfo: null, bdm: null, bdmSnapshot: null, att: null, endMs: 0, outcome: 'failed', done: false };
    if (i === 0 && opts.race) armRace(ar, opts.race);
    w.sched.spawn(ar.run.label, apiAttach(ar), (_v, err) => {
      if (err) throw err;
    }, 0);
    runs.push(ar);
  });
  w.sched.run();
  const results = runs.map((r) => {
    if ('run' in r) {
      for (const s of r.run.secrets) secrets.add(s);
      return toResult(r);
    }
    return r;
  });
  const [first, ...others] = results;
  const top: AttachResult = { ...first! };
  if (others.length) top.others = others;
  return opts.showSecrets ? top : redactDeep(top, secrets);
}

export function simulateAttach(lab: LabHost, request: AttachRequest, opts: SimulateOptions): AttachResult {
  return simulateAttachMany(lab, [request], opts);
}
