import * as Dialog from '@radix-ui/react-dialog';
import { useEffect, useId, useRef, useState } from 'react';
import type { GenerationSummary } from '../../../../shared/generation.ts';
import { plural } from '../../lib/format.ts';
import { mediaUrl } from '../../lib/media-url.ts';
import { useProjects } from '../projects/projects-store.ts';
import { Icon } from '../../ui/Icon.tsx';
import { generationFile, playableTakes, type PlayableTake } from './library-model.ts';
import { useLibrary } from './library-store.ts';
import { useSyncedVideos } from './use-synced-videos.ts';

interface CompareItem {
  g: GenerationSummary;
  take: PlayableTake;
}

/** The ticked takes that can still be played, in the order they were ticked. */
export function useCompareItems(): CompareItem[] {
  const refs = useLibrary((s) => s.compare);
  const generations = useProjects((s) => s.generations);
  const items: CompareItem[] = [];
  for (const ref of refs) {
    const g = generations[ref.id];
    const take = g ? playableTakes(g).find((t) => t.index === ref.take) : undefined;
    if (g && take) items.push({ g, take });
  }
  return items;
}

/** One line of time: seconds with one decimal, tabular so it does not jitter. */
const at = (sec: number) => `${sec.toFixed(1)} s`;

/** 2–4 takes side by side, one transport driving them all; Escape closes. */
export function CompareDialog() {
  const open = useLibrary((s) => s.compareOpen);
  const setOpen = useLibrary((s) => s.setCompareOpen);
  const items = useCompareItems();
  const ready = open && items.length >= 2;
  return (
    <Dialog.Root open={ready} onOpenChange={setOpen}>
      <Dialog.Portal>
        <Dialog.Overlay className="dialog-overlay" />
        <Dialog.Content className="dialog lib-compare" aria-describedby={HINT_ID}>
          <header className="dialog__header">
            <Dialog.Title className="dialog__title">Compare {plural(items.length, 'take')}</Dialog.Title>
            <p className="lib-compare__hint muted" id={HINT_ID}>
              One play button and one position drive every video. Space plays or pauses, Escape closes.
            </p>
            <Dialog.Close data-dialog-close="" className="icon-button" aria-label="Close compare">
              <Icon name="close" />
            </Dialog.Close>
          </header>
          {ready ? <CompareView items={items} /> : null}
        </Dialog.Content>
      </Dialog.Portal>
    </Dialog.Root>
  );
}

const HINT_ID = 'compare-dialog-hint';

function CompareView({ items }: { items: CompareItem[] }) {
  const id = useId();
  const projectId = useProjects((s) => s.current?.id ?? '');
  const sync = useSyncedVideos(items.length);
  // Several voices at once are noise: one video is heard, the person picks which.
  const [heard, setHeard] = useState(0);

  // Space anywhere in the dialog plays or pauses all; buttons and radios keep it for themselves.
  const toggle = useRef(sync.toggle);
  toggle.current = sync.toggle;
  useEffect(() => {
    const onKey = (event: globalThis.KeyboardEvent) => {
      if (event.key !== ' ' || event.defaultPrevented) return;
      const target = event.target instanceof HTMLElement ? event.target : null;
      if (target && (target.tagName === 'BUTTON' || (target instanceof HTMLInputElement && target.type !== 'range'))) return;
      event.preventDefault();
      toggle.current();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);

  return (
    <div className="lib-compare__body">
      <div className={`lib-compare__grid lib-compare__grid--${items.length}`}>
        {items.map(({ g, take }, index) => {
          const poster = take.poster ? mediaUrl(projectId, generationFile(g, take.poster)) : undefined;
          const label = `${g.name}, take ${take.index}`;
          return (
            <figure key={`${g.id}#${take.index}`} className="lib-compare__tile">
              <div className="lib-compare__stage">
                <video
                  ref={sync.bind(index)}
                  className="lib-compare__video"
                  src={mediaUrl(projectId, generationFile(g, take.file))}
                  poster={poster}
                  preload="auto"
                  playsInline
                  muted={heard !== index}
                  aria-label={label}
                  data-testid="compare-video"
                />
              </div>
              <figcaption className="lib-compare__caption">
                <div className="lib-compare__title">
                  <span className="lib-compare__name" title={g.name}>
                    {g.name}
                  </span>
                  <span className="muted num"> · Take {take.index}</span>
                </div>
                <p className="lib-compare__prompt muted" title={g.params.positivePrompt}>
                  {g.params.positivePrompt ?? 'No prompt'}
                </p>
                <label className="lib-compare__sound">
                  <input
                    type="radio"
                    name={`${id}-heard`}
                    checked={heard === index}
                    onChange={() => setHeard(index)}
                    aria-label={`Hear this one: ${label}`}
                  />
                  <span>Hear this one</span>
                </label>
              </figcaption>
            </figure>
          );
        })}
      </div>
      <div className="lib-compare__transport">
        <button
          type="button"
          className="icon-button lib-compare__play"
          aria-label={sync.playing ? 'Pause all' : 'Play all'}
          onClick={sync.toggle}
        >
          <Icon name={sync.playing ? 'pause' : 'play'} size={20} />
        </button>
        <input
          type="range"
          className="lib-scrubber"
          aria-label="Position"
          aria-valuetext={`${at(sync.time)} of ${at(sync.duration)}`}
          min={0}
          max={sync.duration || 0}
          step={0.01}
          value={Math.min(sync.time, sync.duration || 0)}
          onChange={(e) => sync.seek(Number(e.target.value))}
        />
        <span className="lib-compare__time num" aria-hidden="true">
          {at(sync.time)} / {at(sync.duration)}
        </span>
      </div>
    </div>
  );
}
