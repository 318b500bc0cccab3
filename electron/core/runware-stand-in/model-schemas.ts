import { ttsModel } from '../../../shared/tts-models.ts';

/**
 * The voices the stand-in's models accept: the table's, and for a model whose table list is
 * partial (Inworld's), more of them — as Runware's schema for it would name.
 */
export function standInVoices(air: string): readonly string[] {
  const model = ttsModel(air);
  if (!model) return [];
  return model.voicesComplete ? model.voices : [...model.voices, 'Alex', 'Dennis', 'Olivia', 'Timothy', 'Wendy'];
}

/**
 * `GET /resolve/<AIR>` as the stand-in answers it: `{requestSchema, responseSchema,
 * documentation}` ([SDK] runware-typescript `src/validate.ts`). The voice enum's place in a
 * real schema is [UNK]; this one nests it as a JSON schema would, under `speech.voice`.
 */
export function resolveSchema(air: string): Record<string, unknown> | null {
  const voices = standInVoices(air);
  if (voices.length === 0) return null;
  return {
    requestSchema: {
      $schema: 'https://json-schema.org/draft/2019-09/schema',
      type: 'object',
      required: ['taskType', 'taskUUID', 'model', 'speech'],
      properties: {
        taskType: { const: 'audioInference' },
        model: { const: air },
        speech: {
          type: 'object',
          properties: { text: { type: 'string', minLength: 1 }, voice: { type: 'string', enum: voices } },
        },
      },
    },
    responseSchema: null,
    documentation: `https://runware.ai/docs/models/${encodeURIComponent(air)}`,
  };
}
