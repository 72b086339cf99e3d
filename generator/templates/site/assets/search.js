// The search page: Pagefind's index of this site, one bundle per language, searched in this
// browser. Nothing is sent anywhere; every file it loads is part of the site.
const box = document.getElementById("search");
const status = document.getElementById("search-status");
const list = document.getElementById("search-results");
const words = new URLSearchParams(window.location.search).get("q") || "";
const say = (name, values) =>
  box.dataset[name].replace(/\{(\w+)\}/g, (whole, key) => (key in values ? values[key] : whole));

// An excerpt comes as text with <mark> around the words found: rebuilt as nodes, never as markup.
function excerpt(html) {
  const paragraph = document.createElement("p");
  const parsed = new DOMParser().parseFromString(html, "text/html");
  parsed.body.childNodes.forEach((node) => {
    if (node.nodeName === "MARK") {
      const mark = document.createElement("mark");
      mark.textContent = node.textContent;
      paragraph.append(mark);
    } else {
      paragraph.append(node.textContent);
    }
  });
  return paragraph;
}

async function run() {
  if (!words.trim()) return;
  // The words stay in the box, to be read again or changed.
  document.getElementById("search-words").value = words;
  status.textContent = box.dataset.searching;
  const root = new URL(box.dataset.root, window.location.href);
  const bundles = box.dataset.bundles.split(" ");
  const pagefind = await import(new URL(`pagefind/${bundles[0]}/pagefind.js`, root).href);
  await pagefind.options({ basePath: new URL(`pagefind/${bundles[0]}/`, root).pathname });
  for (const other of bundles.slice(1)) {
    await pagefind.mergeIndex(new URL(`pagefind/${other}/`, root).pathname);
  }
  const found = await pagefind.search(words);
  const results = await Promise.all(found.results.map((result) => result.data()));
  list.replaceChildren();
  for (const result of results) {
    const item = document.createElement("li");
    const language = result.meta.lang || "";
    if (language && language !== document.documentElement.lang) item.lang = language;
    const heading = document.createElement("h2");
    const link = document.createElement("a");
    link.href = new URL(result.url.replace(/^\//, ""), root).href;
    link.textContent = result.meta.title;
    heading.append(link);
    item.append(heading, excerpt(result.excerpt));
    list.append(item);
  }
  status.textContent = results.length
    ? say("found", { words, count: results.length })
    : say("foundNone", { words });
}

run().catch(() => {
  status.textContent = box.dataset.failed;
});
