import { useEffect, useState } from 'react';
import { kilohertz, seconds } from '../../lib/format.ts';
import { mediaUrl } from '../../lib/media-url.ts';
import { useComposer } from './composer-store.ts';
import { useProjects } from '../projects/projects-store.ts';
import { trimSilence } from './actions.ts';
import { Icon } from '../../ui/Icon.tsx';
import { InputCardTop, inputCardState } from './InputCardTop.tsx';
import { SplitParts } from './SplitParts.tsx';
import { TrimControls } from './TrimControls.tsx';
import { Waveform, type WaveformHandle } from './Waveform.tsx';
import { RecordPanel } from './sources/RecordPanel.tsx';
import { ScriptPanel } from './sources/ScriptPanel.tsx';
import { SourceChoice } from './sources/SourceChoice.tsx';
import { useSources, type VoiceSource } from './sources/source-store.ts';

const VOICE_SOURCES: readonly { id: VoiceSource; label: string }[] = [
  { id: 'file', label: 'File' },
  { id: 'record', label: 'Record' },
  { id: 'script', label: 'Script' },
];

export const waveformRef: { current: WaveformHandle | null } = { current: null };

/** Plays the selection (and stops at its end), or pauses. */
export function toggleSelectionPlayback(): void {
  const handle = waveformRef.current;
  if (!handle) return;
  if (handle.ws.isPlaying()) handle.ws.pause();
  else handle.region.play(true);
}

export function VoiceCard({ dragging, trimInvalid }: { dragging: boolean; trimInvalid: boolean }) {
  const audio = useComposer((s) => s.audio);
  const peaks = useComposer((s) => s.peaks);
  const trim = useComposer((s) => s.trim);
  const setTrim = useComposer((s) => s.setTrim);
  const cuts = useComposer((s) => s.cuts);
  const setCuts = useComposer((s) => s.setCuts);
  const loading = useComposer((s) => s.loading.audio);
  const error = useComposer((s) => s.errors.audio);
  const project = useProjects((s) => s.current);
  const [zoom, setZoom] = useState(0);
  const [playing, setPlaying] = useState(false);
  const [trimmingSilence, setTrimmingSilence] = useState(false);
  const source = useSources((s) => s.voiceSource);
  const setSource = useSources((s) => s.setVoiceSource);

  useEffect(() => setZoom(0), [audio?.file]);

  const onTrimSilence = async () => {
    setTrimmingSilence(true);
    try {
      await trimSilence();
    } finally {
      setTrimmingSilence(false);
    }
  };

  const onReady = (handle: WaveformHandle | null) => {
    waveformRef.current = handle;
    handle?.ws.on('play', () => setPlaying(true));
    handle?.ws.on('pause', () => setPlaying(false));
  };

  const selected = trim.endSec - trim.startSec;
  return (
    <section
      className={`card card--voice${dragging ? ' card--target' : ''}`}
      aria-label="Voice"
      aria-busy={loading}
      // Ready once the waveform can be drawn: the trim fields and the price follow it.
      data-state={inputCardState(loading || (audio !== null && peaks === null), error, audio !== null)}
    >
      <InputCardTop
        title="Voice"
        kind="audio"
        filled={audio !== null}
        error={error}
        meta={
          audio ? (
            <span className="card__meta num" data-testid="voice-meta">
              {audio.name} · {seconds(audio.durationSec)} · {kilohertz(audio.sampleRate)}
            </span>
          ) : null
        }
      />
      <SourceChoice label="Voice source" options={VOICE_SOURCES} value={source} onChange={setSource} />
      {source === 'script' ? (
        <ScriptPanel />
      ) : source === 'record' ? (
        <RecordPanel />
      ) : loading ? (
        <div className="skeleton skeleton--wave" aria-label="Reading the audio" />
      ) : audio && project ? (
        <>
          {peaks ? (
            <Waveform
              url={mediaUrl(project.id, audio.file)}
              peaks={peaks}
              trim={trim}
              zoom={zoom}
              cuts={cuts}
              onTrim={setTrim}
              onCuts={setCuts}
              onReady={onReady}
            />
          ) : (
            <div className="skeleton skeleton--wave" aria-label="Drawing the waveform" />
          )}
          <div className="voice-controls">
            <TrimControls trim={trim} invalid={trimInvalid} onTrim={setTrim} />
            <span className="voice-controls__length num" data-testid="selection-length">
              {seconds(Math.max(0, selected), 2)} selected
            </span>
            <button type="button" className="button button--small" onClick={toggleSelectionPlayback} aria-keyshortcuts="Space">
              <Icon name={playing ? 'pause' : 'play'} /> {playing ? 'Pause' : 'Play selection'}
            </button>
            <button type="button" className="button button--small" onClick={() => void onTrimSilence()} disabled={trimmingSilence}>
              <Icon name="scissors" /> Trim silence
            </button>
            <div className="zoom" role="group" aria-label="Zoom">
              <button
                type="button"
                className="icon-button icon-button--small"
                aria-label="Zoom out"
                onClick={() => setZoom((z) => (z <= 20 ? 0 : z / 2))}
              >
                <Icon name="zoomOut" />
              </button>
              <button
                type="button"
                className="icon-button icon-button--small"
                aria-label="Zoom in"
                onClick={() => setZoom((z) => Math.min(2000, z === 0 ? 40 : z * 2))}
              >
                <Icon name="zoomIn" />
              </button>
            </div>
          </div>
          {cuts ? <SplitParts cuts={cuts} onUndo={() => setCuts(null)} /> : null}
        </>
      ) : (
        <div className="card__empty">
          <Icon name="wave" size={28} />
          <p>{dragging ? 'Drop to use this voice.' : 'Drop speech or music: MP3, WAV, FLAC, M4A, OGG or a video with sound.'}</p>
        </div>
      )}
    </section>
  );
}
