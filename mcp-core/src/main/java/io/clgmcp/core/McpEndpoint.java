package io.clgmcp.core;

import com.google.inject.BindingAnnotation;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks the Guice map of MCP endpoints, from servlet path to the servlet that serves it, to which
 * every HTTP transport adds its own. The application mounts each one behind authentication and
 * CORS. Core names the binding without knowing the servlet type.
 *
 * <pre>{@code
 * MapBinder.newMapBinder(binder(), String.class, HttpServlet.class, McpEndpoint.class)
 *         .addBinding("/rpc").to(JsonRpcServlet.class);
 * }</pre>
 */
@BindingAnnotation
@Target({ElementType.FIELD, ElementType.PARAMETER, ElementType.METHOD})
@Retention(RetentionPolicy.RUNTIME)
public @interface McpEndpoint {}
