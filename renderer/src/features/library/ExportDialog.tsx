import * as Dialog from '@radix-ui/react-dialog';
import { useEffect, useId, useRef, useState } from 'react';
import type { GenerationSummary } from '../../../../shared/generation.ts';
import type { ExportFormat, ExportQuality } from '../../../../shared/composition.ts';
import { messageOf } from '../../ipc/studio.ts';
import { seconds } from '../../lib/format.ts';
import { exportTake, revealExport } from './actions.ts';
import { useProjects } from '../projects/projects-store.ts';
import { toast } from '../../app/ui-store.ts';
import { Icon } from '../../ui/Icon.tsx';
import { playableTakes, projectRelative, shownTake } from './library-model.ts';
import { useLibrary } from './library-store.ts';
import { useGenerationRecord } from './use-generation-record.ts';

type Format = ExportFormat;
type Quality = ExportQuality;

const FORMATS: { value: Format; label: string; hint: string }[] = [
  { value: 'mp4', label: 'MP4', hint: 'H.264 and AAC: plays everywhere' },
  { value: 'webm', label: 'WebM', hint: 'VP9 and Opus: for web pages' },
  { value: 'mov', label: 'MOV', hint: 'For editing apps' },
];
const QUALITIES: { value: Quality; label: string; hint: string }[] = [
  { value: 'high', label: 'High', hint: 'Largest file, no visible loss' },
  { value: 'balanced', label: 'Balanced', hint: 'Smaller, hard to tell apart' },
  { value: 'small', label: 'Small', hint: 'For sharing and previews' },
];

type Phase = { kind: 'form' } | { kind: 'running' } | { kind: 'done'; file: string; absolute: string } | { kind: 'error'; message: string };

function Choice<T extends string>(props: {
  legend: string;
  name: string;
  value: T;
  options: { value: T; label: string; hint?: string; disabled?: boolean }[];
  disabled: boolean;
  onChange: (value: T) => void;
}) {
  return (
    <fieldset className="lib-choice" disabled={props.disabled}>
      <legend className="field-label">{props.legend}</legend>
      <div className="lib-choice__options">
        {props.options.map((o) => (
          <label key={o.value} className={`lib-choice__option${o.disabled ? ' lib-choice__option--disabled' : ''}`}>
            <input
              type="radio"
              name={props.name}
              value={o.value}
              checked={props.value === o.value}
              disabled={o.disabled}
              onChange={() => props.onChange(o.value)}
            />
            <span className="lib-choice__label">{o.label}</span>
            {o.hint ? <span className="lib-choice__hint">{o.hint}</span> : null}
          </label>
        ))}
      </div>
    </fieldset>
  );
}

const DESCRIPTION_ID = 'export-dialog-what';

/** Export a take to exports/ as MP4, WebM or MOV, with its progress and where it went. */
export function ExportDialog({ g, onClose }: { g: GenerationSummary | null; onClose: () => void }) {
  const running = useProjects((s) => g !== null && s.exportProgress[g.id] !== undefined);
  return (
    <Dialog.Root open={g !== null} onOpenChange={(open) => !open && onClose()}>
      <Dialog.Portal>
        <Dialog.Overlay className="dialog-overlay" />
        <Dialog.Content
          className="dialog lib-dialog"
          aria-describedby={DESCRIPTION_ID}
          onEscapeKeyDown={(e) => running && e.preventDefault()}
        >
          {g ? <ExportForm key={g.id} g={g} onClose={onClose} /> : null}
        </Dialog.Content>
      </Dialog.Portal>
    </Dialog.Root>
  );
}

function ExportForm({ g, onClose }: { g: GenerationSummary; onClose: () => void }) {
  const id = useId();
  const project = useProjects((s) => s.current);
  const fraction = useProjects((s) => s.exportProgress[g.id]);
  const chosen = useLibrary((s) => s.takeOf[g.id]);
  const record = useGenerationRecord(project?.dir ?? null, g.id, g.updatedAt);
  const playable = playableTakes(g);
  const [take, setTake] = useState<number | null>(shownTake(g, chosen)?.index ?? null);
  const [format, setFormat] = useState<Format>(g.params.outputFormat === 'WEBM' ? 'webm' : g.params.outputFormat === 'MOV' ? 'mov' : 'mp4');
  const [quality, setQuality] = useState<Quality>('high');
  const [originalAudio, setOriginalAudio] = useState(false);
  const [phase, setPhase] = useState<Phase>({ kind: 'form' });
  const [takeError, setTakeError] = useState<string | null>(null);
  const open = useRef(true);
  useEffect(
    () => () => {
      open.current = false;
    },
    [],
  );

  // Changing an option after a result starts a new export rather than showing the old outcome.
  const edit =
    <T,>(set: (value: T) => void) =>
    (value: T) => {
      set(value);
      if (phase.kind === 'done' || phase.kind === 'error') setPhase({ kind: 'form' });
    };

  const sentAudio = record?.status === 'ready' ? (record.record.prepared?.audio ?? null) : null;
  const audioKnown = record?.status === 'ready';
  // Also while an export started from an earlier opening of this dialog is still going.
  const running = phase.kind === 'running' || fraction !== undefined;

  const start = async () => {
    const dir = project?.dir;
    if (!dir) return;
    const chosenTake = playable.find((t) => t.index === take);
    if (!chosenTake) {
      setTakeError(
        playable.length === 0
          ? 'No take of this video has finished, so there is nothing to export yet.'
          : 'Choose one of the finished takes.',
      );
      return;
    }
    setTakeError(null);
    setPhase({ kind: 'running' });
    useProjects.getState().setExportProgress(g.id, 0);
    try {
      const file = await exportTake(dir, {
        id: g.id,
        take: chosenTake.index,
        format,
        quality,
        originalAudio: originalAudio && sentAudio !== null,
      });
      const shown = projectRelative(file, dir);
      if (open.current) setPhase({ kind: 'done', file: shown, absolute: file });
      else toast('info', `Exported “${g.name}” to ${shown}.`);
    } catch (error) {
      if (open.current) setPhase({ kind: 'error', message: messageOf(error) });
      else toast('error', `Exporting “${g.name}” failed: ${messageOf(error)}`);
    } finally {
      useProjects.getState().setExportProgress(g.id, null);
    }
  };

  const percent = Math.round((fraction ?? 0) * 100);
  return (
    <>
      <header className="dialog__header">
        <Dialog.Title className="dialog__title">Export “{g.name}”</Dialog.Title>
        <Dialog.Close data-dialog-close="" className="icon-button" aria-label="Close export">
          <Icon name="close" />
        </Dialog.Close>
      </header>
      <form
        className="lib-dialog__body"
        noValidate
        onSubmit={(e) => {
          e.preventDefault();
          if (phase.kind === 'done') onClose();
          else void start();
        }}
      >
        <p className="dialog__text" id={DESCRIPTION_ID}>
          A copy goes to the project’s exports folder; the take in the library stays as it is.
        </p>
        {g.takes.length > 1 || playable.length === 0 ? (
          <Choice
            legend="Take"
            name={`${id}-take`}
            value={String(take ?? '')}
            disabled={running}
            options={g.takes.map((t) => {
              const ok = playable.some((p) => p.index === t.index);
              return {
                value: String(t.index),
                label: `Take ${t.index}`,
                hint: ok
                  ? t.durationSec !== undefined
                    ? seconds(t.durationSec)
                    : undefined
                  : t.state === 'failed'
                    ? 'failed'
                    : 'not on disk',
                disabled: !ok,
              };
            })}
            onChange={edit((v: string) => {
              setTake(Number(v));
              setTakeError(null);
            })}
          />
        ) : null}
        {takeError ? (
          <p className="field-error" role="alert">
            {takeError}
          </p>
        ) : null}
        <Choice
          legend="Format"
          name={`${id}-format`}
          value={format}
          options={FORMATS}
          disabled={running}
          onChange={edit<Format>(setFormat)}
        />
        <Choice
          legend="Quality"
          name={`${id}-quality`}
          value={quality}
          options={QUALITIES}
          disabled={running}
          onChange={edit<Quality>(setQuality)}
        />
        <label className="checkbox">
          <input
            type="checkbox"
            checked={originalAudio && sentAudio !== null}
            disabled={running || !sentAudio}
            onChange={(e) => edit(setOriginalAudio)(e.target.checked)}
            aria-describedby={`${id}-audio-hint`}
          />
          Use the original audio
        </label>
        <p className="field-hint" id={`${id}-audio-hint`}>
          {sentAudio || !audioKnown
            ? 'The exact sound that was sent, at full quality, instead of the video’s re-encoded track.'
            : 'Not available: the audio that was sent is not in this generation’s folder.'}
        </p>

        <div className="lib-export__status" aria-live="polite">
          {running ? (
            <>
              <div
                className="lib-progress"
                role="progressbar"
                aria-label="Export progress"
                aria-valuemin={0}
                aria-valuemax={100}
                aria-valuenow={percent}
              >
                <div className="lib-progress__bar" style={{ width: `${percent}%` }} />
              </div>
              <p className="lib-export__line num">Exporting… {percent}%</p>
            </>
          ) : phase.kind === 'done' ? (
            <div className="lib-export__done" role="status">
              <p className="lib-export__line">
                Saved to <code>{phase.file}</code>
              </p>
              <button type="button" className="button button--small" onClick={() => revealExport(phase.absolute)}>
                <Icon name="folder" />
                Show in folder
              </button>
            </div>
          ) : phase.kind === 'error' ? (
            <div className="banner banner--error" role="alert">
              <p>
                The export did not finish: {phase.message} Check that the disk has free space and that the take is still in the generation’s
                folder, then try again.
              </p>
            </div>
          ) : null}
        </div>

        <div className="dialog__actions">
          {phase.kind === 'done' ? null : (
            <Dialog.Close className="button" type="button" disabled={running}>
              Cancel
            </Dialog.Close>
          )}
          <button type="submit" className="button button--primary" disabled={running || playable.length === 0}>
            {phase.kind === 'done' ? 'Done' : phase.kind === 'error' ? 'Try again' : running ? 'Exporting…' : 'Export'}
          </button>
        </div>
      </form>
    </>
  );
}
