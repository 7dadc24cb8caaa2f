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
