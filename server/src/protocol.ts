/** Custom LSP requests shared by the client and the server (names and parameter shapes only). */
export const StatusRequest = 'bdmLab/status';
export interface StatusParams { uri: string }
export interface StatusResult {
  kind: string | null;
  microversion: string;
  sources: Record<string, string>;
  contextFile: string | null;
  contextProblem: string | null;
  flavor: { root_gb: number; ephemeral_gb: number; swap_mb: number } | null;
  labHost: string | null;
}

export const PreviewRequest = 'bdmLab/previewDisks';
export interface PreviewParams { uri: string }
export interface PreviewResult { xml: string; json: unknown }

export const SimulateRequest = 'bdmLab/simulate';
export interface SimulateParams {
  uri: string; entry?: number; instance?: string; volume?: string; labHost?: string; detachAfter?: number; detachAt?: string; realLibvirt?: boolean;
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

export const LabHostsRequest = 'bdmLab/labHosts';
