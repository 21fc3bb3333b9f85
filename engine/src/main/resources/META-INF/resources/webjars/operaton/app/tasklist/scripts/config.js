// Tasklist as the case service configures it (this file replaces Operaton's own, which the
// webjar serves from the same path). Bokmål is the only language, so every user gets it
// whatever the browser asks for: locales/nb.json holds all of Tasklist's own texts. The
// validation messages of the task forms come from the form renderer, which has no language
// files: nb-form-messages.js translates them as they appear. Lists sort by the statutory
// deadline unless the user chooses otherwise (deadline-sorting.js).
export default {
  locales: {
    availableLocales: ['nb'],
    fallbackLocale: 'nb'
  },
  customScripts: ['scripts/nb-form-messages', 'scripts/deadline-sorting'],
  // Operaton's own shortcuts, described in Norwegian.
  shortcuts: {
    claimTask: { key: 'ctrl+alt+c', description: 'tar den valgte oppgaven' },
    focusFilter: { key: 'ctrl+shift+f', description: 'går til det første filteret i listen' },
    focusList: { key: 'ctrl+alt+l', description: 'går til den første oppgaven i listen' },
    focusForm: { key: 'ctrl+alt+f', description: 'går til det første feltet i oppgaveskjemaet' },
    startProcess: { key: 'ctrl+alt+p', description: 'åpner vinduet for å starte en prosess' }
  }
};
