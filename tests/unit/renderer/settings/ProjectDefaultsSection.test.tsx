import { act, fireEvent, render, screen, waitFor } from '@testing-library/react';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { ProjectDefaultsSection } from '../../../../renderer/src/features/settings/ProjectDefaultsSection.tsx';
import { openProject } from '../../../../renderer/src/features/projects/actions.ts';
import { useProjects } from '../../../../renderer/src/features/projects/projects-store.ts';
import { installComponentBackend } from '../../../support/component-backend.ts';

describe('project defaults in settings', () => {
  let env: Awaited<ReturnType<typeof installComponentBackend>>;
  afterEach(async () => {
    useProjects.setState({ current: null, generations: {} });
    await env.dispose();
  });

  it('sets the file-name template, shows an example, and refuses one that names every file alike', async () => {
    env = await installComponentBackend();
    const root = join(env.dir, 'projects');
    await env.backend.settings.update({ projectsRoot: root });
    const project = await env.backend.studio.projects.create('Spring ads');
    await act(async () => openProject(project.dir));
    render(<ProjectDefaultsSection />);
    const field = screen.getByLabelText<HTMLInputElement>('File names for exports and batches');
    expect(field.value).toBe('{project}_{image}_{audio}_{take}');

    fireEvent.change(field, { target: { value: '{name}-{take}' } });
    await act(async () => fireEvent.blur(field));
    await waitFor(() => expect(screen.getByText('For example: intro-1.mp4')).toBeTruthy());
    const onDisk = (await env.backend.studio.projects.open(project.dir)).project.info.outputNameTemplate;
    expect(onDisk).toBe('{name}-{take}');

    fireEvent.change(field, { target: { value: 'video' } });
    await act(async () => fireEvent.blur(field));
    await waitFor(() =>
      expect(screen.getByRole('alert').textContent).toBe(
        'The name needs at least one of {project}, {image}, {audio}, {name} or {take}, so files do not all get the same name.',
      ),
    );
  });
});
