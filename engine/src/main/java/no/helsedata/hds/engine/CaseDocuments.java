package no.helsedata.hds.engine;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpSession;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.Set;
import java.util.UUID;
import org.operaton.bpm.engine.ProcessEngine;
import org.operaton.bpm.engine.identity.Group;
import org.operaton.bpm.webapp.impl.security.auth.Authentication;
import org.operaton.bpm.webapp.impl.security.auth.AuthenticationUtil;
import org.operaton.bpm.webapp.impl.security.auth.Authentications;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

// The case's documents for caseworkers and approvers, served from the engine's own origin, so
// that the link on a Tasklist form opens them with the Tasklist sign-in and no other: the
// Operaton webapp session names the user, and the identity service gives that user's groups
// as they are now. The documents live in the case file; the engine reads them from the case
// service's API (api/routes/letter/caseworker-documents.ts) with the service account, and
// passes the page or the PDF on unchanged. The paths mirror the API's, so the page's relative
// links lead back here.
@RestController
public class CaseDocuments {
  static final Set<String> READER_GROUPS = Set.of("saksbehandler", "beslutter");

  private final ProcessEngine engine;
  private final URI apiUrl;
  private final String serviceLogin;
  private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  public CaseDocuments(
      ProcessEngine engine,
      @Value("${hds.documents.api-url}") String apiUrl,
      @Value("${hds.documents.service-user}") String serviceUser,
      @Value("${hds.documents.service-password}") String servicePassword) {
    this.engine = engine;
    this.apiUrl = URI.create(apiUrl.replaceAll("/+$", "") + "/");
    this.serviceLogin = "Basic " + Base64.getEncoder().encodeToString((serviceUser + ":" + servicePassword).getBytes(StandardCharsets.UTF_8));
  }

  @GetMapping("/hds/caseworker/applications/{applicationId}/documents")
  public ResponseEntity<byte[]> list(@PathVariable UUID applicationId, HttpServletRequest request) {
    return forward(request, "caseworker/applications/" + applicationId + "/documents");
  }

  @GetMapping("/hds/caseworker/applications/{applicationId}/documents/{documentId}")
  public ResponseEntity<byte[]> document(@PathVariable UUID applicationId, @PathVariable UUID documentId, HttpServletRequest request) {
    return forward(request, "caseworker/applications/" + applicationId + "/documents/" + documentId);
  }

  private ResponseEntity<byte[]> forward(HttpServletRequest request, String path) {
    String user = signedInUser(request.getSession(false));
    if (user == null) return notice(HttpStatus.UNAUTHORIZED, "Logg inn i Tasklist først, og åpne dokumentene fra oppgaven på nytt.");
    if (!isReader(user)) return notice(HttpStatus.FORBIDDEN, "Bare saksbehandlere og besluttere kan se dokumentene i saken.");
    try {
      HttpResponse<byte[]> answer = http.send(
          HttpRequest.newBuilder(apiUrl.resolve(path)).header("Authorization", serviceLogin).timeout(Duration.ofSeconds(30)).GET().build(),
          HttpResponse.BodyHandlers.ofByteArray());
      if (answer.statusCode() == 404) return notice(HttpStatus.NOT_FOUND, "Saken eller dokumentet finnes ikke.");
      if (answer.statusCode() != 200) return notice(HttpStatus.BAD_GATEWAY, "Saksbehandlingstjenesten svarte ikke som ventet (" + answer.statusCode() + "). Prøv igjen om litt.");
      var response = ResponseEntity.ok().header("Cache-Control", "private, no-store");
      answer.headers().firstValue("Content-Type").ifPresent(type -> response.header("Content-Type", type));
      answer.headers().firstValue("Content-Disposition").ifPresent(disposition -> response.header("Content-Disposition", disposition));
      return response.body(answer.body());
    } catch (IOException e) {
      return notice(HttpStatus.BAD_GATEWAY, "Saksbehandlingstjenesten svarer ikke. Prøv igjen om litt.");
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return notice(HttpStatus.SERVICE_UNAVAILABLE, "Avbrutt. Prøv igjen.");
    }
  }

  // The user the webapps' session is signed in as on this engine, or null.
  private String signedInUser(HttpSession session) {
    if (session == null) return null;
    Authentications authentications = AuthenticationUtil.getAuthsFromSession(session);
    Authentication authentication = authentications == null ? null : authentications.getAuthenticationForProcessEngine(engine.getName());
    return authentication == null ? null : authentication.getIdentityId();
  }

  // Read now, not from the session: a user taken out of a group loses the documents at once.
  private boolean isReader(String user) {
    return engine.getIdentityService().createGroupQuery().groupMember(user).list().stream().map(Group::getId).anyMatch(READER_GROUPS::contains);
  }

  private static ResponseEntity<byte[]> notice(HttpStatus status, String text) {
    String page = "<!doctype html><html lang=\"nb\"><head><meta charset=\"utf-8\"><title>Dokumentene i saken</title></head>"
        + "<body style=\"font-family:sans-serif;margin:2rem\"><p>" + text + "</p></body></html>";
    return ResponseEntity.status(status).contentType(new MediaType(MediaType.TEXT_HTML, StandardCharsets.UTF_8)).body(page.getBytes(StandardCharsets.UTF_8));
  }
}
