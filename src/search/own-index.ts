import type { Memo } from '../store/memo.ts';
import { sha256 } from '../util/hash.ts';
import { dateLabel, type ViewSource } from '../view/view.ts';
import { urls } from '../view/urls.ts';
import { engineBundle } from './bundle.ts';
import { dayOf, layout, type Fragment } from './format.ts';
import { articleId, indexFiles, type IndexedArticle } from './index-files.ts';
import { primaryLanguage, stemmerFor } from './stemmers.ts';
import { termsInput, termsOf, termsStep, type ArticleTerms } from './terms.ts';

/** One file of the index in the site: its key (the same key, the same bytes) and, when it must be written, its bytes. */
export interface IndexFile {
  key: string;
  text: () => Promise<string> | string;
}

/**
 * Every file of the search index, by its path in the site, each with a key that changes exactly
 * when its bytes do, so the build writes only the files whose keys the last build did not record.
 * An article's words are taken once (kept in the store by its digest) and its fragment (what a
 * result shows of it) is made only when its key changed: a rebuild reads no article it did not change.
 */
export async function ownIndex(archive: ViewSource, lang: string, memo: Memo, code: string): Promise<Map<string, IndexFile>> {
  const language = primaryLanguage(lang);
  const stem = stemmerFor(language);
  const folder = urls.searchIndex();
  const articles: IndexedArticle[] = [];
  const out = new Map<string, IndexFile>();
  for (const summary of archive.summaries) {
    const url = urls.article(summary.slug);
    const id = articleId(url);
    // Taken as the article was made (pipeline/archive.ts), or by an earlier build.
    const memoInput = termsInput(summary.digest, language);
    let terms = memo.find<ArticleTerms>(termsStep, memoInput);
    if (!terms) {
      terms = termsOf(summary.headline, archive.load(summary.path).plain, language, stem);
      memo.remember(termsStep, memoInput, terms);
    }
    articles.push({ id, day: dayOf(summary.date), section: summary.section, terms });
    const fragmentFile = folder + layout.fragment(id);
    const fragmentKey = sha256(JSON.stringify([code, url, summary.digest]));
    out.set(fragmentFile, {
      key: fragmentKey,
      text: () => {
        const record = archive.load(summary.path);
        const fragment: Fragment = { url, headline: summary.headline, date: dateLabel(summary.date), section: summary.section, paragraphs: record.plain, anchors: record.html === undefined };
        return JSON.stringify(fragment);
      },
    });
  }
  indexFiles(articles, [language], (file, text, contentHash) => out.set(folder + file, { key: contentHash ?? sha256(text), text: () => text }));
  const engineKey = sha256(JSON.stringify([code, language]));
  out.set(folder + layout.engine(), { key: engineKey, text: () => engineBundle([language]) });
  return out;
}
