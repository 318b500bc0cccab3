import { preciseMoney } from './money.ts';

/**
 * Text-to-speech models on Runware (`audioInference` with a `speech` object). Prices are
 * Runware's published ones where it publishes one ([C] in ../shared/runware-voice-portrait.md);
 * text limits are the upstream providers' ([3P]: Runware's own are [UNK]), so a longer script
 * is refused before anything is sent. Voices not listed here come from the model's schema.
 */
export interface TtsModel {
  air: string;
  label: string;
  /** USD per 1,000 characters, or null when Runware publishes none ("priced by Runware"). */
  pricePer1kChars: number | null;
  /** Language codes, or 'auto' when the model detects the language. */
  languages: readonly string[] | 'auto';
  /** Characters per request. */
  textLimit: number;
  /** The voices this table knows (the schema may know more). */
  voices: readonly string[];
  /**
   * True when `voices` is the model's whole list (published on its page); otherwise the
   * list comes from Runware's model schema, with these as the fallback.
   */
  voicesComplete: boolean;
}

export const TTS_MODELS: readonly TtsModel[] = [
  {
    air: 'xai:tts@0',
    label: 'xAI TTS',
    pricePer1kChars: 0.0042,
    languages: 'auto',
    textLimit: 15_000,
    voices: ['Eve', 'Ara', 'Leo', 'Rex', 'Sal'],
    voicesComplete: true,
  },
  {
    air: 'inworld:tts@1.5-mini',
    label: 'Inworld TTS 1.5 Mini',
    pricePer1kChars: 0.025,
    languages: ['en'],
    textLimit: 2_000,
    voices: ['Sarah', 'Mark', 'Ashley'],
    voicesComplete: false,
  },
  {
    air: 'inworld:tts@1.5-max',
    label: 'Inworld TTS 1.5 Max',
    pricePer1kChars: 0.05,
    languages: ['en'],
    textLimit: 2_000,
    voices: ['Sarah', 'Mark', 'Ashley'],
    voicesComplete: false,
  },
];

export const DEFAULT_TTS_MODEL = 'xai:tts@0';

export function ttsModel(air: string): TtsModel | undefined {
  return TTS_MODELS.find((m) => m.air === air);
}

/** What a script costs before it is sent: characters × the published price, or null when unpublished. */
export function speechPriceUSD(text: string, model: TtsModel | undefined): number | null {
  if (!model || model.pricePer1kChars === null) return null;
  return Math.round(((Array.from(text).length * model.pricePer1kChars) / 1000) * 1e6) / 1e6;
}

/** A model as the Script source offers it: the table's facts and the voices to choose from. */
export interface SpeechModelView {
  air: string;
  label: string;
  pricePer1kChars: number | null;
  textLimit: number;
  voices: string[];
  /** Where the voices came from: Runware's model schema, or this table (when the schema could not be read). */
  voicesFrom: 'schema' | 'table';
}

/** What a script's speech costs, in words, before it is sent. */
export function speechPriceText(text: string, model: TtsModel | undefined): string {
  const chars = Array.from(text.trim()).length;
  const price = speechPriceUSD(text.trim(), model);
  if (!model || price === null) return `${chars.toLocaleString('en')} characters · priced by Runware`;
  const per = model.pricePer1kChars ?? 0;
  return `${chars.toLocaleString('en')} characters × $${per} per 1,000 = ${preciseMoney(price)}`;
}
