package dev.durable.workflow.rest;

import jakarta.ws.rs.ApplicationPath;
import jakarta.ws.rs.core.Application;

/**
 * The REST API, at {@code /workflow/api} (the WAR's context root is {@code /workflow}). No classes are
 * listed: the resources and providers of this package are found by scanning.
 */
@ApplicationPath("/api")
public class RestApplication extends Application {
}
