import { useEffect, useRef, useState } from 'react';
import type { ImportedAudio } from '../../../../../shared/inputs.ts';
import { messageOf } from '../../../ipc/studio.ts';
import { megabytes, timecode } from '../../../lib/format.ts';
import { mediaUrl } from '../../../lib/media-url.ts';
import { useProjects } from '../../projects/projects-store.ts';
import { MicRecorder, microphoneProblem, microphones, openMicrophone, watchLevel } from './mic-recorder.ts';
import { recordingsApi, takeVoice } from './actions.ts';
import { Picker } from './Picker.tsx';

type Phase =
  | { name: 'idle' }
  | { name: 'counting'; count: number }
  | { name: 'recording'; startedAt: number }
  | { name: 'saving' }
  | { name: 'done'; take: ImportedAudio }
  | { name: 'error'; message: string; take?: ImportedAudio };

/** What is open while a take is counted in or recorded: closed on Stop, Cancel, or leaving the panel. */
interface Session {
  stream: MediaStream;
  stopLevel: () => void;
  timer: number | null;
  recorder: MicRecorder | null;
  id: string | null;
}

const COUNT_IN = 3;

/** Voice from the microphone: device, level meter, 3-2-1, stop, play back, record again, use the take. */
export function RecordPanel() {
  const project = useProjects((s) => s.current);
  const [phase, setPhase] = useState<Phase>({ name: 'idle' });
  const [level, setLevel] = useState(0);
  const [elapsed, setElapsed] = useState(0);
  const [devices, setDevices] = useState<MediaDeviceInfo[]>([]);
  const [deviceId, setDeviceId] = useState<string | null>(null);
  const session = useRef<Session | null>(null);
  const [interrupted, setInterrupted] = useState<{ file: string; bytes: number }[]>([]);
  const projectDir = project?.dir;

  // A take a crash cut short is still in the recordings folder: offered back, never lost.
  useEffect(() => {
    if (!projectDir) return;
    let live = true;
    recordingsApi
      .unfinished(projectDir)
      .then((found) => live && setInterrupted(found))
      .catch(() => undefined);
    return () => {
      live = false;
    };
  }, [projectDir]);

  const recover = async (file: string) => {
    if (!projectDir) return;
    setPhase({ name: 'saving' });
    try {
      const take = await recordingsApi.recover(projectDir, file);
      setInterrupted((list) => list.filter((u) => u.file !== file));
      setPhase({ name: 'done', take });
    } catch (error) {
      setPhase({ name: 'error', message: messageOf(error) });
    }
  };

  const close = () => {
    const open = session.current;
    session.current = null;
    if (!open) return;
    if (open.timer !== null) window.clearInterval(open.timer);
    open.stopLevel();
    for (const track of open.stream.getTracks()) track.stop();
    setLevel(0);
  };

  const stop = async () => {
    const open = session.current;
    if (!open?.recorder || !open.id) return;
    const { recorder, id } = open;
    // Stopped once: a second Stop (a click while a failed piece stops it) finds nothing to stop.
    open.recorder = null;
    setPhase({ name: 'saving' });
    await recorder.stop();
    close();
    if (recorder.failure) {
      setPhase({
        name: 'error',
        message: `${messageOf(recorder.failure)} What was recorded before that is kept in the project’s recordings folder.`,
      });
      return;
    }
    try {
      setPhase({ name: 'done', take: await recordingsApi.finish(id) });
    } catch (error) {
      setPhase({ name: 'error', message: messageOf(error) });
    }
  };

  // Leaving the panel (another source, another tab) never loses a take: it is stopped and saved.
  useEffect(
    () => () => {
      if (session.current?.recorder) void stop();
      else close();
    },
    // eslint-disable-next-line react-hooks/exhaustive-deps -- on unmount only
    [],
  );

  const begin = async (dir: string) => {
    const open = session.current;
    if (!open) return;
    try {
      const recorder = new MicRecorder(
        open.stream,
        async (bytes) => {
          if (open.id) await recordingsApi.append(open.id, bytes);
        },
        // A piece that could not be written stops the take at once, saying why.
        () => void stop(),
      );
      open.id = (await recordingsApi.start(dir, recorder.mimeType)).id;
      open.recorder = recorder;
      recorder.start();
      const startedAt = performance.now();
      setElapsed(0);
      setPhase({ name: 'recording', startedAt });
      open.timer = window.setInterval(() => setElapsed((performance.now() - startedAt) / 1000), 100);
    } catch (error) {
      close();
      setPhase({ name: 'error', message: messageOf(error) });
    }
  };

  const record = async () => {
    if (!project || session.current) return;
    let stream: MediaStream;
    try {
      stream = await openMicrophone(deviceId);
    } catch (error) {
      setPhase({ name: 'error', message: microphoneProblem(error) });
      return;
    }
    // Labels are readable once the microphone is allowed: list them now.
    setDevices(await microphones().catch(() => []));
    session.current = { stream, stopLevel: watchLevel(stream, setLevel), timer: null, recorder: null, id: null };
    const dir = project.dir;
    let count = COUNT_IN;
    setPhase({ name: 'counting', count });
    const open = session.current;
    open.timer = window.setInterval(() => {
      count -= 1;
      if (session.current !== open) return;
      if (count > 0) {
        setPhase({ name: 'counting', count });
        return;
      }
      if (open.timer !== null) window.clearInterval(open.timer);
      open.timer = null;
      void begin(dir);
    }, 1000);
  };

  const cancelCount = () => {
    close();
    setPhase({ name: 'idle' });
  };

  const busy = phase.name === 'counting' || phase.name === 'recording' || phase.name === 'saving';
  const take = phase.name === 'done' ? phase.take : phase.name === 'error' ? phase.take : undefined;
  return (
    <div className="source-panel" data-testid="record-panel" data-phase={phase.name}>
      {devices.length > 1 ? (
        <Picker
          label="Microphone"
          value={deviceId ?? ''}
          disabled={busy}
          options={[
            { value: '', label: 'System default' },
            ...devices.map((d, i) => ({ value: d.deviceId, label: d.label || `Microphone ${i + 1}` })),
          ]}
          onChange={(id) => setDeviceId(id || null)}
        />
      ) : null}
      {interrupted.length > 0 && !busy ? (
        <div className="source-panel__notice" role="status" data-testid="interrupted-take">
          A take was cut short before it was saved: {interrupted[0]?.file.replace(/^recordings\//, '')} (
          {megabytes(interrupted[0]?.bytes ?? 0)}).{' '}
          <button type="button" className="link-button" onClick={() => void recover(interrupted[0]?.file ?? '')}>
            Keep it as a take
          </button>
        </div>
      ) : null}
      <div
        className="level-meter"
        role="meter"
        aria-label="Input level"
        aria-valuemin={0}
        aria-valuemax={100}
        aria-valuenow={Math.round(level * 100)}
      >
        <div className="level-meter__bar" style={{ transform: `scaleX(${level})` }} />
      </div>
      <p className="record-status num" aria-live="polite" data-testid="record-status">
        {phase.name === 'counting'
          ? `Recording in ${phase.count}…`
          : phase.name === 'recording'
            ? `Recording ${timecode(elapsed)}`
            : phase.name === 'saving'
              ? 'Saving the take…'
              : phase.name === 'done'
                ? `Take saved: ${phase.take.name} · ${timecode(phase.take.durationSec)}`
                : phase.name === 'error'
                  ? ''
                  : 'Speak after the count of three. The take is saved in the project’s recordings folder as you record.'}
      </p>
      {phase.name === 'error' ? (
        <p className="card__error" role="alert">
          {phase.message}
        </p>
      ) : null}
      <div className="source-panel__actions">
        {phase.name === 'counting' ? (
          <button type="button" className="button" onClick={cancelCount}>
            Cancel
          </button>
        ) : phase.name === 'recording' || phase.name === 'saving' ? (
          <button type="button" className="button button--danger" onClick={() => void stop()} disabled={phase.name === 'saving'}>
            Stop
          </button>
        ) : (
          <button type="button" className="button" onClick={() => void record()} disabled={!project}>
            {take ? 'Record again' : 'Record'}
          </button>
        )}
        {take ? (
          <button type="button" className="button button--primary" onClick={() => takeVoice(take)}>
            Use this take
          </button>
        ) : null}
      </div>
      {take && project ? (
        <audio controls src={mediaUrl(project.id, take.file)} aria-label="Recorded take" data-testid="record-playback" />
      ) : null}
    </div>
  );
}
