import { fileResponse, findUnderRoot, notFound } from './serve-file.ts';

/**
 * Serves project media to the window as `<base><projectId>/<path inside project>`:
 * only files under a project that is open, resolved through realpath so neither
 * `..` nor a symlink can reach outside it. Range requests let players seek.
 */
export function mediaAssetHandler(projectDir: (projectId: string) => string | null, prefix = '') {
  return async (request: Request): Promise<Response> => {
    if (request.method !== 'GET' && request.method !== 'HEAD') return notFound();
    const url = new URL(request.url);
    // media://<projectId>/<path> (Electron), or <origin><prefix><projectId>/<path> (tests).
    const raw = prefix ? url.pathname.slice(prefix.length) : `${url.host}${url.pathname}`;
    if (prefix && !url.pathname.startsWith(prefix)) return notFound();
    const slash = raw.indexOf('/');
    if (slash <= 0) return notFound();
    const root = projectDir(decodeURIComponent(raw.slice(0, slash)));
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
