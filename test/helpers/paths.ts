import path from 'node:path';

/** The project checkout the tests run against. */
export const PROJECT_ROOT = path.resolve(__dirname, '..', '..');
export const FAQ_DIR = path.join(PROJECT_ROOT, 'faq');
export const LOCALES_DIR = path.join(PROJECT_ROOT, 'locales');
