import { createReadStream } from 'node:fs';
import { realpath, stat } from 'node:fs/promises';
import { extname, resolve } from 'node:path';
import { Readable } from 'node:stream';
import { isInside } from '../fs/contained-paths.ts';

const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.webp': 'image/webp',
  '.gif': 'image/gif',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.mp4': 'video/mp4',
  '.webm': 'video/webm',
  '.mov': 'video/quicktime',
  '.mp3': 'audio/mpeg',
  '.wav': 'audio/wav',
  '.flac': 'audio/flac',
  '.ogg': 'audio/ogg',
  '.opus': 'audio/ogg',
  '.m4a': 'audio/mp4',
  '.aac': 'audio/aac',
};

export function contentTypeFor(file: string): string {
  return CONTENT_TYPES[extname(file).toLowerCase()] ?? 'application/octet-stream';
}

/** A regular file found under a root, with the size its response needs. */
export type FoundFile = { path: string; size: number };

/**
 * Maps a URL path onto a file under `root`, or null. Refuses `..`, encoded
 * separators and NUL bytes, and resolves symlinks so a link cannot lead outside.
 */
export async function findUnderRoot(root: string, urlPath: string): Promise<FoundFile | null> {
  let decoded: string;
  try {
    decoded = decodeURIComponent(urlPath);
  } catch {
    return null;
  }
  if (decoded.includes('\0') || decoded.includes('\\')) return null;
  const parts = decoded.split('/').filter((p) => p.length > 0);
  if (parts.some((p) => p === '..' || p === '.')) return null;
  const realRoot = await realpath(root).catch(() => null);
  if (!realRoot) return null;
  const candidate = resolve(realRoot, ...parts);
  if (!isInside(realRoot, candidate)) return null;
  const real = await realpath(candidate).catch(() => null);
  if (!real || !isInside(realRoot, real)) return null;
  const info = await stat(real).catch(() => null);
  return info?.isFile() ? { path: real, size: info.size } : null;
}

/** The real path of the file `findUnderRoot` finds, or null. */
export async function resolveUnderRoot(root: string, urlPath: string): Promise<string | null> {
  return (await findUnderRoot(root, urlPath))?.path ?? null;
}

/** Parses a single `bytes=a-b` range; multi-range requests get the whole file. */
export function parseRange(header: string | null, size: number): { start: number; end: number } | 'invalid' | null {
  if (!header) return null;
  const match = /^bytes=(\d*)-(\d*)$/.exec(header.trim());
  if (!match) return null;
  const [, a = '', b = ''] = match;
  if (a === '' && b === '') return 'invalid';
  let start: number;
  let end: number;
  if (a === '') {
    const suffix = Number(b);
    if (suffix === 0) return 'invalid';
    start = Math.max(0, size - suffix);
    end = size - 1;
  } else {
    start = Number(a);
    end = b === '' ? size - 1 : Math.min(Number(b), size - 1);
  }
  if (start >= size || start > end) return 'invalid';
  return { start, end };
}

/**
 * A streamed response for a file, with Range support so video players can seek.
 * A file `findUnderRoot` found already carries its size and is not stat'ed again.
 */
export async function fileResponse(
  found: string | FoundFile,
  request: { method?: string; headers?: { get(name: string): string | null } } = {},
  extraHeaders: Record<string, string> = {},
): Promise<Response> {
  const file = typeof found === 'string' ? found : found.path;
  const info = typeof found === 'string' ? await stat(file) : found;
  const headers: Record<string, string> = {
    'content-type': contentTypeFor(file),
    'accept-ranges': 'bytes',
    'cache-control': 'no-cache',
    ...extraHeaders,
  };
  const range = parseRange(request.headers?.get('range') ?? null, info.size);
  if (range === 'invalid') {
    return new Response(null, { status: 416, headers: { ...headers, 'content-range': `bytes */${info.size}` } });
  }
  const start = range?.start ?? 0;
  const end = range?.end ?? info.size - 1;
  headers['content-length'] = String(info.size === 0 ? 0 : end - start + 1);
  if (range) headers['content-range'] = `bytes ${start}-${end}/${info.size}`;
  const status = range ? 206 : 200;
  if (request.method === 'HEAD' || info.size === 0) return new Response(null, { status, headers });
  const body = Readable.toWeb(createReadStream(file, { start, end })) as ReadableStream<Uint8Array>;
  return new Response(body, { status, headers });
}

export function notFound(): Response {
  return new Response('Not found', { status: 404, headers: { 'content-type': 'text/plain; charset=utf-8' } });
}
