import type { VFile } from 'vfile';

type VFileMessage = ReturnType<VFile['message']>;

export interface Place {
  line: number;
  column?: number;
}

const origin = 'news-archive';

function at(place: Place | undefined) {
  return place ? { line: place.line, column: place.column ?? 1 } : undefined;
}

/** A routine decision worth showing with `--verbose` (a leftover separated, no date given). */
export function info(file: VFile, reason: string, ruleId: string, place?: Place): VFileMessage {
  return file.info(reason, { place: at(place), ruleId, source: origin });
}

/** Something the archive owner should look at; `--strict` fails the build on it. */
export function warn(file: VFile, reason: string, ruleId: string, place?: Place): VFileMessage {
  return file.message(reason, { place: at(place), ruleId, source: origin });
}

/**
 * The file cannot become an article; the build reports it and goes on with the rest. Without a
 * place, the message is about the whole file (too large, binary) and is shown without a line.
 */
export function reject(file: VFile, reason: string, ruleId: string, place?: Place): VFileMessage {
  const message = file.message(reason, { place: at(place), ruleId, source: origin });
  message.fatal = true;
  return message;
}

export function isRejected(file: VFile): boolean {
  return file.messages.some((message) => message.fatal === true);
}

/** The file's warnings (not its routine notes, not its rejection), with their lines. */
export function warningsOf(file: VFile): { message: string; line?: number; column?: number }[] {
  return file.messages
    .filter((message) => message.fatal === false)
    .map((message) => ({ message: message.reason, ...(message.line ? { line: message.line, column: message.column ?? 1 } : {}) }));
}

/** A file's message as the store keeps it: enough to give the file the same message again. */
export interface SavedMessage {
  level: 'info' | 'warning' | 'fatal';
  reason: string;
  line: number | null;
  column: number | null;
  ruleId: string | null;
}

export const savedMessages = (file: VFile): SavedMessage[] =>
  file.messages.map((message) => ({
    level: message.fatal === true ? 'fatal' : message.fatal === false ? 'warning' : 'info',
    reason: message.reason,
    line: message.line ?? null,
    column: message.column ?? null,
    ruleId: message.ruleId ?? null,
  }));

/** Give `file` the messages an earlier build saved, in place of any it has. */
export function restoreMessages(file: VFile, saved: readonly SavedMessage[]): void {
  file.messages = [];
  for (const { level, reason, line, column, ruleId } of saved) {
    const place = line === null ? undefined : { line, column: column ?? 1 };
    const options = { ruleId: ruleId ?? undefined };
    if (level === 'info') info(file, reason, options.ruleId ?? '', place);
    else if (level === 'warning') warn(file, reason, options.ruleId ?? '', place);
    else reject(file, reason, options.ruleId ?? '', place);
  }
}

/**
 * Run one file's step, turning anything it throws into a rejection of that file: whatever an input
 * holds, the build reports it and goes on with the rest.
 */
export function guarded<T>(file: VFile, step: () => T): T | null {
  try {
    return step();
  } catch (error) {
    unprocessable(file, { message: (error as Error).message, tooDeep: error instanceof RangeError });
    return null;
  }
}

/** Reject a file that a step failed on. */
export function unprocessable(file: VFile, failure: { message: string; tooDeep: boolean }): void {
  reject(file, `File could not be processed: ${failure.tooDeep ? 'it is nested too deeply to process' : failure.message}`, 'unprocessable');
}
