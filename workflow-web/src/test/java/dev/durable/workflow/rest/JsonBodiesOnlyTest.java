package dev.durable.workflow.rest;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.ws.rs.core.MediaType;
import org.junit.jupiter.api.Test;

class JsonBodiesOnlyTest {

    @Test
    void jsonAndJsonSuffixesAreJson() {
        assertTrue(JsonBodiesOnly.isJson(new MediaType("application", "json")));
        assertTrue(JsonBodiesOnly.isJson(new MediaType("application", "json", "utf-8")));
        assertTrue(JsonBodiesOnly.isJson(new MediaType("application", "merge-patch+json")));
    }

    @Test
    void formsTextWildcardsAndNothingAreNot() {
        assertFalse(JsonBodiesOnly.isJson(null));
        assertFalse(JsonBodiesOnly.isJson(new MediaType("application", "x-www-form-urlencoded")));
        assertFalse(JsonBodiesOnly.isJson(new MediaType("multipart", "form-data")));
        assertFalse(JsonBodiesOnly.isJson(new MediaType("text", "plain")));
        assertFalse(JsonBodiesOnly.isJson(new MediaType("*", "*")));
        assertFalse(JsonBodiesOnly.isJson(new MediaType("application", "*")));
    }
}
