/**
 * Sample workflows, deployed with the engine and used by the README's walk-through: {@code userSignup},
 * {@code addTen}, {@code failing}, {@code retryCounter}, {@code fatalError}, {@code sleeping} and
 * {@code parentChild}.
 */
package dev.durable.workflow.samples;
