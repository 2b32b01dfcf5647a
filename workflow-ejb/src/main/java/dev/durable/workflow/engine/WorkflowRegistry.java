package dev.durable.workflow.engine;

import dev.durable.workflow.api.UnknownWorkflowException;
import dev.durable.workflow.api.Workflow;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.spi.CreationalContext;
import jakarta.enterprise.inject.spi.Bean;
import jakarta.enterprise.inject.spi.BeanManager;
import jakarta.inject.Inject;
import java.util.Collection;
import java.util.function.Function;

/** The application's workflows by name, and instances of them for a delivery. */
@ApplicationScoped
public class WorkflowRegistry {

    @Inject
    WorkflowExtension extension;

    @Inject
    BeanManager beanManager;

    /** @throws UnknownWorkflowException if no workflow has this name */
    public WorkflowDefinition require(String name) {
        return registered(name).definition();
    }

    /** The definition of a workflow class. @throws UnknownWorkflowException if it is not registered */
    public WorkflowDefinition require(Class<?> workflowClass) {
        Workflow annotation = workflowClass.getAnnotation(Workflow.class);
        if (annotation == null) {
            throw new UnknownWorkflowException(workflowClass.getName());
        }
        WorkflowDefinition definition = WorkflowDefinition.of(workflowClass);
        WorkflowDefinition registered = require(definition.name());
        if (!registered.workflowClass().getName().equals(workflowClass.getName())) {
            throw new UnknownWorkflowException(workflowClass.getName());
        }
        return registered;
    }

    /** All registered workflows. */
    public Collection<WorkflowDefinition> all() {
        return extension.workflows().values().stream().map(WorkflowExtension.Registered::definition).toList();
    }

    /** Calls {@code work} with a new instance of the workflow, then destroys the instance. */
    public <R> R withInstance(String name, Function<Object, R> work) {
        @SuppressWarnings("unchecked")
        Bean<Object> bean = (Bean<Object>) registered(name).bean();
        CreationalContext<Object> cc = beanManager.createCreationalContext(bean);
        try {
            Object instance = beanManager.getReference(bean, bean.getBeanClass(), cc);
            return work.apply(instance);
        } finally {
            cc.release();
        }
    }

    /**
     * Calls {@code work} with the bean that has the step method and the method, then releases the bean.
     *
     * @throws IllegalStateException if no step has that name
     */
    public <R> R withStep(String stepName, java.util.function.BiFunction<Object, java.lang.reflect.Method, R> work) {
        WorkflowExtension.StepTarget target = extension.steps().get(stepName);
        if (target == null) {
            throw new IllegalStateException("No step named '" + stepName + "' is deployed");
        }
        @SuppressWarnings("unchecked")
        Bean<Object> bean = (Bean<Object>) target.bean();
        CreationalContext<Object> cc = beanManager.createCreationalContext(bean);
        try {
            return work.apply(beanManager.getReference(bean, bean.getBeanClass(), cc), target.method());
        } finally {
            cc.release();
        }
    }

    private WorkflowExtension.Registered registered(String name) {
        WorkflowExtension.Registered r = name == null ? null : extension.workflows().get(name);
        if (r == null) {
            throw new UnknownWorkflowException(name);
        }
        return r;
    }
}
