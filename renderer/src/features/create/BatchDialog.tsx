import { useComposer } from './composer-store.ts';
import { auroraModel, modelChoiceLabel } from '../../../../shared/aurora-models.ts';
import * as Dialog from '@radix-ui/react-dialog';
import { useState } from 'react';
import type { BatchPlanView } from '../../../../shared/inputs.ts';
import { money, plural } from '../../lib/format.ts';
import { startBatch } from './actions.ts';
import { Icon } from '../../ui/Icon.tsx';

/**
 * The summary a person confirms before a batch starts: how many generations, how
 * many seconds, what it costs, and any item that cannot be made (with why).
 */
export function BatchDialog({ plan, onClose }: { plan: BatchPlanView | null; onClose: () => void }) {
  const [busy, setBusy] = useState(false);
  const model = useComposer((s) => s.settings.model);
  if (!plan) return null;
  const start = async () => {
    setBusy(true);
    try {
      if (await startBatch(plan)) onClose();
    } finally {
      setBusy(false);
    }
  };
  return (
    <Dialog.Root open onOpenChange={(open) => !open && onClose()}>
      <Dialog.Portal>
        <Dialog.Overlay className="dialog-overlay" />
        <Dialog.Content className="dialog" aria-describedby="batch-summary">
          <header className="dialog__header">
            <Dialog.Title className="dialog__title">Batch: {plan.name}</Dialog.Title>
            <Dialog.Close data-dialog-close="" className="icon-button" aria-label="Close">
              <Icon name="close" />
            </Dialog.Close>
          </header>
          <div className="dialog__body dialog__body--padded">
            <p className="batch-summary num" id="batch-summary" data-testid="batch-summary">
              {plural(plan.items.length, 'generation')} · {plan.totalSec.toFixed(1)} s of audio · {plan.totalBilledSec} s billed ·{' '}
              {money(plan.totalUSD)}
            </p>
            <p className="muted" data-testid="batch-model">
              {modelChoiceLabel(auroraModel(model))}
              {plan.items.some((i) => i.settings?.model !== undefined) ? ', unless the list names another model for a row' : ''}.
            </p>
            {plan.problems.length > 0 ? (
              <div className="banner banner--error banner--stacked" role="alert">
                <div>
                  <p>
                    {plural(plan.problems.length, 'item')} cannot be made; fix {plan.problems.length === 1 ? 'it' : 'them'} and add the
                    files again:
                  </p>
                  <ul className="batch-problems">
                    {plan.problems.map((p) => (
                      <li key={p.index}>
                        Item {p.index}: {p.message}
                      </li>
                    ))}
                  </ul>
                </div>
              </div>
            ) : null}
            <table className="batch-table num">
              <thead>
                <tr>
                  <th scope="col">#</th>
                  <th scope="col">Name</th>
                  <th scope="col">Length</th>
                  <th scope="col">Price</th>
                </tr>
              </thead>
              <tbody>
                {plan.items.map((item) => (
                  <tr key={item.index}>
                    <td>{item.index}</td>
                    <td className="batch-table__name">{item.name}</td>
                    <td>{(item.endSec - item.startSec).toFixed(1)} s</td>
                    <td>{money(item.estimateUSD)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
            <div className="dialog__actions">
              <Dialog.Close className="button">Cancel</Dialog.Close>
              <button
                type="button"
                className="button button--primary"
                disabled={busy || plan.problems.length > 0 || plan.items.length === 0}
                onClick={() => void start()}
              >
                Start the batch · {money(plan.totalUSD)}
              </button>
            </div>
          </div>
        </Dialog.Content>
      </Dialog.Portal>
    </Dialog.Root>
  );
}
