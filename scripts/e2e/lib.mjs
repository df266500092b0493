// Shared pieces of the end-to-end harness: where the pinned code-server lives, how it is
// installed when missing, how one instance is started on a free loopback port with throw-away
// state, and how exactly the processes this harness started are stopped again.
//
// Nothing here downloads VS Code: code-server comes from the npm registry and carries a real
// VS Code (server + web workbench), which is why it is used instead of @vscode/test-electron.
import { spawn, spawnSync } from 'node:child_process';
import { appendFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { homedir, tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const CODE_SERVER_VERSION = '4.100.3';
export const RIPGREP_PACKAGE_VERSION = '1.15.11';
export const RIPGREP_ASSET = 'ripgrep-v13.0.0-10-x86_64-unknown-linux-musl.tar.gz';
export const CHROMIUM = process.env.BDM_LAB_CHROMIUM || '/usr/bin/chromium';
export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];

export const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
export const cacheRoot = process.env.BDM_LAB_CACHE || join(homedir(), '.cache', 'bdm-lab');
export const codeServerHome = join(cacheRoot, `code-server-${CODE_SERVER_VERSION}`);
export const codeServerEntry = join(codeServerHome, 'node_modules', 'code-server', 'out', 'node', 'entry.js');
export const resultsDir = join(repoRoot, 'test-results', 'e2e');
export const sampleWorkspace = join(repoRoot, 'samples', 'workspace');
export const isCI = process.env.CI === 'true' || process.env.CI === '1';

export function log(...args) {
  console.log('[e2e]', ...args);
}

// ---------------------------------------------------------------------------------------------
// Process bookkeeping. Every child this harness spawns is recorded by PID and started in its own
// process group (detached), so that stopping it also stops what it forked (code-server's
// extension hosts, Chromium's renderers) without ever touching a process someone else started.
// ---------------------------------------------------------------------------------------------
const started = new Map(); // pid -> label
const cleanups = [];

export function track(child, label) {
  started.set(child.pid, label);
  child.once('exit', () => started.delete(child.pid));
  return child;
}

/** Registers a function to run on exit, Ctrl+C or a failure (last registered runs first). */
export function onCleanup(fn) {
  cleanups.push(fn);
}

function killGroup(pid, signal) {
  try {
    process.kill(-pid, signal);
    return true;
  } catch {
    try {
      process.kill(pid, signal);
      return true;
    } catch {
      return false;
    }
  }
}

function alive(pid) {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

/** Stops one recorded child: SIGTERM to its process group, SIGKILL after `graceMs`. */
export async function stopChild(child, graceMs = 3000) {
  if (!child || child.exitCode !== null || child.signalCode !== null) {
    // The leader is gone; its group may still hold forked helpers.
    if (child?.pid) killGroup(child.pid, 'SIGKILL');
    return;
  }
  const exited = new Promise((r) => child.once('exit', r));
  killGroup(child.pid, 'SIGTERM');
  const timer = new Promise((r) => setTimeout(r, graceMs, 'timeout'));
  if ((await Promise.race([exited, timer])) === 'timeout') killGroup(child.pid, 'SIGKILL');
  // The group can outlive its leader (an extension host mid-shutdown): sweep it.
  killGroup(child.pid, 'SIGKILL');
}

let cleaning;
/** Runs (and forgets) every registered cleanup; safe to call again, e.g. between suites. */
export async function runCleanups() {
  while (cleaning) await cleaning;
  cleaning = (async () => {
    while (cleanups.length) {
      const fn = cleanups.pop();
      try {
        await fn();
      } catch (error) {
        console.error('[e2e] cleanup failed:', error?.message ?? error);
      }
    }
  })();
  await cleaning;
  cleaning = undefined;
}

/** Last resort when the Node process itself exits: kill whatever recorded group is left. */
function killLeftovers() {
  for (const pid of started.keys()) if (alive(pid)) killGroup(pid, 'SIGKILL');
}

/** True once a signal asked this process to stop (so exits of children are expected). */
export let stopping = false;
let signalsInstalled = false;
export function installSignalHandlers() {
  if (signalsInstalled) return;
  signalsInstalled = true;
  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP']) {
    process.on(signal, () => {
      stopping = true;
      console.error(`\n[e2e] ${signal}: stopping what this run started`);
      runCleanups().finally(() => {
        killLeftovers();
        process.exit(signal === 'SIGINT' ? 130 : 143);
      });
    });
  }
  process.on('exit', killLeftovers);
}

// ---------------------------------------------------------------------------------------------
// Small helpers.
// ---------------------------------------------------------------------------------------------
export function freePort() {
  return new Promise((resolvePort, reject) => {
    const server = createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolvePort(port));
    });
  });
}

export function sleep(ms) {
  return new Promise((r) => setTimeout(r, ms));
}

/** A throw-away directory under the OS temp dir; removed by the registered cleanup. */
export function scratchDir(prefix, { keep = false } = {}) {
  const dir = mkdtempSync(join(tmpdir(), `bdm-lab-${prefix}-`));
  if (!keep && !process.env.BDM_E2E_KEEP) onCleanup(() => rmSync(dir, { recursive: true, force: true }));
  return dir;
}

export function run(cmd, args, options = {}) {
  const result = spawnSync(cmd, args, { stdio: 'inherit', ...options });
  if (result.error) throw result.error;
  if (result.status !== 0) throw new Error(`${cmd} ${args.join(' ')} exited with ${result.status}`);
  return result;
}

// ---------------------------------------------------------------------------------------------
// Building and packaging.
// ---------------------------------------------------------------------------------------------
export function readManifest() {
  return JSON.parse(readFileSync(join(repoRoot, 'package.json'), 'utf8'));
}

export function vsixPath() {
  const { name, version } = readManifest();
  return join(repoRoot, `${name}-${version}.vsix`);
}

export function ensureBuilt({ force = false } = {}) {
  const outputs = ['client.js', 'server.js', 'server-main.cjs'].map((f) => join(repoRoot, 'dist', f));
  if (!force && outputs.every(existsSync)) return;
  log('building (npm run build)');
  run('npm', ['run', 'build'], { cwd: repoRoot });
}

export function packageVsix() {
  log('packaging (npm run package)');
  run('npm', ['run', 'package', '--silent'], { cwd: repoRoot });
  const file = vsixPath();
  if (!existsSync(file)) throw new Error(`npm run package did not produce ${file}`);
  return file;
}

// ---------------------------------------------------------------------------------------------
// code-server: install when missing (recipe A in the project's environment notes).
// ---------------------------------------------------------------------------------------------
function missingSystemTools() {
  const missing = [];
  if (!existsSync(CHROMIUM)) missing.push('chromium');
  if (spawnSync('sh', ['-c', 'command -v rg'], { stdio: 'ignore' }).status !== 0) missing.push('ripgrep');
  if (!existsSync('/usr/include/krb5.h') && !existsSync('/usr/include/krb5/krb5.h')) missing.push('libkrb5-dev');
  for (const tool of ['g++', 'make']) {
    if (spawnSync('sh', ['-c', `command -v ${tool}`], { stdio: 'ignore' }).status !== 0) missing.push(tool);
  }
  return missing;
}

export function ensureSystemPackages() {
  if (process.env.BDM_LAB_CHROMIUM && !existsSync(CHROMIUM)) throw new Error(`no Chromium at BDM_LAB_CHROMIUM=${CHROMIUM}`);
  const missing = missingSystemTools();
  if (!missing.length) return;
  const cmd = ['apt-get', 'install', '-y', 'chromium', 'ripgrep', 'libkrb5-dev', 'g++', 'make'];
  if (process.getuid?.() !== 0) {
    throw new Error(`missing system packages (${missing.join(', ')}); run: sudo ${cmd.join(' ')}`);
  }
  log(`installing system packages: ${missing.join(', ')}`);
  if (spawnSync('apt-get', cmd.slice(1), { stdio: 'inherit' }).status !== 0) {
    run('apt-get', ['update']);
    run('apt-get', cmd.slice(1));
  }
}

export function codeServerInstalled() {
  return existsSync(codeServerEntry);
}

/** Installs code-server CODE_SERVER_VERSION into the tools folder outside the repo if missing. */
export function ensureCodeServer() {
  if (codeServerInstalled()) return codeServerEntry;
  ensureSystemPackages();
  const started = Date.now();
  log(`installing code-server ${CODE_SERVER_VERSION} into ${codeServerHome} (a few minutes)`);
  mkdirSync(codeServerHome, { recursive: true });
  writeFileSync(
    join(codeServerHome, 'package.json'),
    JSON.stringify(
      {
        name: 'bdm-lab-code-server',
        private: true,
        description: 'Tools folder for bdm-lab end-to-end tests (created by scripts/e2e).',
        allowScripts: { 'code-server': true },
      },
      null,
      2,
    ) + '\n',
  );
  // @vscode/ripgrep's postinstall downloads rg from the internet unless the asset is cached in
  // os.tmpdir(); give it a private temp dir holding the system rg packed as that asset.
  const installTmp = join(codeServerHome, '.install-tmp');
  const rgCache = join(installTmp, `vscode-ripgrep-cache-${RIPGREP_PACKAGE_VERSION}`);
  mkdirSync(rgCache, { recursive: true });
  const rg = spawnSync('sh', ['-c', 'command -v rg'], { encoding: 'utf8' }).stdout.trim();
  run('tar', ['-C', dirname(rg), '-czf', join(rgCache, RIPGREP_ASSET), 'rg']);
  const env = {
    ...process.env,
    TMPDIR: installTmp,
    npm_config_unsafe_perm: 'true',
    npm_config_yes: 'true',
    npm_config_update_notifier: 'false',
    npm_config_fund: 'false',
    npm_config_audit: 'false',
  };
  run('npm', ['install', '--no-save', `code-server@${CODE_SERVER_VERSION}`], { cwd: codeServerHome, env });
  // npm may have skipped install scripts it did not consider covered: approve and rebuild.
  const skipped = spawnSync('npm', ['install-scripts', 'ls'], { cwd: codeServerHome, env, encoding: 'utf8' });
  if (skipped.status === 0 && /\S/.test(skipped.stdout) && !/no .*scripts/i.test(skipped.stdout)) {
    log('approving skipped install scripts:\n' + skipped.stdout.trim());
    spawnSync('npm', ['install-scripts', 'approve', '--all'], { cwd: codeServerHome, env, stdio: 'inherit' });
    run('npm', ['rebuild'], { cwd: codeServerHome, env });
  }
  rmSync(installTmp, { recursive: true, force: true });
  if (!codeServerInstalled()) throw new Error(`code-server install finished but ${codeServerEntry} is missing`);
  log(`code-server installed in ${Math.round((Date.now() - started) / 1000)} s`);
  return codeServerEntry;
}

// ---------------------------------------------------------------------------------------------
// code-server: start one isolated instance.
// ---------------------------------------------------------------------------------------------

/**
 * Starts code-server on 127.0.0.1:<free port> with its own user-data, extensions dir, HOME, XDG
 * dirs, TMPDIR and config file, and resolves once it answers HTTP. Returns
 * { url, port, child, userDataDir, extensionsDir, stop }.
 * `installVsix` installs a packaged extension into the throw-away extensions dir first; `port`
 * fixes the port (default: a free one); `logFile` receives code-server's output. `workspaceTrust`
 * turns VS Code's workspace trust on (the folder then opens in Restricted Mode, without a prompt);
 * by default every workspace is trusted (--disable-workspace-trust).
 */
export async function startCodeServer({ folder = sampleWorkspace, installVsix, env: extraEnv = {}, label = 'code-server', keep = false, logFile, port, workspaceTrust = false, userSettings = {} } = {}) {
  const entry = ensureCodeServer();
  const root = scratchDir(label, { keep });
  const dirs = {
    home: join(root, 'home'),
    userData: join(root, 'user-data'),
    extensions: join(root, 'extensions'),
    tmp: join(root, 'tmp'),
    config: join(root, 'home', '.config'),
    data: join(root, 'home', '.local', 'share'),
    cache: join(root, 'home', '.cache'),
  };
  for (const d of Object.values(dirs)) mkdirSync(d, { recursive: true });
  mkdirSync(join(dirs.userData, 'User'), { recursive: true });
  writeFileSync(
    join(dirs.userData, 'User', 'settings.json'),
    JSON.stringify(
      {
        'workbench.startupEditor': 'none',
        'workbench.tips.enabled': false,
        'workbench.enableExperiments': false,
        'telemetry.telemetryLevel': 'off',
        'update.mode': 'none',
        'extensions.autoCheckUpdates': false,
        'extensions.autoUpdate': false,
        'security.workspace.trust.enabled': workspaceTrust,
        ...(workspaceTrust ? { 'security.workspace.trust.startupPrompt': 'never', 'security.workspace.trust.banner': 'always' } : {}),
        'editor.hover.delay': 300,
        'window.commandCenter': false,
        // The web workbench defaults to "afterDelay" (the desktop to "off"): tests edit the
        // samples and revert them, and an auto-save in between would write the edit to disk.
        'files.autoSave': 'off',
        ...userSettings,
      },
      null,
      2,
    ),
  );
  const configFile = join(root, 'config.yaml');
  writeFileSync(configFile, 'auth: none\ncert: false\n');
  const env = {
    ...process.env,
    HOME: dirs.home,
    XDG_CONFIG_HOME: dirs.config,
    XDG_DATA_HOME: dirs.data,
    XDG_CACHE_HOME: dirs.cache,
    XDG_RUNTIME_DIR: dirs.tmp,
    TMPDIR: dirs.tmp,
    EXTENSIONS_GALLERY: '{}',
    ...extraEnv,
  };
  delete env.VSCODE_IPC_HOOK_CLI; // never talk to an editor this harness did not start
  const common = ['--config', configFile, '--user-data-dir', dirs.userData, '--extensions-dir', dirs.extensions];

  if (installVsix) {
    log(`installing ${installVsix} into the throw-away extensions dir`);
    const r = spawnSync(process.execPath, [entry, ...common, '--install-extension', installVsix], { env, encoding: 'utf8' });
    if (r.status !== 0) throw new Error(`--install-extension failed (${r.status}):\n${r.stdout}\n${r.stderr}`);
  }

  port ??= await freePort();
  const args = [
    entry,
    ...common,
    '--auth',
    'none',
    '--bind-addr',
    `127.0.0.1:${port}`,
    '--disable-telemetry',
    '--disable-update-check',
    ...(workspaceTrust ? [] : ['--disable-workspace-trust']),
    '--disable-getting-started-override',
    '--ignore-last-opened',
    folder,
  ];
  logFile ??= join(resultsDir, `${label}.log`);
  mkdirSync(dirname(logFile), { recursive: true });
  writeFileSync(logFile, '');
  const child = spawn(process.execPath, args, { env, detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
  track(child, label);
  child.stdout.on('data', (d) => appendFileSync(logFile, d));
  child.stderr.on('data', (d) => appendFileSync(logFile, d));
  const stop = () => stopChild(child);
  onCleanup(stop);

  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 60_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`code-server exited early (${child.exitCode}); see ${logFile}`);
    try {
      const res = await fetch(`${url}/healthz`);
      if (res.ok) break;
    } catch {
      /* not listening yet */
    }
    if (Date.now() > deadline) throw new Error(`code-server did not answer on ${url} within 60 s; see ${logFile}`);
    await sleep(250);
  }
  return { url, port, child, root, userDataDir: dirs.userData, extensionsDir: dirs.extensions, logFile, stop };
}

/** Launches Debian's Chromium through playwright-core (never `playwright install`). */
export async function launchChromium({ headless = true } = {}) {
  if (!existsSync(CHROMIUM)) throw new Error(`no Chromium at ${CHROMIUM} (apt-get install -y chromium)`);
  const { chromium } = await import('playwright-core');
  const profileRoot = scratchDir('chromium');
  const browser = await chromium.launch({
    executablePath: CHROMIUM,
    headless,
    args: CHROMIUM_ARGS,
    // Our own signal handlers close the browser and then stop everything else this run started;
    // Playwright's would exit the process first and leave those behind.
    handleSIGINT: false,
    handleSIGTERM: false,
    handleSIGHUP: false,
    env: {
      ...process.env,
      HOME: profileRoot,
      XDG_CONFIG_HOME: join(profileRoot, '.config'),
      XDG_CACHE_HOME: join(profileRoot, '.cache'),
      TMPDIR: profileRoot,
    },
  });
  onCleanup(() => browser.close().catch(() => {}));
  return browser;
}

/**
 * A suite run as its own program: signal handlers, the suite, its closing line
 * "N passed, N failed" (a crash counts as one failure), the cleanups, and the exit code.
 */
export async function runSuiteAsProgram(label, runSuite) {
  installSignalHandlers();
  let code = 1;
  try {
    const r = await runSuite();
    console.log(`${label} took ${Math.round(r.ms / 1000)} s`);
    console.log(`${r.passed} passed, ${r.failed} failed`);
    code = r.failed ? 1 : 0;
  } catch (error) {
    console.error(`[e2e] ${error.stack || error}`);
    console.log('0 passed, 1 failed');
  } finally {
    await runCleanups();
  }
  process.exit(code);
}
