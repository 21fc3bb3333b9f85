// The task forms' renderer (form-js) writes its validation messages in English, with no
// language files to replace them. This translates each message as the renderer puts it on the
// page, and the error notice Tasklist shows when a form cannot be submitted.
const messages = [
  [/^Field is required\.$/, () => 'Feltet må fylles ut.'],
  [/^Field must have minimum value of (.+)\.$/, (min) => `Verdien må være minst ${min}.`],
  [/^Field must have maximum value of (.+)\.$/, (max) => `Verdien kan være høyst ${max}.`],
  [/^Field must have minimum length of (.+)\.$/, (min) => `Teksten må ha minst ${min} tegn.`],
  [/^Field must have maximum length of (.+)\.$/, (max) => `Teksten kan ha høyst ${max} tegn.`],
  [/^Field must match pattern (.+)\.$/, () => 'Verdien har ikke riktig form.'],
  [/^Field must be a valid email\.?$/, () => 'Feltet må være en gyldig e-postadresse.'],
  [/^Field must be a valid {1,2}international phone number\.?$/, () => 'Feltet må være et gyldig telefonnummer med landkode.'],
  [/^Select$/, () => 'Velg'],
  [/^Search$/, () => 'Søk'],
  [/^No results$/, () => 'Ingen treff'],
];

function translated(text) {
  const trimmed = text.trim();
  for (const [pattern, replace] of messages) {
    const match = pattern.exec(trimmed);
    if (match) return replace(...match.slice(1));
  }
  return undefined;
}

function translateTextNodes(root) {
  const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    const text = translated(node.nodeValue);
    if (text !== undefined) node.nodeValue = text;
  }
}

function translatePlaceholders(root) {
  if (!root.querySelectorAll) return;
  for (const input of root.querySelectorAll('.fjs-container [placeholder]')) {
    const text = translated(input.getAttribute('placeholder'));
    if (text !== undefined) input.setAttribute('placeholder', text);
  }
}

new MutationObserver((mutations) => {
  for (const mutation of mutations) {
    if (mutation.type === 'characterData') translateTextNodes(mutation.target.parentNode ?? mutation.target);
    for (const node of mutation.addedNodes) {
      if (node.nodeType === Node.TEXT_NODE) translateTextNodes(node.parentNode ?? node);
      else if (node.nodeType === Node.ELEMENT_NODE && node.closest?.('.fjs-container')) {
        translateTextNodes(node);
        translatePlaceholders(node);
      } else if (node.nodeType === Node.ELEMENT_NODE) translatePlaceholders(node);
    }
  }
}).observe(document.documentElement, { childList: true, subtree: true, characterData: true });
