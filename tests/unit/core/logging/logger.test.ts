import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createLogger } from '../../../../electron/core/logging/logger.ts';
import { Redactor } from '../../../../electron/core/logging/redactor.ts';
import { makeTempDir } from '../../../support/temp-dir.ts';

describe('logger', () => {
  let dir: Awaited<ReturnType<typeof makeTempDir>>;
  beforeEach(async () => {
    dir = await makeTempDir();
  });
  afterEach(() => dir.cleanup());

  it('redacts registered secrets and bearer tokens from every line, meta included', async () => {
    const redactor = new Redactor();
    redactor.add('sk_secret_value_123456');
    const file = join(dir.path, 'logs', 'main.log');
    const logger = createLogger({ redactor, file });
    logger.info('calling with sk_secret_value_123456', { headers: { authorization: 'Bearer abcdefghijklmnop' } });
    logger.child('runware').error('failed', { error: new Error('key sk_secret_value_123456 refused') });
    await logger.flush();
    const text = await readFile(file, 'utf8');
    expect(text.trim().split('\n')).toHaveLength(2);
    expect(text).not.toContain('sk_secret_value_123456');
    expect(text).not.toContain('abcdefghijklmnop');
    expect(text).toContain('[studio/runware] failed');
  });

  it('survives meta it cannot serialise', async () => {
    const file = join(dir.path, 'x.log');
    const logger = createLogger({ redactor: new Redactor(), file });
    const cyclic: Record<string, unknown> = {};
    cyclic.self = cyclic;
    logger.warn('odd', { cyclic, big: 10n });
    await logger.flush();
    expect(await readFile(file, 'utf8')).toContain('"self":"[cycle]"');
  });
});
