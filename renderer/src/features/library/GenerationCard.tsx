import { memo, useState } from 'react';
import type { GenerationSummary } from '../../../../shared/generation.ts';
import { COST_BASIS_HINT, costText, seconds } from '../../lib/format.ts';
import { shownCost } from '../../../../shared/spend.ts';
import { mediaUrl } from '../../lib/media-url.ts';
import { useProjects } from '../projects/projects-store.ts';
import { Icon } from '../../ui/Icon.tsx';
import { toggleFavorite } from './actions.ts';
import { dateLabel, draftLabel, durationOf, playableTakes, posterFile, shownTake, stateBadge } from './library-model.ts';
import { useLibrary } from './library-store.ts';
import { DEMO_BADGE } from '../../../../shared/demo.ts';
import { useDemoProject } from '../demo/demo.tsx';

export interface CardProps {
  g: GenerationSummary;
  projectId: string;
  selected: boolean;
  /** The one card of the grid reached with Tab (roving tab stop). */
  tabbable: boolean;
  chosenTake: number | undefined;
  inCompare: boolean;
  onSelect: (id: string) => void;
  onOpen: (id: string) => void;
  /** Set while the grid flies past faster than a person can look: hold the poster for now. */
  deferPoster?: boolean;
}

/** Live progress for a running generation; finished cards never subscribe to it. */
function LivePercent({ id, fallback }: { id: string; fallback: number | undefined }) {
  const live = useProjects((s) => s.progress[id]?.progress);
  const percent = live ?? fallback;
  return percent === undefined || percent === null ? null : <span className="num"> {Math.round(percent)}%</span>;
}

/**
 * The poster, fetched and decoded off the main thread. A card that mounts in the middle of a
 * fling shows its placeholder until the grid slows down: loading a dozen posters a frame for
 * cards that are gone by the next one is what made fast scrolling stutter.
 */
function Poster({ src, defer }: { src: string | null; defer: boolean }) {
  const [broken, setBroken] = useState<string | null>(null);
  const [seen, setSeen] = useState(!defer);
  if (!seen && !defer) setSeen(true);
  if (!src || broken === src || !seen) {
    return (
      <span className="lib-card__placeholder" aria-hidden="true">
        <Icon name="image" size={28} />
      </span>
    );
  }
  return (
    <img className="lib-card__img" src={src} alt="" loading="lazy" decoding="async" draggable={false} onError={() => setBroken(src)} />
  );
}

/** One generation in the grid: poster, name, date, length, cost, state and favourite. */
export const GenerationCard = memo(function GenerationCard({
  g,
  projectId,
  selected,
  tabbable,
  chosenTake,
  inCompare,
  onSelect,
  onOpen,
  deferPoster = false,
}: CardProps) {
  const take = shownTake(g, chosenTake);
  const poster = posterFile(g, chosenTake);
  const badge = stateBadge(g);
  const demo = useDemoProject();
  const cost = shownCost(g);
  const date = dateLabel(g.createdAt);
  const length = seconds(durationOf(g, take));
  const playable = playableTakes(g).length;
  const draft = draftLabel(g);
  // Every visible word, in the order it is in the page (WCAG 2.5.3: a voice-control user
  // says what they see), then what is only shown as an icon.
  const label = [
    g.name,
    date,
    costText(cost),
    badge?.label ?? null,
    playable > 1 ? `${playable} takes` : null,
    draft,
    demo ? 'Demo' : null,
    take?.nsfw ? 'Flagged' : null,
    length,
    g.favorite ? 'favourite' : null,
  ]
    .filter(Boolean)
    .join(', ');

  const toggleCompare = () => {
    const library = useLibrary.getState();
    if (inCompare) library.dropFromCompare(g.id);
    else if (take) library.toggleCompare({ id: g.id, take: take.index });
  };

  return (
    <div
      role="gridcell"
      className={`lib-card${selected ? ' lib-card--selected' : ''}${inCompare ? ' lib-card--compare' : ''}`}
      aria-selected={selected}
      aria-label={label}
      tabIndex={tabbable ? 0 : -1}
      data-generation-id={g.id}
      onClick={() => onSelect(g.id)}
      onDoubleClick={() => onOpen(g.id)}
      onFocus={(event) => {
        if (event.target === event.currentTarget && !selected) onSelect(g.id);
      }}
    >
      {/* Before the poster in the page (read first), after it on screen (CSS order). */}
      <div className="lib-card__meta">
        <div className="lib-card__row">
          <span className="lib-card__name" title={g.name}>
            {g.name}
          </span>{' '}
          <button
            type="button"
            tabIndex={-1}
            aria-hidden="true"
            className={`lib-star${g.favorite ? ' lib-star--on' : ''}`}
            aria-pressed={g.favorite}
            aria-label={`Favourite “${g.name}”`}
            title={g.favorite ? 'Remove from favourites' : 'Add to favourites'}
            onClick={(event) => {
              event.stopPropagation();
              void toggleFavorite(g);
            }}
          >
            <Icon name="star" />
          </button>
        </div>
        <div className="lib-card__row lib-card__row--secondary" aria-hidden="true">
          {/* Spaces between the parts keep their words apart for tools that read the text as one string. */}
          <time dateTime={g.createdAt}>{date}</time>{' '}
          <span className="money" title={COST_BASIS_HINT[cost.basis]}>
            {costText(cost)}
          </span>{' '}
        </div>
      </div>
      <div className="lib-card__poster">
        <Poster src={poster ? mediaUrl(projectId, poster) : null} defer={deferPoster} />
        {badge ? (
          <span className={`lib-badge lib-badge--${badge.tone}`} data-testid="state-badge" aria-hidden="true">
            {badge.label}
            {g.state === 'processing' ? <LivePercent id={g.id} fallback={g.progress} /> : null}
          </span>
        ) : null}{' '}
        {playable > 1 ? (
          <span className="lib-chip lib-chip--takes num" aria-hidden="true">
            {playable} takes
          </span>
        ) : null}{' '}
        {demo ? (
          <span className="lib-chip demo-chip" data-testid="demo-chip" title={DEMO_BADGE} aria-hidden="true">
            Demo
          </span>
        ) : null}{' '}
        {take?.nsfw ? (
          <span
            className="lib-chip lib-chip--flagged"
            data-testid="nsfw-chip"
            title="Runware's content check flagged this take"
            aria-hidden="true"
          >
            Flagged
          </span>
        ) : null}{' '}
        {draft ? (
          <span className="lib-chip lib-chip--draft" data-testid="draft-chip" aria-hidden="true">
            {draft}
          </span>
        ) : null}{' '}
        <span className="lib-chip lib-chip--length num" aria-hidden="true">
          {length}
        </span>
        {take ? (
          // Mouse shortcuts: the player's Compare and Favourite buttons are the accessible way to the same actions.
          <label
            aria-hidden="true"
            className="lib-card__compare"
            title={inCompare ? 'Remove from compare' : 'Add to compare'}
            onClick={(e) => e.stopPropagation()}
          >
            <input type="checkbox" tabIndex={-1} checked={inCompare} onChange={toggleCompare} aria-label={`Compare “${g.name}”`} />
          </label>
        ) : null}{' '}
      </div>
    </div>
  );
});
