package no.helsedata.hds.engine.cockpit;

import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import org.operaton.bpm.cockpit.plugin.resource.AbstractCockpitPluginRootResource;

// Under /operaton/api/cockpit/plugin/hds-cases/: the tab's script (static/app/plugin.js) and
// {engine}/case-references.
@Path("plugin/" + CasesPlugin.ID)
public class CasesRootResource extends AbstractCockpitPluginRootResource {
  public CasesRootResource() {
    super(CasesPlugin.ID);
  }

  @Path("{engineName}/case-references")
  public CaseReferencesResource caseReferences(@PathParam("engineName") String engineName) {
    return subResource(new CaseReferencesResource(engineName));
  }
}
