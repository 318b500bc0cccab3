import { useEffect, useId, useRef, useState } from 'react';
import type { GenerationSummary } from '../../../../shared/generation.ts';
import { messageOf } from '../../ipc/studio.ts';
import { renameGeneration } from './actions.ts';
import { Icon } from '../../ui/Icon.tsx';

/**
 * The generation's name as a heading; Rename (or a double click) turns it into a
 * field. Enter or leaving the field saves, Escape puts the old name back.
 */
export function NameEditor({ g }: { g: GenerationSummary }) {
  const id = useId();
  const [draft, setDraft] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);
  const editButton = useRef<HTMLButtonElement>(null);

  // Another generation selected: any half-typed name belonged to the previous one.
  useEffect(() => {
    setDraft(null);
    setError(null);
  }, [g.id]);

  const close = () => {
    setDraft(null);
    setError(null);
    requestAnimationFrame(() => editButton.current?.focus());
  };

  const commit = async () => {
    if (draft === null || saving) return;
    const name = draft.trim();
    if (name === g.name) return close();
    if (name === '') {
      setError('Give the video a name.');
      return;
    }
    setSaving(true);
    try {
      await renameGeneration(g.id, name);
      close();
    } catch (e) {
      setError(messageOf(e));
    } finally {
      setSaving(false);
    }
  };

  if (draft === null) {
    return (
      <div className="lib-name">
        <h2 className="lib-name__text" title={g.name} onDoubleClick={() => setDraft(g.name)}>
          {g.name}
        </h2>
        <button ref={editButton} type="button" className="icon-button" aria-label="Rename" title="Rename" onClick={() => setDraft(g.name)}>
          <Icon name="edit" />
        </button>
      </div>
    );
  }
  return (
    <div className="lib-name lib-name--editing">
      <input
        className="input"
        // The field replaces the heading the person just asked to edit.
        autoFocus
        onFocus={(e) => e.currentTarget.select()}
        aria-label="Name"
        maxLength={200}
        value={draft}
        disabled={saving}
        aria-invalid={error !== null}
        aria-describedby={error ? `${id}-error` : undefined}
        onChange={(e) => {
          setDraft(e.target.value);
          setError(null);
        }}
        onKeyDown={(e) => {
          if (e.key === 'Enter') {
            e.preventDefault();
            void commit();
          } else if (e.key === 'Escape') {
            // Escape here cancels the rename, not whatever surrounds the field.
            e.preventDefault();
            e.stopPropagation();
            close();
          }
        }}
        onBlur={() => void commit()}
      />
      {error ? (
        <p className="field-error" id={`${id}-error`} role="alert">
          {error}
        </p>
      ) : null}
    </div>
  );
}
