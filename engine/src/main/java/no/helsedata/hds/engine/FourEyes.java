package no.helsedata.hds.engine;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.operaton.bpm.engine.ProcessEngineException;
import org.operaton.bpm.engine.delegate.DelegateTask;
import org.operaton.bpm.engine.delegate.TaskListener;
import org.operaton.bpm.engine.history.HistoricTaskInstance;
import org.operaton.bpm.engine.impl.bpmn.behavior.UserTaskActivityBehavior;
import org.operaton.bpm.engine.impl.bpmn.parser.AbstractBpmnParseListener;
import org.operaton.bpm.engine.impl.bpmn.parser.BpmnParseListener;
import org.operaton.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.operaton.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.operaton.bpm.engine.impl.context.Context;
import org.operaton.bpm.engine.impl.interceptor.Command;
import org.operaton.bpm.engine.impl.interceptor.CommandInterceptor;
import org.operaton.bpm.engine.impl.interceptor.CommandContext;
import org.operaton.bpm.engine.impl.pvm.process.ActivityImpl;
import org.operaton.bpm.engine.impl.pvm.process.ScopeImpl;
import org.operaton.bpm.engine.impl.util.xml.Element;
import org.springframework.stereotype.Component;

// Four eyes before the fact: whoever completed the legal assessment of a case can neither be
// given (claim, assign) nor complete the decision task of the same process instance. Who
// assessed is read from the engine's history of the assessment task, which no user can edit,
// never from a process variable. The decision worker (workers/case/record-decision.ts) checks the
// same again after the fact.
@Component
public class FourEyes extends AbstractProcessEnginePlugin {
  // The guarded user task, by its id in the models, and the earlier user task whose assignee
  // may not take it, with what that person is told.
  record Rule(String earlierTask, String refusal) {}

  static final Map<String, Rule> RULES = Map.of(
      "make-decision", new Rule("legal-assessment",
          "Du vurderte saken selv og kan ikke fatte vedtaket (fire øyne-prinsippet). En annen beslutter må ta oppgaven."));

  @Override
  public void preInit(ProcessEngineConfigurationImpl configuration) {
    List<BpmnParseListener> parseListeners = new ArrayList<>(orEmpty(configuration.getCustomPreBPMNParseListeners()));
    parseListeners.add(new GuardTasks());
    configuration.setCustomPreBPMNParseListeners(parseListeners);
    List<CommandInterceptor> interceptors = new ArrayList<>(orEmpty(configuration.getCustomPreCommandInterceptorsTxRequired()));
    interceptors.add(new UnwrapRefusal());
    configuration.setCustomPreCommandInterceptorsTxRequired(interceptors);
  }

  private static <T> List<T> orEmpty(List<T> list) {
    return list == null ? List.of() : list;
  }

  private static final class GuardTasks extends AbstractBpmnParseListener {
    @Override
    public void parseUserTask(Element userTaskElement, ScopeImpl scope, ActivityImpl activity) {
      Rule rule = RULES.get(activity.getId());
      if (rule == null) return;
      var definition = ((UserTaskActivityBehavior) activity.getActivityBehavior()).getTaskDefinition();
      TaskListener guard = new Guard(rule);
      definition.addBuiltInTaskListener(TaskListener.EVENTNAME_ASSIGNMENT, guard);
      definition.addBuiltInTaskListener(TaskListener.EVENTNAME_COMPLETE, guard);
    }
  }

  private record Guard(Rule rule) implements TaskListener {
    @Override
    public void notify(DelegateTask task) {
      String earlier = completedBy(task.getProcessInstanceId());
      if (earlier == null) return;
      // On completion the one completing may not be the assignee (the REST API lets a user
      // with the right complete an unclaimed task): both count.
      var authentication = task.getProcessEngineServices().getIdentityService().getCurrentAuthentication();
      String actor = authentication == null ? null : authentication.getUserId();
      if (earlier.equals(task.getAssignee()) || (TaskListener.EVENTNAME_COMPLETE.equals(task.getEventName()) && earlier.equals(actor))) {
        throw new FourEyesException(rule.refusal());
      }
    }

    // The assignee of the latest completed earlier task of this instance, read past the
    // current user's authorizations (an approver may not read history, yet is checked).
    private String completedBy(String processInstanceId) {
      CommandContext context = Context.getCommandContext();
      Command<List<HistoricTaskInstance>> query = ctx -> Context.getProcessEngineConfiguration().getHistoryService()
          .createHistoricTaskInstanceQuery()
          .processInstanceId(processInstanceId)
          .taskDefinitionKey(rule.earlierTask())
          .finished()
          .orderByHistoricTaskInstanceEndTime().desc()
          .listPage(0, 1);
      List<HistoricTaskInstance> latest = context.runWithoutAuthorization(query);
      return latest.isEmpty() ? null : latest.get(0).getAssignee();
    }
  }

  // The engine wraps what a task listener throws in an exception of its own, with an English
  // preamble; this hands the refusal itself to the caller, after the transaction rolled back.
  private static final class UnwrapRefusal extends CommandInterceptor {
    @Override
    public <T> T execute(Command<T> command) {
      try {
        return next.execute(command);
      } catch (ProcessEngineException e) {
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
          if (cause instanceof FourEyesException refusal) throw refusal;
        }
        throw e;
      }
    }
  }
}
