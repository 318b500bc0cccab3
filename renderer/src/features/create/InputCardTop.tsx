import type { ReactNode } from 'react';
import { pickInputs } from './actions.ts';

/**
 * What an input card is doing, as its `data-state`: tests and assistive tools wait on this
 * rather than on how long an import usually takes.
 */
export function inputCardState(loading: boolean, error: string | null, filled: boolean): 'loading' | 'error' | 'ready' | 'empty' {
  if (loading) return 'loading';
  if (error) return 'error';
  return filled ? 'ready' : 'empty';
}

/** The head of the portrait and voice cards: title, what is loaded, a picker, and any refusal. */
export function InputCardTop(props: { title: string; kind: 'image' | 'audio'; filled: boolean; meta?: ReactNode; error: string | null }) {
  return (
    <>
      <header className="card__header">
        <h3 className="card__title">{props.title}</h3>
        {props.meta}
        <button type="button" className="button button--small button--ghost" onClick={() => void pickInputs(props.kind)}>
          {props.filled ? 'Replace…' : 'Choose…'}
        </button>
      </header>
      {props.error ? (
        <p className="card__error" role="alert">
          {props.error}
        </p>
      ) : null}
    </>
  );
}
