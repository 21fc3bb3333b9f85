package no.helsedata.hds.engine;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.operaton.bpm.engine.ProcessEngineException;
import org.operaton.bpm.engine.delegate.DelegateTask;
import org.operaton.bpm.engine.delegate.TaskListener;
import org.operaton.bpm.engine.history.HistoricDetail;
import org.operaton.bpm.engine.history.HistoricTaskInstance;
import org.operaton.bpm.engine.history.HistoricVariableUpdate;
import org.operaton.bpm.engine.impl.bpmn.behavior.UserTaskActivityBehavior;
import org.operaton.bpm.engine.impl.bpmn.parser.AbstractBpmnParseListener;
import org.operaton.bpm.engine.impl.bpmn.parser.BpmnParseListener;
import org.operaton.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.operaton.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.operaton.bpm.engine.impl.context.Context;
import org.operaton.bpm.engine.impl.interceptor.Command;
import org.operaton.bpm.engine.impl.interceptor.CommandInterceptor;
import org.operaton.bpm.engine.impl.pvm.process.ActivityImpl;
import org.operaton.bpm.engine.impl.pvm.process.ScopeImpl;
import org.operaton.bpm.engine.impl.util.xml.Element;
import org.springframework.stereotype.Component;

// Four eyes before the fact: whoever did the earlier step of a case can neither be given (claim,
// assign) nor complete the task that checks it. Who did it is read from the engine's history,
// which no user can edit, never from a variable as it stands now:
// - a decision's assessor is the assignee of the completed legal assessment (for a request for
//   anonymised statistics, of the completed assessment of the request);
// - a revocation's requester is the value the case service gave `revocationRequestedBy` when it
//   asked for the revocation, as history recorded it up to the task's creation (a value
//   submitted later, e.g. with the task's completion, does not count).
// The workers that record the outcome (workers/case/record-decision.ts,
// workers/permit/record-revocation-decision.ts) check the same again after the fact against the
// case file.
@Component
public class FourEyes extends AbstractProcessEnginePlugin {
  // Who did the earlier step of the task's process instance, or null if nobody yet.
  interface EarlierActor {
    String of(DelegateTask task);
  }

  // The guarded user task, by its id in the models, who may not take it, and what that person
  // is told.
  record Rule(EarlierActor earlier, String refusal) {}

  static final Map<String, Rule> RULES = Map.of(
      "make-decision", new Rule(assigneeOfCompleted("legal-assessment"),
          "Du vurderte saken selv og kan ikke fatte vedtaket (fire øyne-prinsippet). En annen beslutter må ta oppgaven."),
      "decide-statistics-request", new Rule(assigneeOfCompleted("assess-statistics-request"),
          "Du vurderte forespørselen selv og kan ikke avgjøre den (fire øyne-prinsippet). En annen beslutter må ta oppgaven."),
      "decide-revocation", new Rule(setBeforeTaskCreated("revocationRequestedBy"),
          "Du ba selv om tilbakekallet og kan ikke avgjøre det (fire øyne-prinsippet). En annen beslutter må ta oppgaven."));

  // Both read past the current user's authorizations: an approver may not read history, yet is
  // checked.
  static EarlierActor assigneeOfCompleted(String taskKey) {
    return task -> {
      Command<List<HistoricTaskInstance>> query = ctx -> Context.getProcessEngineConfiguration().getHistoryService()
          .createHistoricTaskInstanceQuery()
          .processInstanceId(task.getProcessInstanceId())
          .taskDefinitionKey(taskKey)
          .finished()
          .orderByHistoricTaskInstanceEndTime().desc()
          .listPage(0, 1);
      List<HistoricTaskInstance> latest = Context.getCommandContext().runWithoutAuthorization(query);
      return latest.isEmpty() ? null : latest.get(0).getAssignee();
    };
  }

  static EarlierActor setBeforeTaskCreated(String variableName) {
    return task -> {
      Command<List<HistoricDetail>> query = ctx -> Context.getProcessEngineConfiguration().getHistoryService()
          .createHistoricDetailQuery()
          .processInstanceId(task.getProcessInstanceId())
          .variableUpdates()
          .variableNameLike(variableName)
          .occurredBefore(task.getCreateTime())
          .orderPartiallyByOccurrence().desc()
          .list();
      List<HistoricDetail> updates = Context.getCommandContext().runWithoutAuthorization(query);
      return updates.stream()
          .map(HistoricVariableUpdate.class::cast)
          .filter(update -> variableName.equals(update.getVariableName()))
          .map(update -> update.getValue() instanceof String value ? value : null)
          .findFirst().orElse(null);
    };
  }

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
      String earlier = rule.earlier().of(task);
      if (earlier == null) return;
      // On completion the one completing may not be the assignee (the REST API lets a user
      // with the right complete an unclaimed task): both count.
      var authentication = task.getProcessEngineServices().getIdentityService().getCurrentAuthentication();
      String actor = authentication == null ? null : authentication.getUserId();
      if (earlier.equals(task.getAssignee()) || (TaskListener.EVENTNAME_COMPLETE.equals(task.getEventName()) && earlier.equals(actor))) {
        throw new FourEyesException(rule.refusal());
      }
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
