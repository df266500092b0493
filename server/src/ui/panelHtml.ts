/**
 * HTML for the Simulate Attach webview: a swimlane timeline (SVG) of the engine's steps, the
 * step table, the <disk> XML, connection_info and the BDM row. Pure string building with no
 * VS Code or Node import, so unit tests and the standalone screenshot script can render it too.
 * Steps are marked by their status (red = error, orange = warn).
 *
 * Colours come from VS Code's theme variables (--vscode-*) through CSS classes in
 * TIMELINE_CSS; the document needs no script, and its CSP allows only nonce'd styles.
 */
import type { AttachResult, BootResult, BootVolumeResult, Step } from '../attach/types';

/** Lanes in this order when present; any other actor follows in first-seen order. */
export const ACTOR_ORDER: readonly string[] = [
  'client', 'nova-api', 'nova-conductor', 'nova-compute', 'cinder-api', 'cinder-volume', 'os-brick', 'libvirt', 'libvirtd', 'libvirtd (real)',
];

/** Narrowest bar drawn for a step with a duration, so 0.05 s next to 120 s is still visible. */
export const MIN_BAR_PX = 4;
/** Width of the tick drawn for an instantaneous step (duration 0). */
export const EVENT_TICK_PX = 2;

export type StepSeverity = 'fail' | 'warn' | 'ok';

/**
 * How the picture and the table mark a step: failed (red), warning (orange) or plain, from
 * the status the engine gave the step (an `error` or `warn`); never from its text.
 */
export function stepSeverity(s: Step): StepSeverity {
  if (s.status === 'error') return 'fail';
  if (s.status === 'warn') return 'warn';
  return 'ok';
}

export function escapeHtml(s: string): string {
  return s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
}

/** Lane order for these steps. */
export function laneOrder(steps: Step[]): string[] {
  const seen = new Set(steps.map((s) => s.actor));
  const fixed = ACTOR_ORDER.filter((a) => seen.has(a));
  const rest: string[] = [];
  for (const s of steps) if (!ACTOR_ORDER.includes(s.actor) && !rest.includes(s.actor)) rest.push(s.actor);
  return [...fixed, ...rest];
}

/** 1, 2 or 5 times a power of ten, giving about `target` ticks over `span`. */
function niceStep(span: number, target: number): number {
  const raw = span / Math.max(1, target);
  const p = 10 ** Math.floor(Math.log10(raw));
  for (const m of [1, 2, 5, 10]) if (m * p >= raw) return m * p;
  return 10 * p;
}

function fmtS(v: number): string {
  if (v === 0) return '0';
  if (v >= 100) return String(Math.round(v));
  if (v >= 10) return String(Math.round(v * 10) / 10);
  return String(Math.round(v * 1000) / 1000);
}

function round(v: number): string {
  return String(Math.round(v * 100) / 100);
}

/** The first line of a text, cut to about `chars` characters with an ellipsis. */
function clip(text: string, chars: number): string {
  const line = (text.split('\n', 1)[0] ?? '').trim();
  if (chars <= 1) return '';
  return line.length <= chars ? line : `${line.slice(0, Math.max(0, chars - 1))}…`;
}

/** For labels inside bars: very long words (IQNs, by-path names, UUIDs) become "…". */
function shortenTokens(text: string): string {
  return (text.split('\n', 1)[0] ?? '').split(' ').map((t) => (t.length > 28 ? '…' : t)).join(' ');
}

export interface TimelineOptions {
  /** total width of the SVG in px (default 1000) */
  width?: number;
  /** the run's final error: drawn as a red marker at the end of the axis */
  error?: string | null;
  /** end of the axis in seconds (default: the end of the last step) */
  endS?: number;
  /** prefix for element ids and links to the step table rows (`${idPrefix}step-N`) */
  idPrefix?: string;
}

/**
 * One swimlane per actor, bars on a linear time axis (long waits look long), failed steps in
 * red, each bar with a <title> tooltip and a link to its row in the step table.
 */
export function timelineSvg(steps: Step[], opts: TimelineOptions = {}): string {
  const width = Math.max(320, opts.width ?? 1000);
  const pre = opts.idPrefix ?? '';
  const lanes = laneOrder(steps);
  const labelW = 128;
  const padR = 18;
  const top = 26;
  const laneH = 28;
  const barH = 16;
  const axisH = 24;
  const plotW = width - labelW - padR;
  const lastEnd = steps.reduce((m, s) => Math.max(m, s.at + s.durationS), 0);
  const end = Math.max(opts.endS ?? 0, lastEnd, 0.1);
  const k = plotW / end;
  const height = top + Math.max(1, lanes.length) * laneH + axisH + (opts.error ? 18 : 4);
  const x0 = labelW;
  const fails = steps.filter((s) => stepSeverity(s) === 'fail').length;

  const out: string[] = [];
  out.push(
    `<svg class="tl" xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" role="img" aria-labelledby="${pre}tl-title ${pre}tl-desc">`,
    `<title id="${pre}tl-title">Timeline of the simulated run</title>`,
    `<desc id="${pre}tl-desc">${escapeHtml(`${steps.length} steps over ${fmtS(lastEnd)} s in ${lanes.length} lanes (${lanes.join(', ')}); ${fails} failed step${fails === 1 ? '' : 's'}${opts.error ? `; error: ${opts.error}` : ''}. The step table below lists the same steps.`)}</desc>`,
  );

  // Lane backgrounds and labels.
  lanes.forEach((actor, i) => {
    const y = top + i * laneH;
    out.push(
      `<g class="lane" data-actor="${escapeHtml(actor)}">`,
      `<rect class="lane-bg${i % 2 ? ' odd' : ''}" x="0" y="${y}" width="${width}" height="${laneH}"/>`,
      `<text class="lane-label" x="${labelW - 8}" y="${y + laneH / 2}" text-anchor="end" dominant-baseline="central">${escapeHtml(actor)}</text>`,
      `</g>`,
    );
  });
  const plotBottom = top + Math.max(1, lanes.length) * laneH;

  // Axis: grid lines and tick labels in seconds, on top and bottom.
  const tick = niceStep(end, Math.max(3, Math.floor(plotW / 90)));
  out.push(`<g class="axis" aria-hidden="true">`);
  for (let t = 0; t <= end + 1e-9; t += tick) {
    const x = x0 + t * k;
    out.push(
      `<line class="grid" x1="${round(x)}" y1="${top - 4}" x2="${round(x)}" y2="${plotBottom + 4}"/>`,
      `<text class="tick" x="${round(x)}" y="${top - 9}" text-anchor="middle">${fmtS(t)} s</text>`,
      `<text class="tick" x="${round(x)}" y="${plotBottom + 17}" text-anchor="middle">${fmtS(t)} s</text>`,
    );
  }
  out.push(`<line class="axis-line" x1="${x0}" y1="${plotBottom}" x2="${x0 + plotW}" y2="${plotBottom}"/>`, `</g>`);

  // Bars: instantaneous steps as thin ticks under the bars, steps with a duration as bars.
  const order = steps.map((s, i) => ({ s, i })).sort((a, b) => Number(a.s.durationS > 0) - Number(b.s.durationS > 0));
  out.push(`<g class="bars">`);
  for (const { s, i } of order) {
    const lane = lanes.indexOf(s.actor);
    const y = top + lane * laneH + (laneH - barH) / 2;
    const sev = stepSeverity(s);
    const isEvent = s.durationS <= 0;
    const w = isEvent ? EVENT_TICK_PX : Math.max(MIN_BAR_PX, s.durationS * k);
    const x = Math.min(x0 + s.at * k, x0 + plotW - w);
    const tip = `${fmtS(s.at)} s${isEvent ? '' : ` +${fmtS(s.durationS)} s`} ${s.actor}: ${s.text.replace(/\n$/, '')}`;
    const cls = `bar ${sev}${isEvent ? ' event' : ''}`;
    out.push(
      `<a href="#${pre}step-${i + 1}" tabindex="-1" data-step="${i + 1}">`,
      `<rect class="${cls}" x="${round(x)}" y="${isEvent ? y - 2 : y}" width="${round(w)}" height="${isEvent ? barH + 4 : barH}" rx="${isEvent ? 0 : 2}" data-duration="${s.durationS}"><title>${escapeHtml(tip)}</title></rect>`,
    );
    // Bars wide enough get their duration and the start of their text written inside.
    if (!isEvent && w >= 70) {
      const label = clip(`${fmtS(s.durationS)} s · ${shortenTokens(s.text)}`, Math.floor((w - 8) / 6.4));
      out.push(`<text class="bar-label ${sev}" x="${round(x + 4)}" y="${y + barH / 2}" dominant-baseline="central" aria-hidden="true">${escapeHtml(label)}</text>`);
    }
    out.push(`</a>`);
  }
  out.push(`</g>`);

  if (opts.error) {
    const x = x0 + lastEnd * k;
    out.push(
      `<g class="final-error">`,
      `<line class="error-line" x1="${round(x)}" y1="${top - 2}" x2="${round(x)}" y2="${plotBottom + 2}"><title>${escapeHtml(`error: ${opts.error}`)}</title></line>`,
      `<text class="error-label" x="${round(Math.min(x, width - 4))}" y="${plotBottom + 34}" text-anchor="end">${escapeHtml(clip(`✕ ${opts.error}`, Math.floor((x - 4) / 6.2)))}<title>${escapeHtml(opts.error)}</title></text>`,
      `</g>`,
    );
  }
  out.push(`</svg>`);
  return out.join('\n');
}

/** Styles of the timeline and the panel; every colour is a VS Code theme variable. */
export const PANEL_CSS = `
body { font-family: var(--vscode-font-family); font-size: var(--vscode-font-size, 13px); color: var(--vscode-foreground); background: var(--vscode-editor-background); margin: 0; padding: 0 20px 24px; line-height: 1.45; }
h1 { font-size: 1.35em; margin: 16px 0 4px; }
h2 { font-size: 1.1em; margin: 22px 0 8px; border-bottom: 1px solid var(--vscode-panel-border, var(--vscode-widget-border, transparent)); padding-bottom: 3px; }
h3 { font-size: 1em; margin: 16px 0 6px; }
a { color: var(--vscode-textLink-foreground); }
:focus-visible { outline: 1px solid var(--vscode-focusBorder); outline-offset: 1px; }
.skip { position: absolute; left: -9999px; }
.skip:focus { left: 20px; top: 4px; background: var(--vscode-editor-background); padding: 2px 6px; }
.outcome { display: inline-block; padding: 1px 8px; border-radius: 3px; font-weight: 600; }
.outcome.good { color: var(--vscode-editor-background); background: var(--vscode-charts-green); }
.outcome.bad { color: var(--vscode-editor-background); background: var(--vscode-charts-red); }
dl.summary { display: grid; grid-template-columns: max-content 1fr; gap: 2px 16px; margin: 8px 0; }
dl.summary dt { color: var(--vscode-descriptionForeground); }
dl.summary dd { margin: 0; font-family: var(--vscode-editor-font-family); word-break: break-all; }
dd.error, td.error { color: var(--vscode-errorForeground); }
.scroll { overflow: auto; border: 1px solid var(--vscode-panel-border, var(--vscode-widget-border, transparent)); }
.tl-wrap { padding: 4px 0; max-width: 1002px; }
.legend { display: flex; gap: 18px; flex-wrap: wrap; margin: 6px 0; color: var(--vscode-descriptionForeground); }
.legend .sw { display: inline-block; width: 18px; height: 10px; margin-right: 6px; vertical-align: middle; border-radius: 2px; }
.sw.ok { background: var(--vscode-charts-blue); } .sw.warn { background: var(--vscode-charts-orange); } .sw.fail { background: var(--vscode-charts-red); }
.sw.event { width: 3px; background: var(--vscode-charts-blue); }
svg.tl { display: block; width: 100%; min-width: 420px; max-width: 1000px; height: auto; font-family: var(--vscode-font-family); font-size: 12px; }
svg.tl .lane-bg { fill: var(--vscode-editor-background); }
svg.tl .lane-bg.odd { fill: var(--vscode-foreground); fill-opacity: 0.05; }
svg.tl .lane-label { fill: var(--vscode-foreground); font-weight: 600; }
svg.tl .tick { fill: var(--vscode-descriptionForeground, var(--vscode-foreground)); font-size: 11px; }
svg.tl .grid { stroke: var(--vscode-foreground); stroke-opacity: 0.14; }
svg.tl .axis-line { stroke: var(--vscode-foreground); stroke-opacity: 0.5; }
svg.tl .bar.ok { fill: var(--vscode-charts-blue); }
svg.tl .bar.warn { fill: var(--vscode-charts-orange); }
svg.tl .bar.fail { fill: var(--vscode-charts-red); }
svg.tl .bar.event { fill-opacity: 0.75; }
svg.tl a:hover .bar { stroke: var(--vscode-foreground); stroke-width: 1; }
svg.tl .bar-label { fill: var(--vscode-editor-background); font-size: 11px; font-weight: 600; pointer-events: none; }
svg.tl .error-line { stroke: var(--vscode-charts-red); stroke-width: 2; stroke-dasharray: 4 3; }
svg.tl .error-label { fill: var(--vscode-errorForeground, var(--vscode-charts-red)); font-weight: 600; }
table.steps { border-collapse: collapse; width: 100%; font-size: 0.95em; }
table.steps caption { text-align: left; color: var(--vscode-descriptionForeground); padding: 4px 6px; }
table.steps th { white-space: nowrap; position: sticky; top: 0; background: var(--vscode-editor-background); text-align: left; border-bottom: 1px solid var(--vscode-foreground); padding: 3px 6px; z-index: 1; }
table.steps td { border-bottom: 1px solid var(--vscode-panel-border, var(--vscode-widget-border, transparent)); padding: 2px 6px; vertical-align: top; }
table.steps td.num { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
table.steps td.actor { white-space: nowrap; }
table.steps td.text { font-family: var(--vscode-editor-font-family); white-space: pre-wrap; word-break: break-all; }
table.steps tr.fail td { color: var(--vscode-errorForeground); }
table.steps tr.warn td.sev { color: var(--vscode-charts-orange); }
table.steps tr:target td { background: var(--vscode-editor-selectionBackground); }
td.sev { width: 1.2em; text-align: center; }
.steps-wrap { max-height: 60vh; }
pre.code { font-family: var(--vscode-editor-font-family); font-size: var(--vscode-editor-font-size, 12px); background: var(--vscode-textCodeBlock-background, transparent); padding: 8px; margin: 0; overflow: auto; max-height: 40vh; }
.none { color: var(--vscode-descriptionForeground); font-style: italic; }
nav.actions { display: flex; gap: 8px; flex-wrap: wrap; margin: 8px 0 6px; }
a.button { display: inline-block; padding: 3px 12px; border-radius: 2px; text-decoration: none; color: var(--vscode-button-foreground); background: var(--vscode-button-background); border: 1px solid var(--vscode-button-border, transparent); }
a.button:hover { background: var(--vscode-button-hoverBackground); }
a.button.secondary { color: var(--vscode-button-secondaryForeground); background: var(--vscode-button-secondaryBackground); }
a.button.secondary:hover { background: var(--vscode-button-secondaryHoverBackground); }
pre.code.cli { white-space: pre-wrap; word-break: break-all; max-height: none; }
p.note { color: var(--vscode-descriptionForeground); margin: 2px 0 0; font-size: 0.92em; }
section.other { border-left: 3px solid var(--vscode-charts-purple, var(--vscode-foreground)); padding-left: 12px; margin-top: 20px; }
`;

export interface PanelInput {
  title: string;
  kind: 'attach' | 'boot';
  result: AttachResult | BootResult;
  /** lab host name (or file) the run used */
  labHost: string;
  /** webview.cspSource */
  cspSource: string;
  /** fresh random nonce for the style element */
  nonce: string;
  /**
   * Buttons over the result (links to commands the webview is allowed to run, no script):
   * run the same simulation again, and copy the `bdm-lab attach` line that replays it.
   */
  actions?: PanelActions;
}

export interface PanelActions {
  /** a `command:` URI that runs the simulation again */
  rerun: string;
  /** a `command:` URI that copies `cli` to the clipboard; absent when there is no line */
  copy?: string;
  /** the command line shown under the buttons; null: why not in `cliNote` */
  cli: string | null;
  cliNote?: string;
}

/** Only command: links are drawn as buttons (anything else given is left out). */
function commandHref(href: string | undefined): string | null {
  return href && /^command:[A-Za-z0-9_.]+(\?[^\s"'<>]*)?$/.test(href) ? href : null;
}

function actionsBar(a: PanelActions): string {
  const rerun = commandHref(a.rerun);
  const copy = a.cli !== null ? commandHref(a.copy) : null;
  const buttons = [
    ...(rerun ? [`<a class="button" id="rerun" role="button" href="${escapeHtml(rerun)}" title="Simulate again with the same instance, volume, profile and detach (the body as it is now)">↻ Re-run</a>`] : []),
    ...(copy ? [`<a class="button secondary" id="copy-cli" role="button" href="${escapeHtml(copy)}" title="Copy the bdm-lab attach command line that replays this run">Copy as CLI command</a>`] : []),
  ];
  const line = a.cli !== null
    ? `<pre class="code cli" id="cli" tabindex="0" role="region" aria-label="the same run from the command line">${escapeHtml(a.cli)}</pre>${a.cliNote ? `<p class="note">${escapeHtml(a.cliNote)}</p>` : ''}`
    : `<p class="none">${escapeHtml(a.cliNote ?? 'No command line for this run.')}</p>`;
  return [`<nav class="actions" aria-label="run again">${buttons.join(' ')}</nav>`, line].join('\n');
}

function row(label: string, value: string | number | null | undefined, cls = ''): string {
  const v = value === null || value === undefined || value === '' ? '<span class="none">none</span>' : escapeHtml(String(value));
  return `<dt>${escapeHtml(label)}</dt><dd${cls ? ` class="${cls}"` : ''}>${v}</dd>`;
}

function jsonBlock(label: string, value: unknown, id: string): string {
  if (value === null || value === undefined) return `<p class="none">No ${escapeHtml(label)}.</p>`;
  return `<pre class="code" tabindex="0" role="region" aria-label="${escapeHtml(label)}" id="${id}">${escapeHtml(JSON.stringify(value, null, 2))}</pre>`;
}

function xmlBlock(xml: string | null, id: string): string {
  if (!xml) return `<p class="none">No &lt;disk&gt; XML (libvirt was not reached).</p>`;
  return `<pre class="code" tabindex="0" role="region" aria-label="disk XML" id="${id}">${escapeHtml(xml.replace(/\n$/, ''))}</pre>`;
}

const SEV_MARK: Record<StepSeverity, string> = { fail: '✕', warn: '!', ok: '' };
const SEV_LABEL: Record<StepSeverity, string> = { fail: 'failed', warn: 'warning', ok: '' };

function stepsTable(steps: Step[], pre: string, headingId: string): string {
  const rows = steps.map((s, i) => {
    const sev = stepSeverity(s);
    return `<tr id="${pre}step-${i + 1}" class="${sev}"><td class="num">${i + 1}</td><td class="sev"${sev === 'ok' ? '' : ` aria-label="${SEV_LABEL[sev]}" title="${SEV_LABEL[sev]}"`}>${SEV_MARK[sev]}</td><td class="actor">${escapeHtml(s.actor)}</td><td class="num">${s.at.toFixed(2)}</td><td class="num">${s.durationS > 0 ? s.durationS.toFixed(2) : ''}</td><td class="text">${escapeHtml(s.text.replace(/\n$/, ''))}</td></tr>`;
  });
  return [
    `<div class="scroll steps-wrap" tabindex="0" role="region" aria-labelledby="${headingId}">`,
    `<table class="steps">`,
    `<caption>${steps.length} steps; times are simulated seconds from the request. ✕ = failed, ! = warning.</caption>`,
    `<thead><tr><th scope="col">#</th><th scope="col"><span class="skip">severity</span></th><th scope="col">actor</th><th scope="col">at (s)</th><th scope="col">duration (s)</th><th scope="col">text</th></tr></thead>`,
    `<tbody>`,
    ...rows,
    `</tbody></table></div>`,
  ].join('\n');
}

function timelineBlock(steps: Step[], error: string | null, durationS: number, pre: string): string {
  return [
    `<div class="legend" aria-hidden="true"><span><span class="sw ok"></span>step</span><span><span class="sw event"></span>instant step</span><span><span class="sw warn"></span>warning</span><span><span class="sw fail"></span>failed</span><span>linear time axis; bars under ${MIN_BAR_PX} px are drawn ${MIN_BAR_PX} px wide; hover a bar for its text, click it for its row</span></div>`,
    `<div class="scroll tl-wrap" tabindex="0" role="region" aria-label="timeline picture, scroll sideways with the arrow keys">`,
    timelineSvg(steps, { error, endS: durationS, idPrefix: pre }),
    `</div>`,
  ].join('\n');
}

function attachSections(r: AttachResult, pre: string, level: number, labHost: string | null): string {
  const h = `h${level}`;
  // The flow's outcome (the attach, and the detach asked for with it); the attach's own after it.
  const good = r.outcome === 'attached' || r.outcome === 'detached';
  const attachOutcome = r.attachOutcome ?? r.outcome;
  const parts: string[] = [];
  parts.push(
    `<dl class="summary" aria-label="summary">`,
    `<dt>outcome</dt><dd><span class="outcome ${good ? 'good' : 'bad'}">${escapeHtml(r.outcome)}</span></dd>`,
    ...(attachOutcome !== r.outcome || r.detach ? [row('attach outcome', attachOutcome, attachOutcome === 'attached' ? '' : 'error')] : []),
    row('HTTP status the client saw', r.apiStatus),
    row('error', r.error, r.error ? 'error' : ''),
    row('volume status', `${r.volumeStatus} / ${r.attachStatus}`),
    row('status sequence', r.statusSequence.join(' → ')),
    row('guest device', r.deviceName),
    row('host source path', r.sourcePath),
    row('attachDeviceFlags', r.libvirtFlags),
    row('simulated duration', `${r.durationS} s`),
    ...(labHost !== null ? [row('lab host', labHost)] : []),
    ...(r.detach ? [row('detach (race)', `HTTP ${r.detach.apiStatus}${r.detach.error ? ` — ${r.detach.error}` : ''}`, r.detach.error ? 'error' : '')] : []),
    `</dl>`,
  );
  parts.push(`<${h} id="${pre}h-timeline">Timeline</${h}>`, timelineBlock(r.steps, r.error, r.durationS, pre));
  parts.push(`<${h} id="${pre}h-steps">Steps</${h}>`, stepsTable(r.steps, pre, `${pre}h-steps`));
  parts.push(`<${h} id="${pre}h-xml">&lt;disk&gt; XML</${h}>`, xmlBlock(r.xml, `${pre}xml`));
  parts.push(`<${h} id="${pre}h-ci">connection_info</${h}>`, jsonBlock('connection_info', r.connectionInfo, `${pre}ci`));
  parts.push(`<${h} id="${pre}h-bdm">BDM row</${h}>`, jsonBlock('BDM row', r.bdm, `${pre}bdm`));
  if (r.detach) {
    parts.push(`<${h} id="${pre}h-detach">Detach</${h}>`, jsonBlock('detach result', r.detach, `${pre}detach`));
  }
  (r.others ?? []).forEach((o, i) => {
    const p = `${pre}o${i + 2}-`;
    parts.push(`<section class="other" aria-labelledby="${p}h"><${h} id="${p}h">Attach #${i + 2}</${h}>`, attachSections(o, p, Math.min(6, level + 1), null), `</section>`);
  });
  return parts.join('\n');
}

function bootVolume(v: BootVolumeResult, i: number): string {
  const p = `v${i + 1}-`;
  return [
    `<section aria-labelledby="${p}h"><h3 id="${p}h">Volume ${i + 1}${v.entry !== null ? ` (BDM entry ${v.entry})` : ''}: ${escapeHtml(v.sourceType)}${v.volumeId ? ` ${escapeHtml(v.volumeId)}` : ''}</h3>`,
    `<dl class="summary">`,
    row('volume status', `${v.volumeStatus} / ${v.attachStatus}`),
    row('status sequence', v.statusSequence.join(' → ')),
    row('guest device', v.deviceName),
    row('host source path', v.sourcePath),
    `</dl>`,
    `<h4>&lt;disk&gt; XML</h4>`, xmlBlock(v.xml, `${p}xml`),
    `<h4>connection_info</h4>`, jsonBlock('connection_info', v.connectionInfo, `${p}ci`),
    `<h4>BDM row</h4>`, jsonBlock('BDM row', v.bdm, `${p}bdm`),
    `</section>`,
  ].join('\n');
}

function bootSections(r: BootResult, labHost: string): string {
  const good = r.outcome === 'active';
  return [
    `<dl class="summary" aria-label="summary">`,
    `<dt>outcome</dt><dd><span class="outcome ${good ? 'good' : 'bad'}">${escapeHtml(r.outcome)}</span></dd>`,
    row('HTTP status the client saw', r.apiStatus),
    row('error', r.error, r.error ? 'error' : ''),
    row('instance', r.instanceUuid),
    row('volumes', r.volumes.length),
    row('simulated duration', `${r.durationS} s`),
    row('lab host', labHost),
    `</dl>`,
    `<h2 id="h-timeline">Timeline</h2>`, timelineBlock(r.steps, r.error, r.durationS, ''),
    `<h2 id="h-steps">Steps</h2>`, stepsTable(r.steps, '', 'h-steps'),
    `<h2 id="h-volumes">Volumes</h2>`,
    ...(r.volumes.length ? r.volumes.map(bootVolume) : ['<p class="none">No volumes.</p>']),
  ].join('\n');
}

/** A complete HTML document for the webview (no script, no external resource). */
export function panelHtml(input: PanelInput): string {
  const { title, kind, result, labHost, cspSource, nonce, actions } = input;
  const csp = [`default-src 'none'`, `style-src ${cspSource} 'nonce-${nonce}'`, `img-src ${cspSource} data:`, `font-src ${cspSource}`].join('; ');
  const body = kind === 'boot' ? bootSections(result as BootResult, labHost) : attachSections(result as AttachResult, '', 2, labHost);
  return [
    `<!DOCTYPE html>`,
    `<html lang="en">`,
    `<head>`,
    `<meta charset="utf-8">`,
    `<meta http-equiv="Content-Security-Policy" content="${csp.replace(/[&<>"]/g, (c) => escapeHtml(c))}">`,
    `<meta name="viewport" content="width=device-width, initial-scale=1">`,
    `<title>${escapeHtml(title)}</title>`,
    `<style nonce="${escapeHtml(nonce)}">${PANEL_CSS}</style>`,
    `</head>`,
    `<body>`,
    `<a class="skip" href="#h-steps">Skip to the step table</a>`,
    `<main>`,
    `<h1>${escapeHtml(title)}</h1>`,
    ...(actions ? [actionsBar(actions)] : []),
    body,
    `</main>`,
    `</body>`,
    `</html>`,
    '',
  ].join('\n');
}
