import { useEffect, useId, useState } from 'react';
import type { WindowSettingsPatch } from '../../../../shared/settings.ts';
import { messageOf } from '../../ipc/studio.ts';
import { toast, useStudio } from '../../app/ui-store.ts';
import { chooseProjectsRoot, updateSettings } from './actions.ts';

export function GeneralSection() {
  const view = useStudio((s) => s.settings);
  const setSettings = useStudio((s) => s.setSettings);
  const id = useId();
  const [budget, setBudget] = useState('');
  const [budgetError, setBudgetError] = useState<string | null>(null);

  const cap = view?.settings.budgetCapUSD ?? null;
  useEffect(() => setBudget(cap === null ? '' : cap.toFixed(2)), [cap]);

  if (!view) return <section className="settings-section skeleton" aria-busy="true" />;

  // Optimistic: the control moves at once, and snaps back if main refuses the change.
  const save = async (patch: WindowSettingsPatch): Promise<void> => {
    const before = view;
    setSettings({ ...view, settings: { ...view.settings, ...patch } });
    try {
      setSettings(await updateSettings(patch));
    } catch (e) {
      setSettings(before);
      toast('error', messageOf(e));
    }
  };

  const chooseRoot = async (): Promise<void> => {
    const next = await chooseProjectsRoot();
    if (next) setSettings(next);
  };

  const commitBudget = (): void => {
    const text = budget.trim().replace(/^\$/, '');
    if (text === '') {
      setBudgetError(null);
      if (cap !== null) void save({ budgetCapUSD: null });
      return;
    }
    const value = Number(text);
    if (!Number.isFinite(value) || value <= 0) {
      setBudgetError('Enter an amount in dollars greater than 0, or leave it empty for no cap.');
      return;
    }
    setBudgetError(null);
    const rounded = Math.round(value * 100) / 100;
    if (rounded !== cap) void save({ budgetCapUSD: rounded });
  };

  return (
    <section className="settings-section" aria-labelledby={`${id}-title`}>
      <h3 className="settings-section__title" id={`${id}-title`}>
        General
      </h3>
      <div className="field">
        <span className="field-label">Projects folder</span>
        <div className="path-row">
          <code className="path" data-testid="projects-root">
            {view.settings.projectsRoot ?? view.defaultProjectsRoot}
          </code>
          <button type="button" className="button button--small" onClick={() => void chooseRoot()}>
            Change…
          </button>
          {view.settings.projectsRoot ? (
            <button type="button" className="button button--small button--ghost" onClick={() => void save({ projectsRoot: null })}>
              Use default
            </button>
          ) : null}
        </div>
        <p className="field-hint">Projects are plain folders here; moving the setting does not move them.</p>
      </div>
      <label className="checkbox">
        <input type="checkbox" checked={view.settings.notifications} onChange={(e) => void save({ notifications: e.target.checked })} />
        Notify me when generations finish
      </label>
      <div className="field">
        <label className="field-label" htmlFor={`${id}-budget`}>
          Budget cap per project (USD)
        </label>
        <input
          id={`${id}-budget`}
          className="input input--narrow money"
          inputMode="decimal"
          placeholder="No cap"
          value={budget}
          aria-invalid={budgetError !== null}
          onChange={(e) => setBudget(e.target.value)}
          onBlur={commitBudget}
          onKeyDown={(e) => {
            if (e.key === 'Enter') commitBudget();
          }}
        />
        <p className={budgetError ? 'field-error' : 'field-hint'} role={budgetError ? 'alert' : undefined}>
          {budgetError ?? 'Generate refuses to start when a project would spend more than this.'}
        </p>
      </div>
    </section>
  );
}
