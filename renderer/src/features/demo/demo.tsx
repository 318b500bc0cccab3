import { DEMO_EXPLAINED } from '../../../../shared/demo.ts';
import { useStudio } from '../../app/ui-store.ts';
import { useProjects } from '../projects/projects-store.ts';
import { switchDemo } from './actions.ts';

/** True while the app runs the demo (the stand-in answers instead of Runware). */
export function useDemo(): boolean {
  return useStudio((s) => s.appInfo?.demo === true);
}

/** True when the open project was made in the demo: its videos are stills, its cost $0. */
export function useDemoProject(): boolean {
  return useProjects((s) => s.current?.demo === true);
}

/** "Try the demo": no account, no key, nothing billed. */
export function TryDemoButton({ className = 'button button--small' }: { className?: string }) {
  return (
    <button type="button" className={className} onClick={() => void switchDemo(true)}>
      Try the demo
    </button>
  );
}

/** Across the top while the demo runs: what it is, and the one click out of it. */
export function DemoBanner() {
  const demo = useDemo();
  if (!demo) return null;
  return (
    <div className="banner demo-banner" role="status" data-testid="demo-banner">
      <p>{DEMO_EXPLAINED}</p>
      <button type="button" className="button button--small" onClick={() => void switchDemo(false)}>
        Leave the demo
      </button>
    </div>
  );
}

/** Settings: the way into the demo (or out of it). */
export function DemoSection() {
  const demo = useDemo();
  return (
    <section className="settings-section" aria-labelledby="settings-demo-title">
      <h3 className="settings-section__title" id="settings-demo-title">
        Demo
      </h3>
      <p className="muted">
        {demo
          ? 'The demo is running. Leave it to go back to your projects and your Runware key.'
          : 'Walk through trimming, pricing, the queue, the library and export without an account: a stand-in on this computer answers instead of Runware, nothing is billed, and the videos are your portrait held still over your audio. Avatar Studio restarts into a demo project of its own.'}
      </p>
      {demo ? (
        <button type="button" className="button button--small" onClick={() => void switchDemo(false)}>
          Leave the demo
        </button>
      ) : (
        <TryDemoButton />
      )}
    </section>
  );
}
