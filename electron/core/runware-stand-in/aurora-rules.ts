/**
 * The fake's own reading of Runware's Aurora v1 page and error docs, written
 * independently of the app's shared/aurora.ts so the conformance test is a real
 * check: if the app's schema drifted from the docs, requests would fail here.
 */
export interface ApiErrorItem {
  code: string;
  message: string;
  parameter?: string | string[];
  type?: string;
  documentation?: string;
  taskUUID?: string;
  taskType?: string;
  allowedValues?: unknown[];
  min?: number;
  max?: number;
  status?: 'error';
}

const DOCS = 'https://runware.ai/docs/models/creatify-aurora-v1';
const UUID_V4 = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/i;

export const AURORA_MODELS = ['creatify:aurora@0', 'creatify:aurora@fast'];
export const PRICE_PER_SECOND: Record<string, number> = { 'creatify:aurora@0': 0.14, 'creatify:aurora@fast': 0.07 };

const ALLOWED = new Set([
  'taskType',
  'taskUUID',
  'model',
  'positivePrompt',
  'CFGScale',
  'numberResults',
  'outputType',
  'outputFormat',
  'outputQuality',
  'deliveryMethod',
  'webhookURL',
  'uploadEndpoint',
  'ttl',
  'includeCost',
  'safety',
  'inputs',
]);

export function isUuidV4(value: unknown): value is string {
  return typeof value === 'string' && UUID_V4.test(value);
}

function err(task: Record<string, unknown>, fields: Omit<ApiErrorItem, 'taskUUID' | 'taskType' | 'documentation'>): ApiErrorItem {
  return {
    ...fields,
    taskType: 'videoInference',
    taskUUID: typeof task.taskUUID === 'string' ? task.taskUUID : undefined,
    documentation: `${DOCS}#request-${String(fields.parameter ?? '').toLowerCase()}`,
  };
}

function isUri(value: unknown): boolean {
  if (typeof value !== 'string') return false;
  try {
    const url = new URL(value);
    return url.protocol === 'http:' || url.protocol === 'https:';
  } catch {
    return false;
  }
}

/** Validates a videoInference task for Aurora; returns the first problem, as Runware would. */
export function validateAuroraTask(task: Record<string, unknown>): ApiErrorItem | null {
  for (const key of Object.keys(task)) {
    if (!ALLOWED.has(key)) {
      return err(task, { code: 'unsupportedParameter', message: `Unsupported parameter: ${key}.`, parameter: key });
    }
  }
  if (!AURORA_MODELS.includes(String(task.model))) {
    return err(task, { code: 'invalidModel', message: `Invalid model: ${String(task.model)}.`, parameter: 'model', type: 'string' });
  }
  const int = (name: string, min: number, max: number): ApiErrorItem | null => {
    const v = task[name];
    if (v === undefined) return null;
    if (typeof v !== 'number' || !Number.isInteger(v) || v < min || v > max) {
      return err(task, {
        code: `invalid${name[0]?.toUpperCase()}${name.slice(1)}`,
        message: `Invalid value for ${name} parameter. It must be an integer between ${min} and ${max}.`,
        parameter: name,
        type: 'integer',
        min,
        max,
      });
    }
    return null;
  };
  const oneOf = (name: string, values: unknown[]): ApiErrorItem | null => {
    const v = task[name];
    if (v === undefined || values.includes(v)) return null;
    return err(task, {
      code: `invalid${name[0]?.toUpperCase()}${name.slice(1)}`,
      message: `Invalid value for ${name} parameter.`,
      parameter: name,
      type: 'string',
      allowedValues: values,
    });
  };
  const checks = [
    oneOf('deliveryMethod', ['async']),
    oneOf('outputType', ['URL']),
    oneOf('outputFormat', ['MP4', 'WEBM', 'MOV']),
    int('outputQuality', 20, 99),
    int('numberResults', 1, 4),
    int('ttl', 60, Number.MAX_SAFE_INTEGER),
  ];
  for (const problem of checks) if (problem) return problem;
  if (task.CFGScale !== undefined && (typeof task.CFGScale !== 'number' || task.CFGScale < 0 || task.CFGScale > 10)) {
    return err(task, {
      code: 'invalidCFGScale',
      message: 'Invalid value for CFGScale parameter. It must be a float between 0 and 10.',
      parameter: 'CFGScale',
      type: 'float',
      min: 0,
      max: 10,
    });
  }
  if (task.positivePrompt !== undefined) {
    const p = task.positivePrompt;
    if (typeof p !== 'string' || p.length < 2 || p.length > 3000) {
      return err(task, {
        code: 'invalidPositivePrompt',
        message: 'Invalid value for positivePrompt parameter. It must be between 2 and 3000 characters.',
        parameter: 'positivePrompt',
        type: 'string',
        min: 2,
        max: 3000,
      });
    }
  }
  if (task.includeCost !== undefined && typeof task.includeCost !== 'boolean') {
    return err(task, { code: 'invalidIncludeCost', message: 'includeCost must be a boolean.', parameter: 'includeCost', type: 'boolean' });
  }
  for (const name of ['webhookURL', 'uploadEndpoint']) {
    if (task[name] !== undefined && !isUri(task[name])) {
      return err(task, {
        code: `invalid${name[0]?.toUpperCase()}${name.slice(1)}`,
        message: `${name} must be a valid URI.`,
        parameter: name,
        type: 'string',
      });
    }
  }
  if (task.safety !== undefined) {
    const s = task.safety as Record<string, unknown>;
    if (!s || typeof s !== 'object' || Array.isArray(s)) {
      return err(task, { code: 'invalidSafety', message: 'safety must be an object.', parameter: 'safety', type: 'object' });
    }
    for (const key of Object.keys(s)) {
      if (key !== 'checkContent' && key !== 'mode') {
        return err(task, { code: 'unsupportedParameter', message: `Unsupported parameter: safety.${key}.`, parameter: `safety.${key}` });
      }
    }
    if (s.checkContent !== undefined && typeof s.checkContent !== 'boolean') {
      return err(task, {
        code: 'invalidCheckContent',
        message: 'safety.checkContent must be a boolean.',
        parameter: 'safety.checkContent',
        type: 'boolean',
      });
    }
    if (s.mode !== undefined && !(typeof s.mode === 'string' && ['none', 'fast', 'full'].includes(s.mode))) {
      return err(task, {
        code: 'invalidMode',
        message: 'Invalid value for safety.mode parameter.',
        parameter: 'safety.mode',
        allowedValues: ['none', 'fast', 'full'],
      });
    }
  }
  const inputs = task.inputs as Record<string, unknown> | undefined;
  if (!inputs || typeof inputs !== 'object' || Array.isArray(inputs)) {
    return err(task, {
      code: 'missingInputs',
      message: 'Missing inputs: image and audio are required.',
      parameter: 'inputs',
      type: 'object',
    });
  }
  for (const key of Object.keys(inputs)) {
    if (key !== 'image' && key !== 'audio') {
      return err(task, { code: 'unsupportedParameter', message: `Unsupported parameter: inputs.${key}.`, parameter: `inputs.${key}` });
    }
  }
  for (const key of ['image', 'audio']) {
    const value = inputs[key];
    if (typeof value !== 'string' || value.length === 0) {
      return err(task, {
        code: `missingInputs${key[0]?.toUpperCase()}${key.slice(1)}`,
        message: `Missing required parameter inputs.${key}.`,
        parameter: `inputs.${key}`,
        type: 'string',
      });
    }
    // The portrait may also come inline (data URI or raw base64); the audio may not.
    const inline = key === 'image' && (/^data:image\/[\w.+-]+;base64,/.test(value) || /^[A-Za-z0-9+/=\s]{16,}$/.test(value.slice(0, 4096)));
    if (!isUuidV4(value) && !isUri(value) && !inline) {
      return err(task, {
        code: `invalidInputs${key[0]?.toUpperCase()}${key.slice(1)}`,
        message:
          key === 'image'
            ? 'inputs.image must be a media UUID, a URL, a data URI or base64.'
            : 'inputs.audio must be a media UUID or a URL.',
        parameter: `inputs.${key}`,
        type: 'string',
      });
    }
  }
  return null;
}
