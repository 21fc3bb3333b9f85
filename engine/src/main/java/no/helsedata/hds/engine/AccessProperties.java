package no.helsedata.hds.engine;

import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;

// Who may do what in the engine, as configuration (application.yml): the groups and their
// authorizations, the Tasklist filters, and (development and tests only) local users.
@ConfigurationProperties("hds.access")
public record AccessProperties(List<Group> groups, List<Filter> filters, List<User> localUsers) {
  public AccessProperties {
    groups = groups == null ? List.of() : groups;
    filters = filters == null ? List.of() : filters;
    localUsers = localUsers == null ? List.of() : localUsers;
  }

  // A grant of permissions on a resource type (Resources, e.g. PROCESS_DEFINITION) and id ("*": all).
  public record Grant(String resource, String resourceId, List<String> permissions) {}

  public record Group(String id, String name, List<Grant> grants) {
    public Group {
      grants = grants == null ? List.of() : grants;
    }
  }

  public record User(String id, String password, String firstName, String lastName, String email, List<String> groups) {
    public User {
      groups = groups == null ? List.of() : groups;
    }
  }

  public record Variable(String name, String label) {}

  // A process variable a filter's tasks must have with this value: "true" and "false" are
  // compared as booleans (the case service sets flags such as deadlineAtRisk as Boolean),
  // anything else as a string.
  public record ProcessVariable(String name, String value) {
    Object typedValue() {
      return "true".equals(value) || "false".equals(value) ? Boolean.valueOf(value) : value;
    }
  }

  // A Tasklist filter: tasks of a candidate group (or the signed-in user's own), of the user
  // tasks named by their ids in the models (task-keys; none: any), of the instances whose
  // process variables have the values named (process-variables; none: any), soonest due date
  // first, readable by the groups named, showing these variables on each task.
  public record Filter(String name, String description, String candidateGroup, List<String> taskKeys, List<ProcessVariable> processVariables, boolean assignedToMe, int priority, List<String> readers, List<Variable> variables) {
    public Filter {
      taskKeys = taskKeys == null ? List.of() : taskKeys;
      processVariables = processVariables == null ? List.of() : processVariables;
      readers = readers == null ? List.of() : readers;
      variables = variables == null ? List.of() : variables;
    }
  }
}
