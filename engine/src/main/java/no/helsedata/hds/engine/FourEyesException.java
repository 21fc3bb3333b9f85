package no.helsedata.hds.engine;

import org.operaton.bpm.engine.AuthorizationException;

// A refusal by the four-eyes rule. An authorization failure to the REST API (403), so the
// caller, and Tasklist's notice, get this message as it is, in the caseworker's language.
public class FourEyesException extends AuthorizationException {
  public FourEyesException(String message) {
    super(message);
  }
}
