import { cleanup } from '@testing-library/react';
import { afterEach } from 'vitest';

// What jsdom lacks and Radix (dialogs, radio groups, popovers) touches: inert stand-ins only.
class ResizeObserverStub {
  observe(): void {}
  unobserve(): void {}
  disconnect(): void {}
}
globalThis.ResizeObserver ??= ResizeObserverStub;
globalThis.PointerEvent ??= MouseEvent as unknown as typeof PointerEvent;
Element.prototype.hasPointerCapture ??= () => false;
Element.prototype.releasePointerCapture ??= () => {};
Element.prototype.scrollIntoView ??= () => {};

// An exception in an event handler does not fail a test by itself (jsdom only reports it):
// record it here and fail the test that caused it.
const uncaught: unknown[] = [];
window.addEventListener('error', (event) => {
  event.preventDefault();
  uncaught.push(event.error);
});

afterEach(() => {
  cleanup();
  localStorage.clear();
  const errors = uncaught.splice(0);
  if (errors.length > 0) throw new AggregateError(errors, `uncaught error in the page: ${String(errors[0])}`);
});
