import { useEffect, useState, type ReactNode } from 'react';
import type { GenerationSummary } from '../../../../shared/generation.ts';
import { auroraModel, modelChoiceLabel } from '../../../../shared/aurora-models.ts';
import { COST_BASIS_HINT, money, plural, seconds, settingsSummary } from '../../lib/format.ts';
import { shownCost } from '../../../../shared/spend.ts';
import { preciseMoney } from '../../../../shared/money.ts';
import { ttsModel } from '../../../../shared/tts-models.ts';
import { dateLabel, durationOf, type PlayableTake } from './library-model.ts';
import type { RecordState } from './use-generation-record.ts';

function Fact({ label, children }: { label: string; children: ReactNode }) {
  return (
    <div className="lib-facts__item">
      <dt>{label}</dt>
      <dd>{children}</dd>
    </div>
  );
}

/** True once `active` has lasted `ms`: a quick read shows no skeleton at all. */
function useSlow(active: boolean, ms = 300): boolean {
  const [slow, setSlow] = useState(false);
  useEffect(() => {
    setSlow(false);
    if (!active) return;
    const timer = setTimeout(() => setSlow(true), ms);
    return () => clearTimeout(timer);
  }, [active, ms]);
  return active && slow;
}

/**
 * What a generation was made from and what it cost: numbers from the summary at
 * once, the prompt and inputs from the full record once it is read.
 */
export function GenerationFacts({ g, take, record }: { g: GenerationSummary; take: PlayableTake | null; record: RecordState | null }) {
  const cost = shownCost(g);
  const takeCost = take?.costUSD;
  const { params } = g;
  const full = record?.status === 'ready' ? record.record : null;
  const slow = useSlow(record?.status === 'loading');
  return (
    <div className="lib-facts-wrap">
      <dl className="lib-facts num" aria-label="Details">
        <Fact label="Length">{seconds(durationOf(g, take))}</Fact>
        <Fact label="Billed">
          {g.billedSeconds} s × {plural(params.numberResults, 'take')}
        </Fact>
        <Fact label={cost.basis === 'estimate' ? 'Estimate' : 'Cost'}>
          <span className="money" title={COST_BASIS_HINT[cost.basis]}>
            {cost.basis === 'none' ? 'Not charged' : money(cost.usd)}
          </span>
          {takeCost !== undefined && params.numberResults > 1 ? <span className="muted"> · this take {money(takeCost)}</span> : null}
        </Fact>
        <Fact label="Made">{dateLabel(g.createdAt)}</Fact>
        <Fact label="Model">{modelChoiceLabel(auroraModel(params.model))}</Fact>
        <Fact label="Output">{settingsSummary(params, { takes: false })}</Fact>
        {take?.seed !== undefined ? <Fact label="Seed">{take.seed}</Fact> : null}
        {params.safety?.checkContent ? (
          <Fact label="Content check">
            {take?.nsfw ? (
              <span className="fact--warning" data-testid="nsfw-fact">
                Flagged: Runware's content check ({params.safety.mode ?? 'fast'}) found content it marks as not safe for work in this take.
              </span>
            ) : (
              `Passed (${params.safety.mode ?? 'fast'})`
            )}
          </Fact>
        ) : null}
        {g.parts ? <Fact label="Made of">{plural(g.parts.length, 'part')}, stitched over the whole voice</Fact> : null}
        {g.batch ? (
          <Fact label="Batch">
            {g.batch.name} · {g.batch.index} of {g.batch.count}
          </Fact>
        ) : null}
      </dl>
      <section className="lib-prompt" aria-label="Prompt">
        <h3 className="lib-section-title">Prompt</h3>
        <p className={params.positivePrompt ? 'lib-prompt__text' : 'lib-prompt__text muted'}>
          {params.positivePrompt ?? 'No prompt: Aurora chose the motion.'}
        </p>
      </section>
      <section className="lib-inputs" aria-label="Inputs" aria-busy={record?.status === 'loading'}>
        <h3 className="lib-section-title">Inputs</h3>
        {full ? (
          <dl className="lib-facts num">
            <Fact label="Portrait">
              {full.inputs.image.originalName}
              {full.inputs.image.width && full.inputs.image.height ? ` · ${full.inputs.image.width}×${full.inputs.image.height}` : ''}
            </Fact>
            <Fact label="Voice">
              {full.inputs.audio.originalName} · {full.inputs.trim.startSec.toFixed(2)}–{full.inputs.trim.endSec.toFixed(2)} s
            </Fact>
            <Fact label="Loudness">{full.inputs.normalizeLoudness ? 'Evened out (EBU R128)' : 'As recorded'}</Fact>
            {full.made?.speech ? (
              <Fact label="Spoken from">
                “{full.made.speech.text}” · {full.made.speech.voice}, {ttsModel(full.made.speech.model)?.label ?? full.made.speech.model} ·{' '}
                {preciseMoney(full.made.speech.costUSD)}
              </Fact>
            ) : null}
            {full.made?.portrait ? (
              <Fact label="Drawn from">
                “{full.made.portrait.prompt}”{full.made.portrait.seed !== null ? ` · seed ${full.made.portrait.seed}` : ''}
                {full.made.portrait.costUSD !== null ? ` · ${preciseMoney(full.made.portrait.costUSD)}` : ''}
              </Fact>
            ) : null}
          </dl>
        ) : record?.status === 'error' ? (
          <p className="field-error" role="alert">
            {record.message}
          </p>
        ) : (
          <div className={slow ? 'skeleton lib-inputs__skeleton' : 'lib-inputs__skeleton'} />
        )}
      </section>
    </div>
  );
}
