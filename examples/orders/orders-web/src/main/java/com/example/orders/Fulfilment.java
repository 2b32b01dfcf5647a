package com.example.orders;

/** What fulfilling an order produced: the stock reservation, the payment and the parcel's tracking number. */
public record Fulfilment(String orderId, String reservation, String payment, String tracking) {
}
