import { useId } from 'react';
import {
  DEFAULT_PORTRAIT_MODEL,
  DEFAULT_PORTRAIT_PROMPT,
  PORTRAIT_CANDIDATES,
  PORTRAIT_PRICE_USD,
} from '../../../../../shared/portrait-models.ts';
import { preciseMoney } from '../../../../../shared/money.ts';
import { mediaUrl } from '../../../lib/media-url.ts';
import { useProjects } from '../../projects/projects-store.ts';
import { useComposer } from '../composer-store.ts';
import { describePortraits, takePortrait } from './actions.ts';
import { useSources } from './source-store.ts';

/** Portrait from words: a description (a default that suits Aurora), four candidates side by side, pick one. */
export function DescribePanel() {
  const describe = useSources((s) => s.describe);
  const setDescribe = useSources((s) => s.setDescribe);
  const setSource = useSources((s) => s.setPortraitSource);
  const chosen = useComposer((s) => s.image?.file);
  const project = useProjects((s) => s.current);
  const promptId = useId();
  const price = PORTRAIT_PRICE_USD[DEFAULT_PORTRAIT_MODEL] ?? null;
  const tooShort = describe.prompt.trim().length < 3;

  return (
    <div className="source-panel" data-testid="describe-panel">
      <label className="field-label" htmlFor={promptId}>
        Description
      </label>
      <textarea
        id={promptId}
        className="input"
        rows={4}
        value={describe.prompt}
        onChange={(e) => setDescribe({ prompt: e.target.value })}
      />
      <p className="source-panel__meta">
        Aurora animates best a single face looking into the lens, mouth closed, in even light.{' '}
        {describe.prompt !== DEFAULT_PORTRAIT_PROMPT ? (
          <button type="button" className="link-button" onClick={() => setDescribe({ prompt: DEFAULT_PORTRAIT_PROMPT })}>
            Restore the suggested description
          </button>
        ) : null}
      </p>
      <p className="source-panel__price num" data-testid="portrait-price">
        {price === null
          ? `${PORTRAIT_CANDIDATES} portraits with FLUX.2 [dev] · priced by Runware: what each cost is shown once it is made`
          : `${PORTRAIT_CANDIDATES} portraits × ${preciseMoney(price)} = ${preciseMoney(price * PORTRAIT_CANDIDATES)}`}
      </p>
      <div className="source-panel__actions">
        <button
          type="button"
          className="button"
          disabled={describe.making || tooShort || !project}
          onClick={() => void describePortraits()}
        >
          {describe.making
            ? 'Drawing…'
            : describe.candidates.length > 0
              ? `Make ${PORTRAIT_CANDIDATES} more`
              : `Make ${PORTRAIT_CANDIDATES} portraits`}
        </button>
      </div>
      {describe.error ? (
        <p className="card__error" role="alert">
          {describe.error}
        </p>
      ) : null}
      {describe.making ? (
        <div className="candidates" aria-label="Drawing the portraits">
          {Array.from({ length: PORTRAIT_CANDIDATES }, (_, i) => (
            <div key={i} className="skeleton candidates__item" />
          ))}
        </div>
      ) : describe.candidates.length > 0 && project ? (
        <div className="candidates" role="group" aria-label="Candidates" data-testid="candidates">
          {describe.candidates.map((image, i) => (
            <button
              key={image.file}
              type="button"
              className="candidates__item"
              aria-pressed={chosen === image.file}
              onClick={() => {
                takePortrait(image);
                setSource('file');
              }}
            >
              <img src={mediaUrl(project.id, image.file)} alt={`Candidate ${i + 1}`} />
              <span className="candidates__caption num">
                {i + 1} · {image.made?.costUSD != null ? preciseMoney(image.made.costUSD) : 'cost not reported'}
              </span>
            </button>
          ))}
        </div>
      ) : null}
    </div>
  );
}
