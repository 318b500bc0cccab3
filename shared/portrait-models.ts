/**
 * The Describe source: portraits drawn by Runware's image models (`imageInference`).
 * FLUX.2 [dev] is the model of Runware's own first-request example ([C]); its price is [UNK],
 * so what Runware reports for each picture (`includeCost`) is what is shown and kept.
 */
export const DEFAULT_PORTRAIT_MODEL = 'runware:400@1';

/** USD per picture where Runware publishes one; null: "priced by Runware", the reported cost is shown after. */
export const PORTRAIT_PRICE_USD: Record<string, number | null> = { 'runware:400@1': null };

/** Candidates made at once: Runware's own advice is to make 3–4 and keep the best. */
export const PORTRAIT_CANDIDATES = 4;

/**
 * What Aurora animates best: one face, looking into the lens, head and shoulders, mouth
 * closed (it opens it), even light, nothing behind that moves the eye.
 */
export const DEFAULT_PORTRAIT_PROMPT =
  'Head-and-shoulders portrait of a friendly presenter looking straight into the camera, neutral expression, mouth closed, even soft front light, plain light-grey background, natural skin texture, 85mm lens';
