package no.helsedata.hds.engine;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.operaton.bpm.engine.AuthorizationService;
import org.operaton.bpm.engine.FilterService;
import org.operaton.bpm.engine.IdentityService;
import org.operaton.bpm.engine.ProcessEngine;
import org.operaton.bpm.engine.authorization.Authorization;
import org.operaton.bpm.engine.authorization.Resource;
import org.operaton.bpm.engine.authorization.Resources;
import org.operaton.bpm.engine.filter.Filter;
import org.operaton.bpm.engine.impl.util.ResourceTypeUtil;
import org.operaton.bpm.engine.task.TaskQuery;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

// Brings groups, authorizations, Tasklist filters and local users in line with the
// configuration at every start. For groups, grants and users it only adds: it never removes a
// grant or a user that an administrator made in Admin. The filters are the configuration's own:
// each one it makes carries a mark, and a marked filter no longer configured is removed, so a
// renamed or dropped filter leaves no stale list behind; filters people made in Tasklist carry
// no mark and stay. Several nodes may run it; what another node made first is kept.
@Component
public class AccessSetup {
  private static final Logger log = LoggerFactory.getLogger(AccessSetup.class);
  // The property that marks a filter as made from the configuration.
  static final String CONFIGURED_BY = "configuredBy";
  static final String CONFIGURATION = "hds.access";

  private final AccessProperties access;
  private final ProcessEngine engine;

  public AccessSetup(AccessProperties access, ProcessEngine engine) {
    this.access = access;
    this.engine = engine;
  }

  @EventListener(ApplicationReadyEvent.class)
  public void onEngineStarted() {
    access.groups().forEach(group -> ensureGroup(engine, group));
    access.localUsers().forEach(user -> ensureUser(engine.getIdentityService(), user));
    access.filters().forEach(filter -> ensureFilter(engine, filter));
    removeUnconfiguredFilters(engine.getFilterService());
    log.info("Access set up: {} groups, {} filters, {} local users", access.groups().size(), access.filters().size(), access.localUsers().size());
  }

  private void ensureGroup(ProcessEngine engine, AccessProperties.Group spec) {
    IdentityService identity = engine.getIdentityService();
    if (identity.createGroupQuery().groupId(spec.id()).singleResult() == null) {
      org.operaton.bpm.engine.identity.Group group = identity.newGroup(spec.id());
      group.setName(spec.name());
      group.setType("WORKFLOW");
      identity.saveGroup(group);
    }
    for (AccessProperties.Grant grant : spec.grants()) {
      Resource resource = Resources.valueOf(grant.resource());
      grantToGroup(engine.getAuthorizationService(), spec.id(), resource, grant.resourceId(), grant.permissions());
    }
  }

  private void grantToGroup(AuthorizationService authorizations, String groupId, Resource resource, String resourceId, List<String> permissions) {
    Authorization existing = authorizations.createAuthorizationQuery()
        .groupIdIn(groupId)
        .resourceType(resource)
        .resourceId(resourceId)
        .authorizationType(Authorization.AUTH_TYPE_GRANT)
        .singleResult();
    Authorization authorization = existing != null ? existing : authorizations.createNewAuthorization(Authorization.AUTH_TYPE_GRANT);
    authorization.setGroupId(groupId);
    authorization.setResource(resource);
    authorization.setResourceId(resourceId);
    for (String name : permissions) {
      authorization.addPermission(ResourceTypeUtil.getPermissionByNameAndResourceType(name, resource.resourceType()));
    }
    authorizations.saveAuthorization(authorization);
  }

  private void ensureUser(IdentityService identity, AccessProperties.User spec) {
    if (identity.createUserQuery().userId(spec.id()).singleResult() == null) {
      org.operaton.bpm.engine.identity.User user = identity.newUser(spec.id());
      user.setFirstName(spec.firstName());
      user.setLastName(spec.lastName());
      user.setEmail(spec.email());
      user.setPassword(spec.password());
      identity.saveUser(user);
      log.warn("Created local user {}: for development and tests only", spec.id());
    }
    for (String groupId : spec.groups()) {
      if (identity.createUserQuery().userId(spec.id()).memberOfGroup(groupId).count() == 0) {
        identity.createMembership(spec.id(), groupId);
      }
    }
  }

  // Found by name: a changed filter in the configuration updates the one Tasklist shows.
  private void ensureFilter(ProcessEngine engine, AccessProperties.Filter spec) {
    FilterService filters = engine.getFilterService();
    Filter filter = filters.createTaskFilterQuery().filterName(spec.name()).singleResult();
    if (filter == null) filter = filters.newTaskFilter(spec.name());
    TaskQuery query = engine.getTaskService().createTaskQuery();
    if (spec.candidateGroup() != null) query.taskCandidateGroup(spec.candidateGroup()).includeAssignedTasks();
    if (!spec.taskKeys().isEmpty()) query.taskDefinitionKeyIn(spec.taskKeys().toArray(String[]::new));
    spec.processVariables().forEach(variable -> query.processVariableValueEquals(variable.name(), variable.typedValue()));
    if (spec.assignedToMe()) query.taskAssigneeExpression("${currentUser()}");
    // No order of its own: the engine puts a filter's order before the one Tasklist asks for,
    // so the user's choice in the list header would change nothing. Tasklist asks for the
    // statutory deadline, earliest first, unless the user chose otherwise (deadline-sorting.js).
    filter.setQuery(query);
    Map<String, Object> properties = new LinkedHashMap<>();
    properties.put(CONFIGURED_BY, CONFIGURATION);
    properties.put("description", spec.description());
    properties.put("priority", spec.priority());
    properties.put("refresh", true);
    properties.put("showUndefinedVariable", false);
    properties.put("variables", spec.variables().stream().map(v -> Map.of("name", v.name(), "label", v.label())).toList());
    filter.setProperties(properties);
    filters.saveFilter(filter);
    for (String reader : spec.readers()) {
      grantToGroup(engine.getAuthorizationService(), reader, Resources.FILTER, filter.getId(), List.of("READ"));
    }
  }

  private void removeUnconfiguredFilters(FilterService filters) {
    Set<String> configured = access.filters().stream().map(AccessProperties.Filter::name).collect(Collectors.toSet());
    for (Filter filter : filters.createTaskFilterQuery().list()) {
      boolean ours = CONFIGURATION.equals(filter.getProperties() == null ? null : filter.getProperties().get(CONFIGURED_BY));
      if (ours && !configured.contains(filter.getName())) {
        filters.deleteFilter(filter.getId());
        log.info("Removed the Tasklist filter {}: no longer configured", filter.getName());
      }
    }
  }
}
