import { cleanup, configure } from '@testing-library/react';
import { afterEach } from 'vitest';

// waitFor follows a condition the component exposes; real imports (ffmpeg) can take seconds
// on a busy machine, so the limit is generous. A passing wait returns at once.
configure({ asyncUtilTimeout: 15_000 });

afterEach(() => {
  cleanup();
});
