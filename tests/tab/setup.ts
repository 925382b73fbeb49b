import { cleanup, configure } from '@testing-library/react';
import { afterEach } from 'vitest';

// happy-dom's Web Animations reject `finished` when Fluent cancels a dialog's exit motion, an
// unhandled rejection that fails the run. Without `animate` Fluent uses its test-environment path
// (motion ends on the next render), as under jsdom.
Reflect.deleteProperty(Element.prototype, 'animate');

// findBy*/waitFor give up after 1 s by default; a save → reload → Fluent re-render (or a lazy dialog
// module transformed on first use) takes longer than
// that on a loaded two-core machine running the whole suite. Failing assertions still fail, later.
configure({ asyncUtilTimeout: 10_000 });

afterEach(() => cleanup());
