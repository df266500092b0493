/**
 * bdmLab/simulate: a simulated attach of the volumeAttachment body (or a boot from the request
 * body) on the lab host, and, after the user confirmed its plan, the libvirt step for real
 * (trusted workspaces only; attach/virsh.ts runs it).
 */
import { isAbsolute, resolve } from 'node:path';
import type { Connection } from 'vscode-languageserver/node';
import { URI } from 'vscode-uri';
import { appendAll } from '../../rules/finding';
import { simulateAttach, renderText, AttachInputError, planRealAttach, realAttach, realLibvirtSteps, EMBEDDED_LAB_HOSTS, PROFILES, DETACH_AT_STATUSES, type LabHost, type Profile } from '../../attach';
import { attachCliArgs, cliLine } from '../../ui/cliLine';
import { SimulateRequest, type RealPlanShown, type SimulateParams, type SimulateResult } from '../../protocol';
import type { Services } from '../services';

type AttachRequest = Parameters<typeof simulateAttach>[1];
type AttachOptions = Parameters<typeof simulateAttach>[2];
type AttachResult = ReturnType<typeof simulateAttach>;

export function register(connection: Connection, services: Services): void {
  connection.onRequest(SimulateRequest, (params) => services.runSafe(() => simulate(services, params), { error: 'Simulation failed; see the bdm-lab output.' }, 'simulate'));
}

async function simulate(services: Services, params: SimulateParams): Promise<SimulateResult> {
  const doc = services.documents.get(params.uri);
  if (!doc) return { error: 'The document is not open.' };
  if (!services.trusted) return { error: 'Simulate Attach needs a trusted workspace.' };
  const inputs = await services.inputsOf(doc);
  const lab: LabHost | null = inputs.labOf().labHost;
  if (!lab) return { error: inputs.labOf().problem ?? 'No lab host.' };
  if (params.profile !== undefined && !PROFILES.includes(params.profile as Profile)) return { error: `Unknown release profile "${params.profile}": one of ${PROFILES.join(', ')}.` };
  if (params.detachAt !== undefined && !DETACH_AT_STATUSES.includes(params.detachAt)) return { error: `Detach at "${params.detachAt}": the attach passes through ${DETACH_AT_STATUSES.join(', ')} only.` };
  if (params.detachAfter !== undefined && !(typeof params.detachAfter === 'number' && Number.isFinite(params.detachAfter) && params.detachAfter >= 0)) return { error: 'Detach after: seconds ≥ 0.' };
  const race = params.detachAfter !== undefined ? { afterInUseS: params.detachAfter } : params.detachAt ? { atStatus: params.detachAt } : undefined;
  const settings = { microversion: inputs.resolved.context.microversion, race, ...(params.profile ? { profile: params.profile as Profile } : {}) };
  const boot = await services.ask(doc, 'simulateBoot', { lab, opts: settings }, inputs);
  const opts = { ...settings, hashes: services.host.hashes };
  if (!('attach' in boot)) return boot;
  try {
    const body = (JSON.parse(doc.getText()) as { volumeAttachment: Record<string, unknown> }).volumeAttachment ?? {};
    const instance = params.instance ?? lab.instances.find((i) => i.vm_state === 'active' && !i.locked)?.uuid ?? lab.instances[0]?.uuid;
    const volumeAttachment = { ...body, ...(params.volume ? { volumeId: params.volume } : {}) };
    const request = { server_id: String(instance), volumeAttachment: volumeAttachment as never };
    const result = simulateAttach(lab, request, opts);
    const extraUris = await libvirtUrisFor(services, params.uri);
    const realPlan = lab.libvirt && result.attachOutcome === 'attached' ? realPlanFor(services, lab, request, opts, result, extraUris) : undefined;
    if (params.realLibvirt) await realLibvirtStep(services, lab, request, opts, result, extraUris, params.confirmedPlan);
    const cli = cliFor(services, params, inputs.labOf().name, String(instance), inputs.resolved.context.microversion);
    return { kind: 'attach', result, text: renderText(result), labHost: lab.name, realLibvirtAvailable: !!lab.libvirt, ...(realPlan ? { realPlan } : {}), cli };
  } catch (e) {
    if (e instanceof AttachInputError) return { error: e.message.includes(`lab host "${lab.name}"`) ? e.message : `${e.message} (lab host "${lab.name}")` };
    if (e instanceof SyntaxError) return { error: 'The body is not valid JSON.' };
    throw e;
  }
}

/**
 * The `bdm-lab attach` line that replays this run (the panel's Copy as CLI command): the lab host
 * by name, or a lab-host file by its absolute path; the body's file; null for an unsaved body.
 */
function cliFor(services: Services, params: SimulateParams, labName: string, instance: string, microversion: string): { argv: string[]; line: string } | null {
  let file: string;
  try {
    const u = URI.parse(params.uri);
    if (u.scheme !== 'file') return null;
    file = u.fsPath;
  } catch {
    return null;
  }
  let lab = labName;
  if (!Object.prototype.hasOwnProperty.call(EMBEDDED_LAB_HOSTS, labName) && !isAbsolute(labName)) {
    const folder = services.folderOf(params.uri);
    if (folder) lab = resolve(URI.parse(folder).fsPath, labName);
  }
  const argv = attachCliArgs({
    lab, requestFile: file, microversion, instance,
    ...(params.volume !== undefined ? { volume: params.volume } : {}),
    ...(params.profile !== undefined ? { profile: params.profile } : {}),
    ...(params.detachAt !== undefined ? { detachAt: params.detachAt } : {}),
    ...(params.detachAfter !== undefined ? { detachAfter: params.detachAfter } : {}),
  });
  return { argv, line: cliLine(argv) };
}

/** The user's bdmLab.libvirtUris (machine scope: VS Code ignores it in workspace settings). */
async function libvirtUrisFor(services: Services, uri: string): Promise<string[]> {
  const v = (await services.settingsFor(uri)).raw.libvirtUris;
  return Array.isArray(v) ? v.filter((u): u is string => typeof u === 'string') : [];
}

/**
 * Only volumes on the lab host's `file` backend, so no host device or network disk ever
 * reaches a real domain; then every check of planRealAttach (URI, domain, source path).
 */
function planFor(services: Services, lab: LabHost, request: AttachRequest, opts: AttachOptions, result: AttachResult, extraUris: string[]) {
  const vol = lab.volumes.find((v) => v.id === (request.volumeAttachment as { volumeId?: string }).volumeId);
  const proto = vol ? (lab.backends[vol.backend]?.protocol ?? vol.backend) : undefined;
  if (proto !== 'file') return { ok: false as const, reason: `only volumes on a "file" backend are attached for real (this one is on "${String(proto)}")`, plan: { uri: lab.libvirt?.uri, domain: lab.libvirt?.domain } };
  if (result.attachOutcome !== 'attached' || !result.xml || result.libvirtFlags === null) return { ok: false as const, reason: 'the simulated attach did not succeed', plan: {} };
  const raw = simulateAttach(lab, request, { ...opts, showSecrets: true });
  return planRealAttach({ libvirt: lab.libvirt, xml: raw.xml, flags: raw.libvirtFlags, extraUris }, services.host.files);
}

function realPlanFor(...args: Parameters<typeof planFor>): RealPlanShown {
  const p = planFor(...args);
  return { uri: p.plan.uri ?? '', domain: p.plan.domain ?? '', sourcePath: p.plan.sourcePath ?? null, xml: p.plan.xml ?? null, refused: p.ok ? null : p.reason };
}

/** The libvirt step for real, after the client showed the plan and the user confirmed it (trusted workspaces only). */
async function realLibvirtStep(services: Services, lab: LabHost, request: AttachRequest, opts: AttachOptions, result: AttachResult, extraUris: string[], confirmed: RealPlanShown | undefined) {
  const note = (text: string) => result.steps.push({ actor: 'libvirtd (real)', at: result.durationS, durationS: 0, text, status: 'skipped' });
  if (!lab.libvirt) return note('not run: the lab host names no libvirt {uri, domain}');
  const planned = planFor(services, lab, request, opts, result, extraUris);
  if (!planned.ok) return note(`not run: ${planned.reason}`);
  const p = planned.plan;
  if (!confirmed || confirmed.uri !== p.uri || confirmed.domain !== p.domain || confirmed.sourcePath !== p.sourcePath || confirmed.xml !== p.xml) {
    return note('not run: the plan changed since it was confirmed (or none was confirmed); run Simulate Attach again');
  }
  const real = await realAttach(p, result.durationS, services.host, undefined, extraUris);
  appendAll(result.steps, realLibvirtSteps(real));
}
