import type { KeyboardEvent } from 'react';

/**
 * Keyboard for a row of `role="radio"` buttons, as WAI-ARIA's radio group pattern asks:
 * the arrow keys (and Home/End) choose the next option and move the focus to it.
 * Pair it with `tabIndex` from `radioTabIndex`, so Tab enters the group once.
 */
export function radioGroupKeys<T>(options: readonly T[], current: T, choose: (value: T) => void) {
  return (event: KeyboardEvent<HTMLElement>): void => {
    const index = options.indexOf(current);
    const next =
      event.key === 'ArrowRight' || event.key === 'ArrowDown'
        ? (index + 1) % options.length
        : event.key === 'ArrowLeft' || event.key === 'ArrowUp'
          ? (index - 1 + options.length) % options.length
          : event.key === 'Home'
            ? 0
            : event.key === 'End'
              ? options.length - 1
              : null;
    if (next === null) return;
    event.preventDefault();
    choose(options[next] as T);
    const radios = event.currentTarget.querySelectorAll<HTMLElement>('[role="radio"]');
    radios[next]?.focus();
  };
}

/** Only the chosen radio is reached with Tab. */
export function radioTabIndex(checked: boolean): 0 | -1 {
  return checked ? 0 : -1;
}
