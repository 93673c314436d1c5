import { Dialog } from 'radix-ui';
import type { ReactNode } from 'react';

export interface DialogPanelProps {
  title: string;
  description: string;
  testId: string;
  /** False for a dialog that must be answered: Escape and clicks outside do not close it. */
  dismissible?: boolean;
  children: ReactNode;
}

/** The overlay and panel every Tandem dialog uses, with its title and description wired for screen readers. */
export function DialogPanel({ title, description, testId, dismissible = true, children }: DialogPanelProps) {
  return (
    <Dialog.Portal>
      <Dialog.Overlay className="dialog-overlay" />
      <Dialog.Content
        className="dialog"
        data-testid={testId}
        onEscapeKeyDown={(e) => !dismissible && e.preventDefault()}
        onPointerDownOutside={(e) => !dismissible && e.preventDefault()}
      >
        <Dialog.Title className="dialog__title">{title}</Dialog.Title>
        <Dialog.Description className="dialog__description">{description}</Dialog.Description>
        {children}
      </Dialog.Content>
    </Dialog.Portal>
  );
}
