// Cockpit as the case service configures it (this file replaces Operaton's own, which the
// webjar serves from the same path; all of that one's settings are left at their defaults).
// case-references.js adds the tab "Saker" to a process: its instances by case reference.
export default {
  customScripts: ['scripts/case-references']
};
