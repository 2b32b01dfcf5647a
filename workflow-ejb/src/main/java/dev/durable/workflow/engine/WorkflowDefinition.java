package dev.durable.workflow.engine;

import dev.durable.workflow.api.Workflow;
import dev.durable.workflow.api.WorkflowMethod;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.Parameter;
import java.lang.reflect.Type;
import java.util.Arrays;
import java.util.List;

/** A workflow class and its workflow method, read once from the class. */
public record WorkflowDefinition(String name, Class<?> workflowClass, Method method,
                                 Type[] parameterTypes, String[] parameterNames, Type returnType) {

    /**
     * Reads the definition of a {@link Workflow} class.
     *
     * @throws IllegalArgumentException if the class has no single workflow method
     */
    public static WorkflowDefinition of(Class<?> type) {
        Workflow annotation = type.getAnnotation(Workflow.class);
        if (annotation == null) {
            throw new IllegalArgumentException(type.getName() + " is not annotated @Workflow");
        }
        Method method = workflowMethod(type);
        method.setAccessible(true);
        String name = annotation.value().isEmpty() ? defaultName(type) : annotation.value();
        Parameter[] params = method.getParameters();
        return new WorkflowDefinition(name, type, method, method.getGenericParameterTypes(),
                Arrays.stream(params).map(Parameter::getName).toArray(String[]::new), method.getGenericReturnType());
    }

    /** The parameter types as Java type names. */
    public List<String> parameterTypeNames() {
        return Arrays.stream(parameterTypes).map(Type::getTypeName).toList();
    }

    /** Why CDI makes no bean of a class annotated {@code @Workflow}, in words that say what to change. */
    public static String notABean(Class<?> type) {
        String why;
        if (type.isInterface() || Modifier.isAbstract(type.getModifiers())) {
            why = "it is abstract; a workflow is a concrete class";
        } else if (type.getEnclosingClass() != null && !Modifier.isStatic(type.getModifiers())) {
            why = "it is an inner class; make it static or a top-level class";
        } else if (Arrays.stream(type.getDeclaredConstructors()).noneMatch(c -> c.getParameterCount() == 0
                || c.isAnnotationPresent(jakarta.inject.Inject.class))) {
            why = "it has no constructor CDI can call; add one without parameters or annotate one @Inject";
        } else {
            why = "CDI made no bean of it (is it vetoed, or a bean of another kind such as an EJB?)";
        }
        return "Workflow " + type.getName() + " cannot be used: " + why;
    }

    private static Method workflowMethod(Class<?> type) {
        List<Method> candidates = Arrays.stream(type.getDeclaredMethods())
                .filter(m -> m.isAnnotationPresent(WorkflowMethod.class)).toList();
        if (candidates.isEmpty()) {
            candidates = Arrays.stream(type.getDeclaredMethods())
                    .filter(m -> Modifier.isPublic(m.getModifiers()) && !Modifier.isStatic(m.getModifiers())
                            && !m.isSynthetic() && !m.isBridge())
                    .toList();
        }
        if (candidates.size() != 1) {
            throw new IllegalArgumentException("Workflow " + type.getName()
                    + " must have exactly one public method, or one annotated @WorkflowMethod; found " + candidates.size());
        }
        return candidates.get(0);
    }

    private static String defaultName(Class<?> type) {
        String simple = type.getSimpleName();
        return Character.toLowerCase(simple.charAt(0)) + simple.substring(1);
    }
}
