import { useId } from 'react';

/** A labelled drop-down of the sources' choices (model, voice, microphone). */
export function Picker(props: {
  label: string;
  value: string;
  options: readonly { value: string; label: string }[];
  disabled?: boolean;
  onChange: (value: string) => void;
}) {
  const id = useId();
  return (
    <div className="source-panel__field">
      <label className="field-label" htmlFor={id}>
        {props.label}
      </label>
      <select id={id} className="input" value={props.value} disabled={props.disabled} onChange={(e) => props.onChange(e.target.value)}>
        {props.options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </select>
    </div>
  );
}
