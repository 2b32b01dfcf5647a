package com.example.orders;

import jakarta.ws.rs.ApplicationPath;
import jakarta.ws.rs.core.Application;

/** The orders API, under {@code /orders/api}. */
@ApplicationPath("/api")
public class OrdersApplication extends Application {
}
