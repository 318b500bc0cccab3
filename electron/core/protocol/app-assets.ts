import { fileResponse, findUnderRoot, notFound } from './serve-file.ts';

/**
 * Serves the built renderer (`out/renderer`) for `app://studio/…` with the CSP as a
 * header too, so the policy holds even for responses that are not the HTML page.
 */
export function appAssetHandler(rendererDir: string, csp: string, host = 'studio') {
  return async (request: Request): Promise<Response> => {
    const url = new URL(request.url);
    if (url.host !== host || (request.method !== 'GET' && request.method !== 'HEAD')) return notFound();
    const path = url.pathname === '/' || url.pathname === '' ? '/index.html' : url.pathname;
    const file = await findUnderRoot(rendererDir, path);
    if (!file) return notFound();
    return fileResponse(file, request, { 'content-security-policy': csp, 'x-content-type-options': 'nosniff' });
  };
}
