import * as Tooltip from '@radix-ui/react-tooltip';
import { useState, type KeyboardEvent, type ReactNode, type RefObject } from 'react';
import { REMOTE_STATES, isTerminal, type GenerationSummary } from '../../../../shared/generation.ts';
import { seconds } from '../../lib/format.ts';
import { mediaUrl } from '../../lib/media-url.ts';
import { useProjects } from '../projects/projects-store.ts';
import { EmptyState } from '../../ui/EmptyState.tsx';
import { Icon, type IconName } from '../../ui/Icon.tsx';
import { GenerationFacts } from './GenerationFacts.tsx';
import { NameEditor } from './NameEditor.tsx';
import { compareDraftAndFinal, reuseSettings, revealGeneration, toggleFavorite } from './actions.ts';
import { MakeFinalDialog } from './MakeFinalDialog.tsx';
import { draftLabel, generationFile, playableTakes, posterFile, shownTake, stateBadge, type PlayableTake } from './library-model.ts';
import { sameTake, useLibrary } from './library-store.ts';
import { useGenerationRecord } from './use-generation-record.ts';
import { VideoControls } from './VideoControls.tsx';
import { DEMO_BADGE } from '../../../../shared/demo.ts';
import { useDemoProject } from '../demo/demo.tsx';

export const PLAYER_VIDEO_ID = 'library-player-video';

function ActionButton(props: {
  icon: IconName;
  label: string;
  hint?: string;
  pressed?: boolean;
  fill?: boolean;
  disabled?: boolean;
  onClick: () => void;
}) {
  return (
    <Tooltip.Root>
      <Tooltip.Trigger asChild>
        {/* aria-disabled rather than disabled: the button stays focusable and hoverable, so its tooltip can say why. */}
        <button
          type="button"
          className={`lib-action${props.pressed ? ' icon-button--on' : ''}${props.fill ? ' icon-button--fill' : ''}`}
          aria-pressed={props.pressed}
          aria-disabled={props.disabled || undefined}
          onClick={() => {
            if (!props.disabled) props.onClick();
          }}
        >
          <Icon name={props.icon} size={16} />
          <span className="lib-action__label">{props.label}</span>
        </button>
      </Tooltip.Trigger>
      <Tooltip.Portal>
        <Tooltip.Content className="tooltip" sideOffset={6}>
          {props.hint ?? props.label}
        </Tooltip.Content>
      </Tooltip.Portal>
    </Tooltip.Root>
  );
}

/** Tabs for the takes of one generation; takes that did not finish are shown but cannot be chosen. */
function TakeTabs({ g, current }: { g: GenerationSummary; current: PlayableTake | null }) {
  const setTake = useLibrary((s) => s.setTake);
  const playable = playableTakes(g);
  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>) => {
    if (event.key !== 'ArrowRight' && event.key !== 'ArrowLeft') return;
    event.preventDefault();
    const at = playable.findIndex((t) => t.index === current?.index);
    const next = playable[(at + (event.key === 'ArrowRight' ? 1 : playable.length - 1)) % playable.length];
    if (!next) return;
    setTake(g.id, next.index);
    requestAnimationFrame(() => document.getElementById(`take-tab-${next.index}`)?.focus());
  };
  return (
    <div className="lib-takes" role="tablist" aria-label="Takes" onKeyDown={onKeyDown}>
      {g.takes.map((t) => {
        const ok = playable.some((p) => p.index === t.index);
        const selected = t.index === current?.index;
        return (
          <button
            key={t.index}
            id={`take-tab-${t.index}`}
            type="button"
            role="tab"
            className="lib-takes__tab num"
            aria-selected={selected}
            aria-controls={PLAYER_VIDEO_ID}
            tabIndex={selected ? 0 : -1}
            disabled={!ok}
            onClick={() => setTake(g.id, t.index)}
          >
            Take {t.index}
            <span className="lib-takes__meta">
              {ok
                ? t.durationSec !== undefined
                  ? ` · ${seconds(t.durationSec)}`
                  : ''
                : ` · ${t.state === 'failed' ? 'failed' : 'not ready'}`}
            </span>
          </button>
        );
      })}
    </div>
  );
}

/** The picture area: the take playing, or the poster with what is happening to it. */
function Stage({
  g,
  take,
  projectId,
  videoRef,
}: {
  g: GenerationSummary;
  take: PlayableTake | null;
  projectId: string;
  videoRef: RefObject<HTMLVideoElement | null>;
}) {
  const poster = posterFile(g, take?.index);
  const posterUrl = poster ? mediaUrl(projectId, poster) : undefined;
  const live = useProjects((s) => s.progress[g.id]?.progress);
  if (take) {
    const src = mediaUrl(projectId, generationFile(g, take.file));
    return (
      <>
        <div className="lib-stage">
          <video
            key={src}
            ref={videoRef}
            id={PLAYER_VIDEO_ID}
            className="lib-stage__video"
            src={src}
            poster={posterUrl}
            // One local file: reading it ahead makes Space start at once.
            preload="auto"
            playsInline
            // Focusable without the browser's controls: Enter in the grid brings the keyboard here.
            tabIndex={0}
            aria-label={`${g.name}, take ${take.index}`}
            onClick={(e) => {
              const v = e.currentTarget;
              if (v.paused) void v.play().catch(() => undefined);
              else v.pause();
            }}
          />
        </div>
        <VideoControls videoRef={videoRef} src={src} />
      </>
    );
  }
  const badge = stateBadge(g);
  let note: ReactNode;
  if (g.state === 'failed') {
    note = (
      <>
        <strong>This generation failed.</strong> {g.error?.message ?? ''} Generate it again to try once more; the settings are kept.
      </>
    );
  } else if (g.state === 'canceled') {
    note = 'Canceled before it was sent to Runware: nothing was billed.';
  } else if (g.state === 'done') {
    note = 'None of its takes is on disk any more. Show the folder to check what is left.';
  } else {
    const percent = live ?? g.progress;
    note = (
      <>
        {badge?.label ?? 'Working'}
        {percent !== undefined && percent !== null ? <span className="num"> {Math.round(percent)}%</span> : null}… It plays here once its
        takes are downloaded.
      </>
    );
  }
  return (
    <div className="lib-stage lib-stage--empty">
      {posterUrl ? <img className="lib-stage__poster" src={posterUrl} alt="" /> : null}
      <p className={`lib-stage__note${g.state === 'failed' ? ' lib-stage__note--error' : ''}`}>{note}</p>
    </div>
  );
}

export interface PlayerProps {
  g: GenerationSummary | null;
  projectId: string;
  videoRef: RefObject<HTMLVideoElement | null>;
  onTrash: (g: GenerationSummary) => void;
}

/** The selected generation: its player, takes, actions and details. */
export function PlayerPanel({ g, projectId, videoRef, onTrash }: PlayerProps) {
  if (!g) {
    return (
      <section className="lib-player lib-player--empty" aria-label="Player">
        <EmptyState title="Nothing selected">Choose a video to play it here. Space plays and pauses.</EmptyState>
      </section>
    );
  }
  return <SelectedPlayer key={g.id} g={g} projectId={projectId} videoRef={videoRef} onTrash={onTrash} />;
}

function SelectedPlayer({ g, projectId, videoRef, onTrash }: PlayerProps & { g: GenerationSummary }) {
  const chosen = useLibrary((s) => s.takeOf[g.id]);
  const compare = useLibrary((s) => s.compare);
  const dir = useProjects((s) => s.current?.dir ?? null);
  const record = useGenerationRecord(dir, g.id, g.updatedAt);
  const take = shownTake(g, chosen);
  const inCompare = take !== null && compare.some((r) => sameTake(r, { id: g.id, take: take.index }));
  const finished = isTerminal(g.state);
  // A split video is made of parts; making it again is a new split from Create.
  const split = g.kind === 'sequence';
  const draft = draftLabel(g) !== null;
  const [confirmFinal, setConfirmFinal] = useState(false);
  const demo = useDemoProject();
  const counterpart = useProjects((s) =>
    draft ? Object.values(s.generations).find((o) => o.draftOf === g.id) : g.draftOf ? s.generations[g.draftOf] : undefined,
  );
  const comparable = counterpart !== undefined && playableTakes(counterpart).length > 0 && take !== null;

  return (
    <section className="lib-player" aria-label="Player">
      <NameEditor g={g} />
      {demo ? (
        <p className="banner demo-banner demo-banner--inline" data-testid="demo-badge">
          {DEMO_BADGE}
        </p>
      ) : null}
      <Stage g={g} take={take} projectId={projectId} videoRef={videoRef} />
      {g.takes.length > 1 ? <TakeTabs g={g} current={take} /> : null}
      <div className="lib-actions" role="group" aria-label="Video actions">
        <ActionButton
          icon="star"
          label="Favourite"
          hint={g.favorite ? 'Remove from favourites' : 'Add to favourites'}
          pressed={g.favorite}
          fill
          onClick={() => void toggleFavorite(g)}
        />
        <ActionButton
          icon="compare"
          label={take ? `Compare take ${take.index}` : 'Compare'}
          hint={inCompare ? 'Remove this take from compare' : 'Add this take to compare (up to 4)'}
          pressed={inCompare}
          disabled={!take}
          onClick={() => take && useLibrary.getState().toggleCompare({ id: g.id, take: take.index })}
        />
        <ActionButton
          icon="reuse"
          label="Use these settings again"
          hint="Use these settings again: fills the composer"
          onClick={() => void reuseSettings(g)}
        />
        <ActionButton icon="folder" label="Show in folder" onClick={() => revealGeneration(g.id)} />
        {draft ? (
          <ActionButton
            icon="retry"
            label="Make final…"
            hint={
              split
                ? 'A split draft is made final from Create: use these settings again, choose Final, then Generate'
                : finished
                  ? 'Send the same inputs and settings with Aurora v1 (720p) as a new generation'
                  : 'Available once this draft has finished'
            }
            disabled={!finished || split}
            onClick={() => setConfirmFinal(true)}
          />
        ) : null}
        {comparable && counterpart ? (
          <ActionButton
            icon="compare"
            label={draft ? 'Compare with final' : 'Compare with draft'}
            hint="Play the draft and its final side by side"
            onClick={() => (draft ? compareDraftAndFinal(g, counterpart) : compareDraftAndFinal(counterpart, g))}
          />
        ) : null}
        <ActionButton
          icon="retry"
          label="Generate again…"
          hint={
            split
              ? 'A split video is made again from Create: use these settings again, then Generate'
              : finished
                ? 'Generate again as a new video (billed again)'
                : 'Available once this generation has finished'
          }
          disabled={!finished || split}
          onClick={() => useLibrary.getState().setRetryId(g.id)}
        />
        <ActionButton
          icon="trash"
          label="Move to trash"
          hint={REMOTE_STATES.has(g.state) ? 'Runware is working on it: delete it once it has finished' : 'Move to trash (Delete)'}
          disabled={REMOTE_STATES.has(g.state)}
          onClick={() => onTrash(g)}
        />
        <button
          type="button"
          className="button button--small lib-actions__export"
          disabled={!take}
          title={take ? undefined : 'Nothing to export until a take has finished'}
          onClick={() => useLibrary.getState().setExportId(g.id)}
        >
          <Icon name="download" />
          Export…
        </button>
      </div>
      <GenerationFacts g={g} take={take} record={record} />
      <MakeFinalDialog g={confirmFinal ? g : null} onClose={() => setConfirmFinal(false)} />
    </section>
  );
}
