/**
 * The engine's side of the public API: implemented by the engine, not by applications.
 */
package dev.durable.workflow.api.spi;
