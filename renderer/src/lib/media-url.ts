import { useStudio } from '../app/ui-store.ts';

/** A URL for a file of an open project, served by the app's media protocol. */
export function mediaUrl(projectId: string, relativePath: string): string {
  const base = useStudio.getState().appInfo?.mediaBase ?? 'media://';
  return `${base}${encodeURIComponent(projectId)}/${relativePath.split('/').map(encodeURIComponent).join('/')}`;
}
