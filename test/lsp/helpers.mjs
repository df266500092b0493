// Spawns the bundled language server over stdio and speaks LSP to it with vscode-jsonrpc.
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { dirname, join } from 'node:path';
import rpc from 'vscode-jsonrpc/node.js';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');

/**
 * `env`: extra environment for the server (e.g. BDM_LAB_WORKER_MIN_CHARS, tests only);
 * `textDocument`: client capabilities added to the textDocument ones (e.g. codeAction resolve support)
 */
export async function startServer({ settings = {}, workspaceFolder = null, initializationOptions = undefined, env = undefined, textDocument = {} } = {}) {
  const child = spawn(process.execPath, [join(root, 'dist', 'server.js'), '--stdio'], { stdio: ['pipe', 'pipe', 'pipe'], env: env ? { ...process.env, ...env } : process.env });
  const conn = rpc.createMessageConnection(new rpc.StreamMessageReader(child.stdout), new rpc.StreamMessageWriter(child.stdin));
  const diagnostics = new Map();
  const waiters = [];
  conn.onNotification('textDocument/publishDiagnostics', (p) => {
    diagnostics.set(p.uri, p);
    for (const w of [...waiters]) if (w.uri === p.uri && w.pred(p)) { waiters.splice(waiters.indexOf(w), 1); w.resolve(p); }
  });
  conn.onRequest('workspace/configuration', (p) => p.items.map(() => settings));
  conn.onRequest('client/registerCapability', () => null);
  const logs = [];
  conn.onNotification('window/logMessage', (p) => { logs.push(p.message); });
  conn.listen();
  await conn.sendRequest('initialize', {
    processId: process.pid,
    rootUri: workspaceFolder,
    workspaceFolders: workspaceFolder ? [{ uri: workspaceFolder, name: 'ws' }] : null,
    capabilities: { workspace: { configuration: true }, textDocument: { hover: { contentFormat: ['markdown'] }, ...textDocument } },
    initializationOptions,
  });
  await conn.sendNotification('initialized', {});
  return {
    conn,
    child,
    logs,
    open(uri, text, languageId = 'json', version = 1) {
      return conn.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId, version, text } });
    },
    change(uri, version, text) {
      return conn.sendNotification('textDocument/didChange', { textDocument: { uri, version }, contentChanges: [{ text }] });
    },
    waitDiagnostics(uri, pred = () => true, timeoutMs = 60_000) {
      const have = diagnostics.get(uri);
      if (have && pred(have)) return Promise.resolve(have);
      return new Promise((resolve, reject) => {
        const t = setTimeout(() => reject(new Error(`no diagnostics for ${uri} in ${timeoutMs} ms`)), timeoutMs);
        waiters.push({ uri, pred, resolve: (p) => { clearTimeout(t); resolve(p); } });
      });
    },
    hover(uri, line, character) {
      return conn.sendRequest('textDocument/hover', { textDocument: { uri }, position: { line, character } });
    },
    async stop() {
      try {
        await conn.sendRequest('shutdown');
        await conn.sendNotification('exit');
      } catch { /* already gone */ }
      conn.dispose();
      if (child.exitCode === null) child.kill();
    },
  };
}

export function positionOf(text, needle, nth = 0) {
  let idx = -1;
  for (let i = 0; i <= nth; i++) idx = text.indexOf(needle, idx + 1);
  if (idx < 0) throw new Error(`"${needle}" not in text`);
  const before = text.slice(0, idx).split('\n');
  return { line: before.length - 1, character: before[before.length - 1].length };
}
