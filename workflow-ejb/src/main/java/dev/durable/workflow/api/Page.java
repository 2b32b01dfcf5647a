package dev.durable.workflow.api;

import java.io.Serializable;
import java.util.List;

/**
 * One page of a listing.
 *
 * @param data the items
 * @param cursor pass it back for the next page; {@code null} when there is none
 * @param hasMore whether another page follows
 */
public record Page<T>(List<T> data, String cursor, boolean hasMore) implements Serializable {
}
