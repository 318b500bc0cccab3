import { EmptyState } from '../common/EmptyState.tsx';

export function LibraryTab() {
  return (
    <div className="library">
      <EmptyState title="No videos yet">Finished takes appear here, kept on your disk with their settings.</EmptyState>
    </div>
  );
}
