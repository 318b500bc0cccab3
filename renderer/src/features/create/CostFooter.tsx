import * as Tooltip from '@radix-ui/react-tooltip';
import { AURORA_MAX_AUDIO_SECONDS } from '../../../../shared/aurora.ts';
import { partsOf } from '../../../../shared/split-plan.ts';
import { costLine, splitCostLine } from './cost.ts';
import { MOD_KEY } from '../../lib/keyboard.ts';
import { useComposer } from './composer-store.ts';
import { useStudio } from '../../app/ui-store.ts';
import { generate, splitSelection } from './actions.ts';
import { useDemoProject } from '../demo/demo.tsx';
import { preciseMoney } from '../../../../shared/money.ts';
import type { MadeMedia } from '../../../../shared/inputs.ts';

/** "Speech $0.0003 + portrait $0.0096 (already paid)": what made the inputs, apart from the video's price. */
export function madeCostText(made: readonly (MadeMedia | undefined)[]): string | null {
  const parts = made
    .filter((m): m is MadeMedia => m !== undefined)
    .map((m) => `${m.kind === 'speech' ? 'Speech' : 'Portrait'} ${m.costUSD === null ? '(priced by Runware)' : preciseMoney(m.costUSD)}`);
  if (parts.length === 0) return null;
  return `${parts.map((p, i) => (i === 0 ? p : p.charAt(0).toLowerCase() + p.slice(1))).join(' + ')} (already paid) · Video: `;
}

/** The contract with the wallet, and the button that keeps it. */
export function CostFooter({ reason, trimProblem }: { reason: string | null; trimProblem: string | null }) {
  const audio = useComposer((s) => s.audio);
  const madeImage = useComposer((s) => s.image?.made);
  const trim = useComposer((s) => s.trim);
  const cuts = useComposer((s) => s.cuts);
  const takes = useComposer((s) => s.settings.numberResults);
  const model = useComposer((s) => s.settings.model);
  const submitting = useComposer((s) => s.submitting);
  const selected = Math.max(0, trim.endSec - trim.startSec);
  const split = cuts !== null && cuts.length > 0;
  const tooLong = audio !== null && selected > AURORA_MAX_AUDIO_SECONDS && !split;
  const line =
    // A refused selection is not priced: the line says what is wrong with it instead.
    !audio || selected <= 0 || trimProblem !== null
      ? null
      : split
        ? splitCostLine(partsOf(trim.startSec, trim.endSec, cuts), model)
        : tooLong
          ? null
          : costLine(selected, takes, model);
  const madeCost = madeCostText([audio?.made, madeImage]);
  const disabled = reason !== null || submitting;
  const needsKey = useStudio((s) => s.keyStatus !== null && !s.keyStatus.configured);
  const demo = useDemoProject();
  const openSettings = useStudio((s) => s.setSettingsOpen);
  return (
    <footer className="composer__footer">
      <p className="cost-line num" data-testid="cost-line" aria-live="polite">
        {line && madeCost ? <span data-testid="made-cost">{madeCost}</span> : null}
        {line ? (
          demo ? (
            `Demo: $0.00 — with Runware, ${line.text}`
          ) : (
            line.text
          )
        ) : audio ? null : (
          <span className="muted">Add a portrait and a voice to see the cost.</span>
        )}
        {reason && audio ? (
          <span className="cost-line__reason">
            {line ? ' — ' : ''}
            {reason}
          </span>
        ) : null}
      </p>
      {needsKey ? (
        <button type="button" className="button" onClick={() => openSettings(true)}>
          Add your key…
        </button>
      ) : null}
      {tooLong ? (
        <button type="button" className="button" onClick={() => void splitSelection()}>
          Split into {Math.ceil(selected / AURORA_MAX_AUDIO_SECONDS)} parts
        </button>
      ) : null}
      <Tooltip.Root>
        <Tooltip.Trigger asChild>
          {/* A disabled button gets no pointer events: the wrapper carries the tooltip. */}
          <span className="generate-wrap" tabIndex={disabled ? 0 : -1}>
            <button
              type="button"
              className="button button--primary button--large"
              data-testid="generate"
              disabled={disabled}
              aria-keyshortcuts="Control+Enter"
              aria-describedby={reason ? 'generate-reason' : undefined}
              onClick={() => void generate()}
            >
              {submitting ? 'Queuing…' : split ? `Generate ${cuts.length + 1} parts` : 'Generate'}
            </button>
          </span>
        </Tooltip.Trigger>
        <Tooltip.Portal>
          <Tooltip.Content className="tooltip" sideOffset={6} id="generate-reason">
            {reason ?? `Generate (${MOD_KEY}+Enter)`}
          </Tooltip.Content>
        </Tooltip.Portal>
      </Tooltip.Root>
      {reason ? (
        <span className="sr-only" id="generate-reason">
          {reason}
        </span>
      ) : null}
    </footer>
  );
}
