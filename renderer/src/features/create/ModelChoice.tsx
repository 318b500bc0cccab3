import { useId } from 'react';
import { AURORA_MODEL_IDS, AURORA_MODELS, DEFAULT_AURORA_MODEL, modelChoiceLabel } from '../../../../shared/aurora-models.ts';
import { useComposer } from './composer-store.ts';
import { radioGroupKeys, radioTabIndex } from '../../ui/radio-keys.ts';

/** Final (Aurora v1) or Draft (Aurora v1 Fast, half the price): always in view, since it sets the price. */
export function ModelChoice() {
  const model = useComposer((s) => s.settings.model ?? DEFAULT_AURORA_MODEL);
  const setSettings = useComposer((s) => s.setSettings);
  const labelId = useId();
  return (
    <div className="param model-choice">
      <span className="field-label" id={labelId}>
        Model
      </span>
      <div
        className="segmented"
        role="radiogroup"
        aria-labelledby={labelId}
        data-testid="model-choice"
        onKeyDown={radioGroupKeys(AURORA_MODEL_IDS, model, (id) => setSettings({ model: id }))}
      >
        {AURORA_MODEL_IDS.map((id) => (
          <button
            key={id}
            type="button"
            role="radio"
            tabIndex={radioTabIndex(model === id)}
            aria-checked={model === id}
            className="segmented__option"
            onClick={() => setSettings({ model: id })}
          >
            {modelChoiceLabel(AURORA_MODELS[id])}
          </button>
        ))}
      </div>
    </div>
  );
}
