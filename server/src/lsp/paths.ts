/**
 * Workspace paths for the files the server reads on a setting's say (lab hosts, nova.conf,
 * context files): a URI's file-system path, or null for any other scheme (a virtual workspace
 * has no files to read) or a URI that does not parse.
 */
import { URI } from 'vscode-uri';

export function fsPathOf(uri: string): string | null {
  try {
    const u = URI.parse(uri);
    return u.scheme === 'file' ? u.fsPath : null;
  } catch {
    return null;
  }
}
