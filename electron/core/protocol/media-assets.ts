import { fileResponse, findUnderRoot, notFound } from './serve-file.ts';

/**
 * Serves project media to the window as `<base><projectId>/<path inside project>`:
 * only files `rootFor` allows (it answers the project's folder for a path it may
 * serve), resolved through realpath so neither `..` nor a symlink can reach outside
 * the project. Range requests let players seek.
 */
export function mediaAssetHandler(
  rootFor: (projectId: string, relativePath: string) => Promise<string | null> | string | null,
  prefix = '',
) {
  return async (request: Request): Promise<Response> => {
    if (request.method !== 'GET' && request.method !== 'HEAD') return notFound();
    const url = new URL(request.url);
    // media://<projectId>/<path> (Electron), or <origin><prefix><projectId>/<path> (tests).
    const raw = prefix ? url.pathname.slice(prefix.length) : `${url.host}${url.pathname}`;
    if (prefix && !url.pathname.startsWith(prefix)) return notFound();
    const slash = raw.indexOf('/');
    if (slash <= 0) return notFound();
    let projectId: string;
    let relativePath: string;
    try {
      projectId = decodeURIComponent(raw.slice(0, slash));
      relativePath = decodeURIComponent(raw.slice(slash + 1));
    } catch {
      return notFound();
    }
    const root = await rootFor(projectId, relativePath);
    if (!root) return notFound();
    const file = await findUnderRoot(root, raw.slice(slash));
    if (!file) return notFound();
    return fileResponse(file, request, { 'x-content-type-options': 'nosniff' });
  };
}

/** The URL the window uses for a project file. */
export function mediaUrl(base: string, projectId: string, relativePath: string): string {
  return `${base}${encodeURIComponent(projectId)}/${relativePath.split('/').map(encodeURIComponent).join('/')}`;
}
