// Search over the Pagefind index written beside the pages. Everything is found relative to this
// page, so search works from any sub-path; results are built as DOM nodes, never as HTML strings.
(function () {
  const form = document.querySelector('[data-search-form]');
  const input = document.getElementById('search-query');
  const status = document.querySelector('[data-search-status]');
  const list = document.querySelector('[data-search-results]');
  if (!form || !input || !status || !list) return;

  const root = new URL('../', document.baseURI);
  let pagefind = null;
  const ready = import(new URL('pagefind/pagefind.js', root).href).then(
    async (module) => {
      pagefind = module;
      await pagefind.options({ baseUrl: root.pathname, excerptLength: 30 });
      await pagefind.init();
      say('Type words to find, then press Search.');
    },
    () => say('Search could not load its index. Pages opened straight from disk cannot search: serve the site over http, or browse the lists of articles.'),
  );

  function say(text) {
    status.textContent = text;
  }

  /** Pagefind marks matches with <mark> in its excerpts: keep the marks, and only as text nodes. */
  function excerptNodes(excerpt) {
    const parts = excerpt.split(/(<mark>|<\/mark>)/);
    const nodes = [];
    let marked = false;
    for (const part of parts) {
      if (part === '<mark>') marked = true;
      else if (part === '</mark>') marked = false;
      else if (part) {
        // A textarea's contents are text, never markup: this decodes entities and nothing else.
        const decoder = document.createElement('textarea');
        decoder.innerHTML = part;
        const text = decoder.value;
        if (marked) {
          const mark = document.createElement('mark');
          mark.textContent = text;
          nodes.push(mark);
        } else nodes.push(document.createTextNode(text));
      }
    }
    return nodes;
  }

  function show(query, results) {
    list.replaceChildren();
    for (const result of results) {
      const item = document.createElement('li');
      item.className = 'search-result';
      const heading = document.createElement('h2');
      heading.className = 'card-title';
      const link = document.createElement('a');
      link.href = result.url;
      link.textContent = result.meta.title || result.url;
      heading.append(link);
      const meta = document.createElement('p');
      meta.className = 'meta';
      meta.textContent = [result.meta.date, result.meta.section].filter(Boolean).join(' · ');
      const excerpt = document.createElement('p');
      excerpt.className = 'excerpt';
      excerpt.append(...excerptNodes(result.excerpt || ''));
      item.append(heading, meta, excerpt);
      list.append(item);
    }
    say(results.length ? `${results.length} article${results.length === 1 ? '' : 's'} found for “${query}”.` : `No article found for “${query}”.`);
  }

  async function run(query) {
    await ready;
    if (!pagefind) return;
    if (!query.trim()) {
      list.replaceChildren();
      say('Type words to find, then press Search.');
      return;
    }
    say('Searching…');
    const search = await pagefind.search(query);
    const results = await Promise.all(search.results.slice(0, 20).map((result) => result.data()));
    show(query, results);
  }

  form.addEventListener('submit', (event) => {
    event.preventDefault();
    const query = input.value;
    const address = new URL(location.href);
    address.searchParams.set('q', query);
    history.replaceState(null, '', address);
    run(query);
  });
  const initial = new URL(location.href).searchParams.get('q');
  if (initial) {
    input.value = initial;
    run(initial);
  }
})();
