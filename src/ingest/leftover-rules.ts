import type { Leftover } from '../model/article.ts';

/**
 * Site boilerplate that scrapers leave in an article. Each rule matches one whole line (trimmed),
 * wherever it stands: above the headline, between paragraphs or under the article. A matched line
 * is separated from the body, kept verbatim, and shown in the source notes with the rule's label.
 * Add a row to teach the archive a new kind of leftover.
 */
export interface LeftoverRule {
  id: string;
  kind: Leftover['kind'];
  /** Shown to readers in the source notes: what this kind of line is. */
  label: string;
  pattern: RegExp;
}

const networks = '(?:Twitter|X|Facebook|Instagram|Telegram|LinkedIn|YouTube|TikTok|Threads|Bluesky|WhatsApp|Google News|Mastodon)';
const agencies = '(?:AP|AFP|Reuters|EPA|PA|Getty Images|Getty|AFP via Getty Images|Shutterstock|Alamy|Bloomberg|Xinhua|TASS|Sputnik|UPI|ANSA|dpa|EFE)';

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
    pattern:
      /^(?:Back to top(?: button)?|Scroll to top|Go to top|Skip to (?:main )?content|Print this (?:article|page)|Listen to this article|Copy link|Show comments|Load more|Comments?|Leave a comment|Bookmark)$/iu,
  },
  {
    id: 'share-label',
    kind: 'widget-label',
    label: 'sharing buttons of the publishing site',
    pattern: new RegExp(`^(?:Share(?: this)?(?: (?:article|story|page|post))?(?: (?:on|via) ${networks})?:?|Tweet|Email this(?: article| story)?|Share on ${networks}(?:,? ${networks})*)$`, 'iu'),
  },
  {
    id: 'follow-label',
    kind: 'widget-label',
    label: 'invitation to follow the publishing site',
    pattern: new RegExp(
      `^(?:Follow us|Follow (?:us|@\\w+|\\p{Lu}[\\p{L}.'’-]*(?: \\p{Lu}[\\p{L}.'’-]*){0,3}) on ${networks}(?:(?:,| and| &| or) ${networks})*|Subscribe to our (?:newsletter|channel)|Sign up (?:for|to) our newsletter)[.!]?$`,
      'iu',
    ),
  },
  {
    id: 'read-more-link',
    kind: 'link-label',
    label: 'link to more articles of the publishing site',
    pattern: /^(?:Read more|Read more:.*|READ MORE:.*|Read the full (?:story|article)|Continue reading|Click here to read more|More on this story|See also:.*)\.?$/u,
  },
  {
    id: 'related-link',
    kind: 'link-label',
    label: 'link to a related article of the publishing site',
    pattern: /^(?:Related(?: (?:articles?|stories|coverage|content|news))?|RELATED|Also read|ALSO READ)(?::.*)?$/u,
  },
  {
    id: 'advertisement',
    kind: 'advertisement',
    label: 'advertisement marker of the publishing site',
    pattern: /^(?:Advertisement|ADVERTISEMENT|Advertising|Sponsored(?: content)?|Story continues below(?: advertisement)?|Scroll to continue with content|Article continues below(?: advertisement)?)$/u,
  },
  {
    id: 'photo-credit',
    kind: 'photo-credit',
    label: 'photo credit',
    // "Getty Images", "(AP)", "Photo: Jane Doe/Reuters", "AP Photo/John Roe", "© AFP".
    pattern: new RegExp(
      `^(?:\\(?${agencies}\\)?|\\(?(?:${agencies} )?Photo(?:graph)?\\/.+\\)?|(?:Photo|Image|Picture|Photograph)(?: credit)?s?:.+|©.+|(?:\\p{Lu}[\\p{L}.'’-]* ){1,3}\\/ ?${agencies})$`,
      'u',
    ),
  },
];

/** The rule a whole line matches (ignoring the spaces around it), if any. */
export function matchLeftover(line: string): { rule: LeftoverRule; section?: string } | null {
  const text = line.trim();
  if (text.length > 400) return null;
  // Site labels are short; a long line is prose, whatever it starts with (the disclaimer aside).
  const long = text.split(/\s+/).length > 15;
  for (const rule of leftoverRules) {
    if (long && rule.kind !== 'disclaimer') continue;
    const match = rule.pattern.exec(text);
    if (match) return { rule, section: match.groups?.section };
  }
  return null;
}

/** A line learned from the collection rather than matched by a rule. */
export const recurringRule: LeftoverRule = {
  id: 'recurring-line',
  kind: 'recurring',
  label: 'line that recurs word for word around other seeds of the collection',
  pattern: /$^/,
};

/** The rule with this id; leftovers name their rule by id. */
export const ruleById = (id: string): LeftoverRule | undefined =>
  id === recurringRule.id ? recurringRule : leftoverRules.find((rule) => rule.id === id);
