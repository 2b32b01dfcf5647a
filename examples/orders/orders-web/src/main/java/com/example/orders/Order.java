package com.example.orders;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.Positive;
import java.util.List;

/** An order as placed: who buys what, and where it goes. */
public record Order(@NotBlank String orderId, @NotBlank String customer, @NotEmpty List<@Valid Line> lines,
                    @NotBlank String address) {

    /** One line of an order. */
    public record Line(@NotBlank String sku, @Positive int quantity, @Positive long priceCents) {
    }

    /** What the order costs, in cents. */
    public long totalCents() {
        return lines.stream().mapToLong(l -> l.quantity() * l.priceCents()).sum();
    }
}
