import { DemoSection } from '../demo/demo.tsx';
import * as Dialog from '@radix-ui/react-dialog';
import { useStudio } from '../../app/ui-store.ts';
import { Icon } from '../../ui/Icon.tsx';
import { ApiKeySection } from './ApiKeySection.tsx';
import { GeneralSection } from './GeneralSection.tsx';
import { ProjectDefaultsSection } from './ProjectDefaultsSection.tsx';
import { SetupCheckSection } from './SetupCheckSection.tsx';

export function SettingsDialog() {
  const open = useStudio((s) => s.settingsOpen);
  const setOpen = useStudio((s) => s.setSettingsOpen);
  return (
    <Dialog.Root open={open} onOpenChange={setOpen}>
      <Dialog.Portal>
        <Dialog.Overlay className="dialog-overlay" />
        <Dialog.Content className="dialog" aria-describedby={undefined}>
          <header className="dialog__header">
            <Dialog.Title className="dialog__title">Settings</Dialog.Title>
            <Dialog.Close data-dialog-close="" className="icon-button" aria-label="Close settings">
              <Icon name="close" />
            </Dialog.Close>
          </header>
          <div className="dialog__body">
            <ApiKeySection />
            <GeneralSection />
            <ProjectDefaultsSection />
            <SetupCheckSection />
            <DemoSection />
          </div>
        </Dialog.Content>
      </Dialog.Portal>
    </Dialog.Root>
  );
}
