/**
 * Sample workflows, deployed with the engine and used by the README's walk-through: {@code userSignup},
 * {@code addTen}, {@code failing}, {@code retryCounter}, {@code fatalError}, {@code sleeping},
 * {@code parentChild} and {@code parallelSum}.
 */
package dev.durable.workflow.samples;
