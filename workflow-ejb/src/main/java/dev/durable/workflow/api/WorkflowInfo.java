package dev.durable.workflow.api;

import java.io.Serializable;
import java.util.List;

/**
 * A registered workflow.
 *
 * @param name its registered name
 * @param className the workflow class
 * @param parameterTypes the workflow method's parameter types, as Java type names
 * @param returnType the workflow method's return type
 */
public record WorkflowInfo(String name, String className, List<String> parameterTypes, String returnType)
        implements Serializable {
}
