/**
 * URLs a person gives Runware (webhook, upload endpoint) may carry credentials: a
 * presigned query string (`X-Amz-Signature=…`, `sig=…`) or `user:password@`. The window
 * shows them shortened and logs never hold them whole.
 */
const CREDENTIAL_QUERY = /(?:^|[?&])[\w.-]*(?:signature|sig|token|credential|secret|key|auth|password)[\w.-]*=/i;

/** "bucket.s3.amazonaws.com/renders/out.mp4?…": host and path (long paths cut), never userinfo or the query. */
export function shortUrl(raw: string, maxPath = 32): string {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return raw.length > 40 ? `${raw.slice(0, 40)}…` : raw;
  }
  const path = url.pathname === '/' ? '' : url.pathname;
  const shownPath = path.length > maxPath ? `${path.slice(0, maxPath)}…` : path;
  return `${url.host}${shownPath}${url.search ? '?…' : ''}`;
}

/** Every http(s) URL in `text` without its userinfo, and without a query that looks like credentials. */
export function redactUrls(text: string): string {
  return text.replace(/\bhttps?:\/\/[^\s"'<>]+/gi, (raw) => {
    let out = raw.replace(/^(https?:\/\/)[^/@\s]+@/i, '$1[redacted]@');
    const q = out.indexOf('?');
    if (q >= 0 && CREDENTIAL_QUERY.test(out.slice(q))) out = `${out.slice(0, q)}?[redacted]`;
    return out;
  });
}
