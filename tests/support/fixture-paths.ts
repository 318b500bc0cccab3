import { resolve } from 'node:path';

/** The real media committed for tests (sources and rights in tests/fixtures/media/README.md). */
export const FIXTURES = resolve(import.meta.dirname, '../fixtures/media');
export const JFK_FLAC = resolve(FIXTURES, 'jfk.flac');
export const MONALISA_JPG = resolve(FIXTURES, 'monalisa.jpg');
