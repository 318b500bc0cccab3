import { useId, useState } from 'react';
import type { DoctorCheckId, DoctorReport } from '../../../../shared/doctor.ts';
import { messageOf } from '../../ipc/studio.ts';
import { checkSetup } from './actions.ts';

/** The checks' names in the person's words (the ids are what `doctor --json` prints). */
const CHECK_LABELS: Record<DoctorCheckId, string> = {
  ffmpeg: 'ffmpeg',
  ffprobe: 'ffprobe',
  'projects-folder': 'Projects folder',
  'app-data': 'App data folder',
  'api-key': 'API key',
  endpoint: 'Runware reachable',
  'key-accepted': 'Key accepted',
  'poll-batching': 'Batched status checks',
  'task-details': 'Task recovery (getTaskDetails)',
  clock: 'Clock',
};

type Run = { state: 'idle' } | { state: 'checking' } | { state: 'done'; report: DoctorReport } | { state: 'failed'; message: string };

/** "Check setup": the same checks as `doctor`, free, with what each found. */
export function SetupCheckSection() {
  const titleId = useId();
  const [run, setRun] = useState<Run>({ state: 'idle' });
  const start = async (): Promise<void> => {
    setRun({ state: 'checking' });
    try {
      setRun({ state: 'done', report: await checkSetup() });
    } catch (error) {
      setRun({ state: 'failed', message: messageOf(error) });
    }
  };
  return (
    <section className="settings-section" aria-labelledby={titleId}>
      <h3 className="settings-section__title" id={titleId}>
        Check setup
      </h3>
      <p className="muted">Checks ffmpeg, the folders, your key and what Runware supports. Nothing that costs money is sent.</p>
      <div className="key-actions">
        <button type="button" className="button button--small" disabled={run.state === 'checking'} onClick={() => void start()}>
          {run.state === 'checking' ? 'Checking…' : 'Check setup'}
        </button>
        {run.state === 'done' ? (
          <span className={`key-check key-check--${run.report.ok ? 'ok' : 'failed'}`} role="status" data-testid="setup-verdict">
            {run.report.ok ? 'Everything needed works.' : 'Something needs fixing: see below.'}
          </span>
        ) : null}
      </div>
      {run.state === 'failed' ? (
        <p className="key-check key-check--failed" role="alert">
          {run.message}
        </p>
      ) : null}
      {run.state === 'done' ? (
        <table className="setup-checks" data-testid="setup-checks">
          <tbody>
            {run.report.checks.map((check) => {
              const verdict = !check.ok ? 'failed' : check.warning ? 'warning' : 'ok';
              return (
                <tr key={check.id} data-check={check.id} data-verdict={verdict}>
                  <th scope="row">{CHECK_LABELS[check.id]}</th>
                  <td className={`setup-checks__verdict setup-checks__verdict--${verdict}`}>
                    {verdict === 'ok' ? 'OK' : verdict === 'warning' ? 'Note' : 'Fix'}
                  </td>
                  <td className="setup-checks__detail">{check.detail}</td>
                </tr>
              );
            })}
          </tbody>
        </table>
      ) : null}
    </section>
  );
}
