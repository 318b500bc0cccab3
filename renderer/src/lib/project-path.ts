/** An absolute path for a project-relative one, with the project folder's separators; main resolves and checks it. */
export function inProject(projectDir: string, relative: string): string {
  const sep = projectDir.includes('\\') && !projectDir.includes('/') ? '\\' : '/';
  return `${projectDir.replace(/[\\/]+$/, '')}${sep}${relative.split('/').join(sep)}`;
}
