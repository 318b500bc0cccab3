import { useEffect, useId, useState } from 'react';
import { messageOf } from '../../ipc/studio.ts';
import { settingsToSend } from '../create/composer-check.ts';
import { settingsSummary } from '../../lib/format.ts';
import { useComposer } from '../create/composer-store.ts';
import { useProjects } from '../projects/projects-store.ts';
import { setNameTemplate, setProjectDefaults } from './actions.ts';

/** The current project's default parameters: what a new composition starts from. */
export function ProjectDefaultsSection() {
  const id = useId();
  const project = useProjects((s) => s.current);
  const [template, setTemplate] = useState(project?.outputNameTemplate ?? '');
  const [templateNote, setTemplateNote] = useState<{ error: boolean; text: string } | null>(null);
  useEffect(() => setTemplate(project?.outputNameTemplate ?? ''), [project?.outputNameTemplate]);
  if (!project) return null;

  const saveTemplate = async () => {
    if (template.trim() === project.outputNameTemplate) return;
    try {
      const example = await setNameTemplate(template);
      if (example) setTemplateNote({ error: false, text: `For example: ${example}` });
    } catch (e) {
      setTemplateNote({ error: true, text: messageOf(e) });
    }
  };
  const d = project.defaults;
  const prompt = d.settings.positivePrompt ? ` · prompt “${d.settings.positivePrompt.slice(0, 40)}”` : '';
  const summary = `${settingsSummary(d.settings, { normalizeLoudness: d.normalizeLoudness })}${prompt}`;

  const saveFromComposer = async () => {
    const composer = useComposer.getState();
    await setProjectDefaults({
      settings: settingsToSend(composer.prompt, composer.settings),
      normalizeLoudness: composer.normalizeLoudness,
    });
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
      <div className="field">
        <label className="field-label" htmlFor={`${id}-template`}>
          File names for exports and batches
        </label>
        <input
          id={`${id}-template`}
          className="input"
          value={template}
          spellCheck={false}
          aria-invalid={templateNote?.error === true}
          onChange={(e) => setTemplate(e.target.value)}
          onBlur={() => void saveTemplate()}
          onKeyDown={(e) => e.key === 'Enter' && void saveTemplate()}
        />
        <p className={templateNote?.error ? 'field-error' : 'field-hint'} role={templateNote?.error ? 'alert' : undefined}>
          {templateNote?.text ?? 'Use {project}, {image}, {audio}, {name} and {take}.'}
        </p>
      </div>
    </section>
  );
}
