import { AURORA_MODELS } from '../../../../shared/aurora-models.ts';
import type { GenerationSummary } from '../../../../shared/generation.ts';
import { money } from '../../lib/format.ts';
import { ConfirmDialog } from '../../ui/ConfirmDialog.tsx';
import { costLine } from '../create/cost.ts';
import { makeFinal } from './actions.ts';

/** A draft made final is a new generation at Aurora v1's price: said before anything is sent. */
export function MakeFinalDialog({ g, onClose }: { g: GenerationSummary | null; onClose: () => void }) {
  const final = AURORA_MODELS.v1;
  const line = g ? costLine(g.audioSec, g.params.numberResults, final.id) : null;
  return (
    <ConfirmDialog
      open={g !== null}
      title={g ? `Make “${g.name}” final?` : ''}
      confirmLabel={line ? `Make final · ${money(line.totalUSD)}` : 'Make final'}
      onConfirm={() => g && void makeFinal(g)}
      onOpenChange={(open) => !open && onClose()}
    >
      The same portrait, voice, trim, prompt and settings go to {final.name} ({final.resolution}) as a new generation:{' '}
      <span className="money" data-testid="make-final-cost">
        {line?.text}
      </span>
      . The draft stays as it is, to compare.
    </ConfirmDialog>
  );
}
