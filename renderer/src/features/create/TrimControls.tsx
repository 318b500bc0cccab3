import { useEffect, useId, useState } from 'react';
import type { Trim } from './composer-store.ts';

/** A seconds field with two decimals that commits on Enter or blur, and reverts on Escape. */
function SecondsField({
  label,
  value,
  invalid,
  onCommit,
}: {
  label: string;
  value: number;
  /** Set when the selection is refused: the field is marked and points at the reason. */
  invalid: boolean;
  onCommit: (v: number) => void;
}) {
  const id = useId();
  const [text, setText] = useState(value.toFixed(2));
  useEffect(() => setText(value.toFixed(2)), [value]);
  const commit = () => {
    const n = Number(text.replace(',', '.'));
    if (Number.isFinite(n) && n >= 0) onCommit(Math.round(n * 100) / 100);
    else setText(value.toFixed(2));
  };
  return (
    <div className="seconds-field">
      <label className="field-label" htmlFor={id}>
        {label}
      </label>
      <input
        id={id}
        className="input input--seconds num"
        inputMode="decimal"
        aria-invalid={invalid || undefined}
        aria-describedby={invalid ? 'trim-error' : undefined}
        value={text}
        onChange={(e) => setText(e.target.value)}
        onBlur={commit}
        onKeyDown={(e) => {
          if (e.key === 'Enter') commit();
          if (e.key === 'Escape') setText(value.toFixed(2));
        }}
      />
      <span className="seconds-field__unit" aria-hidden="true">
        s
      </span>
    </div>
  );
}

export function TrimControls({ trim, invalid, onTrim }: { trim: Trim; invalid: boolean; onTrim: (trim: Trim) => void }) {
  return (
    <div className="trim-fields">
      <SecondsField label="In" value={trim.startSec} invalid={invalid} onCommit={(startSec) => onTrim({ ...trim, startSec })} />
      <SecondsField label="Out" value={trim.endSec} invalid={invalid} onCommit={(endSec) => onTrim({ ...trim, endSec })} />
    </div>
  );
}
