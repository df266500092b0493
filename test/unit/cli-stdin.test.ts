/**
 * `-` as the input of `bdm-lab check`, `xml` and `attach`: standard input, read to its end with the
 * same size limit and UTF-8 check as a file; `--stdin-name` picks its reader and its name in the
 * report. In-process (main() with an injected standard input) and as a process (a pipe, an empty
 * input, a writer that never closes is not waited for past its end).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { main } from '../../server/src/cli';
import { ROOT } from './cli-run';

const CLI = join(ROOT, 'server', 'src', 'cli.ts');
const IMAGE = '70a599e0-31e7-49b7-b260-868f441e862b';
const VOL = 'a26887c6-c47b-4654-abb5-000000000001';

/** main() with `stdin` as standard input (undefined: none given) and no file on disk. */
async function run(args: string[], stdin: string | undefined, files: Record<string, string> = {}): Promise<{ code: number; out: string; err: string; reads: number }> {
  let out = '';
  let err = '';
  let reads = 0;
  const code = await main(args, {
    stdout: (s) => { out += s; },
    stderr: (s) => { err += s; },
    readFile: (p) => {
      const name = p.slice(ROOT.length + 1);
      if (name in files) return files[name]!;
      throw Object.assign(new Error('no such file'), { code: 'ENOENT' });
    },
    readStdin: stdin === undefined ? undefined : (maxBytes) => {
      reads++;
      if (maxBytes !== undefined && Buffer.byteLength(stdin) > maxBytes) throw Object.assign(new Error('too large'), { code: 'EFBIG' });
      return stdin;
    },
    cwd: ROOT,
  });
  return { code, out, err, reads };
}

const refused = JSON.stringify({ server: { name: 'vm', flavorRef: '1', imageRef: IMAGE, block_device_mapping_v2: [{ source_type: 'volume', destination_type: 'volume', uuid: VOL, boot_index: 'first' }] } });
const accepted = JSON.stringify({ server: { name: 'vm', flavorRef: '1', block_device_mapping_v2: [{ source_type: 'image', destination_type: 'volume', uuid: IMAGE, volume_size: 10, boot_index: 0 }] } });

test('check -: the body on standard input is judged as a file is, under the name "-"', async () => {
  const r = await run(['check', '--format', 'json', '-'], refused);
  assert.equal(r.code, 1, r.err);
  assert.equal(r.reads, 1);
  const report = JSON.parse(r.out) as { files: Array<{ file: string; valid: boolean; diagnostics: Array<{ code: string }> }> };
  assert.equal(report.files.length, 1);
  assert.equal(report.files[0]!.file, '-');
  assert.equal(report.files[0]!.valid, false);
  assert.ok(report.files[0]!.diagnostics.some((d) => d.code === 'BDM-SCHEMA-BOOT-INDEX'), JSON.stringify(report.files[0]!.diagnostics.map((d) => d.code)));
  // the same verdict as the same text in a file
  const f = await run(['check', '--format', 'json', 'body.json'], undefined, { 'body.json': refused });
  const fromFile = JSON.parse(f.out) as typeof report;
  assert.deepEqual(report.files[0]!.diagnostics, fromFile.files[0]!.diagnostics);
});

test('check - beside files: each judged, standard input read once', async () => {
  const r = await run(['check', 'ok.json', '-'], refused, { 'ok.json': accepted });
  assert.equal(r.code, 1);
  assert.equal(r.reads, 1);
  assert.match(r.out, /^ok\.json: valid/m);
  assert.match(r.out, /^-: invalid/m);
});

test('check --stdin-name: the name\'s extension picks the reader (a Heat template, Terraform) and names the file in the report', async () => {
  const heat = [
    'heat_template_version: 2018-08-31',
    'resources:',
    '  vm:',
    '    type: OS::Nova::Server',
    '    properties:',
    '      flavor: m1.small',
    '      block_device_mapping_v2:',
    `        - {image: ${IMAGE}, boot_index: 0, volume_size: 10}`,
    '        - {volume_id: v1, boot_index: 0}',
    '',
  ].join('\n');
  const r = await run(['check', '--format', 'json', '--stdin-name', 'stack.yaml', '-'], heat);
  const report = JSON.parse(r.out) as { files: Array<{ file: string; diagnostics: Array<{ code: string }> }> };
  assert.equal(report.files[0]!.file, 'stack.yaml');
  assert.ok(report.files[0]!.diagnostics.some((d) => d.code.startsWith('BDM-HEAT')), JSON.stringify(report.files[0]!.diagnostics.map((d) => d.code)));
  // without the name the text is no JSON body: a syntax error, as a .json file holding it gets
  const plain = await run(['check', '--format', 'json', '-'], heat);
  assert.equal(plain.code, 2);
  assert.match(plain.err, /^bdm-lab: -:1:1: cannot parse/m);
  const tf = `resource "openstack_compute_instance_v2" "vm" {\n  name = "vm"\n  flavor_name = "m1"\n  block_device {\n    uuid = "${IMAGE}"\n    source_type = "image"\n    destination_type = "volume"\n    volume_size = 10\n    boot_index = "first"\n  }\n}\n`;
  const t = await run(['check', '--format', 'json', '--stdin-name', 'main.tf', '-'], tf);
  const tr = JSON.parse(t.out) as { files: Array<{ file: string; valid: boolean; requests?: unknown[] }> };
  assert.equal(tr.files[0]!.file, 'main.tf');
  assert.ok(Array.isArray(tr.files[0]!.requests), 'read as Terraform: its requests are listed');
});

test('check -: libvirt XML and an openstack command line on standard input are told by their text', async () => {
  const xml = await run(['check', '--no-libvirt-schema', '--format', 'json', '-'], '<disk type="file" device="disk"><source file="/x.img"/><target dev="vdb" bus="virtio"/></disk>\n');
  const xr = JSON.parse(xml.out) as { files: Array<{ file: string; valid: boolean }> };
  assert.equal(xr.files[0]!.valid, true, xml.out);
  const line = `openstack server create --flavor m1 --block-device source_type=image,uuid=${IMAGE},destination_type=volume,volume_size=10,boot_index=first vm\n`;
  const sh = await run(['check', '--format', 'json', '-'], line);
  const sr = JSON.parse(sh.out) as { files: Array<{ valid: boolean; requests?: unknown[] }> };
  assert.ok(Array.isArray(sr.files[0]!.requests) && sr.files[0]!.requests.length === 1, sh.out);
});

test('usage errors: "-" twice, --stdin-name without "-", an empty or "-" name', async () => {
  for (const [args, words] of [
    [['check', '-', '-'], /standard input \("-"\) can be read only once/],
    [['check', '--stdin-name', 'a.json', 'b.json'], /give "-" as the FILE too/],
    [['check', '--stdin-name=', '-'], /--stdin-name needs a file name/],
    [['xml', '--stdin-name=-', '-'], /--stdin-name needs a file name/],
  ] as Array<[string[], RegExp]>) {
    const r = await run(args, refused, { 'b.json': accepted });
    assert.equal(r.code, 2, args.join(' '));
    assert.match(r.err, words, args.join(' '));
    assert.equal(r.reads, 0, 'nothing read before the arguments are checked');
  }
});

test('standard input over --max-file-size, or none at all: a per-file error, not a crash', async () => {
  const big = await run(['check', '--max-file-size', '100', '-'], refused);
  assert.equal(big.code, 2);
  assert.match(big.err, /^bdm-lab: -: cannot read: larger than the size limit \(100 bytes/m);
  const none = await run(['check', '-'], undefined);
  assert.equal(none.code, 2);
  assert.match(none.err, /^bdm-lab: -: cannot read: no such file \(ENOENT\)/m);
});

test('xml - renders the body on standard input; attach - runs the request on standard input', async () => {
  const x = await run(['xml', '-'], accepted);
  assert.equal(x.code, 0, x.err);
  assert.match(x.out, /<disk type=/);
  assert.match(x.out, /<target dev="vda"/);
  // a volume of the embedded lab host "default"
  const req = JSON.stringify({ volumeAttachment: { volumeId: '0b6c1e35-7a1e-4d0f-9c52-1d4d6b7f0a01' } });
  const a = await run(['attach', '--lab', 'default', '--format', 'json', '-'], req);
  assert.equal(a.reads, 1);
  assert.equal(a.code, 0, a.err);
  assert.match(a.out, /0b6c1e35-7a1e-4d0f-9c52-1d4d6b7f0a01/);
  // a volume the lab host lacks is placed in the text read from standard input
  const missing = await run(['attach', '--lab', 'default', '-'], JSON.stringify({ volumeAttachment: { volumeId: 'nope' } }));
  assert.equal(missing.code, 2);
  assert.match(missing.err, /^bdm-lab attach: -:1:33: \$\.volumeAttachment\.volumeId: volume nope is not on lab host "default"/m);
});

/** The CLI as a process with `input` written to its standard input (then closed). */
function runProcess(args: string[], input: string | Buffer): Promise<{ code: number | null; out: string; err: string }> {
  return new Promise((done) => {
    const child = spawn(process.execPath, ['--import', 'tsx', CLI, ...args], { cwd: ROOT, stdio: ['pipe', 'pipe', 'pipe'] });
    // the watchdog: a hang fails the test instead of stalling the run
    const watchdog = setTimeout(() => child.kill('SIGKILL'), 90_000);
    let out = '';
    let err = '';
    child.stdout.setEncoding('utf8').on('data', (s: string) => { out += s; });
    child.stderr.setEncoding('utf8').on('data', (s: string) => { err += s; });
    child.on('close', (code) => { clearTimeout(watchdog); done({ code, out, err }); });
    // a body bigger than a pipe's buffer, written in pieces
    for (let i = 0; i < input.length; i += 16_384) child.stdin.write(input.slice(i, i + 16_384));
    child.stdin.end();
  });
}

test('as a process: a body bigger than a pipe\'s buffer on standard input, and an empty one', { timeout: 120_000 }, async () => {
  const entries = Array.from({ length: 800 }, (_, i) => ({ source_type: 'volume', destination_type: 'volume', uuid: `a26887c6-c47b-4654-abb5-${String(i).padStart(12, '0')}`, boot_index: i === 0 ? 0 : -1 }));
  const body = JSON.stringify({ server: { name: 'big', flavorRef: '1', block_device_mapping_v2: entries } }, null, 2);
  assert.ok(body.length > 65_536);
  const r = await runProcess(['check', '--format', 'json', '-'], body);
  assert.equal(r.code, 0, r.err);
  const report = JSON.parse(r.out) as { files: Array<{ file: string; valid: boolean; entries: unknown[] }> };
  assert.equal(report.files[0]!.file, '-');
  assert.equal(report.files[0]!.entries.length, 800);
  const empty = await runProcess(['check', '-'], '');
  assert.equal(empty.code, 2);
  assert.match(empty.err, /-:1:1: cannot parse/);
  const bad = await runProcess(['check', '-'], Buffer.from([0x7b, 0xff, 0xfe, 0x7d]));
  assert.equal(bad.code, 2);
  assert.match(bad.err, /^bdm-lab: -: cannot read: not valid UTF-8 \(EILSEQ\)/m);
});
