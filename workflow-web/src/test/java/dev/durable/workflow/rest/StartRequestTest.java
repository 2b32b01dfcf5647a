package dev.durable.workflow.rest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.JsonValue;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class StartRequestTest {

    @Test
    void fullBody() {
        StartRequest r = StartRequest.parse("{\"workflowName\":\"userSignup\",\"args\":[\"a@b.c\",{\"n\":1},null],"
                + "\"deploymentId\":\"v2\",\"idempotencyKey\":\"order-42\"}");
        assertEquals("userSignup", r.workflowName());
        assertEquals(3, r.args().size());
        assertEquals("\"a@b.c\"", r.args().get(0).toString());
        assertEquals(JsonValue.ValueType.OBJECT, r.args().get(1).getValueType());
        assertEquals(JsonValue.NULL, r.args().get(2));
        assertEquals("v2", r.options().deploymentId());
        assertEquals("order-42", r.options().idempotencyKey());
    }

    @Test
    void onlyTheNameIsRequired() {
        StartRequest r = StartRequest.parse("{\"workflowName\":\"w\"}");
        assertEquals(0, r.args().size());
        assertNull(r.options().deploymentId());
        assertNull(r.options().idempotencyKey());

        StartRequest nulls = StartRequest.parse("{\"workflowName\":\"w\",\"args\":null,\"deploymentId\":null,\"extra\":1}");
        assertEquals(0, nulls.args().size());
        assertNull(nulls.options().deploymentId());
    }

    @Test
    void byteOrderMarkIsIgnored() {
        assertEquals("w", StartRequest.parse("\uFEFF{\"workflowName\":\"w\"}").workflowName());
    }

    @Test
    void malformedJson() {
        for (String body : new String[] {"{\"workflowName\":", "{oops}", "", "   ", "{\"workflowName\":\"w\"} trailing"}) {
            ProblemException e = assertThrows(ProblemException.class, () -> StartRequest.parse(body), body);
            assertEquals(400, e.problem().status(), body);
            assertEquals("urn:workflow:problem:malformed-json", e.problem().type(), body);
            assertTrue(e.problem().detail().startsWith("Malformed JSON: "), e.problem().detail());
        }
    }

    @Test
    void wrongShapesNameTheMember() {
        assertInvalid("[1,2]", "JSON object");
        assertInvalid("\"w\"", "JSON object");
        assertInvalid("{}", "workflowName is required");
        assertInvalid("{\"workflowName\":null}", "workflowName is required");
        assertInvalid("{\"workflowName\":7}", "workflowName must be a string");
        assertInvalid("{\"workflowName\":\"  \"}", "workflowName must not be empty");
        assertInvalid("{\"workflowName\":\"w\",\"args\":{}}", "args must be an array");
        assertInvalid("{\"workflowName\":\"w\",\"args\":\"x\"}", "args must be an array");
        assertInvalid("{\"workflowName\":\"w\",\"deploymentId\":1}", "deploymentId must be a string");
        assertInvalid("{\"workflowName\":\"w\",\"idempotencyKey\":true}", "idempotencyKey must be a string");
        assertInvalid("{\"workflowName\":\"" + "w".repeat(201) + "\"}", "at most 200 characters");
        assertInvalid("{\"workflowName\":\"a\\u0000b\"}", "control characters");
        assertInvalid("{\"workflowName\":\"w\",\"idempotencyKey\":\"k\\nk\"}", "idempotencyKey must not contain control");
        assertInvalid("{\"workflowName\":\"w\",\"deploymentId\":\"" + "d".repeat(201) + "\"}", "deploymentId must be 1 to 200");
        assertInvalid("{\"workflowName\":\"w\",\"idempotencyKey\":\"\"}", "idempotencyKey");
        assertInvalid("{\"workflowName\":\"w\",\"deploymentId\":\"" + "x".repeat(201) + "\"}", "deploymentId");
    }

    @Test
    void bodyMustBeUtf8() throws IOException {
        assertEquals("{\"workflowName\":\"é\"}", StartRequest.readBody(
                new ByteArrayInputStream("{\"workflowName\":\"é\"}".getBytes(StandardCharsets.UTF_8))));
        ProblemException e = assertThrows(ProblemException.class,
                () -> StartRequest.readBody(new ByteArrayInputStream(new byte[] {'"', (byte) 0xC3, '"'})));
        assertEquals("urn:workflow:problem:malformed-json", e.problem().type());
    }

    private static void assertInvalid(String body, String detailPart) {
        ProblemException e = assertThrows(ProblemException.class, () -> StartRequest.parse(body), body);
        assertEquals(400, e.problem().status(), body);
        assertEquals("urn:workflow:problem:invalid-request", e.problem().type(), body);
        assertTrue(e.problem().detail().contains(detailPart), e.problem().detail());
    }
}
