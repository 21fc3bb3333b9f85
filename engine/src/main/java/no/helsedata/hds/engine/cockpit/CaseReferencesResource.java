package no.helsedata.hds.engine.cockpit;

import jakarta.ws.rs.BadRequestException;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.operaton.bpm.cockpit.plugin.resource.AbstractCockpitPluginResource;
import org.operaton.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.operaton.bpm.engine.impl.interceptor.Command;
import org.operaton.bpm.engine.runtime.ProcessInstance;
import org.operaton.bpm.engine.runtime.VariableInstance;

// The running instances of a process the signed-in user may read, each with its case reference
// (the variable applicationReference) and nothing else. Process owners have no right to read
// variables (the engine enforces the specific variable permissions, application.yml), since
// variables carry the applicant's name and the caseworkers' notes; the reference is no personal
// data, so this reads it past that right, and only for instances the user may see.
public class CaseReferencesResource extends AbstractCockpitPluginResource {
  static final int LIMIT = 500;
  static final String REFERENCE = "applicationReference";

  public record CaseReference(String processInstanceId, String businessKey, String reference) {}

  public CaseReferencesResource(String engineName) {
    super(engineName);
  }

  @GET
  @Produces(MediaType.APPLICATION_JSON)
  public List<CaseReference> list(@QueryParam("processDefinitionId") String processDefinitionId) {
    if (processDefinitionId == null || processDefinitionId.isBlank()) {
      throw new BadRequestException("processDefinitionId mangler");
    }
    var engine = getProcessEngine();
    // As the user: the instances Cockpit's own list would show them.
    List<ProcessInstance> instances = engine.getRuntimeService().createProcessInstanceQuery()
        .processDefinitionId(processDefinitionId)
        .listPage(0, LIMIT);
    if (instances.isEmpty()) return List.of();
    String[] ids = instances.stream().map(ProcessInstance::getId).toArray(String[]::new);
    var configuration = (ProcessEngineConfigurationImpl) engine.getProcessEngineConfiguration();
    Command<List<VariableInstance>> references = context -> context.runWithoutAuthorization(() ->
        engine.getRuntimeService().createVariableInstanceQuery()
            .variableName(REFERENCE)
            .processInstanceIdIn(ids)
            .disableCustomObjectDeserialization()
            .list());
    Map<String, String> byInstance = configuration.getCommandExecutorTxRequired().execute(references).stream()
        .filter(v -> v.getValue() instanceof String)
        .collect(Collectors.toMap(VariableInstance::getProcessInstanceId, v -> (String) v.getValue(), (a, b) -> a));
    return instances.stream()
        .map(i -> new CaseReference(i.getId(), i.getBusinessKey(), byInstance.get(i.getId())))
        .sorted(Comparator.comparing(CaseReference::reference, Comparator.nullsLast(Comparator.naturalOrder())))
        .toList();
  }
}
