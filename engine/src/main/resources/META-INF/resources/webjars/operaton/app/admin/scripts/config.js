// Admin as the case service configures it (this file replaces Operaton's own, which the
// webjar serves from the same path; settings not named here keep Operaton's defaults).
// Bokmål is the only language, so every user gets it whatever the browser asks for:
// locales/nb.json holds all of Admin's own texts and its dates.
// The few texts Operaton's templates hold in English are put in bokmål by Cockpit's script.
export default {
  locales: {
    availableLocales: ['nb'],
    fallbackLocale: 'nb'
  },
  customScripts: ['../cockpit/scripts/nb-fixed-texts']
};
