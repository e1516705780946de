// Where Tempo's published documents are: TEMPO_REFERENCE_DIR (set by .ci/run), else shared/reference beside the
// repository (/work/shared/reference on a developer machine). Tests that need them skip, by name, when absent.
import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The repository root. */
export const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..', '..');

export const referenceDir = process.env.TEMPO_REFERENCE_DIR
  ? resolve(process.env.TEMPO_REFERENCE_DIR)
  : join(repoRoot, '..', 'shared', 'reference');

/** The February 2025 document (core operations only, unprefixed paths). */
export const reference2025 = join(referenceDir, 'tempo-core-2025-02.yaml');
/** The April 2026 document (paths under /4, plus Papertrail under /papertrail/1). */
export const reference2026 = join(referenceDir, 'tempo-v4-2026-04.yaml');

export const hasReference = existsSync(reference2025) && existsSync(reference2026);
if (!hasReference)
  console.warn(
    `Tempo reference documents not found in ${referenceDir}: reference tests are SKIPPED (set TEMPO_REFERENCE_DIR)`,
  );
