import { describe, expect, it } from 'vitest';
import { Redactor } from '../../../electron/core/logging/redactor.ts';
import { redactUrls, shortUrl } from '../../../shared/url-display.ts';

const S3 =
  'https://renders.s3.eu-west-1.amazonaws.com/avatar/final%20take.mp4?X-Amz-Algorithm=AWS4-HMAC-SHA256&X-Amz-Credential=AKIAEXAMPLE%2F20261202&X-Amz-Signature=deadbeefcafe';

describe('URLs that may carry credentials', () => {
  it('are shown as host and path, never the query or a password', () => {
    expect(shortUrl(S3)).toBe('renders.s3.eu-west-1.amazonaws.com/avatar/final%20take.mp4?…');
    expect(shortUrl('https://user:hunter2@hooks.example.com/')).toBe('hooks.example.com');
    expect(shortUrl('https://hooks.example.com/a/very/long/path/that/goes/on/and/on/for/ever')).toBe(
      'hooks.example.com/a/very/long/path/that/goes/on/a…',
    );
    expect(shortUrl('not a url at all')).toBe('not a url at all');
  });

  it('lose their signature and password in logs, and keep harmless queries', () => {
    const line = `upload to ${S3} failed; hook https://bob:hunter2@hooks.example.com/x?page=2 ok`;
    const out = redactUrls(line);
    expect(out).not.toMatch(/deadbeefcafe|AKIAEXAMPLE|hunter2/);
    expect(out).toContain('https://renders.s3.eu-west-1.amazonaws.com/avatar/final%20take.mp4?[redacted] failed');
    expect(out).toContain('https://[redacted]@hooks.example.com/x?page=2 ok');
    expect(redactUrls('https://hooks.example.com/in?token=abc123&x=1')).toBe('https://hooks.example.com/in?[redacted]');
    expect(redactUrls('https://example.com/sas?sv=2024&sig=abc%2Bdef')).toBe('https://example.com/sas?[redacted]');
  });

  it('are redacted by the redactor every log line passes through', () => {
    const redactor = new Redactor();
    expect(redactor.redact(`PUT ${S3}`)).toBe('PUT https://renders.s3.eu-west-1.amazonaws.com/avatar/final%20take.mp4?[redacted]');
    expect(redactor.redact(JSON.stringify({ uploadEndpoint: S3 }))).not.toContain('deadbeefcafe');
  });
});
