import { useEffect, useId, useState } from 'react';
import { AURORA_LIMITS, type AuroraSettings } from '../../../../shared/aurora.ts';
import type { ComposerCheck } from './composer-check.ts';
import { useComposer } from './composer-store.ts';

type DeliveryKey = 'ttl' | 'webhookURL' | 'uploadEndpoint';

/** One text field that writes on blur: an empty field removes the option. */
function DeliveryField(props: {
  label: string;
  hint: string;
  value: string;
  error?: string;
  inputMode?: 'numeric' | 'url';
  onCommit(text: string): void;
}) {
  const id = useId();
  const [text, setText] = useState(props.value);
  useEffect(() => setText(props.value), [props.value]);
  return (
    <div className="param param--wide">
      <label className="field-label" htmlFor={id}>
        {props.label}
      </label>
      <input
        id={id}
        className="input"
        inputMode={props.inputMode}
        spellCheck={false}
        value={text}
        aria-invalid={props.error !== undefined}
        aria-describedby={`${id}-hint`}
        onChange={(e) => setText(e.target.value)}
        onBlur={() => props.onCommit(text.trim())}
        onKeyDown={(e) => e.key === 'Enter' && props.onCommit(text.trim())}
      />
      <p className="muted param__hint" id={`${id}-hint`}>
        {props.hint}
      </p>
    </div>
  );
}

const URL_FIELDS: { key: 'webhookURL' | 'uploadEndpoint'; label: string; hint: string }[] = [
  {
    key: 'webhookURL',
    label: 'Webhook URL',
    hint: 'Runware also POSTs each finished result to this http(s) address, for your own automation. The app still downloads as usual.',
  },
  {
    key: 'uploadEndpoint',
    label: 'Upload endpoint',
    hint: 'Runware also PUTs the finished video to this URL (e.g. a presigned S3 or GCS link). Presigned links expire: make one that outlives the generation. The app keeps its own copy.',
  },
];

/**
 * Where Runware also delivers the result. The app polls and downloads its own copy in
 * every case, so none of these is needed to get the video.
 */
export function DeliveryFields({ fields }: { fields: ComposerCheck['fields'] }) {
  const settings = useComposer((s) => s.settings);
  const replaceSettings = useComposer((s) => s.replaceSettings);
  const set = (key: DeliveryKey, value: AuroraSettings[DeliveryKey]) => {
    const { [key]: _old, ...rest } = settings;
    replaceSettings(value === undefined ? rest : { ...rest, [key]: value });
  };
  return (
    <fieldset className="delivery">
      <legend className="field-label">Delivery</legend>
      <DeliveryField
        label={`Link lifetime (ttl, seconds, ${AURORA_LIMITS.ttl.min} or more)`}
        hint="How long Runware keeps the result's link. The app downloads the video at once, so this only matters for the link kept in the record."
        inputMode="numeric"
        value={settings.ttl === undefined ? '' : String(settings.ttl)}
        error={fields.ttl}
        onCommit={(text) => set('ttl', text === '' ? undefined : Number(text))}
      />
      {URL_FIELDS.map(({ key, label, hint }) => (
        <DeliveryField
          key={key}
          label={label}
          hint={hint}
          inputMode="url"
          value={settings[key] ?? ''}
          error={fields[key]}
          onCommit={(text) => set(key, text === '' ? undefined : text)}
        />
      ))}
    </fieldset>
  );
}
