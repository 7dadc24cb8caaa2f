import type { EntityRules } from '../ingest/entity-rules.ts';
import { findArtifacts } from './artifacts.ts';
import { findDateReferences } from './date-references.ts';
import { entityKey, findEntities } from './entities.ts';
import { wordCount } from './plain-text.ts';
import { findQuotations } from './quotes.ts';

/** The most-mentioned names and the first quotations an article lists: enough for any real article. */
const maxEntities = 60;
const maxQuotations = 100;

/** What an article's text holds: the names it mentions, the quotations it gives, its length in words. */
export function articleFindings(text: { headline: string; paragraphs: readonly string[]; rules: EntityRules }) {
  return {
    entities: findEntities({ headline: text.headline, paragraphs: text.paragraphs }, text.rules)
      .slice(0, maxEntities)
      .map((entity) => ({ ...entity, key: entityKey(entity) })),
    quotations: findQuotations(text.paragraphs).slice(0, maxQuotations),
    words: wordCount(text.paragraphs),
  };
}

/** What a seed's paragraphs show: likely artifacts, and (when it is undated) dates it names that cannot be placed. */
export function textFlags(text: { undated: boolean; paragraphs: readonly { text: string }[] }) {
  return {
    dateReferences: text.undated ? findDateReferences(text.paragraphs) : [],
    artifacts: findArtifacts(text.paragraphs),
  };
}
