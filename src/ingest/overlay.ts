import type { VFile } from 'vfile';
import type { FieldPlaces } from '../model/draft.ts';
import { knownOverlayKeys, Overlay } from '../model/front-matter.ts';
import { reject, warn } from './diagnostics.ts';
import { splitLines } from './lines.ts';
import { expandsBeyond, firstIssue, keyPlaces, loadYaml, maxYamlValues, yamlError } from './yaml.ts';

export interface ParsedOverlay {
  overlay: Overlay;
  places: FieldPlaces;
  path: string;
}

/**
 * An editor's sidecar file, `seeds/<stem>.yml`: YAML keys checked by the `Overlay` schema.
 * Unknown keys are reported and ignored; a bad value rejects the overlay (never the seed).
 */
export function parseOverlay(file: VFile): ParsedOverlay | null {
  const text = String(file.value ?? '');
  const lines = splitLines(text);
  let data: unknown;
  try {
    data = loadYaml(text);
  } catch (error) {
    const { reason, place } = yamlError(error);
    reject(file, `Overlay is not valid YAML: ${reason}`, 'yaml', place);
    return null;
  }
  if (data === null || data === undefined || typeof data !== 'object' || Array.isArray(data)) {
    reject(file, 'Overlay must be keys with values (a YAML mapping such as date: 2024-05-01)', 'overlay', { line: 1 });
    return null;
  }
  if (expandsBeyond(data, maxYamlValues)) {
    reject(file, `Overlay expands to over ${maxYamlValues.toLocaleString('en')} values (YAML aliases repeated inside each other?): not read`, 'overlay-too-large', { line: 1 });
    return null;
  }
  const places = keyPlaces(lines, 0, lines.length);
  const record = data as Record<string, unknown>;
  for (const key of Object.keys(record).sort()) {
    if (knownOverlayKeys.has(key)) continue;
    if (['headline', 'title', 'body', 'text'].includes(key)) {
      warn(file, `"${key}" ignored: the headline and the body come only from the seed, and an overlay can never change them`, 'overlay-text', places[key]);
      continue;
    }
    warn(file, `Unknown overlay key "${key}" ignored (known keys: ${[...knownOverlayKeys].join(', ')})`, 'unknown-key', places[key]);
  }
  const known = Object.fromEntries(Object.entries(record).filter(([key]) => knownOverlayKeys.has(key)));
  const result = Overlay.safeParse(known);
  if (!result.success) {
    const { message, place } = firstIssue(result.error, places, 'overlay');
    reject(file, message, 'overlay', place);
    return null;
  }
  if (result.data.image && !result.data.image.alt) warn(file, `Image ${result.data.image.src} has no alternative text: give image.alt, the words a reader who cannot see it hears`, 'image-alt', places.image);
  return { overlay: result.data, places, path: String(file.path) };
}
