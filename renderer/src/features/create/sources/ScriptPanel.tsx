import { useEffect, useId } from 'react';
import { AURORA_MAX_AUDIO_SECONDS } from '../../../../../shared/aurora.ts';
import { speechPriceText, ttsModel } from '../../../../../shared/tts-models.ts';
import { preciseMoney } from '../../../../../shared/money.ts';
import { seconds } from '../../../lib/format.ts';
import { mediaUrl } from '../../../lib/media-url.ts';
import { useProjects } from '../../projects/projects-store.ts';
import { loadSpeechModels, previewScript, takeVoice } from './actions.ts';
import { Picker } from './Picker.tsx';
import { useSources } from './source-store.ts';

/** Voice from words: a script, a model and a voice, its price before anything is sent, Preview, Use this voice. */
export function ScriptPanel() {
  const script = useSources((s) => s.script);
  const setScript = useSources((s) => s.setScript);
  const models = useSources((s) => s.models);
  const notice = useSources((s) => s.modelsNotice);
  const preview = useSources((s) => s.preview);
  const previewing = useSources((s) => s.previewing);
  const error = useSources((s) => s.previewError);
  const project = useProjects((s) => s.current);
  const ids = { text: useId(), count: useId() };

  useEffect(() => void loadSpeechModels(), []);

  const model = models?.find((m) => m.air === script.model);
  const table = ttsModel(script.model);
  const chars = Array.from(script.text.trim()).length;
  const limit = model?.textLimit ?? table?.textLimit ?? 0;
  const over = chars > limit;
  const current =
    preview !== null && preview.text === script.text.trim() && preview.model === script.model && preview.voice === script.voice;
  const partsNeeded = preview ? Math.ceil(preview.audio.durationSec / AURORA_MAX_AUDIO_SECONDS) : 1;

  return (
    <div className="source-panel" data-testid="script-panel">
      <label className="field-label" htmlFor={ids.text}>
        Script
      </label>
      <textarea
        id={ids.text}
        className="input script-text"
        rows={5}
        value={script.text}
        placeholder="Write what the voice should say."
        aria-describedby={ids.count}
        aria-invalid={over}
        onChange={(e) => setScript({ text: e.target.value })}
      />
      <p id={ids.count} className={`source-panel__meta num${over ? ' source-panel__meta--over' : ''}`} data-testid="script-count">
        {chars.toLocaleString('en')} / {limit.toLocaleString('en')} characters
        {over ? ` — ${model?.label ?? 'this model'} takes at most ${limit.toLocaleString('en')}: shorten the script.` : ''}
      </p>
      <div className="source-panel__row">
        <Picker
          label="Model"
          value={script.model}
          disabled={!models}
          options={(models ?? []).map((m) => ({ value: m.air, label: m.label }))}
          onChange={(air) => {
            const next = models?.find((m) => m.air === air);
            setScript({ model: air, voice: next?.voices.includes(script.voice) ? script.voice : (next?.voices[0] ?? '') });
          }}
        />
        <Picker
          label="Voice"
          value={script.voice}
          disabled={!model}
          options={(model?.voices ?? []).map((v) => ({ value: v, label: v }))}
          onChange={(voice) => setScript({ voice })}
        />
      </div>
      {notice ? (
        <p className="source-panel__notice" role="status">
          {notice}
        </p>
      ) : null}
      <p className="source-panel__price num" data-testid="speech-price">
        {current && preview.reused ? 'Already made: reused at no charge' : speechPriceText(script.text, table)}
      </p>
      <div className="source-panel__actions">
        <button
          type="button"
          className="button"
          disabled={previewing || chars === 0 || over || !model}
          onClick={() => void previewScript()}
          data-testid="speech-preview-button"
        >
          {previewing ? 'Speaking…' : current ? 'Preview again' : 'Preview'}
        </button>
        <button
          type="button"
          className="button button--primary"
          disabled={!current}
          onClick={() => preview && takeVoice(preview.audio)}
          title={current ? undefined : 'Preview the script first'}
        >
          Use this voice
        </button>
      </div>
      {error ? (
        <p className="card__error" role="alert">
          {error}
        </p>
      ) : null}
      {preview && project ? (
        <div className="source-panel__preview" data-testid="speech-preview" data-current={current}>
          <audio controls autoPlay src={mediaUrl(project.id, preview.audio.file)} aria-label="Speech preview" />
          <span className="num">
            {seconds(preview.audio.durationSec)} · {preview.reused ? 'reused, no charge' : `charged ${preciseMoney(preview.costUSD)}`}
          </span>
          {preview.audio.durationSec > AURORA_MAX_AUDIO_SECONDS ? (
            <p className="source-panel__notice" role="status">
              This speech runs {seconds(preview.audio.durationSec)}, over Aurora’s {AURORA_MAX_AUDIO_SECONDS} s: use it, then split it into{' '}
              {partsNeeded} parts at its pauses (or trim it).
            </p>
          ) : null}
        </div>
      ) : null}
    </div>
  );
}
