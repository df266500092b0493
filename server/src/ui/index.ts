/**
 * The UI front end: the HTML the VS Code client shows in its webviews, built from plain
 * results. Pure (no node:*, no vscode): the client, the unit tests and scripts/render-panel.ts
 * all render the same document. The client imports the server only through this folder and
 * protocol.ts, so the result types it shows come from here too.
 */
export { panelHtml, timelineSvg, stepSeverity, laneOrder, escapeHtml, ACTOR_ORDER, MIN_BAR_PX, EVENT_TICK_PX, type PanelInput, type PanelActions, type StepSeverity, type TimelineOptions } from './panelHtml';
export { attachCliArgs, cliLine, shellWord, type AttachRunOptions } from './cliLine';
export type { AttachResult, BootResult, BootVolumeResult, Step, StepStatus } from '../attach/types';
