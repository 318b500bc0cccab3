import { useComposer } from './composer-store.ts';
import { useProjects } from '../projects/projects-store.ts';
import { mediaUrl } from '../../lib/media-url.ts';
import { Icon } from '../../ui/Icon.tsx';
import { InputCardTop, inputCardState } from './InputCardTop.tsx';
import { DescribePanel } from './sources/DescribePanel.tsx';
import { SourceChoice } from './sources/SourceChoice.tsx';
import { useSources, type PortraitSource } from './sources/source-store.ts';

const PORTRAIT_SOURCES: readonly { id: PortraitSource; label: string }[] = [
  { id: 'file', label: 'File' },
  { id: 'describe', label: 'Describe' },
];

export function PortraitCard({ dragging }: { dragging: boolean }) {
  const image = useComposer((s) => s.image);
  const loading = useComposer((s) => s.loading.image);
  const error = useComposer((s) => s.errors.image);
  const project = useProjects((s) => s.current);
  const source = useSources((s) => s.portraitSource);
  const setSource = useSources((s) => s.setPortraitSource);
  return (
    <section
      className={`card card--portrait${dragging ? ' card--target' : ''}`}
      aria-label="Portrait"
      aria-busy={loading}
      data-state={inputCardState(loading, error, image !== null)}
    >
      <InputCardTop title="Portrait" kind="image" filled={image !== null} error={error} />
      <SourceChoice label="Portrait source" options={PORTRAIT_SOURCES} value={source} onChange={setSource} />
      {source === 'describe' ? (
        <DescribePanel />
      ) : loading ? (
        <div className="skeleton skeleton--portrait" aria-label="Reading the picture" />
      ) : image && project ? (
        <figure className="portrait">
          <img className="portrait__image" src={mediaUrl(project.id, image.file)} alt={`Portrait: ${image.name}`} />
          <figcaption className="portrait__caption num" data-testid="portrait-meta">
            {image.width}×{image.height} · {image.format === 'mjpeg' ? 'jpg' : image.format}
            {image.made?.kind === 'portrait' ? ` · described${image.made.seed !== null ? `, seed ${image.made.seed}` : ''}` : ''}
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
