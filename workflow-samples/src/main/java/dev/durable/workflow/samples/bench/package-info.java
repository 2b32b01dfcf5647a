/**
 * The benchmark's workloads (see workflow-bench): {@code noop} and {@code seq10}, {@code seq100},
 * {@code seq1000}, sequential workflows whose steps do no I/O, and {@code fanout100}, 100 parallel steps:
 * what is measured is the engine.
 */
package dev.durable.workflow.samples.bench;
