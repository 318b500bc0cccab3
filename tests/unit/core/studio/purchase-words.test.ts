import { describe, expect, it } from 'vitest';
import { inWordsOf } from '../../../../electron/core/studio/result-media.ts';
import { RunwareError } from '../../../../electron/core/runware/runware-error.ts';

const refusal = (category: 'credits' | 'safety' | 'server') =>
  new RunwareError({ code: 'x', category, retryable: false, httpStatus: 400, message: 'for a generation' });

describe('Runware’s refusals, in the words of what was bought', () => {
  it('names the speech or the portraits when the balance is too low, keeping the category', () => {
    const said = inWordsOf(refusal('credits'), 'speech') as RunwareError;
    expect(said.message).toBe('Your Runware balance is too low for this speech. Top up your account at my.runware.ai, then try again.');
    expect(said.category).toBe('credits');
    expect((inWordsOf(refusal('credits'), 'portraits') as Error).message).toMatch(/too low for these portraits\./);
  });

  it('asks for a changed script or description when the content check blocks it', () => {
    expect((inWordsOf(refusal('safety'), 'speech') as Error).message).toBe(
      "Runware's content check blocked this request. Change the script.",
    );
    expect((inWordsOf(refusal('safety'), 'portraits') as Error).message).toBe(
      "Runware's content check blocked this request. Change the description.",
    );
  });

  it('leaves every other failure as the client worded it', () => {
    const other = refusal('server');
    expect(inWordsOf(other, 'speech')).toBe(other);
    const plain = new Error('disk');
    expect(inWordsOf(plain, 'speech')).toBe(plain);
  });
});
