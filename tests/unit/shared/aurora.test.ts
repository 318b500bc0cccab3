import { describe, expect, it } from 'vitest';
import {
  AURORA_LIMITS,
  AuroraSettingsSchema,
  AuroraTaskSchema,
  DEFAULT_AURORA_SETTINGS,
  billedSeconds,
  estimateCostUSD,
  pricePerSecondOf,
} from '../../../shared/aurora.ts';

const message = (value: unknown) => {
  const r = AuroraSettingsSchema.safeParse(value);
  return r.success ? null : r.error.issues[0]?.message;
};

describe('Aurora parameters', () => {
  it('accepts the defaults and every boundary', () => {
    expect(AuroraSettingsSchema.parse(DEFAULT_AURORA_SETTINGS)).toEqual(DEFAULT_AURORA_SETTINGS);
    for (const CFGScale of [0, 0.01, 5.55, 10]) expect(message({ ...DEFAULT_AURORA_SETTINGS, CFGScale })).toBeNull();
    for (const numberResults of [1, 4]) expect(message({ ...DEFAULT_AURORA_SETTINGS, numberResults })).toBeNull();
    for (const outputQuality of [20, 99]) expect(message({ ...DEFAULT_AURORA_SETTINGS, outputQuality })).toBeNull();
    expect(message({ ...DEFAULT_AURORA_SETTINGS, positivePrompt: 'hi' })).toBeNull();
    expect(message({ ...DEFAULT_AURORA_SETTINGS, positivePrompt: 'x'.repeat(3000) })).toBeNull();
    expect(message({ ...DEFAULT_AURORA_SETTINGS, safety: { checkContent: true, mode: 'fast' } })).toBeNull();
  });

  it.each([
    [{ CFGScale: 10.01 }, 'CFG scale must be from 0 to 10 (got 10.01).'],
    [{ CFGScale: -1 }, 'CFG scale must be from 0 to 10 (got -1).'],
    [{ CFGScale: 2.345 }, 'CFG scale must be in steps of 0.01 (got 2.345).'],
    [{ numberResults: 5 }, 'Number of takes must be from 1 to 4 (got 5).'],
    [{ numberResults: 1.5 }, 'Number of takes must be a whole number from 1 to 4 (got 1.5).'],
    [{ outputQuality: 19 }, 'Quality must be from 20 to 99 (got 19).'],
    [{ outputFormat: 'GIF' }, 'Format must be one of MP4, WEBM, MOV.'],
    [{ positivePrompt: 'x' }, 'The prompt must be 2–3000 characters long (it has 1), or left empty.'],
    [{ positivePrompt: 'x'.repeat(3001) }, 'The prompt must be 2–3000 characters long (it has 3001), or left empty.'],
    [{ safety: { checkContent: true, mode: 'paranoid' } }, 'Content check mode must be one of none, fast, full.'],
  ])('refuses %o with the field, the limit and the value', (patch, expected) => {
    expect(message({ ...DEFAULT_AURORA_SETTINGS, ...patch })).toBe(expected);
  });

  it('refuses unknown parameters', () => {
    expect(AuroraSettingsSchema.safeParse({ ...DEFAULT_AURORA_SETTINGS, seed: 3 }).success).toBe(false);
  });

  it('checks the whole task: model, async delivery, ttl, URIs, inputs', () => {
    const task = {
      ...DEFAULT_AURORA_SETTINGS,
      taskType: 'videoInference',
      taskUUID: '6f1c2d3e-4b5a-4c6d-8e7f-9a0b1c2d3e4f',
      model: 'creatify:aurora@0',
      deliveryMethod: 'async',
      inputs: { image: '11111111-2222-4333-8444-555555555555', audio: 'https://example.com/a.mp3' },
    };
    expect(AuroraTaskSchema.safeParse(task).success).toBe(true);
    expect(AuroraTaskSchema.safeParse({ ...task, ttl: 59 }).error?.issues[0]?.message).toBe(
      `ttl must be ${AURORA_LIMITS.ttl.min} or more (got 59).`,
    );
    expect(AuroraTaskSchema.safeParse({ ...task, webhookURL: 'ftp://x' }).error?.issues[0]?.message).toBe(
      'webhookURL must be an http(s) URL (got "ftp://x").',
    );
    expect(AuroraTaskSchema.safeParse({ ...task, deliveryMethod: 'sync' }).success).toBe(false);
    expect(AuroraTaskSchema.safeParse({ ...task, inputs: { image: 'not-a-uuid', audio: 'x' } }).error?.issues[0]?.message).toBe(
      'inputs.image must be an uploaded media UUID or an http(s) URL.',
    );
  });
});

describe('cost', () => {
  it('bills whole seconds, rounding partial seconds up', () => {
    expect(billedSeconds(5.5)).toBe(6);
    expect(billedSeconds(5)).toBe(5);
    expect(billedSeconds(5.0000001)).toBe(5);
    expect(billedSeconds(5.01)).toBe(6);
    expect(billedSeconds(0.2)).toBe(1);
  });
  it('takes the model and the delivery options, refusing what Runware would', () => {
    const ok = AuroraSettingsSchema.safeParse({
      ...DEFAULT_AURORA_SETTINGS,
      model: 'fast',
      ttl: 60,
      webhookURL: 'https://hooks.example.com/avatar',
      uploadEndpoint: 'https://bucket.s3.amazonaws.com/out.mp4?X-Amz-Signature=abc',
    });
    expect(ok.success).toBe(true);
    expect(message({ ...DEFAULT_AURORA_SETTINGS, ttl: 59 })).toBe('ttl must be 60 or more (got 59).');
    expect(message({ ...DEFAULT_AURORA_SETTINGS, ttl: 90.5 })).toBe('ttl must be a whole number 60 or more (got 90.5).');
    expect(message({ ...DEFAULT_AURORA_SETTINGS, webhookURL: 'ftp://x/y' })).toBe('webhookURL must be an http(s) URL (got "ftp://x/y").');
    expect(message({ ...DEFAULT_AURORA_SETTINGS, model: 'turbo' })).toBe('Model must be one of v1, fast.');
  });

  it("estimates ceil(seconds) × the model's price × takes", () => {
    const v1 = pricePerSecondOf({});
    expect(v1).toBe(0.14);
    expect(estimateCostUSD(5.5, 1, v1)).toBe(0.84);
    expect(estimateCostUSD(5.5, 2, v1)).toBe(1.68);
    expect(estimateCostUSD(60, 4, v1)).toBe(33.6);
    const fast = pricePerSecondOf({ model: 'fast' });
    expect(fast).toBe(0.07);
    expect(estimateCostUSD(5.5, 1, fast)).toBe(0.42);
    expect(estimateCostUSD(60, 4, fast)).toBe(16.8);
  });
});
