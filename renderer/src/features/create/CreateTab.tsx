import { useEffect, useMemo, useState, type DragEvent } from 'react';
import { checkComposer } from './composer-check.ts';
import { isEditable } from '../../lib/keyboard.ts';
import { ensurePeaks, importBytes, importPaths, pathForFile, pickManifest } from './actions.ts';
import { pendingBatch } from './batch-store.ts';
import { BatchDialog } from './BatchDialog.tsx';
import { useComposer } from './composer-store.ts';
import { useProjects } from '../projects/projects-store.ts';
import { useStudio } from '../../app/ui-store.ts';
import { AdvancedParams } from './AdvancedParams.tsx';
import { ModelChoice } from './ModelChoice.tsx';
import { CostFooter } from './CostFooter.tsx';
import { PortraitCard } from './PortraitCard.tsx';
import { PromptField } from './PromptField.tsx';
import { VoiceCard } from './VoiceCard.tsx';
import { useComposerKeys } from './use-composer-keys.ts';

/** Files from a drop or a paste: those with a path on disk, and the rest as bytes. */
async function takeFiles(files: FileList | null): Promise<void> {
  if (!files || files.length === 0) return;
  const paths: string[] = [];
  for (const file of Array.from(files)) {
    const path = pathForFile(file);
    if (path) paths.push(path);
    else await importBytes(file.name || 'pasted', new Uint8Array(await file.arrayBuffer()));
  }
  if (paths.length > 0) await importPaths(paths);
}

export function useComposerCheck() {
  const keyConfigured = useStudio((s) => s.keyStatus?.configured === true);
  const hasProject = useProjects((s) => s.current !== null);
  const image = useComposer((s) => s.image);
  const audio = useComposer((s) => s.audio);
  const trim = useComposer((s) => s.trim);
  const prompt = useComposer((s) => s.prompt);
  const settings = useComposer((s) => s.settings);
  const cuts = useComposer((s) => s.cuts);
  return useMemo(
    () => checkComposer({ keyConfigured, hasProject, image, audio, trim, prompt, settings, cuts }),
    [keyConfigured, hasProject, image, audio, trim, prompt, settings, cuts],
  );
}

/** The composer: one drop target for the whole tab, portrait and voice, prompt, settings, price. */
export function CreateTab() {
  const keyStatus = useStudio((s) => s.keyStatus);
  const openSettings = useStudio((s) => s.setSettingsOpen);
  const project = useProjects((s) => s.current);
  const trim = useComposer((s) => s.trim);
  const [dragging, setDragging] = useState<{ image: boolean; audio: boolean } | null>(null);
  const batch = pendingBatch((s) => s.plan);
  const check = useComposerCheck();
  useComposerKeys(check.reason === null);

  useEffect(() => {
    const onPaste = (event: ClipboardEvent) => {
      if (isEditable(event.target)) return;
      if (event.clipboardData?.files.length) {
        event.preventDefault();
        void takeFiles(event.clipboardData.files);
      }
    };
    window.addEventListener('paste', onPaste);
    return () => window.removeEventListener('paste', onPaste);
  }, []);

  const voiceFile = useComposer((s) => s.audio?.file);
  const hasPeaks = useComposer((s) => s.peaks !== null);
  useEffect(() => {
    if (voiceFile && !hasPeaks) ensurePeaks();
  }, [voiceFile, hasPeaks]);

  const onDragOver = (event: DragEvent) => {
    if (!event.dataTransfer.types.includes('Files')) return;
    event.preventDefault();
    event.dataTransfer.dropEffect = 'copy';
    const types = Array.from(event.dataTransfer.items).map((i) => i.type);
    const image = types.some((t) => t.startsWith('image/'));
    const audio = types.some((t) => t.startsWith('audio/') || t.startsWith('video/')) || types.some((t) => t === '');
    setDragging({ image: image || !audio, audio: audio || !image });
  };
  const onDrop = (event: DragEvent) => {
    event.preventDefault();
    setDragging(null);
    void takeFiles(event.dataTransfer.files);
  };

  const needsKey = keyStatus !== null && !keyStatus.configured;
  return (
    <div
      className={`composer${dragging ? ' composer--dragging' : ''}`}
      onDragOver={onDragOver}
      onDragLeave={(e) => {
        if (!e.currentTarget.contains(e.relatedTarget as Node | null)) setDragging(null);
      }}
      onDrop={onDrop}
      data-testid="drop-zone"
    >
      {needsKey ? (
        <div className="banner banner--warning" role="status">
          <span>Add your Runware API key to generate videos.</span>
          <button type="button" className="button button--small" onClick={() => openSettings(true)}>
            Open settings
          </button>
        </div>
      ) : null}
      {!project ? (
        <div className="banner" role="status">
          <span>Create or choose a project in the sidebar: its folder keeps everything you make.</span>
        </div>
      ) : null}
      <div className="composer__inputs">
        <PortraitCard dragging={dragging?.image === true} />
        <VoiceCard dragging={dragging?.audio === true} trimInvalid={check.fields.trim !== undefined && trim.endSec > 0} />
      </div>
      {check.fields.trim && trim.endSec > 0 ? (
        <p className="field-error" role="alert" id="trim-error" data-testid="trim-error">
          {check.fields.trim}
        </p>
      ) : null}
      <PromptField error={check.fields.prompt} />
      <ModelChoice />
      <AdvancedParams fields={check.fields} />
      {project ? (
        <p className="composer__batch-hint muted">
          Many voices or portraits at once? Drop them together for a batch, or{' '}
          <button type="button" className="link-button" onClick={() => void pickManifest()}>
            start one from a CSV or JSON list
          </button>
          .
        </p>
      ) : null}
      <CostFooter reason={check.reason} trimProblem={trim.endSec > 0 ? (check.fields.trim ?? null) : null} />
      <BatchDialog plan={batch} onClose={() => pendingBatch.getState().set(null)} />
    </div>
  );
}
