/**
 * Custom LSP requests shared by the client and the server: one typed `RequestType` per request
 * (its name, parameter and result shapes). Only types and the RequestType constructor live here:
 * the client imports this file and nothing else of the server.
 */
import { RequestType } from 'vscode-jsonrpc';

export interface StatusParams { uri: string }
export interface StatusResult {
  kind: string | null;
  microversion: string;
  sources: Record<string, string>;
  contextFile: string | null;
  /** the document's own context, when it has one: `$bdm (line 1)`, `bdmLab.contexts "envs/queens/**"` */
  contextRules?: string[];
  contextProblem: string | null;
  /** bdmLab.* settings that are ignored, and why (e.g. a flavor written with the context file's keys) */
  settingsProblems: string[];
  flavor: { root_gb: number; ephemeral_gb: number; swap_mb: number } | null;
  labHost: string | null;
  /**
   * A script, template or playbook: who sends each request it holds and at which microversion
   * (Heat's own, the openstack CLI's option, ...): the body is judged at that one, not the context's.
   */
  sent?: Array<{ tool: string; microversion: string }>;
}
/** The context the document is judged with, for the status item (null: the document is not open). */
export const StatusRequest = new RequestType<StatusParams, StatusResult | null, void>('bdmLab/status');

export interface PreviewParams { uri: string }
export interface PreviewResult { xml: string; json: unknown }
/** The guest's disks as libvirt XML and JSON (null: the document is not open). */
export const PreviewRequest = new RequestType<PreviewParams, PreviewResult | null, void>('bdmLab/previewDisks');

export interface SimulateParams {
  uri: string; entry?: number; instance?: string; volume?: string; labHost?: string; detachAfter?: number; detachAt?: string; realLibvirt?: boolean;
  /** the release profile (modern, queens_to_2024_2, ocata_legacy, kilo_prefix); default: the lab host's */
  profile?: string;
  /** with realLibvirt: the plan the user confirmed; the server runs only if its own plan is the same */
  confirmedPlan?: RealPlanShown;
}
/** What the real libvirt step would run, for the confirmation: in the simulate response as `realPlan`. */
export interface RealPlanShown {
  uri: string;
  domain: string;
  sourcePath: string | null;
  xml: string | null;
  /** why the real step would not run; null when it may */
  refused: string | null;
}
/** A simulated attach (or boot from the request body), or why there is none. */
export interface SimulateResult {
  error?: string;
  kind?: 'attach' | 'boot';
  /** the attach or boot result the panel shows (server/src/attach types) */
  result?: unknown;
  text?: string;
  labHost?: string;
  realLibvirtAvailable?: boolean;
  realPlan?: RealPlanShown;
  /** the `bdm-lab attach` command line that replays the run (argv after bdm-lab, and as one shell line); null for an unsaved body */
  cli?: { argv: string[]; line: string } | null;
}
export const SimulateRequest = new RequestType<SimulateParams, SimulateResult, void>('bdmLab/simulate');

export interface LabHostsParams { uri?: string }
export interface LabHostsResult {
  embedded: string[];
  trusted: boolean;
  current: string;
  problem: string | null;
  instances: Array<{ uuid: string; name?: string; vm_state: string }>;
  volumes: Array<{ id: string; name?: string; size: number; status: string; multiattach: boolean }>;
}
/** The lab hosts to choose from and the one the document's settings name. */
export const LabHostsRequest = new RequestType<LabHostsParams, LabHostsResult, void>('bdmLab/labHosts');
