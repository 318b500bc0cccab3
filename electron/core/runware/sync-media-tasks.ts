/**
 * Speech (`audioInference`) and pictures (`imageInference`), asked for synchronously: the
 * answer holds the result. Both are billed, so neither is retried automatically — [UNK]
 * whether Runware de-duplicates a resent sync task, so a lost answer is reported, never
 * paid for twice behind the person's back. Results are read tolerantly: a URL, base64 or a
 * data URI ([SDK] `AudioInferenceResult` / `ImageInferenceResult`), and `cost` when present.
 */
export interface SpeechRequest {
  model: string;
  text: string;
  voice: string;
  outputFormat?: 'MP3' | 'WAV';
}

export interface ImageRequest {
  model: string;
  positivePrompt: string;
  width: number;
  height: number;
  numberResults: number;
  outputFormat?: 'JPG' | 'PNG' | 'WEBP';
  seed?: number;
}

/** Where a result is: a URL to download, or its bytes in the answer. */
export type ResultMedia = { url: string } | { bytes: Buffer };

export interface SpeechResult {
  taskUUID: string;
  media: ResultMedia;
  /** What Runware reported, or null when it did not say. */
  costUSD: number | null;
}

export interface ImageResult {
  media: ResultMedia;
  seed: number | null;
  costUSD: number | null;
  nsfw: boolean;
}

export function speechTask(taskUUID: string, request: SpeechRequest): object {
  return {
    taskType: 'audioInference',
    taskUUID,
    model: request.model,
    speech: { text: request.text, voice: request.voice },
    outputType: 'URL',
    outputFormat: request.outputFormat ?? 'MP3',
    deliveryMethod: 'sync',
    includeCost: true,
    numberResults: 1,
  };
}

export function imageTask(taskUUID: string, request: ImageRequest): object {
  return {
    taskType: 'imageInference',
    taskUUID,
    model: request.model,
    positivePrompt: request.positivePrompt,
    width: request.width,
    height: request.height,
    numberResults: request.numberResults,
    outputType: 'URL',
    outputFormat: request.outputFormat ?? 'PNG',
    deliveryMethod: 'sync',
    includeCost: true,
    ...(request.seed !== undefined ? { seed: request.seed } : {}),
  };
}

/** The result's media however it came: URL first, then base64, then a data URI. */
export function mediaOf(item: Record<string, unknown>, kind: 'audio' | 'image'): ResultMedia | null {
  const url = item[`${kind}URL`];
  if (typeof url === 'string' && /^https?:\/\//.test(url)) return { url };
  const base64 = item[`${kind}Base64Data`];
  if (typeof base64 === 'string' && base64.length > 0) return { bytes: Buffer.from(base64, 'base64') };
  const dataUri = item[`${kind}DataURI`];
  if (typeof dataUri === 'string') {
    const comma = dataUri.indexOf(',');
    if (dataUri.startsWith('data:') && comma > 0) return { bytes: Buffer.from(dataUri.slice(comma + 1), 'base64') };
  }
  return null;
}

export function costOf(item: Record<string, unknown>): number | null {
  return typeof item.cost === 'number' && Number.isFinite(item.cost) && item.cost >= 0 ? item.cost : null;
}
