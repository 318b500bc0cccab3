import { useComposer } from './composer-store.ts';
import { useProjects } from '../projects/projects-store.ts';
import { mediaUrl } from '../../lib/media-url.ts';
import { Icon } from '../../ui/Icon.tsx';
import { InputCardTop, inputCardState } from './InputCardTop.tsx';

export function PortraitCard({ dragging }: { dragging: boolean }) {
  const image = useComposer((s) => s.image);
  const loading = useComposer((s) => s.loading.image);
  const error = useComposer((s) => s.errors.image);
  const project = useProjects((s) => s.current);
  return (
    <section
      className={`card card--portrait${dragging ? ' card--target' : ''}`}
      aria-label="Portrait"
      aria-busy={loading}
      data-state={inputCardState(loading, error, image !== null)}
    >
      <InputCardTop title="Portrait" kind="image" filled={image !== null} error={error} />
      {loading ? (
        <div className="skeleton skeleton--portrait" aria-label="Reading the picture" />
      ) : image && project ? (
        <figure className="portrait">
          <img className="portrait__image" src={mediaUrl(project.id, image.file)} alt={`Portrait: ${image.name}`} />
          <figcaption className="portrait__caption num" data-testid="portrait-meta">
            {image.width}×{image.height} · {image.format === 'mjpeg' ? 'jpg' : image.format}
          </figcaption>
        </figure>
      ) : (
        <div className="card__empty">
          <Icon name="image" size={28} />
          <p>{dragging ? 'Drop to use this portrait.' : 'Drop a front-facing photo: JPG, PNG or WebP, at least 256 px.'}</p>
        </div>
      )}
    </section>
  );
}
