import type { ReactNode } from 'react';
import { pickInputs } from '../../store/actions.ts';

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
