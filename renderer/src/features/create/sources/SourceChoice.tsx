import { radioGroupKeys, radioTabIndex } from '../../../ui/radio-keys.ts';

/** How a card is filled (File, Record, Script; File, Describe): a row of radios, arrow keys between them. */
export function SourceChoice<T extends string>(props: {
  label: string;
  options: readonly { id: T; label: string }[];
  value: T;
  onChange: (value: T) => void;
}) {
  const ids = props.options.map((o) => o.id);
  return (
    <div
      className="segmented source-choice"
      role="radiogroup"
      aria-label={props.label}
      onKeyDown={radioGroupKeys(ids, props.value, props.onChange)}
    >
      {props.options.map((option) => (
        <button
          key={option.id}
          type="button"
          role="radio"
          tabIndex={radioTabIndex(props.value === option.id)}
          aria-checked={props.value === option.id}
          className="segmented__option"
          onClick={() => props.onChange(option.id)}
        >
          {option.label}
        </button>
      ))}
    </div>
  );
}
