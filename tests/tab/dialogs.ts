import { screen, waitFor } from '@testing-library/react';
import { expect } from 'vitest';

/**
 * The open dialog, with focus moved into it as a click on its first field would. (happy-dom has no
 * layout, so Fluent's own initial focus lands on the surface and tabster then hides the dialog.)
 *
 * Here rather than in tests/helpers/: it needs the DOM's types, which only the tab's TypeScript
 * project (tab/tsconfig.json, over tests/tab) has; the root project checks tests/helpers for Node.
 */
export const findDialog = async (name: RegExp | string): Promise<HTMLElement> => {
  // Found even if tabster has hidden it already (a slow run); focusing inside makes it the active modal.
  const dialog = await screen.findByRole('dialog', { name, hidden: true });
  dialog.querySelector<HTMLElement>('input:not([disabled]), textarea, select, button')?.focus();
  await waitFor(() => expect(dialog.getAttribute('aria-hidden')).toBeNull());
  return dialog;
};
