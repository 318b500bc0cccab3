import { billedSeconds } from '../../../../shared/aurora.ts';
import { partsOf } from '../../../../shared/split-plan.ts';
import { useComposer } from './composer-store.ts';

/** The parts a long selection will be made in; the cuts are moved on the waveform. */
export function SplitParts({ cuts, onUndo }: { cuts: number[]; onUndo: () => void }) {
  const trim = useComposer((s) => s.trim);
  const parts = partsOf(trim.startSec, trim.endSec, cuts);
  return (
    <div className="split-parts" data-testid="split-parts">
      <ol className="split-parts__list" aria-label="Parts">
        {parts.map((p, i) => (
          <li key={p.startSec} className="split-parts__part num">
            Part {i + 1}: {p.startSec.toFixed(2)}–{p.endSec.toFixed(2)} s ({(p.endSec - p.startSec).toFixed(1)} s,{' '}
            {billedSeconds(p.endSec - p.startSec)} s billed)
          </li>
        ))}
      </ol>
      <p className="field-hint">
        Each part is cut in a pause; drag the ✂ markers to move a cut. The parts are joined over the whole audio, with no seam.
      </p>
      <button type="button" className="button button--small button--ghost" onClick={onUndo}>
        Don’t split
      </button>
    </div>
  );
}
