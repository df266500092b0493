/** The Simulate Attach webview HTML (server/src/ui/): lanes, bars to scale, failed steps (by status) in red, escaping, CSP. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { EMBEDDED_LAB_HOSTS, loadLabHost, simulateAttach, simulateBoot } from '../../server/src/attach/index';
import { ACTOR_ORDER, MIN_BAR_PX, laneOrder, panelHtml, stepSeverity, timelineSvg } from '../../server/src/ui/panelHtml';
import type { AttachResult, LabHost, Step } from '../../server/src/attach/types';
import { hashes } from '../fixtures/attach/helpers';

function lab(name: string, tweak?: (raw: any) => void): LabHost {
  const raw = JSON.parse(EMBEDDED_LAB_HOSTS[name]!);
  if (tweak) tweak(raw);
  const r = loadLabHost(JSON.stringify(raw), `${name}.labhost.json`);
  if (!r.ok) throw new Error(r.errors.map((e) => e.message).join('; '));
  return r.labHost;
}

function run(l: LabHost): AttachResult {
  return simulateAttach(l, { server_id: l.instances[0]!.uuid, volumeAttachment: { volumeId: l.volumes[0]!.id } }, { hashes });
}

interface Bar { x: number; width: number; cls: string; duration: number; title: string }

function bars(svg: string): Bar[] {
  const re = /<rect class="(bar [^"]*)" x="([\d.]+)" y="[\d.-]+" width="([\d.]+)" height="[\d.]+" rx="\d+" data-duration="([\d.e-]+)"><title>([^<]*)<\/title>/g;
  return [...svg.matchAll(re)].map((m) => ({ cls: m[1]!, x: Number(m[2]), width: Number(m[3]), duration: Number(m[4]), title: m[5]! }));
}

function lanes(svg: string): string[] {
  return [...svg.matchAll(/<g class="lane" data-actor="([^"]*)">/g)].map((m) => m[1]!);
}

const html = (result: AttachResult, title = 'Simulate Attach') =>
  panelHtml({ title, kind: 'attach', result, labHost: 'test', cspSource: 'vscode-webview://abc', nonce: 'N0nce123' });

const newton = run(lab('newton-emc-multipath'));
const success = run(lab('default'));

test('success run: one lane per actor in the fixed order, no red bar, rows = steps', () => {
  assert.equal(success.outcome, 'attached');
  const svg = timelineSvg(success.steps);
  const actors = [...new Set(success.steps.map((s) => s.actor))];
  const got = lanes(svg);
  assert.equal(got.length, actors.length);
  assert.deepEqual([...got].sort(), [...actors].sort());
  // fixed order: indexes in ACTOR_ORDER increase
  const idx = got.map((a) => ACTOR_ORDER.indexOf(a));
  assert.ok(idx.every((v) => v >= 0));
  assert.deepEqual(idx, [...idx].sort((a, b) => a - b));
  assert.equal(bars(svg).length, success.steps.length);
  assert.equal(bars(svg).filter((b) => b.cls.includes('fail')).length, 0);
  const h = html(success);
  assert.equal((h.match(/<tr id="step-\d+"/g) ?? []).length, success.steps.length);
  assert.match(h, /<span class="outcome good">attached<\/span>/);
  assert.match(h, /&lt;disk type=&quot;block&quot; device=&quot;disk&quot;&gt;/);
  assert.ok(h.includes('&quot;attachment_id&quot;'), 'BDM row shown as JSON');
});

test('unknown actors follow the fixed ones in first-seen order', () => {
  const steps: Step[] = [
    { actor: 'zeta', at: 0, durationS: 1, text: 'a' },
    { actor: 'os-brick', at: 1, durationS: 1, text: 'b' },
    { actor: 'alpha', at: 2, durationS: 1, text: 'c' },
    { actor: 'nova-api', at: 3, durationS: 1, text: 'd' },
  ];
  assert.deepEqual(laneOrder(steps), ['nova-api', 'os-brick', 'zeta', 'alpha']);
});

test('newton-emc-multipath: the 120 s logins are red and longer than all sub-second bars together', () => {
  const svg = timelineSvg(newton.steps, { width: 1000 });
  assert.equal(lanes(svg).length, new Set(newton.steps.map((s) => s.actor)).size);
  const all = bars(svg);
  assert.equal(all.length, newton.steps.length);
  const logins = all.filter((b) => b.duration === 120);
  assert.equal(logins.length, 2);
  for (const b of logins) {
    assert.ok(b.cls.includes('fail'), b.cls);
    assert.match(b.title, /portal unreachable/);
  }
  const subSecond = all.filter((b) => b.duration < 1);
  const sumSub = subSecond.reduce((a, b) => a + b.width, 0);
  assert.ok(logins[0]!.width > sumSub, `${logins[0]!.width} vs ${sumSub}`);
  // linear: widths of real bars (above the minimum) are proportional to their durations
  const scaled = all.filter((b) => b.duration > 0 && b.width > MIN_BAR_PX + 1);
  const k = logins[0]!.width / 120;
  for (const b of scaled) assert.ok(Math.abs(b.width / b.duration - k) < 0.05, `${b.duration} s -> ${b.width} px`);
  const seven = all.find((b) => b.duration === 7)!;
  assert.ok(Math.abs(seven.width * (120 / 7) - logins[0]!.width) < 1);
  // a 0.1 s step is still a visible minimum-width bar
  const tiny = all.find((b) => b.duration === 0.1)!;
  assert.equal(tiny.width, MIN_BAR_PX);
  // and the failure text is recognised
  assert.ok(newton.steps.some((s) => stepSeverity(s) === 'fail' && /Failed to login/.test(s.text)));
  assert.equal(stepSeverity({ actor: 'os-brick', at: 0, durationS: 0, text: 'iscsiadm -m session: exit code 21, \'iscsiadm: No active sessions.\'' }), 'ok');
});

test('a 0.05 s step next to a 120 s step: visible, narrow, on a linear axis with second ticks', () => {
  const steps: Step[] = [
    { actor: 'os-brick', at: 0, durationS: 0.05, text: 'connect_volume: lock taken', status: 'ok' },
    { actor: 'os-brick', at: 0.05, durationS: 120, text: 'iscsiadm --login (timeout)', status: 'error' },
  ];
  const svg = timelineSvg(steps, { width: 1000 });
  const [small, big] = bars(svg);
  assert.equal(small!.width, MIN_BAR_PX);
  assert.ok(big!.width > 800);
  assert.ok(big!.cls.includes('fail'));
  assert.ok(!small!.cls.includes('fail'));
  const ticks = [...svg.matchAll(/<text class="tick"[^>]*>([\d.]+) s<\/text>/g)].map((m) => Number(m[1]));
  assert.ok(ticks.includes(0) && ticks.includes(100), ticks.join(','));
  const diffs = [...new Set(ticks)].sort((a, b) => a - b).map((t, i, a) => (i ? t - a[i - 1]! : 0)).slice(1);
  assert.ok(diffs.every((d) => d === diffs[0]), 'evenly spaced ticks');
});

test('a failed run: red bars, the final error marked and in the summary, outcome shown as failed', () => {
  const l = lab('iscsi', (raw) => {
    raw.backends.lvm.portals[0].reachable = false;
  });
  const r = run(l);
  assert.equal(r.outcome, 'failed');
  const h = html(r);
  assert.match(h, /<span class="outcome bad">failed<\/span>/);
  assert.match(h, /<g class="final-error">/);
  assert.ok(h.includes('VolumeDeviceNotFound: Volume device not found at .'));
  assert.ok(bars(timelineSvg(r.steps)).some((b) => b.cls.includes('fail') && b.duration >= 120));
  assert.match(h, /<tr id="step-\d+" class="fail">/);
});

test('every text is escaped: <script> in a step, quotes and & in error, XML and JSON', () => {
  const evil: AttachResult = {
    ...success,
    error: `Boom "quoted" & 'single' <b>bold</b>`,
    steps: [...success.steps, { actor: 'nova-compute<img src=x>', at: 4.5, durationS: 0.2, text: '<script>alert("x")</script> & done' }],
    connectionInfo: { k: '</pre><script>alert(1)</script>' },
  };
  const h = html(evil, 'Title <script>');
  assert.ok(!/<script/i.test(h), 'no script element anywhere');
  assert.ok(!h.includes('<img'), 'no injected element');
  assert.ok(h.includes('&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; done'));
  assert.ok(h.includes('Boom &quot;quoted&quot; &amp; &#39;single&#39; &lt;b&gt;bold&lt;/b&gt;'));
  assert.ok(h.includes('<title>Title &lt;script&gt;</title>'));
  assert.equal((h.match(/<tr id="step-\d+"/g) ?? []).length, evil.steps.length);
});

test('document: strict CSP with the nonce, no script, no external URL, keyboard reachable regions', () => {
  const h = html(newton);
  const csp = /<meta http-equiv="Content-Security-Policy" content="([^"]+)">/.exec(h);
  assert.ok(csp, 'CSP meta');
  assert.match(csp![1]!, /default-src 'none'/);
  assert.match(csp![1]!, /style-src vscode-webview:\/\/abc 'nonce-N0nce123'/);
  assert.ok(!/script-src/.test(csp![1]!));
  assert.ok(h.includes('<style nonce="N0nce123">'));
  assert.ok(!/\sstyle="/.test(h), 'no inline style attribute (blocked by the CSP)');
  const urls = [...h.matchAll(/\b(?:https?|ftp):\/\/[^\s"'<>]+/g)].map((m) => m[0]).filter((u) => u !== 'http://www.w3.org/2000/svg');
  // the only URLs are inside escaped step texts (curl lines), never in src/href attributes
  assert.ok(!/(?:src|href)="(?:https?:)?\/\//.test(h));
  for (const u of urls) assert.match(u, /^http:\/\/controller:8776\//);
  assert.ok(!/@import|url\(/.test(h));
  // table with headers, focusable scroll regions, headings
  assert.match(h, /<th scope="col">actor<\/th>/);
  assert.match(h, /<div class="scroll steps-wrap" tabindex="0" role="region" aria-labelledby="h-steps">/);
  assert.match(h, /<h2 id="h-steps">Steps<\/h2>/);
  assert.match(h, /role="img" aria-labelledby="tl-title tl-desc"/);
  assert.equal((h.match(/<tr id="step-\d+"/g) ?? []).length, newton.steps.length);
  // theme variables only: no hard-coded colours in the panel CSS
  const css = /<style nonce="N0nce123">([\s\S]*?)<\/style>/.exec(h)![1]!;
  assert.ok(!/#[0-9a-f]{3,6}\b|rgb\(/i.test(css), 'colours come from --vscode-* variables');
  assert.match(css, /var\(--vscode-charts-red\)/);
});

test('detach and others are shown when present; boot results render their volumes', () => {
  const second = { ...success, deviceName: '/dev/vdc' };
  const h = html({ ...success, detach: { apiStatus: 409, error: 'Conflict: still attaching' }, others: [second] });
  assert.match(h, /<h2 id="h-detach">Detach<\/h2>/);
  assert.match(h, /HTTP 409 — Conflict: still attaching/);
  assert.match(h, /<h2 id="o2-h">Attach #2<\/h2>/);
  assert.match(h, /<h3 id="o2-h-steps">Steps<\/h3>/);
  assert.ok(h.includes('id="o2-step-1"'));
  assert.ok(h.includes('/dev/vdc'));

  const l = lab('iscsi');
  const boot = simulateBoot(l, [{ boot_index: 0, source_type: 'image', destination_type: 'volume', uuid: l.images[0]!.id, volume_size: 10 } as any], { instanceUuid: '11111111-2222-4333-8444-555555555555', hashes });
  const b = panelHtml({ title: 'Simulate Boot', kind: 'boot', result: boot, labHost: 'iscsi', cspSource: 'x', nonce: 'n' });
  assert.match(b, /<h2 id="h-volumes">Volumes<\/h2>/);
  assert.equal((b.match(/<tr id="step-\d+"/g) ?? []).length, boot.steps.length);
  assert.ok(boot.volumes.length >= 1);
  assert.ok(b.includes('11111111-2222-4333-8444-555555555555'));
});

test('steps are marked by their status, never by their text', () => {
  const steps: Step[] = [
    { actor: 'os-brick', at: 0, durationS: 1, text: 'iscsiadm --login', status: 'error' },
    { actor: 'os-brick', at: 1, durationS: 1, text: 'multipath -ll', status: 'warn' },
    // texts that name failures but report a step that went fine
    { actor: 'cinder-api', at: 2, durationS: 1, text: 'RESP: [200] error count 0; no failure, HTTP 500 retried fine', status: 'ok' },
    { actor: 'os-brick', at: 3, durationS: 0, text: 'ERROR exit code 1 (an error in a log line the engine knows is harmless)', status: 'info' },
    { actor: 'nova-compute', at: 3, durationS: 0, text: 'WARNING something failed, not run', status: 'skipped' },
    // a plain-looking text on a failed step
    { actor: 'libvirtd', at: 4, durationS: 0, text: 'virDomainAttachDeviceFlags', status: 'error' },
  ];
  assert.deepEqual(steps.map(stepSeverity), ['fail', 'warn', 'ok', 'ok', 'ok', 'fail']);
  const svg = timelineSvg(steps);
  assert.equal(bars(svg).length, steps.length);
  const byStep = new Map([...svg.matchAll(/<a href="#step-(\d+)"[^>]*>\n<rect class="bar (\w+)/g)].map((m) => [Number(m[1]), m[2]!]));
  assert.deepEqual([1, 2, 3, 4, 5, 6].map((i) => byStep.get(i)), ['fail', 'warn', 'ok', 'ok', 'ok', 'fail']);
  assert.match(svg, /2 failed steps/);
  const h = html({ ...success, outcome: 'attached', error: null, steps });
  const rows = [...h.matchAll(/<tr id="step-(\d+)" class="(\w+)">/g)].map((m) => m[2]);
  assert.deepEqual(rows, ['fail', 'warn', 'ok', 'ok', 'ok', 'fail']);
  assert.ok(!/<tr id="step-3" class="fail">/.test(h), 'a step whose text says "error" but whose status is ok is not red');
  // a step without a status (recorded outside the engine) is plain
  assert.equal(stepSeverity({ actor: 'x', at: 0, durationS: 0, text: 'error: failed' }), 'ok');
});

test('Re-run and Copy as CLI command: command links (no script, the CSP unchanged), the line shown escaped', () => {
  const cli = "bdm-lab attach --lab default --instance x '/tmp/a <b> & \"c\".json'";
  const h = panelHtml({ title: 'T', kind: 'attach', result: success, labHost: 'default', cspSource: 'vscode-webview://abc', nonce: 'N0nce123', actions: { rerun: 'command:bdmLab.rerunSimulation', copy: 'command:bdmLab.copySimulationCommand', cli, cliNote: 'reads the body as saved' } });
  assert.match(h, /<a class="button" id="rerun" role="button" href="command:bdmLab\.rerunSimulation"/);
  assert.match(h, /<a class="button secondary" id="copy-cli" role="button" href="command:bdmLab\.copySimulationCommand"/);
  assert.ok(h.includes('<pre class="code cli" id="cli" tabindex="0" role="region" aria-label="the same run from the command line">bdm-lab attach --lab default --instance x &#39;/tmp/a &lt;b&gt; &amp; &quot;c&quot;.json&#39;</pre>'));
  assert.ok(!/<script/i.test(h));
  const csp = /<meta http-equiv="Content-Security-Policy" content="([^"]+)">/.exec(h)![1]!;
  assert.equal(csp, `default-src 'none'; style-src vscode-webview://abc 'nonce-N0nce123'; img-src vscode-webview://abc data:; font-src vscode-webview://abc`);
  // the buttons come before the result
  assert.ok(h.indexOf('id="rerun"') < h.indexOf('class="outcome'));
  // without actions, no buttons (the standalone render of scripts/render-panel.ts)
  assert.ok(!html(success).includes('id="rerun"'));
});

test('panel actions: only command: links become buttons; no line, no copy button and the note says why', () => {
  const h = panelHtml({ title: 'T', kind: 'attach', result: success, labHost: 'default', cspSource: 'c', nonce: 'n', actions: { rerun: 'javascript:alert(1)', copy: 'https://example.invalid/x', cli: 'bdm-lab attach' } });
  assert.ok(!h.includes('javascript:') && !h.includes('example.invalid'));
  assert.ok(!h.includes('id="rerun"') && !h.includes('id="copy-cli"'));
  const none = panelHtml({ title: 'T', kind: 'attach', result: success, labHost: 'default', cspSource: 'c', nonce: 'n', actions: { rerun: 'command:bdmLab.rerunSimulation', copy: 'command:bdmLab.copySimulationCommand', cli: null, cliNote: 'Save the body to a file to get a command line.' } });
  assert.ok(none.includes('id="rerun"'));
  assert.ok(!none.includes('id="copy-cli"'));
  assert.match(none, /<p class="none">Save the body to a file to get a command line\.<\/p>/);
});

test('the CLI line: each word quoted for a POSIX shell only when needed, and sh reads the argv back', async () => {
  const { execFileSync } = await import('node:child_process');
  const { attachCliArgs, cliLine, shellWord } = await import('../../server/src/ui/cliLine');
  assert.equal(shellWord('/srv/bdm/attach.json'), '/srv/bdm/attach.json');
  assert.equal(shellWord("it's"), `'it'\\''s'`);
  assert.equal(shellWord(''), "''");
  const argv = attachCliArgs({ lab: '/w/my lab.labhost.json', requestFile: '/w/$(touch x) `y` "z"\n;|&.json', microversion: '2.79', instance: '-odd', volume: 'v', profile: 'kilo_prefix', detachAt: 'in-use' });
  assert.deepEqual(argv.slice(0, 9), ['attach', '--lab', '/w/my lab.labhost.json', '--microversion', '2.79', '--instance=-odd', '--volume', 'v', '--profile']);
  assert.ok(argv.includes('--detach-at') && !argv.includes('--detach-after'));
  const line = cliLine(argv);
  assert.ok(!line.includes('\n') || /'[^']*\n[^']*'/.test(line), 'a line break only inside quotes');
  const words = execFileSync('sh', ['-c', `printf '%s\\0' ${line}`], { encoding: 'utf8' }).split('\0').slice(0, -1);
  assert.deepEqual(words, ['bdm-lab', ...argv]);
  assert.deepEqual(attachCliArgs({ lab: 'default', requestFile: null, microversion: '2.1', instance: 'i', detachAfter: 2.5 }), ['attach', '--lab', 'default', '--microversion', '2.1', '--instance', 'i', '--detach-after', '2.5']);
});
