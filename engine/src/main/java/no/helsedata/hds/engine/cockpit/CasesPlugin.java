package no.helsedata.hds.engine.cockpit;

import java.util.Set;
import org.operaton.bpm.cockpit.plugin.spi.impl.AbstractCockpitPlugin;

// Cockpit's tab "Saker": a process's running instances by case reference. The tab itself is
// plugin-webapp/hds-cases/app/plugin.js; the references come from CaseReferencesResource,
// because a process owner may not read the instances' variables.
public class CasesPlugin extends AbstractCockpitPlugin {
  public static final String ID = "hds-cases";

  @Override
  public String getId() {
    return ID;
  }

  @Override
  public Set<Class<?>> getResourceClasses() {
    return Set.of(CasesRootResource.class);
  }
}
