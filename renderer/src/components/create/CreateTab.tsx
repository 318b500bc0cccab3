import { useStudio } from '../../store/studio-store.ts';
import { Icon } from '../common/Icon.tsx';

/** The composer's regions: portrait, voice, and the cost line. */
export function CreateTab() {
  const keyStatus = useStudio((s) => s.keyStatus);
  const openSettings = useStudio((s) => s.setSettingsOpen);
  const needsKey = keyStatus !== null && !keyStatus.configured;
  return (
    <div className="composer">
      {needsKey ? (
        <div className="banner banner--warning" role="status">
          <span>Add your Runware API key to generate videos.</span>
          <button type="button" className="button button--small" onClick={() => openSettings(true)}>
            Open settings
          </button>
        </div>
      ) : null}
      <div className="composer__inputs">
        <section className="card card--drop" aria-label="Portrait">
          <h3 className="card__title">Portrait</h3>
          <div className="card__empty">
            <Icon name="image" size={28} />
            <p>A front-facing photo: JPG, PNG or WebP.</p>
          </div>
        </section>
        <section className="card card--drop" aria-label="Voice">
          <h3 className="card__title">Voice</h3>
          <div className="card__empty">
            <Icon name="wave" size={28} />
            <p>Speech or music up to 60 seconds: MP3, WAV, FLAC, M4A or OGG.</p>
          </div>
        </section>
      </div>
      <footer className="composer__footer">
        <span className="muted">Add a portrait and a voice to see the cost.</span>
      </footer>
    </div>
  );
}
