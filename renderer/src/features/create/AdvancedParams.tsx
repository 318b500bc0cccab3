import * as Slider from '@radix-ui/react-slider';
import { useEffect, useId, useState } from 'react';
import { AURORA_LIMITS, OUTPUT_FORMATS, SAFETY_MODES, type AuroraSettings } from '../../../../shared/aurora.ts';
import { useComposer } from './composer-store.ts';
import type { ComposerCheck } from './composer-check.ts';
import { settingsSummary } from '../../lib/format.ts';
import { DeliveryFields } from './DeliveryFields.tsx';
import { radioGroupKeys, radioTabIndex } from '../../ui/radio-keys.ts';

const TAKES = [1, 2, 3, 4];

function NumberField(props: { label: string; value: number | undefined; onChange(v: number): void; error?: string; decimals: number }) {
  const id = useId();
  const [text, setText] = useState(props.value === undefined ? '' : props.value.toFixed(props.decimals));
  useEffect(() => setText(props.value === undefined ? '' : props.value.toFixed(props.decimals)), [props.value, props.decimals]);
  const commit = () => {
    const n = Number(text.replace(',', '.'));
    // Out-of-range numbers are kept, so the message beside the field can say why.
    if (text.trim() !== '' && Number.isFinite(n)) props.onChange(n);
  };
  return (
    <div className="param">
      <label className="field-label" htmlFor={id}>
        {props.label}
      </label>
      <input
        id={id}
        className="input input--number num"
        inputMode="decimal"
        value={text}
        aria-invalid={props.error !== undefined}
        onChange={(e) => setText(e.target.value)}
        onBlur={commit}
        onKeyDown={(e) => e.key === 'Enter' && commit()}
      />
    </div>
  );
}

/** Aurora's parameters, drawn from the shared schema's limits. */
export function AdvancedParams({ fields }: { fields: ComposerCheck['fields'] }) {
  const settings = useComposer((s) => s.settings);
  const setSettings = useComposer((s) => s.setSettings);
  const normalize = useComposer((s) => s.normalizeLoudness);
  const setNormalize = useComposer((s) => s.setNormalizeLoudness);
  const L = AURORA_LIMITS;
  const takesId = useId();
  const cfgId = useId();
  const errors = [
    fields.CFGScale,
    fields.numberResults,
    fields.outputQuality,
    fields.outputFormat,
    fields.ttl,
    fields.webhookURL,
    fields.uploadEndpoint,
  ].filter(Boolean);

  return (
    <details className="advanced">
      <summary className="advanced__summary num">{settingsSummary(settings, { normalizeLoudness: normalize })}</summary>
      <div className="advanced__grid">
        <div className="param">
          <span className="field-label" id={takesId}>
            Takes
          </span>
          <div
            className="segmented"
            role="radiogroup"
            aria-labelledby={takesId}
            onKeyDown={radioGroupKeys(TAKES, settings.numberResults, (numberResults) => setSettings({ numberResults }))}
          >
            {TAKES.map((n) => (
              <button
                key={n}
                type="button"
                role="radio"
                tabIndex={radioTabIndex(settings.numberResults === n)}
                aria-checked={settings.numberResults === n}
                className="segmented__option"
                onClick={() => setSettings({ numberResults: n })}
              >
                {n}
              </button>
            ))}
          </div>
        </div>
        <div className="param">
          <label className="field-label" htmlFor={`${takesId}-format`}>
            Format
          </label>
          <select
            id={`${takesId}-format`}
            className="input"
            value={settings.outputFormat}
            onChange={(e) => setSettings({ outputFormat: e.target.value as AuroraSettings['outputFormat'] })}
          >
            {OUTPUT_FORMATS.map((f) => (
              <option key={f} value={f}>
                {f}
              </option>
            ))}
          </select>
        </div>
        <NumberField
          label={`Quality (${L.outputQuality.min}–${L.outputQuality.max})`}
          value={settings.outputQuality}
          decimals={0}
          error={fields.outputQuality}
          onChange={(outputQuality) => setSettings({ outputQuality })}
        />
        <div className="param param--wide">
          <label className="field-label" id={cfgId}>
            CFG scale (prompt guidance, {L.CFGScale.min}–{L.CFGScale.max})
          </label>
          <div className="slider-row">
            <Slider.Root
              className="slider"
              min={L.CFGScale.min}
              max={L.CFGScale.max}
              step={L.CFGScale.step}
              value={[settings.CFGScale ?? L.CFGScale.default]}
              onValueChange={([v]) => v !== undefined && setSettings({ CFGScale: Math.round(v * 100) / 100 })}
              aria-labelledby={cfgId}
            >
              <Slider.Track className="slider__track">
                <Slider.Range className="slider__range" />
              </Slider.Track>
              <Slider.Thumb className="slider__thumb" aria-label="CFG scale" />
            </Slider.Root>
            <NumberField
              label="CFG value"
              value={settings.CFGScale}
              decimals={2}
              error={fields.CFGScale}
              onChange={(CFGScale) => setSettings({ CFGScale })}
            />
          </div>
        </div>
        <label className="checkbox">
          <input
            type="checkbox"
            checked={settings.safety?.checkContent === true}
            onChange={(e) =>
              setSettings({ safety: e.target.checked ? { checkContent: true, mode: settings.safety?.mode ?? 'fast' } : undefined })
            }
          />
          Content check
        </label>
        {settings.safety?.checkContent ? (
          <div className="param">
            <label className="field-label" htmlFor={`${takesId}-safety`}>
              Check mode
            </label>
            <select
              id={`${takesId}-safety`}
              className="input"
              value={settings.safety.mode ?? 'fast'}
              onChange={(e) => setSettings({ safety: { checkContent: true, mode: e.target.value as (typeof SAFETY_MODES)[number] } })}
            >
              {SAFETY_MODES.filter((m) => m !== 'none').map((m) => (
                <option key={m} value={m}>
                  {m}
                </option>
              ))}
            </select>
          </div>
        ) : null}
        <label className="checkbox">
          <input type="checkbox" checked={normalize} onChange={(e) => setNormalize(e.target.checked)} />
          Even loudness (EBU R128) across clips
        </label>
        <DeliveryFields fields={fields} />
      </div>
      {errors.length > 0 ? (
        <ul className="field-errors" role="alert">
          {errors.map((e) => (
            <li key={e} className="field-error">
              {e}
            </li>
          ))}
        </ul>
      ) : null}
    </details>
  );
}
