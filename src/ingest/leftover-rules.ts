import type { Leftover } from '../model/article.ts';

/**
 * Site boilerplate that scrapers leave under an article. Each rule matches one whole line
 * (trimmed); a matched line is separated from the body, kept verbatim, and shown in the source
 * notes with the rule's id. Add a row to teach the archive a new kind of leftover.
 */
export interface LeftoverRule {
  id: string;
  kind: Leftover['kind'];
  /** Shown to readers in the source notes: what this kind of line is. */
  label: string;
  pattern: RegExp;
}

export const leftoverRules: readonly LeftoverRule[] = [
  {
    id: 'section-label',
    kind: 'section-label',
    label: 'section label of the publishing site',
    // "Russia news", "Middle East News" -> the section: one to three capitalised words, then
    // "news", alone on the line. Words that make it a sentence or a brand ("Bad news", "Sky
    // News") are not section names.
    pattern:
      /^(?!(?:Good|Bad|Fake|Great|Big|Sad|Breaking|Latest|Top|More|Other|Related|Some|No|The|This|That|It|Sky|Fox)\b)(?<section>\p{Lu}[\p{L}\p{M}'’.-]*(?: (?:&|\p{Lu}[\p{L}\p{M}'’.-]*)){0,2}) [Nn]ews$/u,
  },
  {
    id: 'machine-translation-disclaimer',
    kind: 'disclaimer',
    label: 'publisher’s machine-translation disclaimer',
    pattern: /^Not all news on the site\b.*\bnot from a human editor\.?$/iu,
  },
  {
    id: 'widget-label',
    kind: 'widget-label',
    label: 'label of a page widget of the publishing site',
    pattern: /^(?:Back to top(?: button)?|Scroll to top|Go to top|Skip to content|Share this(?: article)?|Print this article)$/iu,
  },
];

/** The rule a whole line matches (ignoring the spaces around it), if any. */
export function matchLeftover(line: string): { rule: LeftoverRule; section?: string } | null {
  const text = line.trim();
  for (const rule of leftoverRules) {
    const match = rule.pattern.exec(text);
    if (match) return { rule, section: match.groups?.section };
  }
  return null;
}

/** The rule with this id; leftovers name their rule by id. */
export const ruleById = (id: string): LeftoverRule | undefined => leftoverRules.find((rule) => rule.id === id);
