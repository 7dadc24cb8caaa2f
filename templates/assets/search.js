// Search over the index written beside the pages: the archive's own (search-index/, read by its
// engine.js) or Pagefind's (pagefind/). Everything is found relative to this page, so search works
// from any sub-path; results are built as DOM nodes, never as HTML strings.
(function () {
  const form = document.querySelector('[data-search-form]');
  const input = document.getElementById('search-query');
  const status = document.querySelector('[data-search-status]');
  const list = document.querySelector('[data-search-results]');
  if (!form || !input || !status || !list) return;
  const root = new URL('../', document.baseURI);

  function say(text) {
    status.textContent = text;
  }

  if (form.dataset.searchEngine === 'own') ownSearch();
  else pagefindSearch();

  function ownSearch() {
    const indexRoot = new URL('search-index/', root);
    const notes = document.createElement('ul');
    notes.className = 'search-notes';
    status.after(notes);
    const pager = document.createElement('nav');
    pager.className = 'pager search-pager';
    pager.setAttribute('aria-label', 'Pages of results');
    list.after(pager);
    const controls = { section: select('search-section', 'Section', [['', 'All sections']]), year: select('search-year', 'Year', [['', 'Any year']]), order: select('search-order', 'Order', [['relevance', 'Best match first'], ['date', 'Newest first']]) };
    let index = null;
    let page = 0;
    let asked = 0;

    function select(id, label, options) {
      const wrap = document.createElement('span');
      wrap.className = 'search-filter';
      const caption = document.createElement('label');
      caption.htmlFor = id;
      caption.textContent = label;
      const element = document.createElement('select');
      element.id = id;
      for (const [value, text] of options) element.append(new Option(text, value));
      wrap.append(caption, element);
      return element;
    }

    /** A file of the index, or null when there is none; blocks are named by their contents, so only they may come from the cache unasked. */
    async function load(file) {
      const response = await fetch(new URL(file, indexRoot), { cache: file.startsWith('b/') ? 'default' : 'no-cache' });
      if (response.status === 404) return null;
      if (!response.ok) throw new Error(`${file}: ${response.status}`);
      return response.json();
    }

    function readAddress() {
      const params = new URL(location.href).searchParams;
      // What a reader typed while the engine loaded stays, unless the address names a query.
      if (params.has('q') || !input.value) input.value = params.get('q') ?? '';
      controls.section.value = params.get('section') ?? '';
      controls.year.value = params.get('year') ?? '';
      controls.order.value = params.get('order') === 'date' ? 'date' : 'relevance';
      page = Math.max(0, (Number.parseInt(params.get('page') ?? '1', 10) || 1) - 1);
    }

    function writeAddress() {
      const address = new URL(location.href);
      address.search = '';
      if (input.value) address.searchParams.set('q', input.value);
      if (controls.section.value) address.searchParams.set('section', controls.section.value);
      if (controls.year.value) address.searchParams.set('year', controls.year.value);
      if (controls.order.value === 'date') address.searchParams.set('order', 'date');
      if (page > 0) address.searchParams.set('page', String(page + 1));
      history.replaceState(null, '', address);
    }

    function resultItem(hit) {
      const item = document.createElement('li');
      item.className = 'search-result';
      const heading = document.createElement('h2');
      heading.className = 'card-title';
      const link = document.createElement('a');
      link.href = new URL(hit.url + (hit.paragraph ? `#p${hit.paragraph}` : ''), root).href;
      link.textContent = hit.headline;
      heading.append(link);
      const meta = document.createElement('p');
      meta.className = 'meta';
      meta.textContent = [hit.date ?? 'Undated', hit.sectionName].filter(Boolean).join(' · ');
      const excerpt = document.createElement('p');
      excerpt.className = 'excerpt';
      for (const part of hit.excerpt) {
        if (part.marked) {
          const mark = document.createElement('mark');
          mark.textContent = part.text;
          excerpt.append(mark);
        } else excerpt.append(document.createTextNode(part.text));
      }
      item.append(heading, meta, excerpt);
      return item;
    }

    function pageButton(text, to) {
      const button = document.createElement('button');
      button.type = 'button';
      button.textContent = text;
      button.addEventListener('click', () => {
        page = to;
        run(false);
        status.scrollIntoView({ block: 'nearest' });
      });
      return button;
    }

    function show(query, outcome) {
      list.replaceChildren(...outcome.hits.map(resultItem));
      notes.replaceChildren(
        ...outcome.notes.map((text) => {
          const item = document.createElement('li');
          item.textContent = text;
          return item;
        }),
      );
      const lacking = outcome.words.filter((word) => word.articles === 0 && !word.prefix).map((word) => `“${word.form}”`);
      const count = `${outcome.exact ? '' : 'At least '}${outcome.total} article${outcome.total === 1 ? '' : 's'}`;
      if (outcome.total > 0) say(`${count} found for “${query}”.${outcome.pages > 1 ? ` Page ${outcome.page + 1} of ${outcome.pages}.` : ''}`);
      else say(`No article found for “${query}”.${lacking.length ? ` No article holds ${lacking.join(', ')}.` : ''}`);
      pager.replaceChildren();
      if (outcome.page > 0) pager.append(pageButton('Previous page', outcome.page - 1));
      if (outcome.page + 1 < outcome.pages) pager.append(pageButton('Next page', outcome.page + 1));
    }

    async function run(typing) {
      if (!index) return;
      writeAddress();
      const query = input.value;
      const mine = ++asked;
      if (!query.trim()) {
        list.replaceChildren();
        notes.replaceChildren();
        pager.replaceChildren();
        say('Type words to find, then press Search.');
        return;
      }
      say('Searching…');
      try {
        const outcome = await index.search({ text: query, typing, section: controls.section.value || null, year: controls.year.value ? Number(controls.year.value) : null, order: controls.order.value, page });
        if (mine === asked) show(query, outcome);
      } catch (error) {
        if (mine === asked) say(`Search failed: ${error.message}. Build the site again, or browse the lists of articles.`);
      }
    }

    import(new URL('engine.js', indexRoot).href)
      .then(async (engine) => {
        index = await engine.openIndex(load, engine.stemmers);
        for (const [, name] of index.stats.sections) controls.section.append(new Option(name, name));
        for (const [year] of index.stats.years) controls.year.append(new Option(String(year), String(year)));
        const row = document.createElement('div');
        row.className = 'search-filters';
        row.append(...Object.values(controls).map((element) => element.parentElement));
        form.append(row);
        readAddress();
        if (input.value) run(false);
        else say('Type words to find, then press Search.');
      })
      .catch(() => say('Search could not load its index. Pages opened straight from disk cannot search: serve the site over http, or browse the lists of articles.'));

    let typingTimer = 0;
    input.addEventListener('input', () => {
      clearTimeout(typingTimer);
      page = 0;
      typingTimer = setTimeout(() => run(true), 150);
    });
    for (const element of Object.values(controls))
      element.addEventListener('change', () => {
        page = 0;
        run(false);
      });
    form.addEventListener('submit', (event) => {
      event.preventDefault();
      clearTimeout(typingTimer);
      page = 0;
      run(false);
    });
  }

  function pagefindSearch() {
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
  }
})();
