/**
 * Sample workflows, deployed with the engine and used by the README's walk-through: {@code userSignup},
 * {@code addTen} and {@code failing}.
 */
package dev.durable.workflow.samples;
