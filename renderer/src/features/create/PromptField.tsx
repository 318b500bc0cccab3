import * as DropdownMenu from '@radix-ui/react-dropdown-menu';
import { useId } from 'react';
import { AURORA_LIMITS } from '../../../../shared/aurora.ts';
import { savePromptPresets } from './actions.ts';
import { useComposer } from './composer-store.ts';
import { toast, useStudio } from '../../app/ui-store.ts';

const NO_PRESETS: readonly { name: string; prompt: string }[] = [];

/** The optional prompt, with its character count and saved presets. */
export function PromptField({ error }: { error?: string }) {
  const id = useId();
  const prompt = useComposer((s) => s.prompt);
  const setPrompt = useComposer((s) => s.setPrompt);
  // A stable empty list: a fresh [] per render would make the store subscription loop.
  const presets = useStudio((s) => s.settings?.settings.promptPresets ?? NO_PRESETS);
  const { max } = AURORA_LIMITS.positivePrompt;

  const savePreset = async () => {
    const text = prompt.trim();
    if (text.length < 2) return;
    const name = text.length > 40 ? `${text.slice(0, 38)}…` : text;
    const next = [...presets.filter((p) => p.prompt !== text), { name, prompt: text }];
    if (await savePromptPresets(next)) toast('info', 'Saved the prompt as a preset.');
  };
  const removePreset = (text: string) => savePromptPresets(presets.filter((p) => p.prompt !== text));

  return (
    <div className="prompt">
      <div className="prompt__header">
        <label className="field-label" htmlFor={id}>
          Prompt (optional)
        </label>
        <span className={`prompt__count num${prompt.length > max ? ' prompt__count--over' : ''}`} aria-live="polite">
          {prompt.length}/{max}
        </span>
      </div>
      <textarea
        id={id}
        className="input prompt__input"
        rows={2}
        placeholder="natural blinking, gentle head turns, warm smile"
        value={prompt}
        aria-invalid={error !== undefined}
        aria-describedby={error ? `${id}-error` : undefined}
        onChange={(e) => setPrompt(e.target.value)}
      />
      {error ? (
        <p className="field-error" id={`${id}-error`} role="alert">
          {error}
        </p>
      ) : null}
      <div className="prompt__presets">
        <DropdownMenu.Root>
          <DropdownMenu.Trigger className="button button--small button--ghost" disabled={presets.length === 0}>
            Presets{presets.length > 0 ? ` (${presets.length})` : ''}
          </DropdownMenu.Trigger>
          <DropdownMenu.Portal>
            <DropdownMenu.Content className="menu menu--wide" align="start" sideOffset={4}>
              {presets.map((p) => (
                <DropdownMenu.Item key={p.prompt} className="menu__item" onSelect={() => setPrompt(p.prompt)}>
                  <span className="menu__label">{p.name}</span>
                  <button
                    type="button"
                    className="icon-button icon-button--small"
                    aria-label={`Delete preset ${p.name}`}
                    onClick={(e) => {
                      e.stopPropagation();
                      void removePreset(p.prompt);
                    }}
                  >
                    ×
                  </button>
                </DropdownMenu.Item>
              ))}
            </DropdownMenu.Content>
          </DropdownMenu.Portal>
        </DropdownMenu.Root>
        <button
          type="button"
          className="button button--small button--ghost"
          disabled={prompt.trim().length < 2}
          onClick={() => void savePreset()}
        >
          Save as preset
        </button>
      </div>
    </div>
  );
}
