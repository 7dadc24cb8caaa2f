import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { z } from 'zod';
import { UsageError } from '../cli/errors.ts';
import { loadYaml, yamlError } from './yaml.ts';

/**
 * `entities.yml`: an editor's corrections to the names found in the text. `aliases` maps a name
 * as found to the name to show ("Putin: Vladimir Putin"); `hidden` lists names that are not
 * people, organisations or places at all.
 */
export const EntityRules = z.strictObject({
  aliases: z.record(z.string().min(1), z.string().trim().min(1, 'an alias must name an entity')).default({}),
  hidden: z.array(z.string().min(1)).default([]),
});

export type EntityRules = z.infer<typeof EntityRules>;

export const noEntityRules: EntityRules = { aliases: {}, hidden: [] };

/** The rules in `file` (relative to `cwd`), or none when there is no such file. */
export async function loadEntityRules(file: string, cwd = process.cwd()): Promise<EntityRules> {
  let text: string;
  try {
    text = await readFile(path.resolve(cwd, file), 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return noEntityRules;
    throw new UsageError(`${file}: could not be read (${(error as NodeJS.ErrnoException).code})`);
  }
  let data: unknown;
  try {
    data = loadYaml(text) ?? {};
  } catch (error) {
    const { reason, place } = yamlError(error);
    throw new UsageError(`${file}:${place.line}:${place.column ?? 1}: not valid YAML: ${reason}`);
  }
  const result = EntityRules.safeParse(data);
  if (!result.success) {
    const issue = result.error.issues[0];
    throw new UsageError(`${file}: ${issue?.path.join('.') || 'rules'}: ${issue?.message}`);
  }
  return result.data;
}
