package no.helsedata.hds.engine;

import java.util.ArrayList;
import java.util.List;
import org.operaton.bpm.engine.authorization.ProcessDefinitionPermissions;
import org.operaton.bpm.engine.authorization.ProcessInstancePermissions;
import org.operaton.bpm.engine.authorization.Resources;
import org.operaton.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.operaton.bpm.engine.impl.cfg.CommandChecker;
import org.operaton.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.operaton.bpm.engine.impl.cfg.auth.AuthorizationCommandChecker;
import org.operaton.bpm.engine.impl.cfg.multitenancy.TenantCommandChecker;
import org.operaton.bpm.engine.impl.db.PermissionCheckBuilder;
import org.operaton.bpm.engine.impl.persistence.entity.ExecutionEntity;
import org.springframework.stereotype.Component;

// Changing or deleting a running instance's variables takes the specific variable permission
// (UPDATE_VARIABLE on the instance, UPDATE_INSTANCE_VARIABLE on its definition), not the broad
// UPDATE/UPDATE_INSTANCE the engine also accepts. Process owners need UPDATE_INSTANCE to retry a
// failed external task from Cockpit (the engine asks no less), and must not thereby be able to
// edit what the four-eyes rule or a letter relies on. What engine-enforced specific variable
// permissions (enforceSpecificVariablePermission) do for reading, this does for writing.
@Component
public class VariableRights extends AbstractProcessEnginePlugin {
  @Override
  public void preInit(ProcessEngineConfigurationImpl configuration) {
    List<CommandChecker> checkers = new ArrayList<>();
    checkers.add(new TenantCommandChecker());
    checkers.add(new SpecificVariableUpdates());
    configuration.setCommandCheckers(checkers);
  }

  static final class SpecificVariableUpdates extends AuthorizationCommandChecker {
    @Override
    public void checkUpdateProcessInstanceVariables(ExecutionEntity execution) {
      getAuthorizationManager().checkAuthorization(new PermissionCheckBuilder()
          .disjunctive()
            .atomicCheckForResourceId(Resources.PROCESS_INSTANCE, execution.getProcessInstanceId(), ProcessInstancePermissions.UPDATE_VARIABLE)
            .atomicCheckForResourceId(Resources.PROCESS_DEFINITION, execution.getProcessDefinition().getKey(), ProcessDefinitionPermissions.UPDATE_INSTANCE_VARIABLE)
          .build());
    }
  }
}
