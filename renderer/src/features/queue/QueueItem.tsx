import * as Tooltip from '@radix-ui/react-tooltip';
import { useState } from 'react';
import { estimateCostUSD, pricePerSecondOf } from '../../../../shared/aurora.ts';
import { CANCELABLE_STATES, isTerminal, type GenerationSummary } from '../../../../shared/generation.ts';
import { useNow } from '../../ui/use-now.ts';
import { clock, COST_BASIS_HINT, costText, megabytes, money, plural } from '../../lib/format.ts';
import { shownCost } from '../../../../shared/spend.ts';
import { cancelGeneration, failedPartOf, retryGeneration, setQueuePaused } from './actions.ts';
import { useProjects, type Progress } from '../projects/projects-store.ts';
import { ConfirmDialog } from '../../ui/ConfirmDialog.tsx';
import { Icon } from '../../ui/Icon.tsx';
import { STATE_LABELS, startedAt, waitLabel, waitText } from './queue-labels.ts';
import { SplitPartsList } from './SplitParts.tsx';

function partPrice(g: GenerationSummary, index: number): number {
  const part = g.parts?.find((p) => p.index === index);
  return part ? estimateCostUSD(part.endSec - part.startSec, 1, pricePerSecondOf(g.params)) : 0;
}

function remaining(progress: Progress | undefined, now: number): number | null {
  if (!progress || progress.etaSec === null) return null;
  return Math.max(0, progress.etaSec - (now - progress.at) / 1000);
}

export function QueueItem({ generation: g }: { generation: GenerationSummary }) {
  const progress = useProjects((s) => s.progress[g.id]);
  const moved = useProjects((s) => s.transfer[g.id]);
  // Bytes, while the inputs go up or a take comes down: the bar and the figures are real.
  const transfer =
    moved && ((moved.phase === 'upload' && g.state === 'uploading') || (moved.phase === 'download' && g.state === 'downloading'))
      ? moved
      : null;
  const finished = isTerminal(g.state);
  const now = useNow(1000, !finished);
  const wait = finished ? undefined : g.wait;
  const label = wait ? waitLabel(wait) : STATE_LABELS[g.state];
  const [confirmRetry, setConfirmRetry] = useState(false);
  const elapsed = ((finished ? Date.parse(g.finishedAt ?? g.updatedAt) : now) - startedAt(g)) / 1000;
  const eta = g.state === 'processing' ? remaining(progress, now) : null;
  const percent =
    g.state === 'processing'
      ? (progress?.progress ?? g.progress ?? null)
      : transfer && transfer.total
        ? Math.min(100, Math.round((100 * transfer.done) / transfer.total))
        : null;
  const cost = shownCost(g);

  const resumeQueue = () => setQueuePaused(false);
  const cancel = () => cancelGeneration(g.id);
  // A failed part (or a split generation waiting on one) is made again inside its
  // split generation; anything else is retried as a new generation.
  const failedPart = failedPartOf(g, useProjects.getState().generations);
  const retry = () => void retryGeneration(g);
  const retryPrice = failedPart !== null && g.kind === 'sequence' ? partPrice(g, failedPart) : g.estimateUSD;

  return (
    <li className={`queue-item queue-item--${g.state}${wait ? ` queue-item--${wait.kind}` : ''}`} aria-label={`${g.name}, ${label}`}>
      <div className="queue-item__row">
        <span className="queue-item__name" title={g.name}>
          {g.name}
        </span>
        <span className="queue-item__time num" aria-label="Elapsed">
          {g.state === 'queued' ? '' : clock(elapsed)}
        </span>
      </div>
      <div className="queue-item__row">
        <span className={`queue-item__state state state--${wait ? wait.kind : g.state}`} data-testid="queue-state">
          {label}
          {g.state === 'done' ? ` · ${plural(g.takes.filter((t) => t.state === 'done').length, 'take')}` : ''}
          {eta !== null ? (eta >= 1 ? ` · about ${clock(eta)} left` : ' · finishing') : ''}
          {transfer ? ` · ${megabytes(transfer.done)}${transfer.total ? ` of ${megabytes(transfer.total)}` : ''}` : ''}
        </span>
        <span className="queue-item__cost money" title={COST_BASIS_HINT[cost.basis]} data-testid="queue-cost">
          {costText(cost)}
        </span>
      </div>
      {wait?.kind === 'blocked' || wait?.kind === 'stalled' ? null : percent !== null ? (
        <div
          className={`progress${percent === null ? ' progress--indeterminate' : ''}`}
          role="progressbar"
          aria-label={`${g.name} progress`}
          aria-valuemin={0}
          aria-valuemax={100}
          aria-valuenow={percent}
        >
          <div className="progress__bar" style={{ width: `${percent}%` }} />
        </div>
      ) : ['preparing', 'uploading', 'submitting', 'interrupted', 'stitching', 'downloading'].includes(g.state) ? (
        <div className="progress progress--indeterminate" role="progressbar" aria-label={`${g.name} progress`}>
          <div className="progress__bar" />
        </div>
      ) : null}
      {g.kind === 'sequence' ? <SplitPartsList g={g} /> : null}
      {wait ? (
        <p className={`queue-item__wait queue-item__wait--${wait.kind}`} role="note" data-testid="queue-wait">
          {waitText(wait, now)}
        </p>
      ) : g.state === 'failed' && g.error ? (
        <p className="queue-item__error" role="note">
          {g.error.message}
        </p>
      ) : null}
      <div className="queue-item__actions">
        {wait?.kind === 'blocked' || wait?.kind === 'stalled' ? (
          <button
            type="button"
            className="button button--small"
            onClick={resumeQueue}
            title="Once it is fixed, carry on where it stopped (nothing is sent twice)"
          >
            <Icon name="play" /> Resume
          </button>
        ) : null}
        {CANCELABLE_STATES.has(g.state) ? (
          <button type="button" className="button button--small" onClick={cancel}>
            Cancel
          </button>
        ) : null}
        {g.state === 'failed' || g.state === 'canceled' ? (
          <Tooltip.Root>
            <Tooltip.Trigger asChild>
              <button type="button" className="button button--small" onClick={() => setConfirmRetry(true)}>
                <Icon name="retry" /> {failedPart !== null ? `Make part ${failedPart} again` : 'Retry'}
              </button>
            </Tooltip.Trigger>
            <Tooltip.Portal>
              <Tooltip.Content className="tooltip" sideOffset={6}>
                A new generation, billed on its own
              </Tooltip.Content>
            </Tooltip.Portal>
          </Tooltip.Root>
        ) : null}
      </div>
      <ConfirmDialog
        open={confirmRetry}
        onOpenChange={setConfirmRetry}
        title={failedPart !== null ? `Make part ${failedPart} again?` : `Generate “${g.name}” again?`}
        confirmLabel={`${failedPart !== null ? 'Make it again' : 'Generate again'} · ${money(retryPrice)}`}
        onConfirm={retry}
      >
        {failedPart !== null
          ? `Only this part is made again; the finished parts are kept. It is billed on its own: ${money(retryPrice)}.`
          : `This starts a new generation with the same portrait, voice and settings. It is billed on its own: ${money(g.estimateUSD)} (${g.billedSeconds} s × ${plural(g.params.numberResults, 'take')}).`}
      </ConfirmDialog>
    </li>
  );
}
