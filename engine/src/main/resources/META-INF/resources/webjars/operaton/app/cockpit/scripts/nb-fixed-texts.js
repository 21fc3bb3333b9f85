// A few of Operaton's texts are written into its page templates in English instead of coming
// from locales/*.json (the variables table's "Actions", the diagram's "Loading diagram", the
// sample names in the profile form, …), so no language file reaches them. This puts each in
// bokmål as it appears. Cockpit loads it from here; Admin and the Welcome app from
// ../cockpit/scripts (their config.js), so the list lives in one place.
const texts = new Map([
  ['Actions', 'Handlinger'],
  ['Download', 'Last ned'],
  ['Upload', 'Last opp'],
  ['Loading diagram', 'Laster diagrammet'],
  ['no diagram to display', 'ingen diagram å vise'],
  ['Message is null.', 'Meldingen er tom.'],
  ['Invalid Date Value.', 'Ugyldig dato.'],
  ['This feature is unsupported in your Browser.', 'Nettleseren din støtter ikke denne funksjonen.'],
  ['Select all', 'Velg alle'],
  ['Unselect all', 'Fjern alle valg'],
  ['Toggle this section', 'Vis eller skjul denne delen'],
  ['Suspended Job Definition', 'Suspendert jobbdefinisjon'],
  ['Jonny', 'Ola'],
  ['Prosciutto', 'Nordmann'],
]);
const attributes = ['title', 'placeholder'];

function translateText(node) {
  const text = texts.get(node.nodeValue.trim());
  if (text !== undefined) node.nodeValue = node.nodeValue.replace(node.nodeValue.trim(), text);
}

function translateTree(root) {
  if (root.nodeType === Node.TEXT_NODE) return translateText(root);
  if (root.nodeType !== Node.ELEMENT_NODE) return;
  const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
  for (let node = walker.nextNode(); node; node = walker.nextNode()) translateText(node);
  for (const element of [root, ...root.querySelectorAll(attributes.map((a) => `[${a}]`).join(','))]) {
    for (const attribute of attributes) {
      const text = texts.get(element.getAttribute(attribute) ?? '');
      if (text !== undefined) element.setAttribute(attribute, text);
    }
  }
}

new MutationObserver((mutations) => {
  for (const mutation of mutations) {
    if (mutation.type === 'characterData') translateText(mutation.target);
    else if (mutation.type === 'attributes') translateTree(mutation.target);
    else for (const node of mutation.addedNodes) translateTree(node);
  }
}).observe(document.documentElement, { childList: true, subtree: true, characterData: true, attributes: true, attributeFilter: attributes });
translateTree(document.body);
