// Cockpit as the case service configures it (this file replaces Operaton's own, which the
// webjar serves from the same path; settings not named here keep Operaton's defaults).
// Bokmål is the only language, so every user gets it whatever the browser asks for:
// locales/nb.json holds all of Cockpit's own texts and its dates (month and day names,
// "3 måneder siden").
// nb-fixed-texts.js puts the few texts Operaton's templates hold in English in bokmål too.
// The tab "Saker" is a Cockpit plugin of its own (engine/…/cockpit/CasesPlugin.java).
export default {
  locales: {
    availableLocales: ['nb'],
    fallbackLocale: 'nb'
  },
  customScripts: ['scripts/nb-fixed-texts']
};
