import type { GenerationSummary } from '../../../../shared/generation.ts';
import { costLine } from '../create/cost.ts';
import { money } from '../../lib/format.ts';
import { ConfirmDialog } from '../../ui/ConfirmDialog.tsx';
import { retryGeneration } from '../queue/actions.ts';

/** Generating again is billed again: the price is said before anything is sent. */
export function RetryDialog({ g, onClose }: { g: GenerationSummary | null; onClose: () => void }) {
  const line = g ? costLine(g.audioSec, g.params.numberResults, g.params.model) : null;
  return (
    <ConfirmDialog
      open={g !== null}
      title={g ? `Generate “${g.name}” again?` : ''}
      confirmLabel={line ? `Generate again · ${money(line.totalUSD)}` : 'Generate again'}
      onConfirm={() => g && void retryGeneration(g)}
      onOpenChange={(open) => !open && onClose()}
    >
      The same portrait, voice, trim and settings go to Runware as a new generation, billed again:{' '}
      <span className="money">{line?.text}</span>. This video stays as it is.
    </ConfirmDialog>
  );
}
