// Cockpit as the case service configures it (this file replaces Operaton's own, which the
// webjar serves from the same path; all of that one's settings are left at their defaults).
// The tab "Saker" is a Cockpit plugin of its own (engine/…/cockpit/CasesPlugin.java).
export default {};
