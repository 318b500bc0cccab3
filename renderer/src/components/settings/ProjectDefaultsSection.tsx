import { useId } from 'react';
import { call, studio } from '../../ipc/studio.ts';
import { settingsToSend } from '../../lib/composer-check.ts';
import { command } from '../../store/actions.ts';
import { useComposer } from '../../store/composer-store.ts';
import { useProjects } from '../../store/projects-store.ts';
import { toast } from '../../store/studio-store.ts';

/** The current project's default parameters: what a new composition starts from. */
export function ProjectDefaultsSection() {
  const id = useId();
  const project = useProjects((s) => s.current);
  if (!project) return null;
  const d = project.defaults;
  const summary = `${d.settings.numberResults} take${d.settings.numberResults === 1 ? '' : 's'} · ${d.settings.outputFormat} · quality ${d.settings.outputQuality} · CFG ${(d.settings.CFGScale ?? 1).toFixed(2)}${d.normalizeLoudness ? ' · even loudness' : ''}${d.settings.positivePrompt ? ` · prompt “${d.settings.positivePrompt.slice(0, 40)}”` : ''}`;

  const saveFromComposer = async () => {
    const composer = useComposer.getState();
    const defaults = { settings: settingsToSend(composer.prompt, composer.settings), normalizeLoudness: composer.normalizeLoudness };
    const saved = await command(() => call(studio().projects.setDefaults({ projectDir: project.dir, defaults })));
    if (saved) {
      useProjects.setState({ current: { ...project, defaults: saved } });
      toast('info', `New compositions in “${project.name}” now start from these settings.`);
    }
  };

  return (
    <section className="settings-section" aria-labelledby={`${id}-title`}>
      <h3 className="settings-section__title" id={`${id}-title`}>
        Defaults for “{project.name}”
      </h3>
      <p className="muted num" data-testid="project-defaults">
        {summary}
      </p>
      <button type="button" className="button button--small" onClick={() => void saveFromComposer()}>
        Use the composer’s current settings as defaults
      </button>
    </section>
  );
}
